import type { Command } from 'commander';
import { parseDestinationLocation, parseImageLocation } from '../../shared/location.js';
import type { EngineStatus, LocalImage, PullInput, PushInput } from '../../shared/docker.js';
import {
  DockerEngine,
  listEngineCandidates,
  listLocalImages,
  probeEngine,
  resolveEngine,
} from '../core/docker/index.js';
import { createJobManager, type JobInputs } from '../core/jobs/index.js';
import type { Run } from './commands-registry.js';
import { type CliContext, type GlobalOptions } from './context.js';
import { checkLocalImage, checkReference } from './validate.js';
import { formatBytes, printJson, printLine, printTable, reportFailure } from './output.js';
import { runJobInTerminal } from './progress.js';

interface EngineOptions extends GlobalOptions {
  engine?: string;
  platform?: string;
  insecure?: boolean;
  to?: string;
  allTags?: boolean;
}

function engineOption(command: Command): Command {
  return command.option(
    '--engine <address>',
    'the engine to use: unix:///path/docker.sock, npipe:////./pipe/NAME or tcp://HOST:PORT (default: found like the Docker CLI)',
  );
}

function credentialOptions(command: Command): Command {
  return command
    .option('--username <user>', 'log in to the registry as this user for this call')
    .option('--password-stdin', 'read the password or access token from standard input')
    .option(
      '--insecure',
      'the registry speaks plain HTTP (Podman must be told; Docker follows its daemon.json)',
    );
}

function openEngine(options: EngineOptions): DockerEngine {
  return new DockerEngine(resolveEngine({ chosen: options.engine }));
}

/** A saved connection marked plain HTTP counts as `--insecure` for its host. */
function isInsecure(ctx: CliContext, options: EngineOptions, reference: string): boolean {
  if (options.insecure) return true;
  try {
    return ctx.savedFor(ctx.reference(reference).registry)?.insecureHttp === true;
  } catch {
    return false;
  }
}

/** Runs a pull or push job against the engine this command opened (`--engine`, else found like the Docker CLI). */
async function runEngineJob<K extends 'pull' | 'push'>(
  ctx: CliContext,
  engine: DockerEngine,
  kind: K,
  input: JobInputs[K],
  title: string,
  json: boolean,
) {
  const engineDeps = () => ({ engine, credentialFor: ctx.engineCredentials() });
  const jobs = createJobManager(
    { client: ctx.client, dataDir: ctx.settings.dataDir, engineDeps },
    { throttleMs: 100 },
  );
  return runJobInTerminal(jobs, kind, input, title, json);
}

function ago(seconds: number, now = Date.now() / 1000): string {
  const elapsed = Math.max(0, now - seconds);
  const units: [number, string][] = [
    [365 * 86400, 'year'],
    [30 * 86400, 'month'],
    [7 * 86400, 'week'],
    [86400, 'day'],
    [3600, 'hour'],
    [60, 'minute'],
  ];
  for (const [size, unit] of units) {
    const count = Math.floor(elapsed / size);
    if (count >= 1) return `${count} ${unit}${count > 1 ? 's' : ''} ago`;
  }
  return 'just now';
}

/** `docker images` rows: one per repository tag, a dangling image as `<none>`. */
function imageRows(images: LocalImage[]): string[][] {
  return images.flatMap((image) => {
    const id = image.id.replace(/^sha256:/, '').slice(0, 12);
    const tail = [id, ago(image.created), formatBytes(image.size)];
    if (!image.repoTags.length) return [['<none>', '<none>', ...tail]];
    return image.repoTags.map((repoTag) => {
      const colon = repoTag.lastIndexOf(':');
      return [repoTag.slice(0, colon), repoTag.slice(colon + 1), ...tail];
    });
  });
}

function describeEngine(status: EngineStatus): string {
  const { address } = status;
  const where = `${address.host} (${address.reason})`;
  if (status.state !== 'running' || !status.engine) return `${where}: ${status.state}`;
  const name = status.engine.kind === 'podman' ? 'Podman' : 'Docker';
  return `${name} ${status.engine.version ?? ''} (API ${status.engine.apiVersion}) at ${where}`.replace(
    '  ',
    ' ',
  );
}

