import { useEffect, useMemo, useState } from 'react';
import { api } from './api.js';
import { SectionNav, type Section } from './components/section-nav.js';
import {
  AddConnectionDialog,
  ConnectionOverview,
  ConnectionSidebar,
  ImportDockerDialog,
  RemoveConnectionDialog,
  useConnections,
} from './features/connections/index.js';
import { DaemonPage } from './features/daemon/index.js';
import { DiagnosePanel } from './features/doctor/index.js';
import { ExplorerPage, type ExplorerSelection } from './features/explorer/index.js';
import { LocalImagesPage } from './features/local-images/index.js';
import { ShortcutsDialog, useShortcuts } from './features/palette/index.js';
import {
  SearchButton,
  SearchPalette,
  StarredPlaces,
  usePlaces,
  type PaletteCommand,
} from './features/search/index.js';
import { ServersPage } from './features/servers/index.js';
import { StoragePage } from './features/storage/index.js';
import { TransfersPage, useRunningJobCount } from './features/transfers/index.js';
import { ConnectionStatusesContext, type ConnectionStatuses } from './hooks/use-connection-statuses.js';
import { useSidebarCollapsed } from './hooks/use-stored-layout.js';
import { useT, type Message } from './i18n/index.js';
import { app as m } from './messages.js';
import { NavigationContext, type Destination, type Navigation, type PageId } from './navigation.js';

const MOD_KEY = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘K' : 'Ctrl K';

const PAGE_TITLES: Record<PageId, Message> = {
  explorer: m.pageExplorer,
  transfers: m.pageTransfers,
  'local-images': m.pageLocalImages,
  daemon: m.pageDaemon,
  servers: m.pageServers,
  storage: m.pageStorage,
};

