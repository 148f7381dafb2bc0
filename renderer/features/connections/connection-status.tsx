import type { ConnectionStatus, ConnectionView } from '../../../shared/contract/index.js';
import { DiagnoseButton } from '../../components/diagnose-button.js';
import { isUnreachable } from '../../../shared/errors.js';
import { call } from '../../api.js';
import { useAction } from '../../hooks/use-action.js';
import { useAsync } from '../../hooks/use-async.js';
import { reasonOf, statusOf } from '../../lib/connection-state.js';
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
  const action = useAction();
  const down = status?.error && isUnreachable(status.error) ? status : undefined;
  // Asked again after each check: the user may have started or stopped it on the Your registries page.
  const servers = useAsync(down ? `${connection.host}\n${down.checkedAt}` : undefined, () =>
    call('servers.list', {}),
  );
  const own = servers.status === 'done' ? ownServerFor(connection.host, servers.value.servers) : undefined;
  const shown = statusOf(status);
  if (!status?.error || shown.tone !== 'bad') return null;

  const checkAgain = () =>
    action.run('check', () => call('connections.test', { name: connection.name }).catch(() => undefined));
  async function start(name: string) {
    const started = await action.run('start', () => call('servers.start', { name }));
    if (started) await checkAgain();
  }

  return (
    <section className="connection-status" aria-label="Connection status">
      <p>
        <strong>
          {connection.name}: {shown.label.toLowerCase()}.
        </strong>{' '}
        {own?.state === 'stopped'
          ? `It is your registry “${own.name}”, and it is stopped: start it to browse it.`
          : reasonOf(status.error)}
      </p>
      {action.error && <p className="connection-status-error">{reasonOf(action.error)}</p>}
      <span className="toolbar">
        {own?.state === 'stopped' && (
          <button
            type="button"
            className="button primary small"
            disabled={action.busy}
            onClick={() => void start(own.name)}
          >
            {action.running === 'start' ? 'Starting…' : 'Start'}
          </button>
        )}
        <button
          type="button"
          className="button small"
          disabled={action.busy}
          onClick={() => void checkAgain()}
        >
          {action.running === 'check' ? 'Checking…' : 'Check again'}
        </button>
        <DiagnoseButton host={connection.host} connection={connection.name} />
      </span>
    </section>
  );
}
