import type { JobSnapshot } from '../../../shared/jobs.js';
import { api } from '../../api.js';
import { ErrorView } from '../../components/error-view.js';
import { useT } from '../../i18n/index.js';
import { common } from '../../i18n/messages.js';
import { jobTitle } from '../transfers/job-math.js';
import { progressSummary } from './image-rows.js';
import { jobs as words } from './messages.js';

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
  const t = useT();
  if (!jobs.length) return null;
  return (
    <section className="local-jobs" aria-label={t(words.pullsAndPushes)}>
      {jobs.map((job) => (
        <JobProgress key={job.id} job={job} onDismiss={() => onDismiss(job.id)} />
      ))}
    </section>
  );
}

function JobProgress({ job, onDismiss }: { job: JobSnapshot; onDismiss: () => void }) {
  const t = useT();
  const { fraction, text } = progressSummary(t, job);
  const isRunning = job.status === 'running';
  const title = jobTitle(t, job);
  return (
    <div className={`local-job ${job.status}`} role="group" aria-label={title}>
      <div className="local-job-line">
        <span className="local-job-title">{title}</span>
        <span className="muted small" aria-live="polite">
          {text}
        </span>
        <span className="spacer" />
        {isRunning ? (
          <button type="button" className="button small" onClick={() => void api.cancel(job.id)}>
            {t(common.cancel)}
          </button>
        ) : (
          <button
            type="button"
            className="button ghost small"
            aria-label={t(words.dismiss, { title })}
            onClick={onDismiss}
          >
            ✕
          </button>
        )}
      </div>
      <div
        className="local-job-bar"
        role="progressbar"
        aria-label={title}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={fraction === undefined ? undefined : Math.round(fraction * 100)}
        aria-valuetext={text}
      >
        <span style={{ width: `${Math.round((fraction ?? 0) * 100)}%` }} />
      </div>
      {job.status === 'failed' && job.error && <ErrorView error={job.error} />}
    </div>
  );
}
