import path from 'node:path';
import type { BlobLocationCache } from '../copy/index.js';
import type { EngineJobDeps } from '../docker/index.js';
import { BerthError } from '../errors.js';
import type { RegistryClient } from '../registry/index.js';
import type { BerthServices } from '../services.js';
import type { StorageDeps } from '../storage/index.js';
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
  storageDeps?: () => StorageDeps | Promise<StorageDeps>;
}

/**
 * The one way to set up a job manager, for the app and the CLI alike: copy, sync, pull, push and
 * mirror-test registered with their dependencies. Each kind's module is imported when a job of that kind
 * first runs: `berth cp` loads no daemon.json editor, archive writer or storage scan, and a process that
 * only reads (`berth inspect`, which still has a job manager through its services) loads none of them.
 */
export function createJobManager(deps: JobDeps, options?: JobManagerOptions): JobManager {
  const jobs = new JobManager(options);
  let blobCache: BlobLocationCache | undefined;
  const copyDeps = async () => {
    const copy = await import('../copy/index.js');
    blobCache ??= new copy.BlobLocationCache(path.join(deps.dataDir, 'blob-locations.json'));
    return { copy, deps: { client: deps.client, blobCache, locksDir: path.join(deps.dataDir, 'locks') } };
  };
  jobs.register('copy', async (input, context) => {
    const { copy, deps: copying } = await copyDeps();
    return copy.copyImage(copying, input, context);
  });
  jobs.register('sync', async (input, context) => {
    const { copy, deps: copying } = await copyDeps();
    return copy.syncRepository(copying, input, context);
  });
  jobs.register('pull', async (input, context) =>
    (await import('../docker/index.js')).pullImage(deps.engineDeps(), input, context),
  );
  jobs.register('push', async (input, context) =>
    (await import('../docker/index.js')).pushImage(deps.engineDeps(), input, context),
  );
  jobs.register('mirror-test', async (input, context) =>
    (await import('../daemon-config/index.js')).runMirrorTest(input, context),
  );
  jobs.register('prune', async (input, context) => {
    if (!deps.services) throw new BerthError('UNSUPPORTED', 'cleanup rules need the saved connections');
    return (await import('../prune/index.js')).runPrune(deps.services, input, context);
  });
  const { storageDeps } = deps;
  if (storageDeps)
    jobs.register('storage', async (input, context) =>
      (await import('../storage/index.js')).scanStorage(await storageDeps(), input, context),
    );
  jobs.register('save', async (input, context) =>
    (await import('../archive/index.js')).saveImages({ client: deps.client }, input, context),
  );
  jobs.register('load', async (input, context) => {
    const { deps: copying } = await copyDeps();
    return (await import('../archive/index.js')).loadArchive(copying, input, context);
  });
  return jobs;
}
