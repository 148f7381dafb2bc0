import { useState } from 'react';
import type { ConnectionView } from '../../../shared/contract/index.js';
import { call } from '../../api.js';
import { useAsync } from '../../hooks/use-async.js';
import { filterNames } from '../../lib/filter.js';
import { MAX_TYPED, resolveGoTo, type GoToTarget } from '../../lib/go-to.js';
import { CommandPalette, type PaletteItem } from './command-palette.js';

const MAX_MATCHES = 8;

function describe(target: GoToTarget): string {
  return target.tag
    ? `${target.repository}${target.tag.includes(':') ? '@' : ':'}${target.tag}`
    : target.repository;
}

/**
 * Ctrl/Cmd+K: type `team/app`, `team/app:tag` or `host/team/app:tag` and Enter opens it in the
 * explorer; the repositories of that connection that match are offered as well.
 */
export function GoToRepository({
  connections,
  current,
  onOpen,
  onClose,
}: {
  connections: readonly ConnectionView[];
  /** The connection shown in the explorer, which a name without a registry is looked up on. */
  current: string | undefined;
  onOpen: (target: GoToTarget) => void;
  onClose: () => void;
}) {
  const [text, setText] = useState('');
  const answer = resolveGoTo(text, connections, current);
  const connection = 'target' in answer ? answer.target.connection : current;
  const listed = useAsync(connection, () =>
    call('registry.listRepositories', { connection: connection!, pageSize: 1000 }),
  );
  const names = listed.status === 'done' && listed.value.state === 'page' ? listed.value.items : [];
  const matches = answer.query ? filterNames(names, answer.query) : names;

  const items: PaletteItem[] = [];
  if ('target' in answer) {
    const { target } = answer;
    items.push({
      id: `open\n${target.connection}\n${describe(target)}`,
      label: describe(target),
      detail:
        names.length && !names.includes(target.repository)
          ? `on ${target.connection} · not listed`
          : `on ${target.connection}`,
      run: () => onOpen(target),
    });
  }
  for (const name of matches.slice(0, MAX_MATCHES)) {
    if ('target' in answer && name === answer.target.repository && !answer.target.tag) continue;
    items.push({
      id: `match\n${connection}\n${name}`,
      label: name,
      detail: `on ${connection}`,
      run: () => onOpen({ connection: connection!, repository: name }),
    });
  }
  const more = matches.length - MAX_MATCHES;
  return (
    <CommandPalette
      title="Go to repository"
      label="Repository"
      placeholder="team/app, team/app:tag or host/team/app:tag"
      maxLength={MAX_TYPED}
      query={text}
      onQuery={setText}
      items={items}
      problem={'problem' in answer ? answer.problem : undefined}
      hint={
        listed.status === 'loading'
          ? `Listing ${connection}'s repositories…`
          : more > 0
            ? `${more} more match; type more of the name.`
            : undefined
      }
      onClose={onClose}
    />
  );
}
