import { useState, type FormEvent } from 'react';
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

  if (connections.length === 0)
    return <p className="state-line empty">Add a registry first: its storage is counted here.</p>;

  return (
    <div className="usage-view">
      <form className="usage-form" onSubmit={scan} aria-label="Scan storage">
        <ConnectionField
          connections={connections}
          value={connection}
          onChange={(name) => setChosen(name)}
          disabled={isRunning}
        />
        <label className="field">
          <span>Repository (optional)</span>
          <input
            className="input"
            value={repository}
            placeholder="every repository"
            spellCheck={false}
            disabled={isRunning}
            onChange={(event) => setRepository(event.target.value)}
          />
        </label>
        <button type="submit" className="button primary" disabled={isRunning || !connection}>
          {isRunning ? 'Scanning…' : 'Scan'}
        </button>
      </form>
      {error && <ErrorView error={error} />}
      {job && job.status === 'running' && <ScanProgress job={job} subject={scanSubject(job, connections)} />}
      {job && (job.status === 'failed' || job.status === 'interrupted') && job.error && (
        <ErrorView error={job.error} />
      )}
      {job?.status === 'cancelled' && (
        <p className="state-line muted">The scan of {scanSubject(job, connections)} was cancelled.</p>
      )}
      {job?.status === 'succeeded' && job.result && (
        <>
          <p className="usage-subject">
            Storage of <strong>{scanSubject(job, connections)}</strong>
            <span className="muted">
              {' '}
              · {job.result.tagsCounted} {job.result.tagsCounted === 1 ? 'tag' : 'tags'} read in{' '}
              {job.result.seconds.toFixed(1)} s
            </span>
          </p>
          <UsageReport report={job.result} />
        </>
      )}
      {!job && (
        <p className="state-line muted">
          A scan reads every tag once and counts each layer once: shared layers show as shared. On a registry
          of your own it also shows the disk and what a garbage collection would give back.
        </p>
      )}
    </div>
  );
}

function ScanProgress({ job, subject }: { job: JobSnapshotOf<'storage'>; subject: string }) {
  const [isCancelling, setIsCancelling] = useState(false);
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
            ? `Listing the repositories of ${subject}…`
            : `Counted ${counted} of ${total} ${total === 1 ? 'repository' : 'repositories'}`}
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
          Cancel scan
        </button>
      </div>
      <ProgressBar fraction={total ? counted / total : undefined} label={`Storage scan of ${subject}`} />
      {reading.map((item) => (
        <div key={item.id} className="usage-progress-tags">
          {item.label}: {item.note}
        </div>
      ))}
    </div>
  );
}

/** What a scan was of, as the app names it: the connection's name for its host, then the repository if one. */
function scanSubject(job: JobSnapshotOf<'storage'>, connections: readonly NamedHost[]): string {
  const text = job.title.replace(/^storage of /, '');
  const slash = text.indexOf('/');
  const host = slash < 0 ? text : text.slice(0, slash);
  const saved = connectionForHost(host, connections);
  return saved ? `${saved.name}${text.slice(host.length)}` : text;
}
