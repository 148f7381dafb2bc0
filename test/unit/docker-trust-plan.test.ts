// Which way the local Docker must be told about a server (none, certs.d, insecure-registries), and what
// the run after a doctor's fix says: pure decisions on plain data, names resolved by a given resolver.
import { homedir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NOT_CHECKED, recheckOf, type Diagnosis, type Step } from '../../electron/core/doctor/index.js';
import {
  planDockerTrust as planWithPaths,
  serverPaths,
  type DockerTrustOptions,
  type ServerSpec,
} from '../../electron/core/registry-server/index.js';

const spec: ServerSpec = {
  name: 'mine',
  runtime: 'process',
  bind: '127.0.0.1',
  port: 5000,
  storageDir: '/srv/mine',
  deleteEnabled: true,
  auth: 'none',
  users: [],
  tls: 'self-signed',
  tlsNames: ['localhost'],
  createdAt: '2026-12-07T00:00:00.000Z',
};

/** The plan for a server whose files do not exist: nothing is in place yet. */
const planDockerTrust = (
  server: ServerSpec,
  options: DockerTrustOptions,
  resolve: (name: string) => Promise<string[]>,
) => planWithPaths(server, serverPaths('/nonexistent/servers', server.name), options, resolve);

const resolves =
  (table: Record<string, string[]>) =>
  async (name: string): Promise<string[]> => {
    const found = table[name];
    if (!found) throw Object.assign(new Error(`${name} not found`), { code: 'ENOTFOUND' });
    return found;
  };

describe('planDockerTrust', () => {
  it('asks for nothing on a loopback address: Docker treats 127.0.0.0/8 as insecure and reads no certs.d', async () => {
    const plan = await planDockerTrust(spec, {}, resolves({}));
    expect(plan).toMatchObject({ host: '127.0.0.1:5000', method: 'none', target: '' });
    expect(plan.explanation).toMatch(/^Docker on this machine reaches 127\.0\.0\.1:5000 as it is/);
    expect(plan.explanation).not.toMatch(/refuses|until/);
  });

  it('counts a name as loopback when any of its addresses is, as dockerd does', async () => {
    const plan = await planDockerTrust(
      spec,
      { host: 'build-box:5000' },
      resolves({ 'build-box': ['10.0.0.5', '127.0.1.1'] }),
    );
    expect(plan.method).toBe('none');
  });

  it('uses the certs.d and host kept in server.json; an option given now wins, an undefined one does not', async () => {
    const kept: ServerSpec = { ...spec, docker: { host: 'registry.lan:5000', certsDRoot: '/kept/certs.d' } };
    const table = resolves({ 'registry.lan': ['10.0.0.5'] });
    expect(await planDockerTrust(kept, { certsDRoot: undefined }, table)).toMatchObject({
      method: 'certs-d',
      host: 'registry.lan:5000',
      target: path.join('/kept/certs.d', 'registry.lan:5000'),
    });
    expect((await planDockerTrust(kept, { certsDRoot: '/now/certs.d' }, table)).target).toBe(
      path.join('/now/certs.d', 'registry.lan:5000'),
    );
  });

  it('plain HTTP on a name that is not loopback needs its host:port in insecure-registries', async () => {
    const plan = await planDockerTrust(
      { ...spec, tls: 'none', docker: { host: 'registry.lan:5000', daemonConfigFile: '/kept/daemon.json' } },
      {},
      resolves({ 'registry.lan': ['10.0.0.5'] }),
    );
    expect(plan).toMatchObject({ method: 'insecure-registries', target: '/kept/daemon.json' });
  });
});

describe('planDockerTrust for Podman', () => {
  it("puts the CA in Podman's /etc/containers/certs.d, also for a loopback address (Podman checks it)", async () => {
    const plan = await planDockerTrust(spec, { engine: { kind: 'podman', isRootless: false } }, resolves({}));
    expect(plan).toMatchObject({
      engine: 'podman',
      method: 'certs-d',
      target: path.join('/etc/containers/certs.d', '127.0.0.1:5000'),
    });
    expect(plan.explanation).toContain('/etc/containers/certs.d/127.0.0.1:5000/ca.crt');
    expect(plan.explanation).not.toMatch(/docker|daemon/i);
  });

  it("uses the user's ~/.config/containers/certs.d for a rootless Podman, not the certs.d kept for Docker", async () => {
    const kept: ServerSpec = { ...spec, docker: { certsDRoot: '/kept/docker/certs.d' } };
    const plan = await planDockerTrust(kept, { engine: { kind: 'podman', isRootless: true } }, resolves({}));
    expect(plan.target).toBe(path.join(homedir(), '.config', 'containers', 'certs.d', '127.0.0.1:5000'));
  });

  it('plain HTTP needs an insecure [[registry]] entry in registries.conf, shown as lines to add', async () => {
    const plan = await planDockerTrust(
      { ...spec, tls: 'none' },
      { engine: { kind: 'podman', isRootless: false } },
      resolves({}),
    );
    expect(plan.method).toBe('registries-conf');
    expect(plan.target).toMatch(/registries\.conf$/);
    expect(plan.snippet).toBe('[[registry]]\nlocation = "127.0.0.1:5000"\ninsecure = true\n');
    expect(plan.explanation).not.toMatch(/insecure-registries|daemon\.json/);
  });
});

function diagnosis(steps: Partial<Step>[]): Diagnosis {
  const full = steps.map((step) => ({ title: step.id!, ms: 0, detail: '', status: 'ok', ...step }) as Step);
  return {
    target: 'h:1',
    host: 'h:1',
    scheme: 'https',
    steps: full,
    ok: full.every((step) => step.status !== 'fail'),
  };
}

describe('recheckOf', () => {
  const trust = { text: 'trust', action: 'trust-ca' as const };

  it('passes when the fixed step is ok now, and names the next broken step', () => {
    const recheck = recheckOf(
      diagnosis([
        { id: 'tls', status: 'ok' },
        { id: 'registry', status: 'fail', title: '/v2/ answers', detail: 'a 500' },
      ]),
      { step: 'tls', fix: trust },
    );
    expect(recheck).toMatchObject({
      passes: true,
      ok: false,
      broken: { step: 'registry', title: '/v2/ answers', detail: 'a 500' },
    });
  });

  it('does not pass a warning that still offers the same fix, nor a step an earlier failure kept from running', () => {
    const add = { text: 'add', action: 'add-insecure' as const };
    expect(
      recheckOf(diagnosis([{ id: 'docker', status: 'warn', fix: add }]), { step: 'docker', fix: add }).passes,
    ).toBe(false);
    const earlier = recheckOf(
      diagnosis([
        { id: 'tcp', status: 'fail' },
        { id: 'tls', status: 'skipped', detail: NOT_CHECKED },
      ]),
      { step: 'tls', fix: trust },
    );
    expect(earlier).toMatchObject({ passes: false, status: 'skipped', broken: { step: 'tcp' } });
  });
});
