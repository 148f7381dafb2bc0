import type { Command } from 'commander';
import type { SearchFailure, SearchHit } from '../../shared/contract/index.js';
import { referenceText } from '../../shared/location.js';
import { BerthError } from '../core/errors.js';
import type { Run } from './commands-registry.js';
import { warn, type GlobalOptions } from './context.js';
import { oneLine, printJson, printTable, reportFailure } from './output.js';

/** Results per registry the CLI prints. */
const CLI_LIMIT = 50;

function minutes(ms: number): string {
  const count = Math.round(ms / 60_000);
  return count === 1 ? 'a minute' : `${count} minutes`;
}

export function registerSearchCommand(program: Command, run: Run): void {
  program
    .command('search')
    .description('find repositories by name across every saved connection')
    .argument('<text>', 'words of the name, in any order (team app, web)')
    .option('--registry <name>', 'only this saved connection')
    .option('--json', 'machine-readable output')
    .action(async (text: string, options: GlobalOptions & { registry?: string }) =>
      run(
        async (ctx) => {
          const all = ctx.settings.list();
          const targets = options.registry ? all.filter((saved) => saved.name === options.registry) : all;
          if (options.registry && !targets.length)
            throw new BerthError('INVALID_INPUT', `no saved connection is named "${options.registry}"`, {
              hint: 'berth registry list shows the saved connections.',
            });
          const search = ctx.search;
          // Entries older than a few minutes are listed again first, so a script sees today's names.
          const data = await search.read();
          const stale = targets.filter((saved) => search.isStale(data, saved));
          if (stale.length)
            warn(
              `listing ${stale.map((saved) => saved.name).join(', ')} first: ${stale.length === 1 ? 'its' : 'their'} search index is older than ${minutes(search.settings.freshMs)} or missing`,
            );
          const failures = new Map<string, SearchFailure>();
          for (const failure of await search.refresh(stale)) failures.set(failure.connection, failure);
          // Registries that could not be listed and have no older names either: nothing of them was searched.
          const listed = await search.read();
          const unsearched = targets.filter(
            (saved) => failures.has(saved.name) && !listed.connections[saved.name]?.names.length,
          );
          const answer = await search.query(text, {
            connection: options.registry,
            limit: CLI_LIMIT,
            refreshInBackground: false,
          });
          for (const failure of answer.failed)
            if (!failures.has(failure.connection)) {
              failures.set(failure.connection, failure);
              if (!listed.connections[failure.connection]?.names.length)
                unsearched.push(...targets.filter((saved) => saved.name === failure.connection));
            }
          const hits: SearchHit[] = [...answer.starred];
          for (const group of answer.groups) hits.push(...group.hits.filter((hit) => !hit.isStarred));
          for (const connection of answer.vendorSearch) {
            const found = await search.vendorSearch(text, connection, CLI_LIMIT);
            if (found.failed) failures.set(connection, found.failed);
            for (const hit of found.group?.hits ?? [])
              if (
                !hits.some((known) => known.connection === connection && known.repository === hit.repository)
              )
                hits.push(hit);
          }
          const hostOf = new Map(all.map((saved) => [saved.name, saved.host]));
          const results = hits.map((hit) => ({
            connection: hit.connection,
            reference: referenceText({
              registry: hostOf.get(hit.connection) ?? hit.connection,
              repository: hit.repository,
              ...(hit.reference ? { reference: hit.reference } : {}),
            }),
            repository: hit.repository,
            ...(hit.reference ? { tagOrDigest: hit.reference } : {}),
            source: hit.source,
            starred: hit.isStarred,
          }));
          const failed = [...failures.values()].map((failure) => ({
            connection: failure.connection,
            message: failure.message,
          }));
          // No result, and no registry could be searched: that is a failure, not "nothing matches" (a
          // script must not read a registry that is down as one without the repository).
          const isUnanswered = !results.length && targets.length > 0 && unsearched.length === targets.length;
          const failNothingSearched = () =>
            reportFailure(
              targets.length === 1
                ? `${targets[0]!.name} could not be searched: ${failures.get(targets[0]!.name)?.message ?? 'it could not be listed'}`
                : `no registry could be searched (${targets.map((saved) => saved.name).join(', ')})`,
              failures.get(targets[0]!.name)?.hint ??
                `Check that the registry answers: berth doctor ${targets[0]!.name}`,
            );
          if (options.json) {
            printJson({
              query: text,
              refreshed: stale.map((saved) => saved.name),
              results,
              failed,
            });
            if (isUnanswered) failNothingSearched();
            return;
          }
          for (const failure of failed)
            warn(
              `${failure.connection} could not be listed (older names, if any, were searched): ${oneLine(failure.message)}`,
            );
          if (isUnanswered) return failNothingSearched();
          if (!results.length) {
            warn(`no repository matches "${oneLine(text)}"`);
            return;
          }
          printTable(
            ['REFERENCE', 'CONNECTION', 'FROM'],
            results.map((result) => [
              result.reference,
              result.connection,
              result.starred ? `${result.source}, starred` : result.source,
            ]),
          );
        },
        options,
        () => {
          if (!text.trim())
            throw new BerthError('INVALID_INPUT', 'search for what? The text is empty', {
              hint: 'Give a word of the name: berth search app',
            });
          if (text.length > 256)
            throw new BerthError('INVALID_INPUT', 'a search is at most 256 characters', {
              hint: 'Give a word or two of the name: berth search app',
            });
        },
      ),
    );
}
