import type { Command } from 'commander';
import {
  parseDestinationLocation,
  parseImageLocation,
  parseRepositoryLocation,
} from '../../shared/location.js';
import { BerthError } from '../core/registry/index.js';
import type { ReferrersCopied } from '../../shared/jobs.js';
import { describeReferrerKinds } from '../../shared/manifest.js';
import type { CopyInput, SyncInput } from '../core/copy/index.js';
import type { Run } from './commands-registry.js';
import type { GlobalOptions } from './context.js';
import { checkPlatform, checkReference, checkRepository } from './validate.js';
import { formatBytes, printJson, printLine } from './output.js';
import { runJobInTerminal } from './progress.js';

interface CopyOptions extends GlobalOptions {
  platform?: string[];
  jobs?: string;
  tags?: string;
  referrers?: boolean;
}

/** `--platform linux/amd64,linux/arm64` or the option repeated; each is checked before any request. */
function collectPlatform(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').map((p) => p.trim())];
}

function concurrency(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number.parseInt(value, 10);
  if (!Number.isInteger(n) || n < 1 || n > 32)
    throw new BerthError('INVALID_INPUT', `--jobs takes a number from 1 to 32, not "${value}"`, {
      hint: 'For example: --jobs 4',
    });
  return n;
}

/** Options cp and sync share. */
function transferOptions(command: Command): Command {
  return command
    .option('--jobs <n>', 'blobs moved at once (default 4)')
    .option(
      '--referrers',
      'also copy signatures, SBOMs and attestations that refer to the image (recursively)',
    )
    .option('--username <user>', 'credentials for this call (both registries)')
    .option('--password-stdin', 'read the password from standard input')
    .option('--json', 'print a machine-readable summary at the end');
}

export function registerCopyCommands(program: Command, run: Run): void {
  transferOptions(program.command('cp'))
    .description('copy an image (or a multi-platform index) to another repository or registry')
    .argument('<source>', 'image reference, e.g. 127.0.0.1:5000/team/app:1')
    .argument('<destination>', 'image reference; the tag defaults to the source tag')
    .option('--platform <os/arch>', 'copy only this platform of an index (repeatable)', collectPlatform)
    .action(async (source: string, destination: string, options: CopyOptions) =>
      run(
        async (ctx) => {
          const input: CopyInput = {
            source: parseImageLocation(source),
            destination: parseDestinationLocation(destination),
            platforms: options.platform,
            concurrency: concurrency(options.jobs),
            ...(options.referrers ? { referrers: true } : {}),
          };
          const summary = await runJobInTerminal(
            ctx.jobs,
            'copy',
            input,
            `copy ${source}`,
            options.json === true,
          );
          if (options.json) return printJson(summary);
          if (summary.unchanged && !summary.referrers?.copied) {
            printLine(`${summary.destination} is already ${summary.digest}: nothing to copy.`);
            if (summary.referrers) printLine(referrersLine(summary.referrers));
            return;
          }
          printLine(`Copied ${summary.source} → ${summary.destination}`);
          printLine(
            `Digest: ${summary.digest}${summary.newIndex ? ` (a new index with ${summary.platforms.join(', ')}; the source index is ${summary.sourceDigest})` : ''}`,
          );
          const b = summary.blobs;
          printLine(
            `Blobs: ${b.transferred} transferred (${formatBytes(summary.bytesTransferred)}), ${b.mounted} mounted, ${b.skipped} already there${b.foreign ? `, ${b.foreign} foreign left in place` : ''}; ${summary.seconds.toFixed(2)} s`,
          );
          if (summary.referrers) printLine(referrersLine(summary.referrers));
        },
        options,
        () => {
          checkReference(source, 'the source');
          checkReference(destination, 'the destination');
          options.platform?.forEach((platform) => checkPlatform(platform));
          concurrency(options.jobs);
        },
      ),
    );

  transferOptions(program.command('sync'))
    .description('copy many tags of a repository in one job (identical tags are skipped)')
    .argument('<source>', 'HOST/REPO')
    .argument('<destination>', 'HOST/REPO')
    .option('--tags <pattern>', 'only tags matching PATTERN (* and ? wildcards, else a substring)')
    .option('--platform <os/arch>', 'copy only this platform of each index (repeatable)', collectPlatform)
    .action(async (source: string, destination: string, options: CopyOptions) =>
      run(
        async (ctx) => {
          const input: SyncInput = {
            source: parseRepositoryLocation(source),
            destination: parseRepositoryLocation(destination),
            tags: options.tags,
            platforms: options.platform,
            concurrency: concurrency(options.jobs),
            ...(options.referrers ? { referrers: true } : {}),
          };
          const summary = await runJobInTerminal(
            ctx.jobs,
            'sync',
            input,
            `sync ${source}`,
            options.json === true,
          );
          if (options.json) return printJson(summary);
          printLine(
            `Synced ${summary.source} → ${summary.destination}: ${countOf(summary.tags.copied.length, 'tag')} copied, ${summary.tags.unchanged.length} already identical`,
          );
          printLine(
            `Blobs: ${summary.blobs.transferred} transferred (${formatBytes(summary.bytesTransferred)}), ${summary.blobs.mounted} mounted, ${summary.blobs.skipped} already there; ${summary.seconds.toFixed(2)} s`,
          );
          if (summary.referrers) printLine(referrersLine(summary.referrers));
        },
        options,
        () => {
          checkRepository(source, 'the source');
          checkRepository(destination, 'the destination');
          options.platform?.forEach((platform) => checkPlatform(platform));
          concurrency(options.jobs);
        },
      ),
    );
}

/** `1 tag`, `2 tags`. */
function countOf(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * `Referrers: 3 (2 signatures, 1 SBOM; 4.1 KiB): 3 copied, 0 already there; kept in the sha256-… tag index`.
 */
export function referrersLine(referrers: ReferrersCopied): string {
  if (!referrers.count) return 'Referrers: none found';
  const named = describeReferrerKinds(referrers.kinds);
  const index =
    referrers.destinationIndex === 'api'
      ? "the destination's referrers API lists them"
      : 'listed in the sha256-<digest> tag index';
  return `Referrers: ${referrers.count} (${named}; ${formatBytes(referrers.bytes)}): ${referrers.copied} copied, ${referrers.skipped} already there; ${index}`;
}
