// The numbers of moving images around: a Podman pull's amount line (a real job fed Podman's own
// messages), and a sync preview's totals, a blob several tags share counted once.
import { describe, expect, it } from 'vitest';
import { createIntl } from 'react-intl';
import { translator } from '../../renderer/i18n/index.js';
import { sumSyncPreview } from '../../electron/core/copy/index.js';
import { LayerProgress, type StreamMessage } from '../../electron/core/docker/index.js';
import { JobManager } from '../../electron/core/jobs/index.js';
import { describeAmount, describeTags } from '../../renderer/features/transfers/job-math.js';
import type { PullResult } from '../../shared/docker.js';
import { validateInput } from '../../shared/contract/index.js';
import { MAX_CHOSEN_TAGS, type JobSnapshot } from '../../shared/jobs.js';
import { parseImageLocation } from '../../shared/location.js';

/** The English the renderer speaks by default. */
const t = translator(createIntl({ locale: 'en', defaultLocale: 'en' }));

/** Runs a pull job that feeds `messages` to the real LayerProgress; answers every snapshot and the last. */
async function pullWith(
  messages: StreamMessage[],
  result: PullResult,
): Promise<{ running: JobSnapshot[]; job: JobSnapshot }> {
  const jobs = new JobManager({ throttleMs: 0 });
  const running: JobSnapshot[] = [];
  jobs.subscribe((event) => {
    if (event.job.status === 'running') running.push(event.job);
  });
  jobs.register('pull', async (_input, context) => {
    const progress = new LayerProgress(context);
    for (const message of messages) progress.handle(message);
    progress.finishAll();
    return result;
  });
  const job = await jobs.wait(jobs.start('pull', { image: parseImageLocation(result.reference) }, 'pull'));
  return { running, job };
}

const PODMAN_PULL: PullResult = {
  reference: '127.0.0.1:5055/t/app:1',
  engine: 'podman',
  upToDate: false,
  layerBytes: false,
};

describe('a pull whose engine reports no sizes', () => {
  it('counts Podman’s compat pull by layers and says Podman reports no sizes, never "0 B of 0 B"', async () => {
    const { running, job } = await pullWith(
      [
        { status: 'Pulling fs layer', progressDetail: {}, id: '676ee9bb801c' },
        { status: 'Pulling fs layer', progressDetail: {}, id: '694b90d005a2' },
        { status: 'Download complete', progressDetail: {}, id: '676ee9bb801c' },
        { status: 'Download complete', progressDetail: {}, id: '694b90d005a2' },
      ],
      PODMAN_PULL,
    );
    expect(running.map((snapshot) => describeAmount(t, snapshot))).toContain('0 of 2 layers');
    expect(describeAmount(t, job)).toBe('2 of 2 layers · Podman reports no sizes');
    for (const snapshot of [...running, job]) expect(describeAmount(t, snapshot)).not.toMatch(/0 B/);
  });

  it('counts Podman’s libpod text lines the same way', async () => {
    const { job } = await pullWith(
      [
        { stream: 'Copying blob sha256:676ee9bb801c53f45a61abc1cbd05c0c93137e2edaa06c93d64ce80bedc8cdae\n' },
        { stream: 'Copying blob sha256:9a0b0ce99936aa37bd3a2b0a6b0a2e2e skipped: already exists\n' },
        {
          stream: 'Copying config sha256:694b90d005a2e7c8ed71a245a02e01d4c26d4b8099a2b7d15a5576f6fa7df01c\n',
        },
      ],
      PODMAN_PULL,
    );
    expect(describeAmount(t, job)).toBe('2 of 2 layers · Podman reports no sizes');
  });

  it('still counts bytes when the engine sends them (Docker)', async () => {
    const { job } = await pullWith(
      [{ status: 'Downloading', progressDetail: { current: 500, total: 2048 }, id: '9a0b0ce99936' }],
      { ...PODMAN_PULL, engine: 'docker', layerBytes: true },
    );
    expect(describeAmount(t, job)).toBe('2.05 KB of 2.05 KB');
  });
});

describe('a sync preview', () => {
  const blob = (digest: string, size: number) => ({ digest, size });

  it('counts a blob several tags share once, and nothing of a tag the destination already has', () => {
    const preview = sumSyncPreview(
      [
        { tag: 'v2', isUnchanged: false, blobs: [blob('base', 1000), blob('v2-top', 10)] },
        { tag: 'v1', isUnchanged: false, blobs: [blob('base', 1000), blob('v1-top', 20)] },
        { tag: 'old', isUnchanged: true, blobs: [blob('base', 1000), blob('old-top', 5000)] },
      ],
      (digest) => (digest === 'v1-top' ? 'exists' : 'transfer'),
    );
    expect(preview).toEqual({
      tags: ['v1', 'v2'],
      unchanged: ['old'],
      blobs: { transfer: 2, mount: 0, exists: 1, foreign: 0 },
      bytesToTransfer: 1010,
      bytesTotal: 1030,
    });
  });

  it('says how many tags a finished sync copied and found already there', () => {
    const job = {
      id: 'j',
      kind: 'sync',
      title: 'sync',
      status: 'succeeded',
      startedAt: 0,
      items: [],
      overall: { bytesDone: 0, bytesTotal: 0, itemsDone: 0, itemsTotal: 0, rate: 0 },
      result: {
        source: 'a/x',
        destination: 'b/x',
        tags: { copied: ['1', '2'], unchanged: ['3'] },
        bytesTransferred: 0,
        blobs: { transferred: 0, mounted: 0, skipped: 0, foreign: 0 },
        seconds: 1,
      },
    } satisfies JobSnapshot;
    expect(describeTags(t, job)).toBe('2 tags copied, 1 already there');
  });
});

describe('a copy of chosen tags at the door', () => {
  const repository = { connection: 'lab', repository: 'team/app' };
  const tags = (count: number) => Array.from({ length: count }, (_, index) => `v${index}`);
  const sync = (only: unknown) => ({ kind: 'sync', source: repository, destination: repository, only });

  it('takes up to the limit of chosen tags, in a sync or its preview', () => {
    expect(validateInput('jobs.start', sync(tags(MAX_CHOSEN_TAGS))).ok).toBe(true);
    const { kind: _kind, ...plan } = sync(tags(25));
    expect(validateInput('sync.plan', plan).ok).toBe(true);
  });

  it('refuses more, an empty list, or a digest among them, saying what to do instead', () => {
    const message = (input: unknown) => {
      const outcome = validateInput('jobs.start', input);
      return outcome.ok ? undefined : outcome.error.message;
    };
    expect(message(sync(tags(MAX_CHOSEN_TAGS + 1)))).toMatch(
      /choose at most 1000 tags, or sync the whole repository or a tag pattern/,
    );
    expect(message(sync([]))).toMatch(/choose at least one tag/);
    expect(message(sync([`sha256:${'a'.repeat(64)}`]))).toMatch(/a tag is up to 128/);
  });
});
