import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { JobSnapshot } from '../../../shared/jobs.js';
import { api, call } from '../../api.js';

/**
 * The pulls and pushes started from this page, kept current from `jobs.progress`. Events are watched
 * from the start, so a job that finishes before `jobs.start` has answered is not missed; `onFinished`
 * runs once per tracked job.
 */
export function useTrackedJobs(onFinished: (job: JobSnapshot) => void) {
  const [tracked, setTracked] = useState<string[]>([]);
  const [snapshots, setSnapshots] = useState<Record<string, JobSnapshot>>({});
  const trackedRef = useRef(new Set<string>());
  const reported = useRef(new Set<string>());
  // The latest callback, for events that arrive after later renders; written once the render commits.
  const onFinishedRef = useRef(onFinished);
  useLayoutEffect(() => {
    onFinishedRef.current = onFinished;
  });

  function remember(job: JobSnapshot) {
    // A late `jobs.list` answer must not turn a finished job back into a running one.
    setSnapshots((previous) =>
      previous[job.id] && previous[job.id]!.status !== 'running' ? previous : { ...previous, [job.id]: job },
    );
    if (job.status !== 'running' && trackedRef.current.has(job.id) && !reported.current.has(job.id)) {
      reported.current.add(job.id);
      onFinishedRef.current(job);
    }
  }

  useEffect(
    () =>
      api.subscribe('jobs.progress', (event) => {
        if (event.job.kind === 'pull' || event.job.kind === 'push') remember(event.job);
      }),
    [],
  );

  async function track(id: string) {
    trackedRef.current.add(id);
    setTracked((previous) => [id, ...previous]);
    // Catch up on what happened before this page heard of the job.
    const jobs = await call('jobs.list', {}).catch(() => []);
    const job = jobs.find((candidate) => candidate.id === id);
    if (job) remember(job);
  }

  function dismiss(id: string) {
    setTracked((previous) => previous.filter((other) => other !== id));
  }

  const jobs = tracked.flatMap((id) => (snapshots[id] ? [snapshots[id]] : []));
  return { jobs, track, dismiss };
}
