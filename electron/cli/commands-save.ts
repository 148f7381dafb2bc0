import path from 'node:path';
import type { Command } from 'commander';
import { parseImageLocation } from '../../shared/location.js';
import type { SaveInput } from '../core/archive/index.js';
import { BerthError } from '../core/errors.js';
import type { Run } from './commands-registry.js';
import type { GlobalOptions } from './context.js';
import { formatBytes, printJson, printLine } from './output.js';
import { runJobInTerminal } from './progress.js';
import { checkPlatform, checkReference } from './validate.js';

interface SaveOptions extends GlobalOptions {
  output?: string;
  format?: string;
  platform?: string[];
  force?: boolean;
}

const FORMATS = ['docker', 'oci', 'oci-dir'] as const;

function checkFormat(value: string | undefined): SaveInput['format'] {
  const format = value ?? 'docker';
  if (!(FORMATS as readonly string[]).includes(format))
    throw new BerthError('INVALID_INPUT', `--format takes docker, oci or oci-dir, not "${format}"`, {
      hint: 'docker: for docker load and podman load (one platform); oci: a tar that keeps every digest; oci-dir: the same as a folder.',
    });
  return format as SaveInput['format'];
}

function checkOutputOption(value: string | undefined): string {
  if (!value?.trim())
    throw new BerthError('INVALID_INPUT', 'name the file to write with -o FILE', {
      hint: 'For example: berth save 127.0.0.1:5000/team/app:1 -o app.tar',
    });
  if (value.includes('\0'))
    throw new BerthError('INVALID_INPUT', 'the output path has a NUL character', {
      hint: 'Name an ordinary file.',
    });
  return path.resolve(value);
}

export function registerSaveCommand(program: Command, run: Run): void {
  program
    .command('save')
    .description('save images from registries to a Docker archive or an OCI image layout')
    .argument('<images...>', 'image references (tags or digests), e.g. 127.0.0.1:5000/team/app:1')
    .option('-o, --output <file>', 'the file to write (a folder for --format oci-dir)')
    .option(
      '--format <format>',
      'docker (docker load, podman load), oci (a tar keeping every digest) or oci-dir',
      'docker',
    )
    .option(
      '--platform <os/arch>',
      'docker: the platform an index becomes (default linux/amd64); oci: platforms to keep (repeatable)',
      (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((p) => p.trim())],
    )
    .option('--force', 'replace the file if it exists')
    .option('--username <user>', 'credentials for this call')
    .option('--password-stdin', 'read the password from standard input')
    .option('--json', 'print a machine-readable summary at the end')
    .action(async (images: string[], options: SaveOptions) =>
      run(
        async (ctx) => {
          const input: SaveInput = {
            images: images.map(parseImageLocation),
            output: checkOutputOption(options.output),
            format: checkFormat(options.format),
            platforms: options.platform,
            force: options.force === true,
          };
          const title = `save ${images.length === 1 ? images[0] : `${images.length} images`}`;
          const summary = await runJobInTerminal(ctx.jobs, 'save', input, title, options.json === true);
          if (options.json) return printJson(summary);
          const kind = { docker: 'Docker archive', oci: 'OCI archive', 'oci-dir': 'OCI layout folder' }[
            summary.format
          ];
          printLine(
            `Saved ${summary.images.length === 1 ? '1 image' : `${summary.images.length} images`} to ${summary.output} (${kind}, ${formatBytes(summary.fileBytes)})`,
          );
          for (const image of summary.images)
            printLine(
              `  ${image.name ?? image.source}  ${image.digest}${image.platforms.length ? `  ${image.platforms.join(', ')}` : ''}`,
            );
          // The save dialog says this before a save starts; the command says it in its summary, where
          // the one digest shown is the platform's, not the index's the user named.
          if (summary.format === 'docker')
            for (const image of summary.images.filter((saved) => saved.sourceDigest !== saved.digest))
              printLine(
                `Note: ${image.source} is a multi-platform index (${image.sourceDigest}); the archive holds its ${image.platforms.join(', ')} image only. --format oci keeps every platform and digest.`,
              );
          if (summary.format === 'docker')
            for (const image of summary.images.filter((saved) => saved.name === undefined))
              printLine(
                `Note: ${image.source} is saved by digest, so the archive names no tag for it: docker load and podman load leave it unnamed (save it by tag, or docker tag it after loading).`,
              );
          const dockerTyped = summary.images.filter((image) =>
            image.mediaType.startsWith('application/vnd.docker.'),
          );
          if (summary.format !== 'docker' && dockerTyped.length)
            printLine(
              `Note: ${dockerTyped.length === 1 ? '1 image keeps' : `${dockerTyped.length} images keep`} Docker's media types, byte for byte; skopeo 1.9 reads only OCI-typed images from a layout.`,
            );
          printLine(
            `Blobs: ${summary.blobs} written (${formatBytes(summary.bytesWritten)})${summary.foreign ? `, ${summary.foreign} foreign left where they live` : ''}; ${summary.seconds.toFixed(2)} s`,
          );
        },
        options,
        () => {
          images.forEach((image) => checkReference(image, 'the image'));
          checkOutputOption(options.output);
          const format = checkFormat(options.format);
          options.platform?.forEach((platform) => checkPlatform(platform));
          if (format === 'docker' && (options.platform?.length ?? 0) > 1)
            throw new BerthError('INVALID_INPUT', 'a Docker archive holds one platform of each image', {
              hint: 'Name one --platform, or save with --format oci to keep several.',
            });
        },
      ),
    );
}
