import { useEffect, useState } from 'react';
import type { ConnectionStatus, ConnectionView } from '../../../shared/contract/index.js';
import { api, call } from '../../api.js';
import { useAsync } from '../../hooks/use-async.js';

/** One empty list, so the list stays the same value until the first answer. */
const NO_CONNECTIONS: ConnectionView[] = [];

/** Saved connections plus the live status the core pushes for each. */
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
  return { list, connections, statuses, reload: list.reload };
}
