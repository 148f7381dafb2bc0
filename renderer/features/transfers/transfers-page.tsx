import { Empty, ErrorView, Loading } from '../../components/error-view.js';
import { countRunning } from './job-math.js';
import { JobCard } from './job-card.js';
import { useJobs } from './use-jobs.js';
import './transfers.css';

/** Current and recent copies, syncs, pulls and pushes of this Berth process. */
export function TransfersPage() {
  const { jobs, rates, isLoaded, loadError } = useJobs();
  const running = countRunning(jobs);
  return (
    <div className="workspace">
      <header className="topbar">
        <h1 className="page-title">Transfers</h1>
        <span className="muted" role="status">
          {running ? `${running} running` : jobs.length ? 'Nothing running' : ''}
        </span>
      </header>
      <div className="page-body transfers">
        {loadError && <ErrorView error={loadError} />}
        {!isLoaded && jobs.length === 0 ? (
          <Loading label="Loading transfers…" />
        ) : jobs.length === 0 ? (
          <Empty>
            No transfers yet. Open an image under Registries and choose “Copy to…” to copy or promote it to
            another registry.
          </Empty>
        ) : (
          <ul className="job-list" aria-label="Transfers">
            {jobs.map((job) => (
              <JobCard key={job.id} job={job} rates={rates.get(job.id) ?? []} />
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
