import path from 'node:path';
import { saveImages } from '../archive/index.js';
import { loadArchive } from '../archive/index.js';
import { BlobLocationCache, copyImage, syncRepository } from '../copy/index.js';
import { runMirrorTest } from '../daemon-config/index.js';
import { registerEngineJobs, type EngineJobDeps } from '../docker/index.js';
import { BerthError } from '../errors.js';
import { runPrune } from '../prune/index.js';
import type { RegistryClient } from '../registry/index.js';
import type { BerthServices } from '../services.js';
import { scanStorage, type StorageDeps } from '../storage/index.js';
import { JobManager, type JobManagerOptions } from './index.js';

export interface JobDeps {
  client: RegistryClient;
  /** Settings folder: the blob-location cache of copy and sync lives there. */
  dataDir: string;
  /** The engine pull and push talk to, asked when a job starts (a machine without Docker still copies). */
  engineDeps: () => EngineJobDeps;
  /** What a prune works through (listings, the kind's own tag delete); without it no prune runs. */
  services?: BerthServices;
  /** Listings and registries of the user's own a storage scan reads, asked when a scan starts. */
  storageDeps?: () => StorageDeps;
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
    locksDir: path.join(deps.dataDir, 'locks'),
  };
  jobs.register('copy', (input, context) => copyImage(copyDeps, input, context));
  jobs.register('sync', (input, context) => syncRepository(copyDeps, input, context));
  registerEngineJobs(jobs, deps.engineDeps);
  jobs.register('mirror-test', runMirrorTest);
  jobs.register('prune', async (input, context) => {
    if (!deps.services) throw new BerthError('UNSUPPORTED', 'cleanup rules need the saved connections');
    return runPrune(deps.services, input, context);
  });
  const { storageDeps } = deps;
  if (storageDeps) jobs.register('storage', (input, context) => scanStorage(storageDeps(), input, context));
  jobs.register('save', (input, context) => saveImages({ client: deps.client }, input, context));
  jobs.register('load', (input, context) => loadArchive(copyDeps, input, context));
  return jobs;
}
