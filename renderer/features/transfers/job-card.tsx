import { memo, useState } from 'react';
import type { ErrorInfo } from '../../../shared/errors.js';
import type { JobItem, JobSnapshot } from '../../../shared/jobs.js';
import { call, errorInfo } from '../../api.js';
import { ErrorView } from '../../components/error-view.js';
import { useNow } from '../../hooks/use-now.js';
import { formatBytes, shortDigest } from '../../lib/format.js';
import {
  connectionForHost,
  describeAmount,
  describeItems,
  describeJobError,
  describeTags,
  formatAgo,
  formatDuration,
  formatExactTime,
  formatEta,
  formatRate,
  itemFraction,
  itemStateLabel,
  jobFraction,
  STATUS_LABELS,
  titleParts,
  type NamedHost,
} from './job-math.js';
import { ProgressBar } from './progress-bar.js';
import { Sparkline } from './sparkline.js';
import { removeJobs } from './use-jobs.js';

const STATUS_TONES = {
  running: undefined,
  succeeded: 'ok',
  failed: 'bad',
  cancelled: 'muted',
  interrupted: 'muted',
} as const;

/**
 * One job: its bar and numbers, Cancel or Retry, and (expanded) a bar per blob and manifest. Memoized:
 * the store keeps a job's snapshot and rates as they are until an event for that job arrives, so a
 * frame redraws only the jobs that moved.
 */
export const JobCard = memo(function JobCard({
  job,
  rates,
  connections,
}: {
  job: JobSnapshot;
  rates: readonly number[];
  /** Saved connections: a registry one of them names is shown by the connection's name. */
  connections: readonly NamedHost[];
}) {
  const [isExpanded, setIsExpanded] = useState(false);
  const [actionError, setActionError] = useState<ErrorInfo>();
  const isRunning = job.status === 'running';
  const itemsId = `job-items-${job.id}`;
  const digest = resultDigest(job);
  const summary = [describeTags(job), describeItems(job)].filter(Boolean).join(' · ');

  async function act(action: () => Promise<unknown>) {
    setActionError(undefined);
    try {
      await action();
    } catch (error) {
      setActionError(errorInfo(error));
    }
  }

  return (
    <li className={`job-card ${job.status}`} aria-label={`${STATUS_LABELS[job.status]}: ${job.title}`}>
      <div className="job-head">
        <span className={`job-status ${job.status}`}>{STATUS_LABELS[job.status]}</span>
        <JobTitle title={job.title} connections={connections} />
        {/* A mirror test and a storage scan move no bytes, and an earlier session's rates are gone: no rate to draw. */}
        {job.kind !== 'mirror-test' && job.kind !== 'storage' && !job.isRestored && (
          <Sparkline samples={rates} isRunning={isRunning} />
        )}
        <div className="job-actions">
          <button
            type="button"
            className="button ghost small"
            aria-expanded={isExpanded}
            aria-controls={itemsId}
            onClick={() => setIsExpanded((value) => !value)}
          >
            {isExpanded ? 'Hide details' : 'Details'}
          </button>
          {isRunning ? (
            <button
              type="button"
              className="button small"
              onClick={() => void act(() => call('jobs.cancel', { id: job.id }))}
            >
              Cancel
            </button>
          ) : (
            // An earlier session's job, or one that used its input up (an uploaded archive), has none left to run again.
            job.status !== 'succeeded' &&
            !job.isRestored &&
            !job.isOneShot && (
              <button
                type="button"
                className="button small"
                onClick={() =>
                  void act(async () => {
                    await call('jobs.retry', { id: job.id });
                    // The retry takes this card's place.
                    removeJobs([job.id]);
                  })
                }
              >
                Retry
              </button>
            )
          )}
        </div>
      </div>
      <ProgressBar
        fraction={jobFraction(job)}
        label={`Progress of ${job.title}`}
        tone={STATUS_TONES[job.status]}
      />
      <p className="job-stats">
        <span>{describeAmount(job)}</span>
        {isRunning && (job.kind === 'mirror-test' || job.kind === 'storage') ? null : isRunning ? (
          <>
            <span>{formatRate(job.overall.rate)}</span>
            <span>{formatEta(job.overall.etaSeconds)} left</span>
          </>
        ) : null}
        <JobTimes job={job} />
        {summary && <span>{summary}</span>}
        {digest && (
          <span>
            digest <code title={digest}>{shortDigest(digest)}</code>
          </span>
        )}
      </p>
      {job.status === 'failed' && job.error && (
        <ErrorView
          error={describeJobError(job.error, connections)}
          connection={job.error.registry && connectionForHost(job.error.registry, connections)?.name}
        />
      )}
      {job.status === 'interrupted' && (
        <p className="muted small">
          {job.error?.message ?? 'Berth stopped while this job was running, so it did not finish.'}{' '}
          {job.error?.hint}
        </p>
      )}
      {job.status === 'cancelled' && (
        <p className="muted small">
          {job.kind === 'copy' || job.kind === 'sync'
            ? 'Cancelled: open uploads were deleted and the destination tag was not written.'
            : job.kind === 'save'
              ? 'Cancelled: no file was left behind.'
              : job.kind === 'load'
                ? 'Cancelled: open uploads were deleted and no tag was written.'
                : 'Cancelled.'}
        </p>
      )}
      {actionError && <ErrorView error={actionError} />}
      {isExpanded && (
        <ul className="job-items" id={itemsId} aria-label={`Items of ${job.title}`}>
          {job.items.length === 0 && <li className="muted small">Reading the source image…</li>}
          {job.items.map((item) => (
            <ItemRow key={item.id} item={item} status={job.status} />
          ))}
        </ul>
      )}
    </li>
  );
});

