import type { Command } from 'commander';
import { z } from 'zod';
import { CleanupRuleSchema } from '../../shared/contract/prune.js';
import { deletionsOf, type CleanupRule, type PrunePreview } from '../../shared/prune.js';
import { outcomeSentence, previewPrune } from '../core/prune/index.js';
import { BerthError } from '../core/registry/index.js';
import type { Run } from './commands-registry.js';
import type { CliContext, GlobalOptions } from './context.js';
import { formatBytes, oneLine, printJson, printLine, printTable, printErrorLine } from './output.js';
import { runJobInTerminal } from './progress.js';
import { confirmUnlessYes } from './prompt.js';

interface PruneOptions extends GlobalOptions {
  rule?: string;
  keep?: string;
  match?: string;
  olderThan?: string;
  protect?: string[];
  dryRun?: boolean;
  yes?: boolean;
  listRules?: boolean;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function invalid(message: string, hint: string): BerthError {
  return new BerthError('INVALID_INPUT', message, { hint });
}

/** The rule the options describe, checked against the same schema the app and the settings use; no registry asked. */
function typedRule(target: string, options: PruneOptions, connection = '-'): CleanupRule {
  const slash = target.indexOf('/');
  if (slash <= 0 || slash === target.length - 1)
    throw invalid(
      `"${oneLine(target)}" is not HOST/REPOSITORY or HOST/PATTERN`,
      'For example: berth prune 127.0.0.1:5000/team/app --keep 5, or 127.0.0.1:5000/team/* --older-than 30d',
    );
  if (options.keep !== undefined && !/^\d+$/.test(options.keep.trim()))
    throw invalid(
      `--keep takes a whole number of tags (0 or more), not "${oneLine(options.keep)}"`,
      'For example: --keep 5',
    );
  const parsed = CleanupRuleSchema.safeParse({
    name: 'command line',
    connection,
    repositories: target.slice(slash + 1),
    ...(options.keep !== undefined ? { keep: Number(options.keep) } : {}),
    ...(options.match !== undefined ? { match: options.match } : {}),
    ...(options.olderThan !== undefined ? { olderThan: options.olderThan } : {}),
    ...(options.protect ? { protect: options.protect } : {}),
  });
  if (!parsed.success) throw ruleError(parsed.error);
  return parsed.data;
}

const OPTION_OF: Record<string, string> = {
  keep: '--keep',
  match: '--match',
  olderThan: '--older-than',
  protect: '--protect',
  repositories: 'the repository',
};

function ruleError(error: z.ZodError): BerthError {
  const issue = error.issues[0]!;
  const option = OPTION_OF[String(issue.path[0])] ?? String(issue.path[0] ?? 'the rule');
  return invalid(
    `${option}: ${issue.message}`,
    'For example: berth prune HOST/team/* --keep 5 --match "main-*" --older-than 30d --protect "release-*"',
  );
}

function checkOptions(target: string | undefined, options: PruneOptions): void {
  if (options.listRules) return;
  if (options.rule !== undefined) {
    const given = [target, options.keep, options.match, options.olderThan, options.protect].some(
      (v) => v !== undefined,
    );
    if (given)
      throw invalid(
        '--rule runs a saved rule as it is saved',
        'Give either --rule NAME, or a repository with --keep/--older-than; change a saved rule in the app.',
      );
    return;
  }
  if (target === undefined)
    throw invalid(
      'say what to clean: a saved rule or a repository',
      'berth prune --rule NAME, or berth prune HOST/REPOSITORY --keep N; berth prune --list-rules shows the saved rules.',
    );
  typedRule(target, options);
}

async function resolveRule(
  ctx: CliContext,
  target: string | undefined,
  options: PruneOptions,
): Promise<CleanupRule> {
  if (options.rule !== undefined) {
    const saved = ctx.settings.cleanupRules().find((rule) => rule.name === options.rule);
    const unreadable = ctx.settings.unreadableCleanupRules().find((rule) => rule.name === options.rule);
    if (!saved && unreadable)
      throw invalid(
        `the saved cleanup rule "${oneLine(options.rule)}" is not a rule Berth can run (${oneLine(unreadable.problem)}); nothing was deleted`,
        `Correct it in ${ctx.settings.path}, or save it again on the Storage page of the app.`,
      );
    if (!saved)
      throw new BerthError('NOT_FOUND', `there is no saved cleanup rule named "${oneLine(options.rule)}"`, {
        hint: 'berth prune --list-rules shows the saved rules; rules are made on the Storage page of the app.',
      });
    return saved;
  }
  const host = target!.slice(0, target!.indexOf('/'));
  const saved = ctx.settings.findByHost(host);
  if (!saved)
    throw new BerthError('NOT_FOUND', `${oneLine(host)} is not a saved connection`, {
      hint: `Save it first: berth registry add NAME ${oneLine(host)}`,
    });
  return typedRule(target!, options, saved.name);
}

function printPreview(preview: PrunePreview): void {
  const rows = preview.tags.map((tag) => [
    `${tag.repository}:${tag.tag}`,
    tag.goes ? 'goes' : 'stays',
    tag.date ? `${tag.date.slice(0, 16).replace('T', ' ')} (${tag.dateSource})` : '—',
    tag.why,
  ]);
  if (rows.length) printTable(['TAG', 'ACTION', 'DATE', 'WHY'], rows);
  else
    printLine(
      `No tags in ${preview.repositories.length ? preview.repositories.join(', ') : 'any repository the rule names'}.`,
    );
  for (const warning of preview.warnings) printLine(`warning: ${warning}`);
  const goes = preview.tags.filter((tag) => tag.goes).length;
  printLine(
    `${goes} of ${preview.tags.length} tags go in ${preview.repositories.length} ${preview.repositories.length === 1 ? 'repository' : 'repositories'}; ${formatBytes(preview.collectableBytes)} become collectable.`,
  );
  printLine(preview.measuredAgainst);
}

export function registerPruneCommand(program: Command, run: Run): void {
  program
    .command('prune')
    .description('delete old tags by a cleanup rule: always a preview first, protected tags always kept')
    .argument('[target]', 'HOST/REPOSITORY or HOST/PATTERN (team/*) of a saved connection')
    .option('--rule <name>', 'run a saved cleanup rule (made on the Storage page of the app)')
    .option('--keep <n>', 'keep the newest N matching tags that are not protected')
    .option('--match <pattern>', 'consider only tags matching PATTERN (* and ? wildcards; default all)')
    .option('--older-than <age>', 'delete only tags older than AGE; younger ones stay (90m, 12h, 30d, 2w)')
    .option(
      '--protect <pattern>',
      'always keep tags matching PATTERN (repeatable; default latest and v*)',
      collect,
    )
    .option('--dry-run', 'print the preview and delete nothing')
    .option('-y, --yes', 'do not ask before deleting')
    .option('--list-rules', 'list the saved cleanup rules')
    .option('--username <user>', 'log in as this user for this call')
    .option('--password-stdin', 'read the password or access token from standard input')
    .option('--json', 'machine-readable output')
    .action(async (target: string | undefined, options: PruneOptions) =>
      run(
        async (ctx) => {
          if (options.listRules) {
            const rules = ctx.settings.cleanupRules();
            if (options.json) return printJson(rules);
            for (const rule of ctx.settings.unreadableCleanupRules())
              printErrorLine(
                `warning: the saved cleanup rule ${rule.name === undefined ? 'without a name' : `"${oneLine(rule.name)}"`} cannot be run (${oneLine(rule.problem)}): correct it in ${ctx.settings.path}`,
              );
            if (!rules.length)
              return printLine('No saved cleanup rules; make one on the Storage page of the app.');
            return printTable(
              ['NAME', 'CONNECTION', 'REPOSITORIES', 'KEEP', 'MATCH', 'OLDER THAN', 'PROTECTED'],
              rules.map((rule) => [
                rule.name,
                rule.connection,
                rule.repositories,
                String(rule.keep ?? '—'),
                rule.match ?? '*',
                rule.olderThan ?? '—',
                rule.protect.join(' '),
              ]),
            );
          }
          const rule = await resolveRule(ctx, target, options);
          const preview = await previewPrune(ctx, rule);
          const deletions = deletionsOf(preview);
          if (options.dryRun || deletions.length === 0) {
            if (options.json) return printJson({ preview, deleted: false });
            printPreview(preview);
            if (!deletions.length) printLine('Nothing to delete.');
            return;
          }
          if (!options.json) printPreview(preview);
          const question = `Delete ${deletions.length} ${deletions.length === 1 ? 'tag' : 'tags'} in ${preview.registry}?`;
          if (!(await confirmUnlessYes(question, options.yes)))
            throw new BerthError('CANCELLED', 'nothing deleted: nobody confirmed it', {
              hint: 'Answer y at the prompt, or add --yes when there is no terminal to ask on; --dry-run only shows the preview.',
            });
          const summary = await runJobInTerminal(
            ctx.jobs,
            'prune',
            { connection: rule.connection, ...(options.rule ? { rule: rule.name } : {}), deletions },
            `clean up ${deletions.length} tags in ${preview.registry}`,
            options.json === true,
          );
          if (options.json) printJson({ preview, summary });
          else {
            printLine(`Cleaned up ${preview.registry}: ${outcomeSentence(summary)}`);
            for (const entry of [...summary.skipped, ...summary.failed])
              printLine(`  ${entry.repository}:${entry.tag}: ${entry.note ?? ''}`);
            printLine(
              // A deleted tag leaves its image untagged (the registry keeps the manifest), so a plain
              // collection gives back next to nothing: only one that removes untagged manifests frees the layers.
              summary.ownServer
                ? `The space comes back when the registry collects garbage with the images those tags leave untagged: berth server gc ${summary.ownServer} --delete-untagged`
                : 'The space comes back only when the registry collects garbage.',
            );
          }
          if (summary.failed.length)
            throw new BerthError(
              'REGISTRY',
              `${summary.failed.length} of ${deletions.length} tags could not be deleted`,
              {
                hint: 'The lines above say why; run the same prune again once the registry allows it (what is gone stays gone).',
              },
            );
        },
        options,
        () => checkOptions(target, options),
      ),
    );
}
