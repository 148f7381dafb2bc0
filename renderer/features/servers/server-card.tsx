import type { MirrorStatus, ServerView } from '../../../shared/contract/servers.js';
import { describeError } from '../../i18n/errors.js';
import { call } from '../../api.js';
import { CopyButton } from '../../components/copy-button.js';
import { ErrorView } from '../../components/error-view.js';
import { useAsync } from '../../hooks/use-async.js';
import { useT, type Translate } from '../../i18n/index.js';
import { useFormat } from '../../i18n/format.js';
import { useNavigation } from '../../navigation.js';
import type { ServerDialog } from './servers-page.js';
import { useAction } from '../../hooks/use-action.js';
import { card as m } from './messages.js';

const TLS_LABELS = { none: m.tlsNone, 'self-signed': m.tlsSelfSigned, existing: m.tlsExisting } as const;

/** A registry's state for its badge: running, stopped or unknown. */
export function stateLabel(t: Translate, state: ServerView['state']): string {
  return t(m.state, { state });
}

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
  const t = useT();
  const format = useFormat();
  const use = useAsync(`${name}\n${refresh}`, () => call('servers.diskUse', { name }));
  const counted = use.status === 'done' ? use.value : use.lastValue;
  if (use.status === 'error')
    return (
      <span className="muted">{t(m.cannotCount, { problem: describeError(t, use.error).message })}</span>
    );
  if (counted === undefined) return <span className="muted">{t(m.counting)}</span>;
  if (!counted.isComplete)
    return <span title={t(m.countStopped)}>{t(m.atLeast, { size: format.size(counted.bytes) })}</span>;
  return <>{counted.bytes === 0 ? t(m.empty) : format.size(counted.bytes)}</>;
}

/**
 * A pull-through cache's figures: the repositories it holds, and its manifest hits and misses since it
 * started (Distribution's own counters), read when the card shows and again after a change.
 */
function MirrorFigures({ name, refresh }: { name: string; refresh: number }) {
  const t = useT();
  const format = useFormat();
  const status = useAsync(`${name}\n${refresh}`, () => call('servers.mirrorStatus', { name }));
  const value = status.status === 'done' ? status.value : status.lastValue;
  if (status.status === 'error')
    return (
      <p className="muted small" role="status">
        {t(m.figuresUnreadable, { problem: describeError(t, status.error).message })}
      </p>
    );
  if (!value) return <p className="muted small">{t(m.readingFigures)}</p>;
  const { stats } = value;
  const held = value.repositories.length;
  const requests = stats?.manifests.requests ?? 0;
  return (
    <dl className="properties mirror-figures" aria-label={t(m.cacheLabel, { name })}>
      <div>
        <dt>{t(m.holds)}</dt>
        <dd title={value.repositories.slice(0, 50).join('\n')}>
          {held === 0
            ? t(m.holdsNothing)
            : t(m.holdsRepositories, { count: held, more: value.isCatalogComplete ? '' : '+' })}
        </dd>
      </div>
      {stats ? (
        <>
          <div>
            <dt>{t(m.servedFromCache)}</dt>
            <dd>
              {requests > 0
                ? t(m.hitsOfRequestsPercent, {
                    hits: stats.manifests.hits,
                    requests,
                    percent: Math.round((stats.manifests.hits / requests) * 100) / 100,
                  })
                : t(m.hitsOfRequests, { hits: stats.manifests.hits, requests })}
            </dd>
          </div>
          <div>
            <dt>{t(m.fetchedFromUpstream)}</dt>
            <dd>{t(m.misses, { count: stats.manifests.misses })}</dd>
          </div>
          <div>
            <dt>{t(m.sentToClients)}</dt>
            <dd>{t(m.bytesServed, { size: format.size(stats.bytesServed), count: stats.blobRequests })}</dd>
          </div>
        </>
      ) : (
        <div>
          <dt>{t(m.hitsAndMisses)}</dt>
          <dd className="muted">{statsProblemText(t, name, value)}</dd>
        </div>
      )}
    </dl>
  );
}

/** Why a cache's counters are missing, in the interface language (the core's English when it gave no kind). */
function statsProblemText(t: Translate, name: string, status: MirrorStatus): string | undefined {
  const problem = status.statsProblemKind;
  if (problem?.kind === 'not-running') return t(m.statsNotRunning, { name });
  if (problem?.kind === 'counters-unreadable')
    return t(m.statsUnreadable, { port: String(problem.port), problem: problem.error });
  return status.statsProblem;
}

/** Why a registry's state or files cannot be read: its error in the interface language when the core sent one. */
export function serverProblem(t: Translate, server: ServerView): string | undefined {
  if (!server.problemError) return server.problem;
  const { message, hint } = describeError(t, server.problemError);
  return hint ? t(m.problemWithHint, { message, hint }) : message;
}

