import { useState } from 'react';
import { call } from '../../api.js';
import { useReachabilityGuard } from '../../components/connection-field.js';
import { useAsync } from '../../hooks/use-async.js';

/**
 * The saved connections a copy or sync can go to, and the one chosen: the user's pick, else the first
 * other than the source, else the source itself (a copy within one registry). `guard` holds the chosen
 * destination back while it is known to be down.
 */
export function useDestination(sourceConnection: string) {
  const connections = useAsync('connections', () => call('connections.list', {}));
  const saved = connections.status === 'done' ? connections.value.connections : [];
  const source = saved.find((entry) => entry.name === sourceConnection);
  const [destinationName, setDestinationName] = useState<string>();
  const destination =
    saved.find((entry) => entry.name === destinationName) ??
    saved.find((entry) => entry.name !== sourceConnection) ??
    source;
  const guard = useReachabilityGuard(destination?.name);
  return { connections, saved, source, destination, setDestinationName, guard };
}
