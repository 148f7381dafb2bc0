import path from 'node:path';
import { loadArchive } from '../archive/index.js';
import { BlobLocationCache, copyImage, syncRepository } from '../copy/index.js';
import { runMirrorTest } from '../daemon-config/index.js';
import { registerEngineJobs, type EngineJobDeps } from '../docker/index.js';
import type { RegistryClient } from '../registry/index.js';
import { JobManager, type JobManagerOptions } from './index.js';

export interface JobDeps {
  client: RegistryClient;
  /** Settings folder: the blob-location cache of copy and sync lives there. */
  dataDir: string;
  /** The engine pull and push talk to, asked when a job starts (a machine without Docker still copies). */
  engineDeps: () => EngineJobDeps;
}

/**
 * The one way to set up a job manager, for the app and the CLI alike: copy, sync, pull, push and
 * mirror-test registered with their dependencies.
 */
export function createJobManager(deps: JobDeps, options?: JobManagerOptions): JobManager {
  const jobs = new JobManager(options);
  const copyDeps = {
    client: deps.client,
    blobCache: new BlobLocationCache(path.join(deps.dataDir, 'blob-locations.json')),
  };
  jobs.register('copy', (input, context) => copyImage(copyDeps, input, context));
  jobs.register('sync', (input, context) => syncRepository(copyDeps, input, context));
  registerEngineJobs(jobs, deps.engineDeps);
  jobs.register('mirror-test', runMirrorTest);
  jobs.register('load', (input, context) => loadArchive(copyDeps, input, context));
  return jobs;
}