/** A server whose server.json cannot be read: why, where, and the one thing to do — remove it. */
function UnreadableServerCard({
  server,
  onOpen,
}: {
  server: ServerView;
  onOpen: (dialog: ServerDialog) => void;
}) {
  const t = useT();
  const headingId = `server-${server.name}`;
  return (
    <article className="server-card" aria-labelledby={headingId}>
      <header className="server-heading">
        <span className="status-dot" aria-hidden="true" />
        <h2 id={headingId} translate="no">
          {server.name}
        </h2>
        <span className="badge">{stateLabel(t, server.state)}</span>
      </header>
      <dl className="properties">
        <div>
          <dt>{t(m.folder)}</dt>
          <dd className="break" translate="no">
            {server.folder}
          </dd>
        </div>
      </dl>
      <p className="warning" role="status">
        {t(m.cannotRead, { problem: serverProblem(t, server) })}
      </p>
      <div className="toolbar wrap">
        <span className="spacer" />
        <button type="button" className="button small danger" onClick={() => onOpen('remove')}>
          {t(m.removeButton)}
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
  const t = useT();
  const navigation = useNavigation();
  const action = useAction();
  const format = useFormat();
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

  const container = `berth-registry-${server.name}`;
  const problem = serverProblem(t, server);
  return (
    <article className="server-card" aria-labelledby={headingId}>
      <header className="server-heading">
        <span className={`status-dot ${isRunning ? 'ok' : ''}`} aria-hidden="true" />
        <h2 id={headingId} translate="no">
          {server.name}
        </h2>
        <span className={isRunning ? 'badge ok' : 'badge'}>{stateLabel(t, server.state)}</span>
        <code className="server-url">{server.url}</code>
        <CopyButton text={server.host} label={t(m.copyAddress, { name: server.name })} />
      </header>
      <dl className="properties">
        <div>
          <dt>{t(m.runsAs)}</dt>
          <dd>
            {server.runtime === 'process'
              ? server.pid
                ? t(m.runsAsProcessPid, { pid: String(server.pid) })
                : t(m.runsAsProcess)
              : t.rich(server.image ? m.runsAsContainerImage : m.runsAsContainer, {
                  container: <span translate="no">{container}</span>,
                  image: <span translate="no">{server.image}</span>,
                })}
          </dd>
        </div>
        <div>
          <dt>{t(m.listensOn)}</dt>
          <dd translate="no">
            {server.bind}:{server.port}
          </dd>
        </div>
        <div>
          <dt>{t(m.tls)}</dt>
          <dd>{t(TLS_LABELS[server.tls])}</dd>
        </div>
        {server.proxy && (
          <div>
            <dt>{t(m.caches)}</dt>
            <dd className="break">
              <span translate="no">{server.proxy.remoteUrl}</span>
              {server.proxy.username ? ' ' : ''}
              {server.proxy.username
                ? t.rich(m.logsInAs, { user: <span translate="no">{server.proxy.username}</span> })
                : ''}
            </dd>
          </div>
        )}
        <div>
          <dt>{t(m.users)}</dt>
          <dd>
            {server.users.length ? (
              <span translate="no">{format.list(server.users)}</span>
            ) : server.proxy ? (
              t(m.noUsersPull)
            ) : (
              t(m.noUsersPush)
            )}
          </dd>
        </div>
        <div>
          <dt>{t(m.storage)}</dt>
          <dd className="break" translate="no">
            {server.storageDir}
          </dd>
        </div>
        <div>
          <dt>{t(m.diskUse)}</dt>
          <dd>
            <DiskUse name={server.name} refresh={refresh} />
          </dd>
        </div>
      </dl>
      {server.proxy && (
        <>
          <MirrorFigures name={server.name} refresh={refresh} />
          <p className="muted small">
            {t(m.cacheNote, { upstream: server.proxy.remoteUrl, ttl: server.proxy.ttl })}
          </p>
        </>
      )}
      {problem && (
        <p className="warning" role="status">
          {t(m.stateUnknown, { problem })}
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
            ? t(m.starting)
            : action.running === 'stop'
              ? t(m.stopping)
              : isRunning
                ? t(m.stop)
                : t(m.start)}
        </button>
        <button type="button" className="button small" onClick={() => onOpen('users')}>
          {t(m.usersButton)}
        </button>
        <button type="button" className="button small" onClick={() => onOpen('logs')}>
          {t(m.logsButton)}
        </button>
        {server.proxy && (
          <button type="button" className="button small" onClick={() => onOpen('mirror')}>
            {t(m.useAsMirror, { engine })}
          </button>
        )}
        <button type="button" className="button small" onClick={() => onOpen('gc')}>
          {t(m.collectGarbage)}
        </button>
        <button type="button" className="button small" onClick={() => onOpen('docker')}>
          {t(m.trustIn, { engine })}
        </button>
        <button type="button" className="button small" onClick={() => navigation.diagnose(server.url)}>
          {t(m.diagnose)}
        </button>
        <span className="spacer" />
        <button type="button" className="button small danger" onClick={() => onOpen('remove')}>
          {t(m.removeButton)}
        </button>
      </div>
    </article>
  );
}
