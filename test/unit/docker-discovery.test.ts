import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  contextDirectoryName,
  listEngineCandidates,
  parseEngineHost,
  resolveEngine,
  type DiscoveryOptions,
} from '../../electron/core/docker/index.js';
import { ConfigError } from '../../electron/core/registry/errors.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';

let home: string;
let present: Set<string>;

function options(env: NodeJS.ProcessEnv = {}, extra: Partial<DiscoveryOptions> = {}): DiscoveryOptions {
  return {
    env,
    homeDir: home,
    platform: 'linux',
    uid: 1000,
    exists: (file) => present.has(file),
    ...extra,
  };
}

async function writeContext(
  name: string,
  host: string,
  extra: { skipTlsVerify?: boolean; tls?: boolean } = {},
) {
  const dir = join(home, '.docker', 'contexts', 'meta', contextDirectoryName(name));
  await mkdir(dir, { recursive: true });
  await writeFile(
    join(dir, 'meta.json'),
    JSON.stringify({
      Name: name,
      Metadata: {},
      Endpoints: { docker: { Host: host, SkipTLSVerify: extra.skipTlsVerify ?? false } },
    }),
  );
  if (extra.tls) {
    const tlsDir = join(home, '.docker', 'contexts', 'tls', contextDirectoryName(name), 'docker');
    await mkdir(tlsDir, { recursive: true });
    for (const file of ['ca.pem', 'cert.pem', 'key.pem']) {
      await writeFile(join(tlsDir, file), 'pem');
      present.add(join(tlsDir, file));
    }
  }
}

async function useContext(name: string) {
  await mkdir(join(home, '.docker'), { recursive: true });
  await writeFile(join(home, '.docker', 'config.json'), JSON.stringify({ auths: {}, currentContext: name }));
}

beforeEach(async () => {
  home = await makeTempDir('docker-discovery');
  present = new Set(['/var/run/docker.sock']);
});

afterEach(async () => {
  await removeDir(home);
});