export function App() {
  const t = useT();
  const connections = useConnections();
  const runningJobs = useRunningJobCount();
  const [page, setPage] = useState<PageId>('explorer');
  const [selection, setSelection] = useState<ExplorerSelection>({});
  /** What the Storage page scans when opened for a connection or repository (the explorer's Storage…). */
  const [storageTarget, setStorageTarget] = useState<{ connection: string; repository?: string }>();
  const [isAdding, setIsAdding] = useState(false);
  const [isImporting, setIsImporting] = useState(false);
  const [isRemoving, setIsRemoving] = useState(false);
  const [diagnosing, setDiagnosing] = useState<{ host: string; connection?: string }>();
  const [isSidebarCollapsed, setIsSidebarCollapsed] = useSidebarCollapsed();
  const [overlay, setOverlay] = useState<'palette' | 'shortcuts'>();
  useShortcuts((action) => setOverlay(action === 'open-palette' ? 'palette' : 'shortcuts'));
  const current = connections.connections.find((entry) => entry.name === selection.connection);
  const { opened, reload: reloadPlaces } = usePlaces();
  // A connection removed takes its stars and recent places along, and one renamed moves them: the
  // sidebar and the search read them again whenever the saved connections change.
  const connectionNames = connections.connections.map((entry) => entry.name).join('\n');
  useEffect(() => reloadPlaces(), [reloadPlaces, connectionNames]);
  // What is opened in the explorer goes to the top of the recent list (the search shows it when empty).
  const openedRepository = page === 'explorer' ? selection.repository : undefined;
  useEffect(() => {
    if (!selection.connection || !openedRepository) return;
    opened({
      connection: selection.connection,
      repository: openedRepository,
      ...(selection.tag ? { reference: selection.tag } : {}),
    });
  }, [opened, selection.connection, openedRepository, selection.tag]);

  function selectConnection(name: string) {
    setPage('explorer');
    setSelection({ connection: name });
    // The answer arrives as a connections.status event, which the sidebar and top bar show.
    if (!connections.statuses[name]) void api.invoke('connections.test', { name });
  }

  const navigation = useMemo<Navigation>(
    () => ({
      page,
      go: (destination: Destination) => {
        setPage(destination.page);
        if (destination.page === 'explorer' && destination.connection)
          setSelection({
            connection: destination.connection,
            repository: destination.repository,
            tag: destination.tag,
          });
        if (destination.page === 'storage' && destination.connection)
          setStorageTarget({
            connection: destination.connection,
            ...(destination.repository ? { repository: destination.repository } : {}),
          });
      },
      diagnose: (host, connection) => setDiagnosing({ host, connection }),
    }),
    [page],
  );
  // One value per change, so the dialogs reading it redraw only when a status or a check changes.
  const checkingKey = [...connections.checking].join('\n');
  const statuses = useMemo<ConnectionStatuses>(
    () => ({ statuses: connections.statuses, checking: new Set(checkingKey ? checkingKey.split('\n') : []) }),
    [connections.statuses, checkingKey],
  );

  const title = [page === 'explorer' ? current?.name : undefined, t(PAGE_TITLES[page]), 'Berth']
    .filter(Boolean)
    .join(' — ');
  useEffect(() => {
    document.title = title;
  }, [title]);

  const sections: Section[] = [
    { id: 'explorer', label: t(PAGE_TITLES.explorer) },
    { id: 'transfers', label: t(PAGE_TITLES.transfers), badge: runningJobs },
    { id: 'local-images', label: t(PAGE_TITLES['local-images']) },
    { id: 'daemon', label: t(PAGE_TITLES.daemon) },
    { id: 'servers', label: t(PAGE_TITLES.servers) },
    { id: 'storage', label: t(PAGE_TITLES.storage) },
  ];

  const commands: PaletteCommand[] = [
    ...(Object.keys(PAGE_TITLES) as PageId[]).map((id) => ({
      id: `page ${id}`,
      label: t(m.goTo, { page: t(PAGE_TITLES[id]) }),
      run: () => {
        setOverlay(undefined);
        setPage(id);
      },
    })),
    {
      id: 'add',
      label: t(m.addConnectionCommand),
      run: () => {
        setOverlay(undefined);
        setIsAdding(true);
      },
    },
    {
      id: 'import',
      label: t(m.importDocker),
      run: () => {
        setOverlay(undefined);
        setIsImporting(true);
      },
    },
    { id: 'shortcuts', label: t(m.keyboardShortcuts), run: () => setOverlay('shortcuts') },
  ];

  function openPlace(target: { connection: string; repository: string; tag?: string }) {
    setOverlay(undefined);
    setPage('explorer');
    setSelection(target);
    if (!connections.statuses[target.connection])
      void api.invoke('connections.test', { name: target.connection });
  }

  return (
    <NavigationContext value={navigation}>
      <ConnectionStatusesContext value={statuses}>
        <div className={isSidebarCollapsed ? 'app sidebar-collapsed' : 'app'}>
          <div className="sidebar-frame">
            <SidebarToggle isCollapsed={isSidebarCollapsed} onToggle={setIsSidebarCollapsed} />
            {isSidebarCollapsed ? (
              <div className="sidebar sidebar-rail">
                <SectionNav sections={sections} current={page} onSelect={setPage} isCompact />
              </div>
            ) : (
              <ConnectionSidebar
                list={connections.list}
                connections={connections.connections}
                statuses={connections.statuses}
                checking={connections.checking}
                selected={page === 'explorer' ? selection.connection : undefined}
                onSelect={selectConnection}
                onAdd={() => setIsAdding(true)}
                onImportDocker={() => setIsImporting(true)}
                sections={
                  <>
                    <SearchButton shortcut={MOD_KEY} onOpen={() => setOverlay('palette')} />
                    <SectionNav sections={sections} current={page} onSelect={setPage} />
                    <StarredPlaces
                      selected={
                        page === 'explorer' && selection.connection && selection.repository
                          ? {
                              connection: selection.connection,
                              repository: selection.repository,
                              ...(selection.tag ? { reference: selection.tag } : {}),
                            }
                          : undefined
                      }
                      onOpen={(place) =>
                        openPlace({
                          connection: place.connection,
                          repository: place.repository,
                          ...(place.reference ? { tag: place.reference } : {}),
                        })
                      }
                    />
                  </>
                }
              />
            )}
          </div>
          {page === 'explorer' &&
            (current ? (
              <ExplorerPage
                connection={current}
                status={connections.statuses[current.name]}
                isChecking={connections.checking.has(current.name)}
                selection={selection}
                onSelect={setSelection}
                onRemove={() => setIsRemoving(true)}
                onEdited={(saved) => {
                  connections.reload();
                  setSelection({ ...selection, connection: saved.name });
                }}
              />
            ) : connections.connections.length ? (
              <ConnectionOverview
                connections={connections.connections}
                statuses={connections.statuses}
                checking={connections.checking}
                onOpen={selectConnection}
              />
            ) : connections.list.status === 'done' ? (
              <main className="welcome">
                <h1>{t(m.welcomeTitle)}</h1>
                <p className="muted">{t(m.welcomeText)}</p>
                <button type="button" className="button primary" onClick={() => setIsAdding(true)}>
                  {t(m.addConnection)}
                </button>
                <button type="button" className="button ghost" onClick={() => setIsImporting(true)}>
                  {t(m.importDocker)}
                </button>
              </main>
            ) : (
              <main className="welcome" />
            ))}
          {page === 'transfers' && <TransfersPage />}
          {page === 'local-images' && <LocalImagesPage />}
          {page === 'daemon' && <DaemonPage />}
          {page === 'servers' && <ServersPage onConnectionsChanged={connections.reload} />}
          {page === 'storage' && <StoragePage target={storageTarget} />}
          {isAdding && (
            <AddConnectionDialog
              onClose={() => setIsAdding(false)}
              onSaved={(saved) => {
                setIsAdding(false);
                connections.reload();
                setPage('explorer');
                setSelection({ connection: saved.name });
              }}
            />
          )}
          {isImporting && (
            <ImportDockerDialog onClose={() => setIsImporting(false)} onImported={connections.reload} />
          )}
          {isRemoving && current && (
            <RemoveConnectionDialog
              name={current.name}
              onClose={() => setIsRemoving(false)}
              onRemoved={() => {
                setIsRemoving(false);
                // The next connection in the list takes its place (the one before, for the last).
                const list = connections.connections;
                const at = list.findIndex((entry) => entry.name === current.name);
                const neighbour = list[at + 1] ?? list[at - 1];
                setSelection(neighbour ? { connection: neighbour.name } : {});
                connections.reload();
              }}
            />
          )}
          {overlay === 'palette' && (
            <SearchPalette
              connections={connections.connections}
              current={selection.connection}
              commands={commands}
              onClose={() => setOverlay(undefined)}
              onOpen={openPlace}
            />
          )}
          {overlay === 'shortcuts' && <ShortcutsDialog onClose={() => setOverlay(undefined)} />}
          {diagnosing && (
            <DiagnosePanel
              host={diagnosing.host}
              connection={diagnosing.connection}
              onFixed={connections.reload}
              onClose={() => setDiagnosing(undefined)}
            />
          )}
        </div>
      </ConnectionStatusesContext>
    </NavigationContext>
  );
}

/** Collapses the sidebar to a narrow rail (more room for the panes) and opens it again. */
function SidebarToggle({
  isCollapsed,
  onToggle,
}: {
  isCollapsed: boolean;
  onToggle: (isCollapsed: boolean) => void;
}) {
  const t = useT();
  const label = t(isCollapsed ? m.expandSidebar : m.collapseSidebar);
  return (
    <button
      type="button"
      className="button ghost small sidebar-toggle"
      aria-label={label}
      aria-expanded={!isCollapsed}
      title={label}
      onClick={() => onToggle(!isCollapsed)}
    >
      <svg width="18" height="18" viewBox="0 0 16 16" aria-hidden="true">
        <rect
          x="1.5"
          y="2.5"
          width="13"
          height="11"
          rx="2"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.3"
        />
        <path d="M5.5 2.5v11" stroke="currentColor" strokeWidth="1.3" />
        <path
          d={isCollapsed ? 'M8.5 6l2 2-2 2' : 'M10.5 6l-2 2 2 2'}
          fill="none"
          stroke="currentColor"
          strokeWidth="1.3"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
    </button>
  );
}
