import type { ConnectionStatus, ConnectionView } from '../../../shared/contract/index.js';
import { DiagnoseButton } from '../../components/diagnose-button.js';
import { statusOf } from '../../lib/connection-state.js';
import { useT } from '../../i18n/index.js';
import { connections as m } from './messages.js';
import './connections.css';

/**
 * Every saved connection at a glance, when none is open: how each is doing and, for one that is not
 * fine, why — with Open and Diagnose for each.
 */
export function ConnectionOverview({
  connections,
  statuses,
  checking,
  onOpen,
}: {
  connections: ConnectionView[];
  statuses: Record<string, ConnectionStatus>;
  checking: ReadonlySet<string>;
  onOpen: (name: string) => void;
}) {
  const t = useT();
  return (
    <main className="overview">
      <h1>{t(m.overviewTitle)}</h1>
      <p className="muted">{t(m.overviewText)}</p>
      <ul className="overview-list" aria-label={t(m.overviewList)}>
        {connections.map((connection) => {
          const status = statusOf(t, statuses[connection.name], checking.has(connection.name));
          return (
            <li key={connection.name} className="overview-row">
              <span
                className={`status-dot ${status.tone}${status.isChecking ? ' checking' : ''}`}
                aria-hidden="true"
              />
              <span className="overview-text">
                <span>
                  <strong translate="no">{connection.name}</strong>{' '}
                  <span className="muted" translate="no">
                    {connection.insecureHttp ? 'http://' : ''}
                    {connection.host}
                  </span>{' '}
                  · <span className={`connection-state ${status.tone}`}>{status.label}</span>
                </span>
                {connection.credentialHelper && (
                  <span className="muted overview-helper">
                    {t(m.signedInThroughHelper, { helper: connection.credentialHelper })}
                  </span>
                )}
                {status.reason && <span className="overview-reason">{status.reason}</span>}
              </span>
              <span className="toolbar">
                <DiagnoseButton host={connection.host} connection={connection.name} />
                <button type="button" className="button small" onClick={() => onOpen(connection.name)}>
                  {t(m.open)}
                </button>
              </span>
            </li>
          );
        })}
      </ul>
    </main>
  );
}