export function registerDockerCommands(program: Command, run: Run): void {
  engineOption(program.command('engine'))
    .description('show which container engine Berth uses, why, and whether it answers')
    .option('--json', 'machine-readable output')
    .action(async (options: EngineOptions) =>
      run(async () => {
        const engine = openEngine(options);
        try {
          const status = await probeEngine(engine);
          const candidates = listEngineCandidates({ chosen: options.engine });
          if (options.json) printJson({ ...status, candidates });
          else {
            printLine(describeEngine(status));
            printLine();
            printTable(
              ['engine', 'source', 'socket'],
              candidates.map((candidate) => [
                candidate.host,
                candidate.source,
                candidate.exists ? 'present' : 'missing',
              ]),
            );
          }
          if (status.state !== 'running')
            reportFailure(
              status.message ?? `the engine is ${status.state}`,
              status.hint ?? 'Start the engine, or choose another one with --engine.',
            );
        } finally {
          await engine.close();
        }
      }, options),
    );

  engineOption(program.command('images'))
    .description('list the images in the local engine')
    .option('--json', 'machine-readable output')
    .action(async (options: EngineOptions) =>
      run(async () => {
        const engine = openEngine(options);
        try {
          const images = await listLocalImages(engine);
          if (options.json) return printJson(images);
          printTable(['repository', 'tag', 'image id', 'created', 'size'], imageRows(images));
        } finally {
          await engine.close();
        }
      }, options),
    );

  engineOption(credentialOptions(program.command('pull')))
    .description('pull an image into the local engine, layer by layer')
    .argument('<ref>', 'image reference, e.g. 127.0.0.1:5000/team/app:1 (the tag defaults to latest)')
    .option('--platform <os/arch>', 'the platform to pull from a multi-platform image, e.g. linux/arm64')
    .option('--json', 'print a machine-readable summary at the end')
    .action(async (reference: string, options: EngineOptions) =>
      run(
        async (ctx) => {
          const engine = openEngine(options);
          try {
            const input: PullInput = {
              image: parseImageLocation(reference),
              platform: options.platform,
              insecure: isInsecure(ctx, options, reference),
            };
            const result = await runEngineJob(
              ctx,
              engine,
              'pull',
              input,
              `pull ${reference}`,
              options.json === true,
            );
            if (options.json) return printJson(result);
            printLine(result.upToDate ? `${result.reference} is up to date` : `Pulled ${result.reference}`);
            if (result.digest) printLine(`Digest: ${result.digest}`);
            if (result.imageId) printLine(`Image: ${result.imageId}`);
          } finally {
            await engine.close();
          }
        },
        options,
        () => checkReference(reference, 'the image reference'),
      ),
    );

  engineOption(credentialOptions(program.command('push')))
    .description('push a local image to its registry, layer by layer')
    .argument('<local-ref>', 'a local image: REPO:TAG, or REPO with --all-tags, or an image ID with --to')
    .option('--to <ref>', 'push under this name instead (Berth tags for the push and untags afterwards)')
    .option('--all-tags', 'push every local tag of the repository')
    .option('--json', 'print a machine-readable summary at the end')
    .action(async (source: string, options: EngineOptions) =>
      run(
        async (ctx) => {
          const engine = openEngine(options);
          try {
            const input: PushInput = {
              source,
              to: options.to === undefined ? undefined : parseDestinationLocation(options.to),
              allTags: options.allTags === true,
              insecure: isInsecure(ctx, options, options.to ?? source),
            };
            const result = await runEngineJob(
              ctx,
              engine,
              'push',
              input,
              `push ${source}`,
              options.json === true,
            );
            if (options.json) return printJson(result);
            for (const pushed of result.pushed)
              printLine(`Pushed ${pushed.reference}: ${pushed.digest} (manifest ${pushed.size} bytes)`);
          } finally {
            await engine.close();
          }
        },
        options,
        () => {
          checkLocalImage(source, 'the local image');
          if (options.to !== undefined) checkReference(options.to, '--to');
        },
      ),
    );
}
