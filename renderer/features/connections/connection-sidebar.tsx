import type { ConnectionStatus, ConnectionView } from '../../../shared/contract/index.js';
import type { AsyncState } from '../../hooks/use-async.js';
import { Empty, ErrorView, Loading } from '../../components/error-view.js';
import { statusOf } from '../../lib/connection-state.js';
import { useT } from '../../i18n/index.js';
import { common } from '../../i18n/messages.js';
import { LanguageMenu } from '../../language-menu.js';
import { connections as m } from './messages.js';
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
  const t = useT();
  return (
    <nav className="sidebar" aria-label={t(m.sidebarLabel)}>
      <div className="brand" translate="no">
        <span className="brand-mark" aria-hidden="true">
          ⚓
        </span>
        Berth
      </div>
      {sections}
      <div className="pane-heading">
        <h2>{t(m.heading)}</h2>
      </div>
      {list.status === 'loading' && !connections.length && <Loading label={t(m.loading)} />}
      {list.status === 'error' && <ErrorView error={list.error} onRetry={list.reload} />}
      {list.status === 'done' && !connections.length && <Empty>{t(m.empty)}</Empty>}
      <ul className="connection-list" onKeyDown={moveBetweenConnections}>
        {connections.map((connection) => {
          const status = statusOf(t, statuses[connection.name], checking.has(connection.name));
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
                      t(m.signedInThroughHelper, { helper: connection.credentialHelper }),
                  ]
                    .filter(Boolean)
                    .join('\n') || undefined
                }
                onClick={() => onSelect(connection.name)}
              >
                <span
                  className={`status-dot ${status.tone}${status.isChecking ? ' checking' : ''}`}
                  aria-hidden="true"
                />
                <span className="connection-text">
                  <span className="connection-name" translate="no">
                    {connection.name}
                  </span>
                  <span className="connection-host" translate="no">
                    {connection.insecureHttp ? 'http://' : ''}
                    {connection.host}
                  </span>
                  {status.tone === 'ok' ? (
                    <span className="visually-hidden">
                      {t(common.listSeparator)}
                      {status.label}
                    </span>
                  ) : (
                    <span className={`connection-state ${status.tone}`}>
                      <span className="visually-hidden">{t(common.listSeparator)}</span>
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
          {t(m.addConnection)}
        </button>
        <button type="button" className="button ghost block" onClick={onImportDocker}>
          {t(m.importDocker)}
        </button>
        <LanguageMenu />
      </div>
    </nav>
  );
}
