// createJobManager: the one place the app's services and the CLI get a job manager from.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createJobManager, type JobInputs } from '../../electron/core/jobs/index.js';
import { RegistryClient } from '../../electron/core/registry/index.js';
import { imageAt, repositoryAt } from '../../shared/location.js';
import type { JobKind } from '../../shared/jobs.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';

let dataDir: string;

beforeEach(async () => {
  dataDir = await makeTempDir('job-setup');
});

afterEach(async () => {
  await removeDir(dataDir);
});

const app = repositoryAt('127.0.0.1:1', 'team/app');
const INPUTS: JobInputs = {
  copy: { source: imageAt(app, '1'), destination: app },
  sync: { source: app, destination: app },
  pull: { image: imageAt(app, '1') },
  push: { source: 'team/app:1' },
  'mirror-test': { mirrors: [], rules: 'modern' },
  prune: { connection: 'local', deletions: [] },
  storage: { registry: '127.0.0.1:1' },
  save: { images: [imageAt(app, '1')], output: '/berth-no-such-folder/app.tar', format: 'oci' },
  load: { path: '/nonexistent/archive.tar', destination: app },
};

describe('createJobManager', () => {
  it('registers every job kind, so any front door can start any of them', async () => {
    const client = new RegistryClient({ certsDRoot: false, connectionFor: (host) => ({ host }) });
    let engineAsked = 0;
    const jobs = createJobManager({
      client,
      dataDir,
      engineDeps: () => {
        engineAsked++;
        throw new Error('no engine in this test');
      },
      storageDeps: () => ({
        listing: {
          client,
          vendors: { forConnection: async () => undefined },
          savedFor: () => undefined,
          warn: () => undefined,
        },
        ownRegistry: async () => undefined,
      }),
    });
    const kinds = Object.keys(INPUTS) as JobKind[];
    // The engine is found when a pull or push starts, not when the manager is set up.
    expect(engineAsked).toBe(0);
    const ids = kinds.map((kind) => jobs.start(kind, INPUTS[kind], `${kind} test`));
    for (const id of ids) jobs.cancel(id);
    const finished = await Promise.all(ids.map((id) => jobs.wait(id)));
    expect(finished.map((job) => job.kind)).toEqual(kinds);
    expect(finished.every((job) => job.status !== 'running')).toBe(true);
    await client.close();
  });
});
