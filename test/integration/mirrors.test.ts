import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testMirror } from '../../electron/core/daemon-config/index.js';
import { freePort } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

let plain: RegistryHandle;
let secure: RegistryHandle;

beforeAll(async () => {
  [plain, secure] = await Promise.all([
    startRegistry({ auth: 'none' }),
    startRegistry({ auth: 'none', tls: true }),
  ]);
});
afterAll(async () => Promise.all([plain?.stop(), secure?.stop()]));

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
