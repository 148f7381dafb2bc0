import { useState } from 'react';
import { call } from '../../api.js';
import { ErrorView, Loading } from '../../components/error-view.js';
import { useAsync } from '../../hooks/use-async.js';
import { CreateServerDialog } from './create-server-dialog.js';
import { DockerTrustDialog } from './docker-trust.js';
import { GarbageDialog } from './garbage-dialog.js';
import { LogsDialog } from './logs-dialog.js';
import { MirrorDialog } from './mirror-dialog.js';
import { RemoveServerDialog } from './remove-server-dialog.js';
import { ServerCard } from './server-card.js';
import { UsersDialog } from './users-dialog.js';
import { useT } from '../../i18n/index.js';
import { page as m } from './messages.js';
import './servers.css';

export type ServerDialog = 'users' | 'logs' | 'gc' | 'docker' | 'remove' | 'mirror';

/** Registries Berth set up and runs on this machine: create, start and stop, users, logs, GC. */
export function ServersPage({ onConnectionsChanged }: { onConnectionsChanged: () => void }) {
  const list = useAsync('servers', () => call('servers.list', {}));
  const t = useT();
  const [isCreating, setIsCreating] = useState(false);
  const [open, setOpen] = useState<{ dialog: ServerDialog; name: string }>();
  // A reload keeps the last list on screen, so a start or stop does not flash the loading state.
  const servers = list.lastValue?.servers;
  const current = servers?.find((server) => server.name === open?.name);
  const engine = list.lastValue?.engine === 'podman' ? 'Podman' : 'Docker';
  // Counts the list's reads, so each card counts its disk use again after a change.
  const [refresh, setRefresh] = useState(0);
  const reload = () => {
    setRefresh((value) => value + 1);
    list.reload();
  };

  function close(changed: boolean) {
    setOpen(undefined);
    if (changed) reload();
  }

  return (
    <div className="workspace">
      <header className="topbar">
        <h1 className="page-title">{t(m.title)}</h1>
        <button type="button" className="button primary" onClick={() => setIsCreating(true)}>
          {t(m.newRegistry)}
        </button>
      </header>
      <div className="page-body servers-page">
        {!servers && list.status !== 'error' && <Loading label={t(m.looking)} />}
        {list.status === 'error' && <ErrorView error={list.error} onRetry={list.reload} />}
        {servers?.length === 0 && (
          <div className="servers-empty">
            <h2 className="servers-empty-title">{t(m.emptyTitle)}</h2>
            <p className="muted">{t(m.emptyText)}</p>
            <button type="button" className="button primary" onClick={() => setIsCreating(true)}>
              {t(m.setUp)}
            </button>
          </div>
        )}
        {servers && servers.length > 0 && (
          <ul className="server-list" aria-label={t(m.title)}>
            {servers.map((server) => (
              <li key={server.name}>
                <ServerCard
                  server={server}
                  engine={engine}
                  refresh={refresh}
                  onChanged={reload}
                  onOpen={(dialog) => setOpen({ dialog, name: server.name })}
                />
              </li>
            ))}
          </ul>
        )}
      </div>
      {isCreating && (
        <CreateServerDialog
          servers={servers ?? []}
          runtimes={list.status === 'done' ? list.value.runtimes : ['process']}
          onCreated={() => {
            list.reload();
            onConnectionsChanged();
          }}
          onClose={() => setIsCreating(false)}
        />
      )}
      {current && open?.dialog === 'users' && <UsersDialog server={current} onClose={close} />}
      {current && open?.dialog === 'logs' && <LogsDialog server={current} onClose={() => close(false)} />}
      {current && open?.dialog === 'gc' && <GarbageDialog server={current} onClose={close} />}
      {current && open?.dialog === 'docker' && (
        <DockerTrustDialog server={current} engine={engine} onClose={() => close(false)} />
      )}
      {current && open?.dialog === 'mirror' && <MirrorDialog server={current} onClose={() => close(false)} />}
      {current && open?.dialog === 'remove' && (
        <RemoveServerDialog
          server={current}
          onClose={() => close(false)}
          onRemoved={() => {
            close(true);
            onConnectionsChanged();
          }}
        />
      )}
    </div>
  );
}
