import type { ConnectionStatus, ConnectionView } from '../../../shared/contract/index.js';
import type { AsyncState } from '../../hooks/use-async.js';
import { Empty, ErrorView, Loading } from '../../components/error-view.js';
import { statusOf } from '../../lib/connection-state.js';
import './connections.css';

/** ↑ ↓ Home End move focus between the connections; Tab still leaves the list in one step each. */
function moveBetweenConnections(event: React.KeyboardEvent<HTMLUListElement>) {
  const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button.connection')];
  const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
  if (at < 0) return;
  const targets: Record<string, number> = {
    ArrowDown: Math.min(at + 1, buttons.length - 1),
    ArrowUp: Math.max(at - 1, 0),
    Home: 0,
    End: buttons.length - 1,
  };
  const target = targets[event.key];
  if (target === undefined) return;
  event.preventDefault();
  buttons[target]?.focus();
}

export function ConnectionSidebar({
  list,
  connections,
  statuses,
  checking,
  selected,
  onSelect,
  onAdd,
  onImportDocker,
  sections,
}: {
  list: AsyncState<unknown> & { reload: () => void };
  connections: ConnectionView[];
  statuses: Record<string, ConnectionStatus>;
  /** Connections whose background check has not answered yet. */
  checking: ReadonlySet<string>;
  selected: string | undefined;
  onSelect: (name: string) => void;
  onAdd: () => void;
  onImportDocker: () => void;
  /** The app's sections, above the connections. */
  sections?: React.ReactNode;
}) {
  return (
    <nav className="sidebar" aria-label="Connections">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          ⚓
        </span>
        Berth
      </div>
      {sections}
      <div className="pane-heading">
        <h2>Connections</h2>
      </div>
      {list.status === 'loading' && !connections.length && <Loading label="Loading connections…" />}
      {list.status === 'error' && <ErrorView error={list.error} onRetry={list.reload} />}
      {list.status === 'done' && !connections.length && (
        <Empty>No connections yet. Add one to browse a registry’s repositories.</Empty>
      )}
      <ul className="connection-list" onKeyDown={moveBetweenConnections}>
        {connections.map((connection) => {
          const status = statusOf(statuses[connection.name], checking.has(connection.name));
          const isSelected = connection.name === selected;
          return (
            <li key={connection.name}>
              <button
                type="button"
                className={isSelected ? 'connection selected' : 'connection'}
                aria-current={isSelected ? 'true' : undefined}
                title={
                  [
                    status.reason,
                    connection.credentialHelper &&
                      `Signed in through docker-credential-${connection.credentialHelper}`,
                  ]
                    .filter(Boolean)
                    .join('\n') || undefined
                }
                onClick={() => onSelect(connection.name)}
              >
                <span
                  className={`status-dot ${status.tone}${status.label === 'Checking…' ? ' checking' : ''}`}
                  aria-hidden="true"
                />
                <span className="connection-text">
                  <span className="connection-name">{connection.name}</span>
                  <span className="connection-host">
                    {connection.insecureHttp ? 'http://' : ''}
                    {connection.host}
                  </span>
                  {status.tone === 'ok' ? (
                    <span className="visually-hidden">, {status.label}</span>
                  ) : (
                    <span className={`connection-state ${status.tone}`}>
                      <span className="visually-hidden">, </span>
                      {status.label}
                    </span>
                  )}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
      <div className="sidebar-footer">
        <button type="button" className="button primary block" onClick={onAdd}>
          Add connection
        </button>
        <button type="button" className="button ghost block" onClick={onImportDocker}>
          Import from Docker…
        </button>
      </div>
    </nav>
  );
}