/** The title, with each registry a saved connection names shown by that connection's name. */
function JobTitle({ title, connections }: { title: string; connections: readonly NamedHost[] }) {
  return (
    <span className="job-title break">
      {titleParts(title, connections).map((part, index) =>
        'text' in part ? (
          <span key={index}>{part.text}</span>
        ) : (
          <span key={index} className="job-ref" title={part.reference}>
            <span className="job-connection">{part.connection}</span> {part.path}
          </span>
        ),
      )}
    </span>
  );
}

/** Started, finished and how long it took; each age with its exact time in a tooltip. */
function JobTimes({ job }: { job: JobSnapshot }) {
  const now = useNow(10_000);
  const finishedAt = job.status === 'running' ? undefined : job.finishedAt;
  return (
    <>
      <span>
        started{' '}
        <time dateTime={new Date(job.startedAt).toISOString()} title={formatExactTime(job.startedAt)}>
          {formatAgo(job.startedAt, now)}
        </time>
      </span>
      {/* A Berth killed outright last wrote the job at its start: no "last seen" that says nothing new. */}
      {finishedAt !== undefined && (job.status !== 'interrupted' || finishedAt - job.startedAt >= 1000) && (
        <span>
          {job.status === 'interrupted' ? 'last seen' : 'finished'}{' '}
          <time dateTime={new Date(finishedAt).toISOString()} title={formatExactTime(finishedAt)}>
            {formatAgo(finishedAt, now)}
          </time>
        </span>
      )}
      {finishedAt !== undefined && job.status !== 'interrupted' && (
        <span>took {formatDuration(job, finishedAt)}</span>
      )}
    </>
  );
}

function ItemRow({ item, status }: { item: JobItem; status: JobSnapshot['status'] }) {
  const label = itemStateLabel(item, status);
  const isCancelled = label === 'Cancelled' || label === 'Interrupted';
  const tone = isCancelled
    ? 'muted'
    : item.state === 'failed'
      ? 'bad'
      : item.state === 'done'
        ? 'ok'
        : undefined;
  return (
    <li className="job-item">
      <code className="job-item-label" title={item.id}>
        {item.label}
      </code>
      <span className={`item-state ${isCancelled ? 'cancelled' : item.state}`}>{label}</span>
      <ProgressBar
        fraction={itemFraction(item)}
        label={item.label}
        tone={item.state === 'mounted' || item.state === 'skipped' ? 'muted' : tone}
      />
      <span className="job-item-bytes">
        {/* A storage scan's repository count rides on the sizes; its note says it in words. */}
        {item.bytesTotal !== undefined && item.kind !== 'repository'
          ? `${formatBytes(item.bytesDone)} of ${formatBytes(item.bytesTotal)}`
          : ''}
      </span>
      {item.note && !isCancelled && <span className="job-item-note muted small">{item.note}</span>}
    </li>
  );
}

/** The digest a finished copy or pull names; sync, push and mirror-test results have none of their own. */
function resultDigest(job: JobSnapshot): string | undefined {
  return job.kind === 'copy' || job.kind === 'pull' ? job.result?.digest : undefined;
}
