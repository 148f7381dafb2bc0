// The transfers history through the real browser host: copies against a TLS registry with a login (its
// password in a private keyring) and a plain one behind a proxy that can hold a download. The host is
// killed while a copy runs and started again on the same data folder: the history is there, the copy
// cut off is interrupted, and the file holds no password, Basic value or Authorization header.
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorInfo } from '../../shared/errors.js';
import type { JobSnapshot } from '../../shared/jobs.js';
import { BerthHost } from '../fixtures/berth-host.js';
import { startFaultProxy, type FaultProxy } from '../fixtures/fault-proxy.js';
import { pushImage, type PushedImage } from '../fixtures/images.js';
import { startKeyring, type KeyringHandle } from '../fixtures/keyring.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

const PASSWORD = 'wonderland-pass';
const WAIT_MS = 60_000;

let keyring: KeyringHandle;
let secured: RegistryHandle;
let plain: RegistryHandle;
let proxy: FaultProxy;
let root: string;
let dataDir: string;
let env: NodeJS.ProcessEnv;
let host: BerthHost | undefined;
let app: PushedImage;
let slow: PushedImage;
let release: () => void = () => undefined;
const held = new Promise<void>((resolve) => (release = resolve));

beforeAll(async () => {
  keyring = await startKeyring();
  root = await makeTempDir('job-history');
  dataDir = path.join(root, 'data');
  [secured, plain] = await Promise.all([
    startRegistry({ auth: 'htpasswd', tls: true }),
    startRegistry({ auth: 'none' }),
  ]);
  app = await pushImage(secured, 'team/app', '1.0', { layers: 2 });
  slow = await pushImage(plain, 'team/slow', '1.0', { layers: 1 });
  proxy = await startFaultProxy(plain, {
    onRequest: async (request) => {
      if (request.method === 'GET' && request.path.endsWith(`/blobs/${slow.layers[0]!.digest}`)) await held;
      return undefined;
    },
  });
  env = keyring.env({
    BERTH_DATA_DIR: dataDir,
    BERTH_KEYCHAIN_SERVICE: `BerthTest-job-history-${randomUUID()}`,
    BERTH_RENDERER_DIR: path.join(root, 'no-renderer'),
  });
}, 120_000);

afterAll(async () => {
  release();
  await host?.stop();
  await proxy?.stop();
  await Promise.all([secured?.stop(), plain?.stop()]);
  await keyring?.stop();
  if (root) await removeDir(root);
});

async function startHost(): Promise<BerthHost> {
  host = await BerthHost.start(env);
  await host.logIn();
  return host;
}

async function listJobs(berth: BerthHost): Promise<JobSnapshot[]> {
  const listed = await berth.call<JobSnapshot[]>('jobs.list', {});
  expect(listed.body.ok).toBe(true);
  return listed.body.value;
}

/** Polls the job list until `done` holds, or fails at the deadline. */
async function waitForJobs(berth: BerthHost, done: (jobs: JobSnapshot[]) => boolean): Promise<JobSnapshot[]> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const jobs = await listJobs(berth);
    if (done(jobs)) return jobs;
    if (Date.now() > deadline) throw new Error(`jobs never got there: ${JSON.stringify(jobs)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the transfers history', () => {
  it('keeps finished and interrupted jobs across a restart of the host, with no secret in the file', async () => {
    const first = await startHost();
    const added = await first.call('connections.add', {
      name: 'secure',
      url: `https://${secured.host}`,
      tls: { caFile: secured.caFile },
      username: 'alice',
      secret: PASSWORD,
    });
    expect(added.body).toMatchObject({ ok: true });
    const plainAdded = await first.call('connections.add', {
      name: 'plain',
      url: `http://${proxy.host}`,
      insecureHttp: true,
    });
    expect(plainAdded.body).toMatchObject({ ok: true });

    const start = async (input: unknown) => {
      const started = await first.call<{ id: string }>('jobs.start', input);
      expect(started.body).toMatchObject({ ok: true });
      return started.body.value.id;
    };
    const copied = await start({
      kind: 'copy',
      source: { connection: 'secure', repository: 'team/app', reference: '1.0' },
      destination: { connection: 'plain', repository: 'copied/app', reference: '1.0' },
    });
    const missing = await start({
      kind: 'copy',
      source: { connection: 'secure', repository: 'team/app', reference: 'no-such-tag' },
      destination: { connection: 'plain', repository: 'copied/app', reference: 'no-such-tag' },
    });
    await waitForJobs(first, (jobs) =>
      [copied, missing].every((id) => jobs.some((job) => job.id === id && job.status !== 'running')),
    );
    // This one waits on the held layer when the host is killed.
    const cut = await start({
      kind: 'copy',
      source: { connection: 'plain', repository: 'team/slow', reference: '1.0' },
      destination: { connection: 'secure', repository: 'team/slow', reference: '1.0' },
    });
    await waitForJobs(first, (jobs) =>
      jobs.some((job) => job.id === cut && job.items.some((item) => item.state === 'transferring')),
    );
    first.process.child.kill('SIGKILL');
    await first.process.exited;
    release();

    const second = await startHost();
    const jobs = new Map((await listJobs(second)).map((job) => [job.id, job]));
    expect(jobs.get(copied)).toMatchObject({
      status: 'succeeded',
      isRestored: true,
      finishedAt: expect.any(Number),
      result: { digest: app.digest },
    });
    expect(jobs.get(missing)).toMatchObject({
      status: 'failed',
      isRestored: true,
      error: { code: 'NOT_FOUND' },
    });
    expect(jobs.get(cut)).toMatchObject({
      status: 'interrupted',
      isRestored: true,
      error: { message: /Berth stopped while this job was running/ },
    });
    const history = await second.call<{ problem?: ErrorInfo }>('jobs.history', {});
    expect(history.body).toEqual({ ok: true, value: {} });
    // An earlier session's job has no input left: Retry says so instead of guessing.
    const retried = await second.call('jobs.retry', { id: missing });
    expect(retried.body).toMatchObject({ ok: false, error: { message: /earlier session/ } });

    const text = readFileSync(path.join(dataDir, 'job-history.json'), 'utf8');
    expect(text).toContain(copied);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(Buffer.from(`alice:${PASSWORD}`).toString('base64'));
    expect(text).not.toMatch(/authorization|bearer|basic /i);

    // Clear finished empties the history too: a third start shows nothing.
    const cleared = await second.call<{ cleared: string[] }>('jobs.clear', {});
    expect(new Set(cleared.body.value.cleared)).toEqual(new Set([copied, missing, cut]));
    await second.stop();
    const third = await startHost();
    expect(await listJobs(third)).toEqual([]);
    await third.stop();
  });

  it('sets a damaged history aside with a notice and starts with an empty one', async () => {
    const file = path.join(dataDir, 'job-history.json');
    writeFileSync(file, '{"version":1,"entries":[{"job":');
    const berth = await startHost();
    expect(await listJobs(berth)).toEqual([]);
    const history = await berth.call<{ problem?: ErrorInfo }>('jobs.history', {});
    expect(history.body.value.problem).toMatchObject({
      message: expect.stringMatching(/transfers history .* could not be read/),
      hint: expect.stringMatching(/job-history\.json\.corrupt-/),
    });
    expect(readdirSync(dataDir).some((name) => name.startsWith('job-history.json.corrupt-'))).toBe(true);
    await berth.stop();
  });
});