describe('finding the engine like the Docker CLI', () => {
  it('stores contexts under the SHA-256 of their name', () => {
    expect(contextDirectoryName('desktop-linux')).toBe(
      'fe9c6bd7a66301f49ca9b6a70b217107cd1284598bfc254700c989b916da791e',
    );
  });

  it('uses /var/run/docker.sock when nothing else is set', () => {
    expect(resolveEngine(options())).toMatchObject({
      host: 'unix:///var/run/docker.sock',
      source: 'default',
      reason: 'the platform default',
    });
  });

  it('lets DOCKER_HOST win over DOCKER_CONTEXT and the current context', async () => {
    await writeContext('colima', 'unix:///home/u/.colima/docker.sock');
    await useContext('colima');
    const endpoint = resolveEngine(options({ DOCKER_HOST: 'tcp://10.0.0.5', DOCKER_CONTEXT: 'colima' }));
    expect(endpoint).toMatchObject({ host: 'tcp://10.0.0.5:2375', source: 'DOCKER_HOST', tls: false });
  });

  it('takes DOCKER_CONTEXT over currentContext in config.json', async () => {
    await writeContext('colima', 'unix:///home/u/.colima/docker.sock');
    await writeContext('other', 'unix:///other.sock');
    await useContext('other');
    const endpoint = resolveEngine(options({ DOCKER_CONTEXT: 'colima' }));
    expect(endpoint).toMatchObject({ host: 'unix:///home/u/.colima/docker.sock', context: 'colima' });
    expect(endpoint.reason).toContain('DOCKER_CONTEXT');
  });

  it('follows currentContext in config.json (DOCKER_CONFIG moves the folder)', async () => {
    await writeContext('desktop-linux', `unix://${home}/.docker/desktop/docker.sock`);
    await useContext('desktop-linux');
    expect(resolveEngine(options())).toMatchObject({
      host: `unix://${home}/.docker/desktop/docker.sock`,
      source: 'context',
      context: 'desktop-linux',
    });
    const elsewhere = resolveEngine(options({ DOCKER_CONFIG: join(home, 'nowhere') }));
    expect(elsewhere.source).toBe('default');
  });

  it('treats the context named default as the platform default', async () => {
    await useContext('default');
    expect(resolveEngine(options())).toMatchObject({
      host: 'unix:///var/run/docker.sock',
      source: 'default',
    });
  });

  it('reads a context’s TLS files, and SkipTLSVerify turns checking off', async () => {
    await writeContext('remote', 'tcp://build.example:2376', { tls: true, skipTlsVerify: true });
    const endpoint = resolveEngine(options({ DOCKER_CONTEXT: 'remote' }));
    expect(endpoint.tls).toBe(true);
    expect(endpoint.transport).toMatchObject({
      kind: 'tcp',
      hostname: 'build.example',
      port: 2376,
      tls: { verify: false, caFile: expect.stringContaining(contextDirectoryName('remote')) as string },
    });
  });

  it('explains a context that does not exist', () => {
    expect(() => resolveEngine(options({ DOCKER_CONTEXT: 'gone' }))).toThrow(ConfigError);
    expect(() => resolveEngine(options({ DOCKER_CONTEXT: 'gone' }))).toThrow(
      /context "gone".*does not exist/,
    );
  });

  it('takes TLS for DOCKER_HOST from DOCKER_TLS_VERIFY and DOCKER_CERT_PATH, on port 2376', () => {
    present.add('/certs/ca.pem').add('/certs/cert.pem').add('/certs/key.pem');
    const endpoint = resolveEngine(
      options({ DOCKER_HOST: 'tcp://build.example', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' }),
    );
    expect(endpoint.transport).toEqual({
      kind: 'tcp',
      hostname: 'build.example',
      port: 2376,
      tls: { verify: true, caFile: '/certs/ca.pem', certFile: '/certs/cert.pem', keyFile: '/certs/key.pem' },
    });
  });

  it('falls back to Podman’s rootless socket, and says why, when the default socket is missing', () => {
    present = new Set(['/run/user/1000/podman/podman.sock']);
    expect(resolveEngine(options())).toMatchObject({
      host: 'unix:///run/user/1000/podman/podman.sock',
      source: 'podman-rootless',
      reason: "unix:///var/run/docker.sock does not exist; Podman's rootless socket does",
    });
  });

  it('prefers Docker Desktop’s socket to Podman’s when both are there', () => {
    present = new Set([join(home, '.docker', 'run', 'docker.sock'), '/run/podman/podman.sock']);
    expect(resolveEngine(options()).source).toBe('docker-desktop');
  });

  it('keeps the default when no socket exists at all (its state then says not running)', () => {
    present = new Set();
    expect(resolveEngine(options()).source).toBe('default');
  });

  it('uses the Windows named pipe by default on Windows', () => {
    present = new Set(['\\\\.\\pipe\\docker_engine']);
    const endpoint = resolveEngine(options({}, { platform: 'win32' }));
    expect(endpoint).toMatchObject({ host: 'npipe:////./pipe/docker_engine' });
    expect(endpoint.transport).toEqual({ kind: 'npipe', pipePath: '\\\\.\\pipe\\docker_engine' });
  });

  it('lets a chosen address win over everything', () => {
    expect(resolveEngine(options({ DOCKER_HOST: 'tcp://x' }, { chosen: '/tmp/p.sock' }))).toMatchObject({
      host: 'unix:///tmp/p.sock',
      source: 'chosen',
    });
  });

  it('lists every engine it knows of, the one in use first, with whether its socket is there', async () => {
    await writeContext('colima', 'unix:///home/u/.colima/docker.sock');
    present.add('/run/podman/podman.sock');
    const candidates = listEngineCandidates(options());
    expect(candidates[0]).toMatchObject({ host: 'unix:///var/run/docker.sock', exists: true });
    expect(candidates.map((candidate) => [candidate.source, candidate.exists])).toEqual([
      ['default', true],
      ['context', false],
      ['docker-desktop', false],
      ['podman-rootful', true],
      ['podman-rootless', false],
    ]);
  });
});

describe('engine addresses', () => {
  it.each([
    ['unix:///var/run/docker.sock', { kind: 'unix', socketPath: '/var/run/docker.sock' }],
    [
      'npipe:////./pipe/dockerDesktopLinuxEngine',
      { kind: 'npipe', pipePath: '\\\\.\\pipe\\dockerDesktopLinuxEngine' },
    ],
    ['tcp://127.0.0.1:2375', { kind: 'tcp', hostname: '127.0.0.1', port: 2375 }],
    ['tcp://[::1]', { kind: 'tcp', hostname: '::1', port: 2375 }],
    ['https://build.example', { kind: 'tcp', hostname: 'build.example', port: 2376, tls: { verify: true } }],
  ])('%s', (host, transport) => {
    expect(parseEngineHost(host)).toEqual(transport);
  });

  it('explains that ssh:// engines are not supported and how to reach one anyway', () => {
    expect(() => parseEngineHost('ssh://me@build')).toThrow(/not supported/);
    try {
      parseEngineHost('ssh://me@build');
    } catch (error) {
      expect((error as ConfigError).hint).toContain('ssh -NL');
    }
  });

  it('refuses what is not an engine address', () => {
    expect(() => parseEngineHost('ftp://x')).toThrow(ConfigError);
    expect(() => parseEngineHost('unix://relative.sock')).toThrow(/absolute path/);
  });
});
