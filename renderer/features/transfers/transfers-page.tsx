import { useState } from 'react';
import type { ErrorInfo } from '../../../shared/errors.js';
import { call, errorInfo } from '../../api.js';
import { Empty, ErrorView, Loading } from '../../components/error-view.js';
import { useAsync } from '../../hooks/use-async.js';
import { useT } from '../../i18n/index.js';
import { page } from './messages.js';
import { countRunning, type NamedHost } from './job-math.js';
import { JobCard } from './job-card.js';
import { removeJobs, useJobs } from './use-jobs.js';
import './transfers.css';

const NO_CONNECTIONS: NamedHost[] = [];

/** Current and recent copies, syncs, pulls and pushes, with the history of earlier sessions. */
export function TransfersPage() {
  const t = useT();
  const { jobs, rates, isLoaded, loadError } = useJobs();
  const connections = useAsync('connections', () => call('connections.list', {}));
  const history = useAsync('jobs.history', () => call('jobs.history', {}));
  const [clearError, setClearError] = useState<ErrorInfo>();
  const running = countRunning(jobs);
  const finished = jobs.length - running;

  async function clearFinished() {
    setClearError(undefined);
    try {
      const { cleared } = await call('jobs.clear', {});
      removeJobs(cleared);
    } catch (error) {
      setClearError(errorInfo(error));
    }
  }

  return (
    <div className="workspace">
      <header className="topbar">
        <h1 className="page-title">{t(page.title)}</h1>
        <span className="muted transfers-status" role="status">
          {running ? t(page.running, { count: running }) : jobs.length ? t(page.nothingRunning) : ''}
        </span>
        <button
          type="button"
          className="button small"
          disabled={finished === 0}
          title={finished === 0 ? t(page.noFinished) : undefined}
          onClick={() => void clearFinished()}
        >
          {t(page.clearFinished)}
        </button>
      </header>
      <div className="page-body transfers">
        {loadError && <ErrorView error={loadError} />}
        {clearError && <ErrorView error={clearError} />}
        {history.status === 'done' && history.value.problem && <ErrorView error={history.value.problem} />}
        {!isLoaded && jobs.length === 0 ? (
          <Loading label={t(page.loading)} />
        ) : jobs.length === 0 ? (
          <Empty>{t(page.empty)}</Empty>
        ) : (
          <ul className="job-list" aria-label={t(page.title)}>
            {jobs.map((job) => (
              <JobCard
                key={job.id}
                job={job}
                rates={rates.get(job.id) ?? []}
                connections={connections.lastValue?.connections ?? NO_CONNECTIONS}
              />
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
