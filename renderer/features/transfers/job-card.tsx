import { memo, useState } from 'react';
import type { ErrorInfo } from '../../../shared/errors.js';
import type { JobItem, JobSnapshot } from '../../../shared/jobs.js';
import { call, errorInfo } from '../../api.js';
import { ErrorView } from '../../components/error-view.js';
import { formatBytes, shortDigest } from '../../lib/format.js';
import {
  describeAmount,
  describeItems,
  describeTags,
  formatDuration,
  formatEta,
  formatRate,
  itemFraction,
  itemStateLabel,
  jobFraction,
  STATUS_LABELS,
} from './job-math.js';
import { ProgressBar } from './progress-bar.js';
import { Sparkline } from './sparkline.js';

const STATUS_TONES = { running: undefined, succeeded: 'ok', failed: 'bad', cancelled: 'muted' } as const;

/**
 * One job: its bar and numbers, Cancel or Retry, and (expanded) a bar per blob and manifest. Memoized:
 * the store keeps a job's snapshot and rates as they are until an event for that job arrives, so a
 * frame redraws only the jobs that moved.
 */
export const JobCard = memo(function JobCard({ job, rates }: { job: JobSnapshot; rates: readonly number[] }) {
  const [isExpanded, setIsExpanded] = useState(false);
  const [actionError, setActionError] = useState<ErrorInfo>();
  const isRunning = job.status === 'running';
  const itemsId = `job-items-${job.id}`;
  const digest = resultDigest(job);
  const summary = [describeTags(job), describeItems(job.items, job.status)].filter(Boolean).join(' · ');

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
        <span className="job-title break">{job.title}</span>
        {/* A mirror test moves no bytes: there is no rate to draw. */}
        {job.kind !== 'mirror-test' && <Sparkline samples={rates} />}
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
            job.status !== 'succeeded' && (
              <button
                type="button"
                className="button small"
                onClick={() => void act(() => call('jobs.retry', { id: job.id }))}
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
        {isRunning && job.kind === 'mirror-test' ? null : isRunning ? (
          <>
            <span>{formatRate(job.overall.rate)}</span>
            <span>{formatEta(job.overall.etaSeconds)} left</span>
          </>
        ) : (
          // A finished job carries finishedAt (the core's, or the store's for one lost with the host).
          <span>took {formatDuration(job, job.finishedAt ?? job.startedAt)}</span>
        )}
        {summary && <span>{summary}</span>}
        {digest && (
          <span>
            digest <code title={digest}>{shortDigest(digest)}</code>
          </span>
        )}
      </p>
      {job.status === 'failed' && job.error && <ErrorView error={job.error} />}
      {job.status === 'cancelled' && (
        <p className="muted small">
          {job.kind === 'copy' || job.kind === 'sync'
            ? 'Cancelled: open uploads were deleted and the destination tag was not written.'
            : 'Cancelled.'}
        </p>
      )}
      {actionError && <ErrorView error={actionError} />}
      {isExpanded && (
        <ul className="job-items" id={itemsId} aria-label={`Items of ${job.title}`}>
          {job.items.length === 0 && <li className="muted small">Reading the source manifest…</li>}
          {job.items.map((item) => (
            <ItemRow key={item.id} item={item} status={job.status} />
          ))}
        </ul>
      )}
    </li>
  );
});

function ItemRow({ item, status }: { item: JobItem; status: JobSnapshot['status'] }) {
  const label = itemStateLabel(item, status);
  const isCancelled = label === 'Cancelled';
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
        {item.bytesTotal !== undefined
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
