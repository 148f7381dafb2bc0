import type { Command } from 'commander';
import type { StorageReport } from '../../shared/storage.js';
import { parseRepositoryName } from '../../shared/reference.js';
import type { StorageInput } from '../core/storage/index.js';
import type { Run } from './commands-registry.js';
import type { CliContext, GlobalOptions } from './context.js';
import { formatBytes, printJson, printLine, printOneLine, printTable } from './output.js';
import { runJobInTerminal } from './progress.js';
import { checkRegistryArgument, checkWholeNumber } from './validate.js';

interface DuOptions extends GlobalOptions {
  top?: string;
}

/**
 * `REGISTRY` (a saved connection's name or host[:port]) scans every repository; `REGISTRY/REPO` one. A saved
 * connection's name may stand for the host in front of a repository too (`local/team/app`).
 */
function scanTarget(ctx: CliContext, argument: string): StorageInput {
  const text = argument
    .trim()
    .replace(/^https?:\/\//, '')
    .replace(/\/+$/, '');
  const slash = text.indexOf('/');
  if (slash < 0) return { registry: ctx.resolveHost(text) };
  const saved = ctx.settings.get(text.slice(0, slash));
  if (saved)
    return {
      registry: saved.host,
      repository: parseRepositoryName(`${saved.host}/${text.slice(slash + 1)}`).repository,
    };
  const name = parseRepositoryName(text);
  return { registry: name.registry, repository: name.repository };
}

export function registerDuCommand(program: Command, run: Run): void {
  program
    .command('du')
    .description(
      "show where a registry's bytes are: per repository (each blob once), shared layers, largest images",
    )
    .argument('<target>', 'a registry (host[:port] or a saved connection name) or one repository (HOST/REPO)')
    .option('--top <n>', "repositories and images listed, or one repository's tags (default 20)")
    .option('--username <user>', 'log in as this user for this call')
    .option('--password-stdin', 'read the password or access token from standard input')
    .option('--json', 'machine-readable output (every repository)')
    .action(async (target: string, options: DuOptions) =>
      run(
        async (ctx) => {
          const input = scanTarget(ctx, target);
          const title = `storage of ${input.registry}${input.repository ? `/${input.repository}` : ''}`;
          const report = await runJobInTerminal(ctx.jobs, 'storage', input, title, options.json === true);
          if (options.json) return printJson(report);
          printReport(report, options.top ? Number(options.top) : 20);
        },
        options,
        () => {
          checkRegistryArgument(target, 'the registry or repository');
          if (options.top !== undefined) checkWholeNumber('--top', options.top, 1, 10_000);
        },
      ),
    );
}

function printReport(report: StorageReport, top: number): void {
  const shown = report.repositories.slice(0, top);
  printLine();
  printTable(
    ['repository', 'bytes', 'shared', 'tags'],
    shown.map((repository) => [
      repository.name,
      formatBytes(repository.bytes),
      repository.sharedBytes ? formatBytes(repository.sharedBytes) : '-',
      `${repository.tagCount}${repository.error ? ' (not listed)' : repository.failedTagCount ? ` (${repository.failedTagCount} failed)` : ''}`,
    ]),
  );
  if (report.repositories.length > shown.length)
    printLine(`… ${report.repositories.length - shown.length} more (--top N, or --json for all)`);
  // One repository: its tags by size (what `--top` cuts), and "shared" means shared between its tags — a scan
  // of one repository cannot know what other repositories reach.
  const alone = report.repository ? report.repositories[0] : undefined;
  if (alone && alone.tags.length) {
    const tags = alone.tags.slice(0, top);
    printLine();
    printTable(
      ['tag', 'bytes', 'shared with other tags', 'digest'],
      tags.map((tag) => [
        tag.tag,
        formatBytes(tag.bytes),
        tag.sharedBytes ? formatBytes(tag.sharedBytes) : '-',
        tag.digest,
      ]),
    );
    if (alone.tagCount > tags.length)
      printLine(`… ${alone.tagCount - tags.length} more tags (--top N, or --json for all)`);
  }
  printLine();
  printLine(
    `Total: ${formatBytes(report.totalBytes)} in ${count(report.repositories.length, 'repository', 'repositories')}, each blob once` +
      (report.sharedBytes
        ? ` (${formatBytes(report.sharedBytes)} shared ${report.repository ? 'by several of its tags' : 'between repositories'})`
        : ''),
  );
  if (report.largest.length && !report.repository) {
    printLine();
    printLine('Largest images:');
    for (const image of report.largest.slice(0, Math.min(top, 10)))
      printOneLine(`  ${formatBytes(image.bytes).padStart(9)}  ${image.repository}:${image.tag}`);
  }
  printLine();
  if (report.untagged.isKnown)
    printLine(
      `Untagged manifests: ${report.untagged.count}${report.untagged.count ? ` (${formatBytes(report.untagged.bytes)} of manifests)` : ''}`,
    );
  else printLine(`Untagged manifests: ${report.untagged.reason}`);
  const own = report.own;
  if (own) {
    printLine(
      `On disk (${own.server}): ${formatBytes(own.diskBytes)}${own.isDiskComplete ? '' : ' at least (the count stopped at its budget)'}, blob files ${formatBytes(own.blobBytes)}`,
    );
    if (own.gcError) printLine(`Garbage collection estimate: not known (${own.gcError.message})`);
    else {
      printLine(
        `Garbage collection would free ${formatBytes(own.collectable.bytes)} (${count(own.collectable.blobs, 'blob', 'blobs')}); with untagged manifests ${formatBytes(own.collectableWithUntagged.bytes)}: berth server gc ${own.server}`,
      );
      if (own.collectableWithUntagged.tagReachedManifests)
        printLine(
          `Careful: --delete-untagged would also delete ${count(own.collectableWithUntagged.tagReachedManifests, 'manifest', 'manifests')} that tags reach (the platform images of multi-platform images, which Distribution 2.8 takes for untagged), breaking those images.`,
        );
    }
    for (const mismatch of own.sizeMismatches.slice(0, 5))
      printLine(
        `Size disagrees: ${mismatch.digest} is ${mismatch.declared} bytes in a manifest, ${mismatch.onDisk} on disk (the manifest's figure is counted)`,
      );
  }
  for (const note of report.notes) printOneLine(`Note: ${note}`);
  printLine(
    `${count(report.manifestsRead, 'manifest', 'manifests')} read for ${count(report.tagsCounted, 'tag', 'tags')} in ${report.seconds.toFixed(1)} s`,
  );
}

function count(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
