// The engine's progress messages on the shared job model, from transcripts recorded on dockerd 20.10 and
// Podman 4.3 (progress strings dropped; only progressDetail counts).
import { describe, expect, it } from 'vitest';
import { LayerProgress, type StreamMessage } from '../../electron/core/docker/index.js';
import { JobManager, type JobContext } from '../../electron/core/jobs/index.js';
import type { PullResult } from '../../shared/docker.js';
import type { JobItem, JobSnapshot } from '../../shared/jobs.js';
import { parseImageLocation } from '../../shared/location.js';

const PULLED: PullResult = {
  reference: 'r.example/app:1',
  engine: 'docker',
  upToDate: false,
  layerBytes: true,
};

/** Runs `feed` inside a real job and returns the final snapshot plus every item state seen, in order. */
async function track(
  feed: (progress: LayerProgress, context: JobContext) => void,
): Promise<{ job: JobSnapshot; seen: Map<string, string[]> }> {
  const jobs = new JobManager({ throttleMs: 0 });
  const seen = new Map<string, string[]>();
  jobs.subscribe((event) => {
    for (const item of event.job.items) {
      const states = seen.get(item.id) ?? [];
      if (states.at(-1) !== item.state) states.push(item.state);
      seen.set(item.id, states);
    }
  });
  jobs.register('pull', async (_input, context) => {
    feed(new LayerProgress(context), context);
    return PULLED;
  });
  const job = await jobs.wait(jobs.start('pull', { image: parseImageLocation(PULLED.reference) }, 'pull'));
  return { job, seen };
}

const item = (job: JobSnapshot, id: string): JobItem | undefined =>
  job.items.find((i) => i.id === `layer:${id}`);

const DOCKER_PULL: StreamMessage[] = [
  { status: 'Pulling from t/app', id: '1' },
  { status: 'Pulling fs layer', progressDetail: {}, id: '676ee9bb801c' },
  { status: 'Pulling fs layer', progressDetail: {}, id: '9a0b0ce99936' },
  { status: 'Waiting', progressDetail: {}, id: '9a0b0ce99936' },
  { status: 'Downloading', progressDetail: { current: 36445, total: 3001192 }, id: '676ee9bb801c' },
  { status: 'Downloading', progressDetail: { current: 2001192, total: 3001192 }, id: '676ee9bb801c' },
  { status: 'Verifying Checksum', progressDetail: {}, id: '676ee9bb801c' },
  { status: 'Download complete', progressDetail: {}, id: '676ee9bb801c' },
  { status: 'Extracting', progressDetail: { current: 32768, total: 3001192 }, id: '676ee9bb801c' },
  { status: 'Extracting', progressDetail: { current: 3001192, total: 3001192 }, id: '676ee9bb801c' },
  { status: 'Pull complete', progressDetail: {}, id: '676ee9bb801c' },
  { status: 'Downloading', progressDetail: { current: 500, total: 1000 }, id: '9a0b0ce99936' },
  { status: 'Download complete', progressDetail: {}, id: '9a0b0ce99936' },
  { status: 'Pull complete', progressDetail: {}, id: '9a0b0ce99936' },
  { status: 'Digest: sha256:d61c4b0bc64cf8d1ed1137cbcc6f1bfd4fca9170a3d4fe345831692a0dcc9b5a' },
  { status: 'Status: Downloaded newer image for 127.0.0.1:5055/t/app:1' },
];

