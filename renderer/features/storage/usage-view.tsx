import { useState, type FormEvent, type ReactNode } from 'react';
import type { JobSnapshotOf } from '../../../shared/jobs.js';
import { call } from '../../api.js';
import { ConnectionField } from '../../components/connection-field.js';
import { ErrorView } from '../../components/error-view.js';
import { useAction } from '../../hooks/use-action.js';
import { useConnections } from '../connections/index.js';
import { connectionForHost, type NamedHost } from '../transfers/job-math.js';
import { ProgressBar } from '../transfers/progress-bar.js';
import { useJobs } from '../transfers/index.js';
import { UsageReport } from './usage-report.js';
import { useT, type Translate } from '../../i18n/index.js';
import { storage as m } from './messages.js';
import './storage.css';

/** What a scan is for: a connection, and optionally one repository of it. */
export interface UsageTarget {
  connection: string;
  repository?: string;
}

/**
 * Where a registry's bytes are: choose a connection (and a repository if only that one), scan as a job
 * (it shows in Transfers too, with its cancel), then the report. The latest scan stays on screen when the
 * page is left and opened again.
 */
export function UsageView({ target }: { target?: UsageTarget }) {
  const { connections } = useConnections();
  const [chosen, setChosen] = useState<string>();
  const [repository, setRepository] = useState(target?.repository ?? '');
  const [jobId, setJobId] = useState<string>();
  const { busy, error, run } = useAction();
  const { jobs } = useJobs();
  const t = useT();
  const connection = chosen ?? target?.connection ?? connections[0]?.name ?? '';
  const job = (
    jobId === undefined
      ? jobs.find((candidate) => candidate.kind === 'storage')
      : jobs.find((candidate) => candidate.id === jobId)
  ) as JobSnapshotOf<'storage'> | undefined;
  const isRunning = busy || job?.status === 'running';
  const repositoryName = repository.trim();

  function scan(event: FormEvent) {
    event.preventDefault();
    if (!connection) return;
    void run('scan', async () => {
      const started = await call('jobs.start', {
        kind: 'storage',
        connection,
        ...(repositoryName ? { repository: repositoryName } : {}),
      });
      setJobId(started.id);
    });
  }

  if (connections.length === 0) return <p className="state-line empty">{t(m.addRegistryFirst)}</p>;

  return (
    <div className="usage-view">
      <form className="usage-form" onSubmit={scan} aria-label={t(m.scanForm)}>
        <ConnectionField
          connections={connections}
          value={connection}
          onChange={(name) => setChosen(name)}
          disabled={isRunning}
        />
        <label className="field">
          <span>{t(m.repositoryOptional)}</span>
          <input
            className="input"
            translate="no"
            value={repository}
            placeholder={t(m.everyRepository)}
            spellCheck={false}
            disabled={isRunning}
            onChange={(event) => setRepository(event.target.value)}
          />
        </label>
        <button type="submit" className="button primary" disabled={isRunning || !connection}>
          {isRunning ? t(m.scanning) : t(m.scan)}
        </button>
      </form>
      {error && <ErrorView error={error} />}
      {job && job.status === 'running' && <ScanProgress job={job} subject={scanSubject(job, connections)} />}
      {job && (job.status === 'failed' || job.status === 'interrupted') && job.error && (
        <ErrorView error={job.error} />
      )}
      {job?.status === 'cancelled' && (
        <p className="state-line muted">
          {t.rich(m.cancelled, { subject: <span translate="no">{scanSubject(job, connections)}</span> })}
        </p>
      )}
      {job?.status === 'succeeded' && job.result && (
        <>
          <p className="usage-subject">
            {t.rich(m.storageOf, {
              subject: scanSubject(job, connections),
              b: (chunks) => <strong translate="no">{chunks}</strong>,
            })}
            <span className="muted">
              {' '}
              {t(m.tagsRead, { count: job.result.tagsCounted, seconds: job.result.seconds })}
            </span>
          </p>
          <UsageReport report={job.result} />
        </>
      )}
      {!job && <p className="state-line muted">{t(m.intro)}</p>}
    </div>
  );
}

function ScanProgress({ job, subject }: { job: JobSnapshotOf<'storage'>; subject: string }) {
  const [isCancelling, setIsCancelling] = useState(false);
  const t = useT();
  // A storage job counts repositories on one item, as its "bytes" (see the core's scan).
  const repositories = job.items.find((item) => item.id === 'repositories');
  const counted = repositories?.bytesDone ?? 0;
  const total = repositories?.bytesTotal;
  const isListing = repositories === undefined;
  // A repository of many tags counts them on its own line: "team/app: 1,200 of 100,000 tags read".
  const reading = job.items
    .filter((item) => item.state === 'checking' && item.note?.endsWith(' tags read'))
    .slice(0, 3);
  return (
    <div className="usage-progress">
      <div className="usage-progress-line">
        <span>
          {isListing
            ? t.rich(m.listing, { subject: <span translate="no">{subject}</span> })
            : t(m.counted, { counted, total: total ?? 0 })}
        </span>
        <button
          type="button"
          className="button small"
          disabled={isCancelling}
          onClick={() => {
            setIsCancelling(true);
            void call('jobs.cancel', { id: job.id }).finally(() => setIsCancelling(false));
          }}
        >
          {t(m.cancelScan)}
        </button>
      </div>
      <ProgressBar fraction={total ? counted / total : undefined} label={t(m.scanOf, { subject })} />
      {reading.map((item) => (
        <div key={item.id} className="usage-progress-tags">
          {tagsProgress(t, item.label, item.note ?? '')}
        </div>
      ))}
    </div>
  );
}

/** A repository's line, "team/app: 1,200 of 100,000 tags read" as the core counts it, in the interface language. */
function tagsProgress(t: Translate, repository: string, note: string): ReactNode {
  const counts = /^([\d,]+) of ([\d,]+) tags read$/.exec(note);
  const name = <span translate="no">{repository}</span>;
  if (!counts) return t.rich(m.tagsProgressText, { name, note });
  const number = (text: string) => Number(text.replaceAll(',', ''));
  return t.rich(m.tagsProgress, { name, done: number(counts[1]!), total: number(counts[2]!) });
}

/** What a scan was of, as the app names it: the connection's name for its host, then the repository if one. */
function scanSubject(job: JobSnapshotOf<'storage'>, connections: readonly NamedHost[]): string {
  const text = job.title.replace(/^storage of /, '');
  const slash = text.indexOf('/');
  const host = slash < 0 ? text : text.slice(0, slash);
  const saved = connectionForHost(host, connections);
  return saved ? `${saved.name}${text.slice(host.length)}` : text;
}
