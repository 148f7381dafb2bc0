import { useState } from 'react';
import type { ConnectionStatus, ConnectionView } from '../../shared/contract/index.js';
import { call } from '../api.js';
import { useAction } from '../hooks/use-action.js';
import { useConnectionStatuses } from '../hooks/use-connection-statuses.js';
import { isKnownUnreachable, pickerLabel, reasonOf } from '../lib/connection-state.js';

/**
 * Which saved connection: each by its name, host and what its last check found (pull, push, copy and
 * sync dialogs).
 */
export function ConnectionField({
  connections,
  value,
  onChange,
  label = 'Registry',
  disabled,
}: {
  connections: readonly Pick<ConnectionView, 'name' | 'host'>[];
  value: string;
  onChange: (name: string) => void;
  label?: string;
  disabled?: boolean;
}) {
  const { statuses, checking } = useConnectionStatuses();
  return (
    <label className="field">
      <span>{label}</span>
      <select
        className="input select"
        value={value}
        disabled={disabled}
        onChange={(event) => onChange(event.target.value)}
      >
        {connections.map((connection) => (
          <option key={connection.name} value={connection.name}>
            {pickerLabel(connection, statuses[connection.name], checking.has(connection.name))}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The chosen connection as a job's end: known down, and whether the user chose to start anyway. */
export interface ReachabilityGuard {
  name: string | undefined;
  /** The last check of the chosen connection found nothing answering; unknown or checking is not down. */
  down: ConnectionStatus | undefined;
  isConfirmed: boolean;
  setConfirmed: (isConfirmed: boolean) => void;
  /** Why the start button waits, while it does (its title, and what Enter says). */
  problem: string | undefined;
}

/**
 * A job towards (or from) a connection the last check found down would fail: its start waits for an
 * explicit "start anyway". Not a hard block — the status may be a minute old and the user may know the
 * registry is back — but not one Enter either. Choosing another connection asks again.
 */
export function useReachabilityGuard(name: string | undefined): ReachabilityGuard {
  const { statuses } = useConnectionStatuses();
  const status = name ? statuses[name] : undefined;
  const down = isKnownUnreachable(status) ? status : undefined;
  const [confirmedFor, setConfirmedFor] = useState<string>();
  // Another connection chosen: its "start anyway" is asked again, even on coming back to this one.
  if (confirmedFor !== undefined && confirmedFor !== name) setConfirmedFor(undefined);
  const isConfirmed = down !== undefined && confirmedFor === down.name;
  return {
    name,
    down,
    isConfirmed,
    setConfirmed: (yes) => setConfirmedFor(yes ? name : undefined),
    problem:
      down && !isConfirmed
        ? `${down.name} is not reachable: check it again, or tick “Start anyway” to start regardless.`
        : undefined,
  };
}

/** Under the picker, for a connection known down: why, Check again, and the explicit "Start anyway". */
export function UnreachableNote({
  guard,
  role,
}: {
  guard: ReachabilityGuard;
  role: 'source' | 'destination';
}) {
  const action = useAction();
  const { down } = guard;
  if (!down) return null;
  const checkAgain = () =>
    action.run('check', () => call('connections.test', { name: down.name }).catch(() => undefined));
  return (
    <div className="unreachable-note" role="group" aria-label={`The ${role} is not reachable`}>
      <p>
        <strong>{down.name} is not reachable.</strong> {down.error ? reasonOf(down.error) : ''}{' '}
        <span className="muted">Last checked at {new Date(down.checkedAt).toLocaleTimeString()}.</span>
      </p>
      <span className="toolbar">
        <button
          type="button"
          className="button small"
          disabled={action.busy}
          onClick={() => void checkAgain()}
        >
          {action.busy ? 'Checking…' : 'Check again'}
        </button>
        <label className="check">
          <input
            type="checkbox"
            checked={guard.isConfirmed}
            onChange={(event) => guard.setConfirmed(event.target.checked)}
          />
          Start anyway (the job fails unless {down.name} answers by then)
        </label>
      </span>
    </div>
  );
}
