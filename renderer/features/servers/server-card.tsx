import type { ServerView } from '../../../shared/contract/servers.js';
import { call } from '../../api.js';
import { CopyButton } from '../../components/copy-button.js';
import { ErrorView } from '../../components/error-view.js';
import { useAsync } from '../../hooks/use-async.js';
import { formatBytes } from '../../lib/format.js';
import { useNavigation } from '../../navigation.js';
import type { ServerDialog } from './servers-page.js';
import { useAction } from '../../hooks/use-action.js';

const TLS_LABELS: Record<ServerView['tls'], string> = {
  none: 'none — plain HTTP',
  'self-signed': 'self-signed (Berth’s own CA)',
  existing: 'your certificate',
};

/** One registry: whether it runs and where, what it holds, and what can be done with it. */
export function ServerCard({
  server,
  engine,
  refresh,
  onChanged,
  onOpen,
}: {
  server: ServerView;
  /** The local engine the trust button is for (Docker when none answers). */
  engine: EngineName;
  /** Changes when the list was read again (after a collection): the disk use is counted again. */
  refresh: number;
  onChanged: () => void;
  onOpen: (dialog: ServerDialog) => void;
}) {
  if (server.isUnreadable) return <UnreadableServerCard server={server} onOpen={onOpen} />;
  return (
    <ReadableServerCard
      server={server}
      engine={engine}
      refresh={refresh}
      onChanged={onChanged}
      onOpen={onOpen}
    />
  );
}

export type EngineName = 'Docker' | 'Podman';

/**
 * The bytes in its storage folder, counted when the card shows (a walk of the folder, as garbage
 * collection does: a few milliseconds for a registry of this machine's size) and again after a change.
 */
function DiskUse({ name, refresh }: { name: string; refresh: number }) {
  const use = useAsync(`${name}\n${refresh}`, () => call('servers.diskUse', { name }));
  const counted = use.status === 'done' ? use.value : use.lastValue;
  if (use.status === 'error') return <span className="muted">cannot be counted: {use.error.message}</span>;
  if (counted === undefined) return <span className="muted">counting…</span>;
  if (!counted.isComplete)
    return (
      <span title="The storage holds so many files that counting stopped early; garbage collection counts them all.">
        at least {formatBytes(counted.bytes)}
      </span>
    );
  return <>{counted.bytes === 0 ? 'empty' : formatBytes(counted.bytes)}</>;
}

/**
 * A pull-through cache's figures: the repositories it holds, and its manifest hits and misses since it
 * started (Distribution's own counters), read when the card shows and again after a change.
 */
function MirrorFigures({ name, refresh }: { name: string; refresh: number }) {
  const status = useAsync(`${name}\n${refresh}`, () => call('servers.mirrorStatus', { name }));
  const value = status.status === 'done' ? status.value : status.lastValue;
  if (status.status === 'error')
    return (
      <p className="muted small" role="status">
        Its figures cannot be read: {status.error.message}
      </p>
    );
  if (!value) return <p className="muted small">Reading its figures…</p>;
  const { stats } = value;
  const held = value.repositories.length;
  return (
    <dl className="properties mirror-figures" aria-label={`${name}'s cache`}>
      <div>
        <dt>Holds</dt>
        <dd title={value.repositories.slice(0, 50).join('\n')}>
          {held === 0
            ? 'nothing yet'
            : `${held}${value.isCatalogComplete ? '' : '+'} ${held === 1 ? 'repository' : 'repositories'}`}
        </dd>
      </div>
      {stats ? (
        <>
          <div>
            <dt>Served from the cache</dt>
            <dd>
              {stats.manifests.hits} of {stats.manifests.requests} image requests
              {stats.manifests.requests > 0
                ? ` (${Math.round((stats.manifests.hits / stats.manifests.requests) * 100)}%)`
                : ''}
            </dd>
          </div>
          <div>
            <dt>Fetched from the upstream</dt>
            <dd>
              {stats.manifests.misses} image {stats.manifests.misses === 1 ? 'request' : 'requests'}
            </dd>
          </div>
          <div>
            <dt>Sent to clients</dt>
            <dd>
              {formatBytes(stats.bytesServed)} in {stats.blobRequests} layer downloads
            </dd>
          </div>
        </>
      ) : (
        <div>
          <dt>Hits and misses</dt>
          <dd className="muted">{value.statsProblem}</dd>
        </div>
      )}
    </dl>
  );
}

