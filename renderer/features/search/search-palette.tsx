import { useEffect, useState } from 'react';
import type {
  ConnectionView,
  PlaceView,
  SearchAnswer,
  SearchFailure,
  SearchGroup,
  SearchHit,
} from '../../../shared/contract/index.js';
import { call } from '../../api.js';
import { describeError } from '../../i18n/errors.js';
import { formatInlineList } from '../../i18n/format.js';
import { useT, type Message } from '../../i18n/index.js';
import { useAsync } from '../../hooks/use-async.js';
import { MAX_TYPED, resolveGoTo, type GoToTarget } from '../../lib/go-to.js';
import { CommandPalette, type PaletteItem } from '../palette/index.js';
import { search as m } from './messages.js';
import { samePlace, usePlaces } from './places.js';

/** Results per registry. */
const PER_REGISTRY = 8;
/** How often the results are asked again while a registry's index is being refreshed. */
const REFRESH_POLL_MS = 700;
/** The longest text the search takes (as `search.query` does); a longer one can still be a reference. */
const MAX_SEARCH = 256;

/** What the palette can do besides opening a repository. */
export interface PaletteCommand {
  id: string;
  label: string;
  run: () => void;
}

const SOURCE_WORDS: Record<SearchHit['source'], Message> = {
  index: m.sourceIndex,
  vendor: m.sourceVendor,
  guess: m.sourceGuess,
};

function placeLabel(place: PlaceView): string {
  if (!place.reference) return place.repository;
  return `${place.repository}${place.reference.includes(':') ? '@' : ':'}${place.reference}`;
}

function targetOf(place: PlaceView): GoToTarget {
  return {
    connection: place.connection,
    repository: place.repository,
    ...(place.reference ? { tag: place.reference } : {}),
  };
}

/** The index's answer with the vendor searches' groups merged in, each hit once per registry. */
function mergeVendor(groups: readonly SearchGroup[], vendor: readonly SearchGroup[]): SearchGroup[] {
  const merged = groups.map((group) => ({ ...group, hits: [...group.hits] }));
  for (const found of vendor) {
    const group = merged.find((entry) => entry.connection === found.connection);
    if (!group) merged.push(found);
    else
      for (const hit of found.hits)
        if (!group.hits.some((known) => known.repository === hit.repository)) group.hits.push(hit);
  }
  return merged;
}

/**
 * Ctrl/Cmd+K: one search across every saved connection. Empty, it shows the starred and recent places;
 * typed, the repositories that match in each registry (from the index Berth keeps of their listings, the
 * registry's own search, or by name where a registry lists nothing), a reference typed whole, and the
 * commands whose name matches. ↑/↓ choose, Enter opens, Esc closes.
 */
