import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobHandlers } from '../../electron/core/api/jobs.js';
import { testMirror } from '../../electron/core/daemon-config/index.js';
import { BerthServices } from '../../electron/core/services.js';
import type { JobEvent } from '../../shared/jobs.js';
import { freePort, makeTempDir, removeDir } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

let plain: RegistryHandle;
let secure: RegistryHandle;

beforeAll(async () => {
  [plain, secure] = await Promise.all([
    startRegistry({ auth: 'none' }),
    startRegistry({ auth: 'none', tls: true }),
  ]);
});
let root: string;
beforeAll(async () => {
  root = await makeTempDir('mirror-job');
});
afterAll(async () => {
  await Promise.all([plain?.stop(), secure?.stop()]);
  if (root) await removeDir(root);
});

describe('testMirror', () => {
  it('reports a working plain-HTTP mirror with its API version and latency', async () => {
    const check = await testMirror(`http://${plain.host}`);
    expect(check).toMatchObject({
      ok: true,
      status: 200,
      tls: 'plain-http',
      apiVersion: 'registry/2.0',
      addresses: ['127.0.0.1'],
    });
    expect(check.latencyMs).toBeGreaterThan(0);
  });

  it('reports a mirror whose certificate this machine does not trust', async () => {
    const check = await testMirror(`https://${secure.host}`);
    expect(check.ok).toBe(false);
    expect(check.tls).toBe('failed');
    expect(check.problem).toContain('unknown authority');
  });

  it('reports a mirror where nothing listens', async () => {
    const check = await testMirror(`http://127.0.0.1:${await freePort()}`);
    expect(check.ok).toBe(false);
    expect(check.problem).toContain('connection refused');
  });

  it('reports a mirror whose name does not resolve (resolver given, nothing leaves this machine)', async () => {
    const nxdomain = async () => {
      throw Object.assign(new Error('queryA ENOTFOUND'), { code: 'ENOTFOUND' });
    };
    const check = await testMirror('https://mirror.invalid', { resolve: nxdomain as never });
    expect(check).toMatchObject({ ok: false, problem: 'mirror.invalid does not resolve (ENOTFOUND)' });
  });

  it('says a web server that is not a registry is not a mirror', async () => {
    const check = await testMirror(`http://${plain.host}/not-a-registry/`);
    expect(check.ok).toBe(false);
    expect(check.problem).toContain('HTTP 404');
  });
});

describe('the mirror test as a job', () => {
  it('checks each mirror as an item of a job, with its latency, and ends with every check', async () => {
    // No engine answers: the mirror URLs are checked by the current (modern) rules.
    const services = new BerthServices({
      dataDir: path.join(root, 'job'),
      engine: `unix://${path.join(root, 'no-engine.sock')}`,
    });
    const events: JobEvent[] = [];
    services.jobs.subscribe((event) => events.push(event));
    try {
      const closed = `http://127.0.0.1:${await freePort()}`;
      const mirrors = [`http://${plain.host}`, closed, 'mirror.example'];
      const { id } = await jobHandlers['jobs.start'](
        { kind: 'mirror-test', mirrors },
        { services, emit: () => undefined },
      );
      const job = await services.jobs.wait(id);
      expect(job).toMatchObject({
        kind: 'mirror-test',
        status: 'succeeded',
        title: 'mirror test of 3 mirrors',
      });
      expect(job.overall).toMatchObject({ itemsDone: 3, itemsTotal: 3 });

      const [working, refused, invalid] = job.items;
      expect(working).toMatchObject({ id: mirrors[0], kind: 'mirror', state: 'done' });
      expect(working!.note).toMatch(/^HTTP 200 · registry\/2\.0 · [\d.]+ ms$/);
      expect(refused).toMatchObject({
        state: 'failed',
        note: expect.stringMatching(/connection refused.* ms$/),
      });
      expect(invalid).toMatchObject({ state: 'failed', note: expect.stringMatching(/no scheme specified/) });
      // The transfers panel heard the finish with every mirror in it.
      expect(events.at(-1)).toMatchObject({ type: 'finished', job: { id, items: job.items } });

      if (job.kind !== 'mirror-test') throw new Error(`a ${job.kind} job answered the mirror test`);
      const checks = job.result!;
      expect(checks.map((check) => [check.url, check.ok])).toEqual([
        [`http://${plain.host}/`, true],
        [`${closed}/`, false],
        ['mirror.example', false],
      ]);
      expect(checks[0]!.latencyMs).toBeGreaterThan(0);
      // Where the mirror resolved to stays in the core.
      expect(checks[0]).not.toHaveProperty('addresses');
    } finally {
      await services.close();
    }
  });

  it('refuses a mirror test with no mirrors at the door', async () => {
    const { validateInput } = await import('../../shared/contract/index.js');
    const outcome = validateInput('jobs.start', { kind: 'mirror-test', mirrors: [] });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: /mirrors/ } });
  });
});
