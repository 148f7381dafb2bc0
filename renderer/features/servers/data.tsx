import type { ReactNode } from 'react';

/** Data inside a sentence (a host, a path, a name): an argument of the message, never translated. */
export function data(value: ReactNode): ReactNode {
  return <span translate="no">{value}</span>;
}