export function SearchPalette({
  connections,
  current,
  commands,
  onOpen,
  onClose,
}: {
  connections: readonly ConnectionView[];
  current: string | undefined;
  commands: readonly PaletteCommand[];
  onOpen: (target: GoToTarget) => void;
  onClose: () => void;
}) {
  const t = useT();
  const places = usePlaces();
  const [text, setText] = useState('');
  const query = text.trim();
  // A text longer than a search takes is not searched (it may still be a reference to open): the
  // answer for an earlier text is never shown for it, nor one the search refused.
  const isSearchable = query.length > 0 && query.length <= MAX_SEARCH;
  const answer = useAsync(isSearchable ? query : undefined, () =>
    call('search.query', { text: query, limit: PER_REGISTRY }),
  );
  const shown: SearchAnswer | undefined = !isSearchable
    ? undefined
    : answer.status === 'done'
      ? answer.value
      : answer.status === 'loading'
        ? answer.lastValue
        : undefined;
  // While the index of some registry is being refreshed, ask again now and then: the results grow.
  const answered = answer.status === 'done' ? answer.value : undefined;
  const { reload } = answer;
  useEffect(() => {
    if (!answered?.refreshing.length) return;
    const timer = setTimeout(reload, REFRESH_POLL_MS);
    return () => clearTimeout(timer);
  }, [answered, reload]);
  const vendorConnections = answer.status === 'done' ? answer.value.vendorSearch : [];
  const vendorKey = vendorConnections.length ? `${query}\n${vendorConnections.join('\n')}` : undefined;
  const vendor = useAsync(vendorKey, () =>
    Promise.all(
      vendorConnections.map((connection) =>
        call('search.vendor', { text: query, connection, limit: PER_REGISTRY }),
      ),
    ),
  );
  const vendorAnswers = vendor.status === 'done' ? vendor.value : [];

  const items: PaletteItem[] = [];
  const hostOf = new Map(connections.map((connection) => [connection.name, connection.host]));
  const on = (connection: string) =>
    t.rich(m.onConnection, { connection: <span translate="no">{connection}</span> });
  const placeItem = (place: PlaceView, group: string, prefix: string): PaletteItem => ({
    id: `${prefix}\n${place.connection}\n${placeLabel(place)}`,
    label: placeLabel(place),
    isName: true,
    detail: on(place.connection),
    group,
    isStarred: places.isStarred(place),
    run: () => onOpen(targetOf(place)),
  });
  if (!query) {
    for (const place of places.bookmarks) items.push(placeItem(place, t(m.groupStarred), 'starred'));
    for (const place of places.recent) items.push(placeItem(place, t(m.groupRecent), 'recent'));
  } else if (shown) {
    for (const hit of shown.starred) items.push(placeItem(hit, t(m.groupStarred), 'starred'));
    const groups = mergeVendor(
      shown.groups,
      vendorAnswers.flatMap((entry) => (entry.group ? [entry.group] : [])),
    );
    for (const group of groups)
      for (const hit of group.hits) {
        if (shown.starred.some((starred) => samePlace(starred, hit))) continue;
        items.push({
          id: `hit\n${hit.connection}\n${hit.repository}`,
          label: hit.repository,
          isName: true,
          group: `${group.connection} · ${hostOf.get(group.connection) ?? group.host}`,
          isGroupName: true,
          source: t(SOURCE_WORDS[hit.source]),
          isStarred: hit.isStarred,
          run: () => onOpen({ connection: hit.connection, repository: hit.repository }),
        });
      }
  }
  // A whole reference typed (a registry or a tag in it) is what to open: it comes first. A path alone
  // is offered after the results, for a repository no listing shows.
  const typed = query ? resolveGoTo(t, query, connections, current) : undefined;
  const namesReference = /[:@]/.test(query) || /^[^/]*[.:][^/]*\//.test(query) || query === 'localhost';
  // A path alone waits for the search's answer: Enter typed fast then opens the result, not the guess.
  const isAnswered = answer.status === 'done';
  if (typed && 'target' in typed && (namesReference || (query.includes('/') && isAnswered))) {
    const { target } = typed;
    const place = { connection: target.connection, repository: target.repository, reference: target.tag };
    const id = `open\n${target.connection}\n${placeLabel(place)}`;
    const isListed = items.some(
      (item) => item.label === placeLabel(place) && item.id.includes(`\n${target.connection}\n`),
    );
    const item: PaletteItem = {
      id,
      label: placeLabel(place),
      isName: true,
      detail: on(target.connection),
      group: t(m.groupOpenByName),
      run: () => onOpen(target),
    };
    if (!isListed) {
      if (namesReference) items.unshift(item);
      else items.push(item);
    }
  }
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  for (const command of commands)
    if (!words.length || words.every((word) => command.label.toLowerCase().includes(word)))
      if (query)
        items.push({
          id: `command\n${command.id}`,
          label: command.label,
          group: t(m.groupCommands),
          run: command.run,
        });

  // A registry can fail twice (its listing and its own search): each says which, once.
  const failures: (SearchFailure & { what: 'listed' | 'searched' })[] = [
    ...(shown?.failed ?? []).map((failure) => ({ ...failure, what: 'listed' as const })),
    ...vendorAnswers.flatMap((entry) =>
      entry.failed ? [{ ...entry.failed, what: 'searched' as const }] : [],
    ),
  ];
  const more = shown?.groups.reduce((sum, group) => sum + group.more, 0) ?? 0;
  const refreshing = shown?.refreshing ?? [];
  const hint = !query
    ? places.bookmarks.length || places.recent.length
      ? undefined
      : t(m.emptyHint)
    : answer.status === 'loading' && !shown
      ? t(m.searching)
      : vendor.status === 'loading'
        ? t(m.asking, { registries: formatInlineList(t.intl, vendorConnections) })
        : refreshing.length
          ? t(m.updating, { registries: formatInlineList(t.intl, refreshing) })
          : more > 0
            ? t(m.more, { count: more })
            : undefined;

  return (
    <CommandPalette
      title={t(m.title)}
      label={t(m.label)}
      placeholder={t(m.placeholder)}
      maxLength={MAX_TYPED}
      query={text}
      onQuery={setText}
      items={items}
      problem={
        typed && 'problem' in typed && namesReference
          ? typed.problem
          : query.length > MAX_SEARCH
            ? t(m.tooLong, { max: MAX_SEARCH })
            : answer.status === 'error'
              ? t(m.failed, { reason: describeError(t, answer.error).message })
              : // Not while a registry is being listed or searched: its names may still come.
                shown && answer.status === 'done' && !refreshing.length && vendor.status !== 'loading'
                ? t(m.noMatch, { query, count: connections.length })
                : undefined
      }
      hint={hint}
      isBusy={Boolean(query) && answer.status === 'loading'}
      notes={
        failures.length > 0 && (
          <ul className="palette-notes muted small" aria-label={t(m.notListed)}>
            {failures.map((failure) => (
              <li key={`${failure.what}\n${failure.connection}`}>
                {t.rich(failure.what === 'listed' ? m.couldNotList : m.couldNotSearch, {
                  connection: <span translate="no">{failure.connection}</span>,
                  // The main process's own words (a search failure carries no error code to translate by).
                  reason: <span lang="en">{failure.message}</span>,
                })}
              </li>
            ))}
          </ul>
        )
      }
      onClose={onClose}
    />
  );
}