describe('layer progress from the engine’s stream', () => {
  it('follows a Docker pull layer by layer and counts each layer’s bytes up to its size', async () => {
    const handled: boolean[] = [];
    const { job, seen } = await track((progress) => {
      for (const message of DOCKER_PULL) handled.push(progress.handle(message));
    });
    // "Pulling from", "Digest:" and "Status:" are not about layers.
    expect(handled).toEqual([false, ...Array(13).fill(true), false, false]);
    expect(item(job, '676ee9bb801c')).toMatchObject({
      state: 'done',
      bytesDone: 3001192,
      bytesTotal: 3001192,
    });
    expect(item(job, '9a0b0ce99936')).toMatchObject({ state: 'done', bytesDone: 1000, bytesTotal: 1000 });
    expect(seen.get('layer:676ee9bb801c')).toEqual(['waiting', 'transferring', 'verifying', 'done']);
    expect(job.overall).toMatchObject({ bytesDone: 3002192, bytesTotal: 3002192, itemsDone: 2 });
  });

  it('shows extraction as verifying with a percentage, without counting the bytes twice', async () => {
    const notes: string[] = [];
    const jobs = new JobManager({ throttleMs: 0 });
    jobs.subscribe((event) => {
      const layer = event.job.items[0];
      if (layer?.note && notes.at(-1) !== layer.note) notes.push(layer.note);
      if (layer) expect(layer.bytesDone).toBeLessThanOrEqual(3001192);
    });
    jobs.register('pull', async (_input, context) => {
      const progress = new LayerProgress(context);
      for (const message of DOCKER_PULL.slice(0, 10)) progress.handle(message);
      return PULLED;
    });
    await jobs.wait(jobs.start('pull', { image: parseImageLocation(PULLED.reference) }, 'pull'));
    expect(notes).toEqual(['downloaded', 'extracting 1%', 'extracting 100%']);
  });

  it('clamps a push’s bytes to the layer size (Docker counts uncompressed bytes read against it)', async () => {
    const { job } = await track((progress) => {
      progress.handle({ status: 'Preparing', progressDetail: {}, id: '2f871b8848cd' });
      progress.handle({
        status: 'Pushing',
        progressDetail: { current: 33792, total: 3000000 },
        id: '2f871b8848cd',
      });
      progress.handle({
        status: 'Pushing',
        progressDetail: { current: 3010560, total: 3000000 },
        id: '2f871b8848cd',
      });
      progress.handle({ status: 'Pushed', progressDetail: {}, id: '2f871b8848cd' });
    });
    expect(item(job, '2f871b8848cd')).toMatchObject({
      state: 'done',
      bytesDone: 3000000,
      bytesTotal: 3000000,
    });
  });

  it('marks layers already there as skipped and mounted ones as mounted, with where from', async () => {
    const { job } = await track((progress) => {
      progress.handle({ status: 'Already exists', progressDetail: {}, id: 'aaaaaaaaaaaa' });
      progress.handle({ status: 'Layer already exists', progressDetail: {}, id: 'bbbbbbbbbbbb' });
      progress.handle({ status: 'Mounted from team/base', progressDetail: {}, id: 'cccccccccccc' });
    });
    expect(item(job, 'aaaaaaaaaaaa')).toMatchObject({ state: 'skipped', note: 'already in the engine' });
    expect(item(job, 'bbbbbbbbbbbb')).toMatchObject({ state: 'skipped', note: 'already in the registry' });
    expect(item(job, 'cccccccccccc')).toMatchObject({ state: 'mounted', note: 'mounted from team/base' });
  });

  it('never moves a finished layer back (the second tag of a push finds the layer already there)', async () => {
    const { job } = await track((progress) => {
      progress.handle({ status: 'Pushing', progressDetail: { current: 10, total: 10 }, id: 'dddddddddddd' });
      progress.handle({ status: 'Pushed', progressDetail: {}, id: 'dddddddddddd' });
      progress.handle({ status: 'Preparing', progressDetail: {}, id: 'dddddddddddd' });
      progress.handle({ status: 'Layer already exists', progressDetail: {}, id: 'dddddddddddd' });
    });
    expect(item(job, 'dddddddddddd')).toMatchObject({ state: 'done', bytesDone: 10 });
  });

  it('starts a layer over when the engine retries it', async () => {
    const { job } = await track((progress) => {
      progress.handle({
        status: 'Downloading',
        progressDetail: { current: 800, total: 1000 },
        id: 'eeeeeeeeeeee',
      });
      progress.handle({ status: 'Retrying in 5 seconds', progressDetail: {}, id: 'eeeeeeeeeeee' });
      progress.handle({
        status: 'Downloading',
        progressDetail: { current: 100, total: 1000 },
        id: 'eeeeeeeeeeee',
      });
    });
    expect(item(job, 'eeeeeeeeeeee')).toMatchObject({
      state: 'transferring',
      bytesDone: 100,
      bytesTotal: 1000,
    });
  });

  it('finishes Podman’s compat pull, which never says "Pull complete", when the stream ends well', async () => {
    const { job } = await track((progress) => {
      progress.handle({ status: 'Pulling fs layer', progressDetail: {}, id: '676ee9bb801c' });
      progress.handle({ status: 'Download complete', progressDetail: {}, id: '676ee9bb801c' });
      progress.handle({ status: 'Pulling fs layer', progressDetail: {}, id: '694b90d005a2' });
      progress.handle({ status: 'Download complete', progressDetail: {}, id: '694b90d005a2' });
      expect(progress.hasLayerBytes).toBe(false);
      progress.finishAll();
    });
    expect(job.items.map((i) => i.state)).toEqual(['done', 'done']);
  });

  it('turns Podman’s libpod text lines into layer items', async () => {
    const { job, seen } = await track((progress) => {
      for (const stream of [
        'Trying to pull localhost:5055/t/app:1...\n',
        'Getting image source signatures\n',
        'Copying blob sha256:676ee9bb801c53f45a61abc1cbd05c0c93137e2edaa06c93d64ce80bedc8cdae\n',
        'Copying blob sha256:9a0b0ce99936aa37bd3a2b0a6b0a2e2e2f8e8c1b1a2c3d4e5f60718293a4b5c6 skipped: already exists\n',
        'Copying config sha256:694b90d005a2e7c8ed71a245a02e01d4c26d4b8099a2b7d15a5576f6fa7df01c\n',
        'Writing manifest to image destination\n',
      ])
        progress.handle({ stream });
    });
    expect(item(job, '676ee9bb801c')?.state).toBe('done');
    expect(item(job, '9a0b0ce99936')).toMatchObject({ state: 'skipped' });
    expect(seen.get('layer:676ee9bb801c')).toEqual(['waiting', 'transferring', 'done']);
  });

  it('marks unfinished layers failed when the job fails or is cancelled', async () => {
    const { job } = await track((progress) => {
      progress.handle({
        status: 'Downloading',
        progressDetail: { current: 1, total: 9 },
        id: 'ffffffffffff',
      });
      progress.handle({ status: 'Already exists', progressDetail: {}, id: '000000000000' });
      progress.failAll('cancelled');
    });
    expect(item(job, 'ffffffffffff')).toMatchObject({ state: 'failed', note: 'cancelled' });
    expect(item(job, '000000000000')?.state).toBe('skipped');
  });
});
