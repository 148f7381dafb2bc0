import type { JobSnapshot } from '../../../shared/jobs.js';
import { api } from '../../api.js';
import { ErrorView } from '../../components/error-view.js';
import { progressSummary } from './image-rows.js';

/**
 * The pulls and pushes started here, each with one bar. The Transfers page has the full account (per
 * layer, rate, retry); this keeps the page's own work in sight.
 */
export function JobProgressList({
  jobs,
  onDismiss,
}: {
  jobs: readonly JobSnapshot[];
  onDismiss: (id: string) => void;
}) {
  if (!jobs.length) return null;
  return (
    <section className="local-jobs" aria-label="Pulls and pushes">
      {jobs.map((job) => (
        <JobProgress key={job.id} job={job} onDismiss={() => onDismiss(job.id)} />
      ))}
    </section>
  );
}

function JobProgress({ job, onDismiss }: { job: JobSnapshot; onDismiss: () => void }) {
  const { fraction, text } = progressSummary(job);
  const isRunning = job.status === 'running';
  return (
    <div className={`local-job ${job.status}`} role="group" aria-label={job.title}>
      <div className="local-job-line">
        <span className="local-job-title">{job.title}</span>
        <span className="muted small" aria-live="polite">
          {text}
        </span>
        <span className="spacer" />
        {isRunning ? (
          <button type="button" className="button small" onClick={() => void api.cancel(job.id)}>
            Cancel
          </button>
        ) : (
          <button
            type="button"
            className="button ghost small"
            aria-label={`Dismiss ${job.title}`}
            onClick={onDismiss}
          >
            ✕
          </button>
        )}
      </div>
      <div
        className="local-job-bar"
        role="progressbar"
        aria-label={job.title}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={fraction === undefined ? undefined : Math.round(fraction * 100)}
        aria-valuetext={text}
      >
        <span style={{ width: `${Math.round((fraction ?? 0) * 100)}%` }} />
      </div>
      {job.error && <ErrorView error={job.error} />}
    </div>
  );
}
