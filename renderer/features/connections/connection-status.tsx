import type { ConnectionStatus, ConnectionView } from '../../../shared/contract/index.js';
import { DiagnoseButton } from '../../components/diagnose-button.js';
import { isUnreachable } from '../../../shared/errors.js';
import { call } from '../../api.js';
import { useAction } from '../../hooks/use-action.js';
import { useAsync } from '../../hooks/use-async.js';
import { reasonOf, statusOf } from '../../lib/connection-state.js';
import { useT } from '../../i18n/index.js';
import { connectionState, connections as m } from './messages.js';
import { ownServerFor } from './own-server.js';
import './connections.css';

/**
 * Why a saved connection is not fine, under the explorer's top bar: the registry's own sentence, then
 * Check again and Diagnose — and Start when it is one of the user's own registries and is stopped.
 */
export function ConnectionStatusBar({
  connection,
  status,
}: {
  connection: ConnectionView;
  status: ConnectionStatus | undefined;
}) {
  const t = useT();
  const action = useAction();
  const down = status?.error && isUnreachable(status.error) ? status : undefined;
  // Asked again after each check: the user may have started or stopped it on the Your registries page.
  const servers = useAsync(down ? `${connection.host}\n${down.checkedAt}` : undefined, () =>
    call('servers.list', {}),
  );
  const own = servers.status === 'done' ? ownServerFor(connection.host, servers.value.servers) : undefined;
  const shown = statusOf(t, status);
  if (!status?.error || shown.tone !== 'bad') return null;

  const checkAgain = () =>
    action.run('check', () => call('connections.test', { name: connection.name }).catch(() => undefined));
  async function start(name: string) {
    const started = await action.run('start', () => call('servers.start', { name }));
    if (started) await checkAgain();
  }

  return (
    <section className="connection-status" aria-label={t(m.statusLabel)}>
      <p>
        <strong>
          {t.rich(m.statusLead, {
            name: <span translate="no">{connection.name}</span>,
            state: shown.label.toLowerCase(),
          })}
        </strong>{' '}
        {own?.state === 'stopped' ? t(m.ownStopped, { name: own.name }) : reasonOf(t, status.error)}
      </p>
      {action.error && <p className="connection-status-error">{reasonOf(t, action.error)}</p>}
      <span className="toolbar">
        {own?.state === 'stopped' && (
          <button
            type="button"
            className="button primary small"
            disabled={action.busy}
            onClick={() => void start(own.name)}
          >
            {t(action.running === 'start' ? m.starting : m.start)}
          </button>
        )}
        <button
          type="button"
          className="button small"
          disabled={action.busy}
          onClick={() => void checkAgain()}
        >
          {t(action.running === 'check' ? connectionState.checking : m.checkAgain)}
        </button>
        <DiagnoseButton host={connection.host} connection={connection.name} />
      </span>
    </section>
  );
}
