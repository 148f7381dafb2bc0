import { useEffect, useEffectEvent, useState } from 'react';
import type { ConnectionStatus, ConnectionView } from '../../../shared/contract/index.js';
import { isUnreachable } from '../../../shared/errors.js';
import { api, call } from '../../api.js';
import { useAsync } from '../../hooks/use-async.js';

/** One empty list, so the list stays the same value until the first answer. */
const NO_CONNECTIONS: ConnectionView[] = [];

/** How often a connection that did not answer is asked again, in the background. */
export const RECHECK_UNREACHABLE_MS = 60_000;

/**
 * Saved connections plus the live status the core pushes for each. Every connection is checked in the
 * background as soon as the list is known (the core does a few at a time, each within a deadline), and
 * those nothing answered for are checked again every minute; `checking` names the ones still waiting.
 */
export function useConnections() {
  const list = useAsync('connections', () => call('connections.list', {}));
  const [statuses, setStatuses] = useState<Record<string, ConnectionStatus>>({});
  useEffect(
    () =>
      api.subscribe('connections.status', (status) =>
        setStatuses((previous) => ({ ...previous, [status.name]: status })),
      ),
    [],
  );
  // A reload keeps showing the last list, so adding or removing does not flash the empty state.
  const connections = list.lastValue?.connections ?? NO_CONNECTIONS;

  // Once per list: the connections nobody has checked yet (at start-up, all of them; later, a new one).
  const names = connections.map((connection) => connection.name).join('\n');
  const startUp = useAsync(names || undefined, () => {
    const unchecked = connections.map((connection) => connection.name).filter((name) => !statuses[name]);
    // Each answer arrives as a connections.status event while the request runs; the request's own answer
    // holds them all too, for events sent before the browser host's event socket was connected.
    if (!unchecked.length) return Promise.resolve(undefined);
    return call('connections.checkAll', { names: unchecked }).then((result) => {
      setStatuses((previous) => {
        const next = { ...previous };
        for (const status of result.statuses) next[status.name] ??= status;
        return next;
      });
      return result;
    });
  });
  const checking: ReadonlySet<string> = new Set(
    startUp.status === 'loading' ? connections.map((c) => c.name).filter((name) => !statuses[name]) : [],
  );

  const recheckUnreachable = useEffectEvent(() => {
    const down = connections
      .map((connection) => statuses[connection.name])
      .filter((status) => status?.error && isUnreachable(status.error))
      .map((status) => status!.name);
    if (down.length) call('connections.checkAll', { names: down }).catch(() => undefined);
  });
  useEffect(() => {
    const timer = setInterval(recheckUnreachable, RECHECK_UNREACHABLE_MS);
    return () => clearInterval(timer);
  }, []);

  return { list, connections, statuses, checking, reload: list.reload };
}
