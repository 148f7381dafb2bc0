import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { parseDestinationLocation } from '../../shared/location.js';
import type { LoadInput } from '../core/archive/index.js';
import { BerthError } from '../core/errors.js';
import type { Run } from './commands-registry.js';
import type { GlobalOptions } from './context.js';
import { formatBytes, printJson, printLine } from './output.js';
import { runJobInTerminal } from './progress.js';
import { checkReference } from './validate.js';

interface LoadOptions extends GlobalOptions {
  jobs?: string;
}

function concurrency(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number.parseInt(value, 10);
  if (!Number.isInteger(n) || n < 1 || n > 32 || String(n) !== value.trim())
    throw new BerthError('INVALID_INPUT', `--jobs takes a number from 1 to 32, not "${value}"`, {
      hint: 'For example: --jobs 4',
    });
  return n;
}

export function registerLoadCommand(program: Command, run: Run): void {
  program
    .command('load')
    .description(
      'push the images of an archive (docker save, OCI archive or OCI layout folder) to a repository',
    )
    .argument(
      '<file>',
      'a tar from docker save, podman save or skopeo (oci-archive), gzip-compressed or not (.tar.gz), or an OCI layout folder',
    )
    .argument(
      '<destination>',
      'HOST/REPO (each image keeps its own tag) or HOST/REPO:TAG (an archive of one image)',
    )
    .option('--jobs <n>', 'blobs pushed at once (default 4)')
    .option('--username <user>', 'credentials for this call')
    .option('--password-stdin', 'read the password from standard input')
    .option('--json', 'print a machine-readable summary at the end')
    .action(async (file: string, destination: string, options: LoadOptions) =>
      run(
        async (ctx) => {
          const input: LoadInput = {
            path: path.resolve(file),
            destination: parseDestinationLocation(destination),
            concurrency: concurrency(options.jobs),
          };
          const summary = await runJobInTerminal(
            ctx.jobs,
            'load',
            input,
            `load ${path.basename(file)}`,
            options.json === true,
          );
          if (options.json) return printJson(summary);
          // The words berth save uses for what it writes: an OCI archive is a tar, a layout folder is not.
          const isFolder = await stat(input.path).then(
            (found) => found.isDirectory(),
            () => false,
          );
          const kind =
            summary.format === 'docker' ? 'Docker archive' : isFolder ? 'OCI layout folder' : 'OCI archive';
          printLine(`Loaded ${summary.file} (${kind}) → ${summary.destination}`);
          for (const image of summary.images)
            printLine(`  ${image.tags.length ? image.tags.join(', ') : '(no tag)'}  ${image.digest}`);
          printLine(
            summary.note
              ? `Note: ${summary.note}${summary.digestsKept ? ' (the manifests the archive holds went up as they are)' : ''}.`
              : 'Digests kept: every manifest and blob went up byte for byte.',
          );
          const b = summary.blobs;
          printLine(
            `Blobs: ${b.transferred} pushed (${formatBytes(summary.bytesTransferred)}), ${b.mounted} mounted, ${b.skipped} already there; ${summary.seconds.toFixed(2)} s`,
          );
        },
        options,
        () => {
          checkReference(destination, 'the destination');
          concurrency(options.jobs);
        },
      ),
    );
}
