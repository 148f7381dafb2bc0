import { useState } from 'react';
import type { ConnectionStatus, ConnectionView } from '../../shared/contract/index.js';
import { call } from '../api.js';
import { useAction } from '../hooks/use-action.js';
import { useConnectionStatuses } from '../hooks/use-connection-statuses.js';
import { useT } from '../i18n/index.js';
import { isKnownUnreachable, pickerLabel, reasonOf } from '../lib/connection-state.js';
import { components as m } from './messages.js';

/**
 * Which saved connection: each by its name, host and what its last check found (pull, push, copy and
 * sync dialogs).
 */
export function ConnectionField({
  connections,
  value,
  onChange,
  label,
  disabled,
}: {
  connections: readonly Pick<ConnectionView, 'name' | 'host'>[];
  value: string;
  onChange: (name: string) => void;
  label?: string;
  disabled?: boolean;
}) {
  const t = useT();
  const { statuses, checking } = useConnectionStatuses();
  return (
    <label className="field">
      <span>{label ?? t(m.registry)}</span>
      <select
        className="input select"
        value={value}
        disabled={disabled}
        onChange={(event) => onChange(event.target.value)}
      >
        {connections.map((connection) => (
          <option key={connection.name} value={connection.name}>
            {pickerLabel(t, connection, statuses[connection.name], checking.has(connection.name))}
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
  const t = useT();
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
    problem: down && !isConfirmed ? t(m.guardProblem, { name: down.name }) : undefined,
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
  const t = useT();
  const action = useAction();
  const { down } = guard;
  if (!down) return null;
  const checkAgain = () =>
    action.run('check', () => call('connections.test', { name: down.name }).catch(() => undefined));
  return (
    <div
      className="unreachable-note"
      role="group"
      aria-label={t(role === 'source' ? m.sourceNotReachable : m.destinationNotReachable)}
    >
      <p>
        <strong>{t.rich(m.notReachable, { name: <span translate="no">{down.name}</span> })}</strong>{' '}
        {down.error ? reasonOf(t, down.error) : ''}{' '}
        <span className="muted">
          {t(m.lastChecked, { time: t.intl.formatTime(down.checkedAt, { timeStyle: 'medium' }) })}
        </span>
      </p>
      <span className="toolbar">
        <button
          type="button"
          className="button small"
          disabled={action.busy}
          onClick={() => void checkAgain()}
        >
          {t(action.busy ? m.checking : m.checkAgain)}
        </button>
        <label className="check">
          <input
            type="checkbox"
            checked={guard.isConfirmed}
            onChange={(event) => guard.setConfirmed(event.target.checked)}
          />
          {t(m.startAnyway, { name: down.name })}
        </label>
      </span>
    </div>
  );
}
