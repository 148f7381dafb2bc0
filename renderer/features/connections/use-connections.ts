import { useEffect, useRef, useState } from 'react';
import type { ConnectionStatus, ConnectionView } from '../../../shared/contract/index.js';
import { api, call } from '../../api.js';
import { useAsync } from '../../hooks/use-async.js';

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
  const lastRef = useRef<ConnectionView[]>([]);
  if (list.status === 'done') lastRef.current = list.value.connections;
  const connections = lastRef.current;
  return { list, connections, statuses, reload: list.reload };
}