/** A server whose server.json cannot be read: why, where, and the one thing to do — remove it. */
function UnreadableServerCard({
  server,
  onOpen,
}: {
  server: ServerView;
  onOpen: (dialog: ServerDialog) => void;
}) {
  const headingId = `server-${server.name}`;
  return (
    <article className="server-card" aria-labelledby={headingId}>
      <header className="server-heading">
        <span className="status-dot" aria-hidden="true" />
        <h2 id={headingId}>{server.name}</h2>
        <span className="badge">{server.state}</span>
      </header>
      <dl className="properties">
        <div>
          <dt>Folder</dt>
          <dd className="break">{server.folder}</dd>
        </div>
      </dl>
      <p className="warning" role="status">
        Berth cannot read this registry: {server.problem}
      </p>
      <div className="toolbar wrap">
        <span className="spacer" />
        <button type="button" className="button small danger" onClick={() => onOpen('remove')}>
          Remove…
        </button>
      </div>
    </article>
  );
}

function ReadableServerCard({
  server,
  engine,
  refresh,
  onChanged,
  onOpen,
}: {
  server: ServerView;
  engine: EngineName;
  refresh: number;
  onChanged: () => void;
  onOpen: (dialog: ServerDialog) => void;
}) {
  const navigation = useNavigation();
  const action = useAction();
  const isRunning = server.state === 'running';
  const headingId = `server-${server.name}`;

  async function toggle() {
    const name = server.name;
    const done = await action.run(isRunning ? 'stop' : 'start', async () => {
      if (isRunning) await call('servers.stop', { name });
      else await call('servers.start', { name });
      return true;
    });
    if (done) onChanged();
  }

  return (
    <article className="server-card" aria-labelledby={headingId}>
      <header className="server-heading">
        <span className={`status-dot ${isRunning ? 'ok' : ''}`} aria-hidden="true" />
        <h2 id={headingId}>{server.name}</h2>
        <span className={isRunning ? 'badge ok' : 'badge'}>{server.state}</span>
        <code className="server-url">{server.url}</code>
        <CopyButton text={server.host} label={`Copy ${server.name}'s address`} />
      </header>
      <dl className="properties">
        <div>
          <dt>Runs as</dt>
          <dd>
            {server.runtime === 'process'
              ? `docker-registry process${server.pid ? ` (pid ${server.pid})` : ''}`
              : `container berth-registry-${server.name}${server.image ? ` (${server.image})` : ''}`}
          </dd>
        </div>
        <div>
          <dt>Listens on</dt>
          <dd>
            {server.bind}:{server.port}
          </dd>
        </div>
        <div>
          <dt>TLS</dt>
          <dd>{TLS_LABELS[server.tls]}</dd>
        </div>
        {server.proxy && (
          <div>
            <dt>Caches</dt>
            <dd className="break">
              {server.proxy.remoteUrl}
              {server.proxy.username ? ` (logs in as ${server.proxy.username})` : ''}
            </dd>
          </div>
        )}
        <div>
          <dt>Users</dt>
          <dd>
            {server.users.length
              ? server.users.join(', ')
              : server.proxy
                ? 'none — anyone can pull'
                : 'none — anyone can push'}
          </dd>
        </div>
        <div>
          <dt>Storage</dt>
          <dd className="break">{server.storageDir}</dd>
        </div>
        <div>
          <dt>Disk use</dt>
          <dd>
            <DiskUse name={server.name} refresh={refresh} />
          </dd>
        </div>
      </dl>
      {server.proxy && (
        <>
          <MirrorFigures name={server.name} refresh={refresh} />
          <p className="muted small">
            A pull-through cache is read-only for its clients: pushes and deletes are refused. It fetches what
            is pulled from {server.proxy.remoteUrl} and keeps it for a week ({server.proxy.ttl}, fixed in
            Distribution 2.8). Its counts start again when it restarts.
          </p>
        </>
      )}
      {server.problem && (
        <p className="warning" role="status">
          State unknown: {server.problem}
        </p>
      )}
      {action.error && <ErrorView error={action.error} />}
      <div className="toolbar">
        <button
          type="button"
          className={`button small ${isRunning ? '' : 'primary'}`}
          disabled={action.busy}
          onClick={() => void toggle()}
        >
          {action.running === 'start'
            ? 'Starting…'
            : action.running === 'stop'
              ? 'Stopping…'
              : isRunning
                ? 'Stop'
                : 'Start'}
        </button>
        <button type="button" className="button small" onClick={() => onOpen('users')}>
          Users…
        </button>
        <button type="button" className="button small" onClick={() => onOpen('logs')}>
          Logs…
        </button>
        {server.proxy && (
          <button type="button" className="button small" onClick={() => onOpen('mirror')}>
            {engine === 'Podman' ? 'Use as Podman mirror…' : 'Use as Docker mirror…'}
          </button>
        )}
        <button type="button" className="button small" onClick={() => onOpen('gc')}>
          Collect garbage…
        </button>
        <button type="button" className="button small" onClick={() => onOpen('docker')}>
          Trust in {engine}…
        </button>
        <button type="button" className="button small" onClick={() => navigation.diagnose(server.url)}>
          Diagnose
        </button>
        <span className="spacer" />
        <button type="button" className="button small danger" onClick={() => onOpen('remove')}>
          Remove…
        </button>
      </div>
    </article>
  );
}
