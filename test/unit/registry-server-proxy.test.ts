import { describe, expect, it } from 'vitest';
import {
  checkUpstreamUrl,
  proxyPasswordOf,
  renderConfig,
  serverPaths,
  type ServerSpec,
} from '../../electron/core/registry-server/index.js';
import { mirrorSetup } from '../../electron/core/registry-server/mirror-setup.js';
import { previewChange } from '../../electron/core/api/daemon-view.js';
import { parseDaemonJson, planEdit, validateMirror } from '../../electron/core/daemon-config/index.js';

const spec: ServerSpec = {
  name: 'hub',
  runtime: 'process',
  bind: '127.0.0.1',
  port: 5000,
  storageDir: '/srv/hub',
  deleteEnabled: true,
  auth: 'none',
  users: [],
  tls: 'none',
  tlsNames: [],
  proxy: { remoteUrl: 'https://registry-1.docker.io', username: 'me', metricsPort: 5901 },
  createdAt: '2026-12-07T00:00:00Z',
};
const paths = serverPaths('/berth/servers', 'hub');

describe('a pull-through cache config.yml', () => {
  it('writes proxy.remoteurl, the login only with its password, and the debug server on loopback', () => {
    const text = renderConfig(spec, paths, 'secret', { proxyPassword: 'p"w' });
    expect(text).toContain(
      'proxy:\n  remoteurl: "https://registry-1.docker.io"\n  username: "me"\n  password: "p\\"w"\n',
    );
    expect(text).toContain('  debug:\n    addr: "127.0.0.1:5901"\n');
    // Distribution 2.8 has no proxy.ttl: the key is never written.
    expect(text).not.toMatch(/ttl/);
    expect(proxyPasswordOf(text)).toBe('p"w');
    expect(renderConfig(spec, paths, 'secret')).not.toMatch(/username|password/);
  });

  it('listens for its counters on every interface of its own container (published on loopback only)', () => {
    const text = renderConfig({ ...spec, runtime: 'container', network: 'publish' }, paths, 'secret');
    expect(text).toContain('    addr: "0.0.0.0:5901"');
    const hostNetwork = renderConfig({ ...spec, runtime: 'container', network: 'host' }, paths, 's');
    expect(hostNetwork).toContain('    addr: "127.0.0.1:5901"');
  });

  it('writes no proxy or debug section for an ordinary registry', () => {
    const { proxy: _proxy, ...plain } = spec;
    const text = renderConfig(plain, paths, 'secret');
    expect(text).not.toMatch(/proxy:|debug:/);
    expect(proxyPasswordOf(text)).toBeUndefined();
  });
});

describe('an upstream URL', () => {
  it("takes a registry's root and names Docker Hub by its API host", () => {
    expect(checkUpstreamUrl('https://docker.io')).toBe('https://registry-1.docker.io');
    expect(checkUpstreamUrl(' https://index.docker.io/ ')).toBe('https://registry-1.docker.io');
    expect(checkUpstreamUrl('http://127.0.0.1:5000/')).toBe('http://127.0.0.1:5000');
  });

  it('refuses a path, a login in the URL and other schemes', () => {
    expect(() => checkUpstreamUrl('https://r.example/v2/')).toThrow(/has a path/);
    expect(() => checkUpstreamUrl('https://me:pw@r.example')).toThrow(/login in it/);
    expect(() => checkUpstreamUrl('ftp://r.example')).toThrow(/not an http/);
    expect(() => checkUpstreamUrl('r.example')).toThrow(/not a URL/);
  });
});

describe('an upstream URL that carries a secret', () => {
  it.each([
    'ftp://alice:Hunter-22@r.example',
    'https://alice:Hunter-22@r.example/v2/',
    'https://r.example/v2/?token=Hunter-22',
    'https://r.example/#Hunter-22',
    'https://alice:Hunter-22@r.example:99999',
    'alice:Hunter-22@r.example',
    'https://alice:Hunter-22@bad host',
  ])('refuses %s without quoting the secret back', (text) => {
    let error: unknown;
    try {
      checkUpstreamUrl(text);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(Error);
    const { message, hint } = error as { message: string; hint?: string };
    expect(`${message} ${hint}`).not.toMatch(/Hunter|alice/);
  });
});

describe('using a cache as a mirror', () => {
  it('gives Docker its URL for a Docker Hub cache, and Podman a mirror of docker.io', async () => {
    const setup = await mirrorSetup({ ...spec, proxy: spec.proxy! });
    expect(setup).toMatchObject({ mirrorUrl: 'http://127.0.0.1:5000/', isDockerHub: true });
    expect(setup.explanation).toMatch(/^Docker uses registry-mirrors for Docker Hub images only/);
    expect(setup.podmanSnippet).toBe(
      '[[registry]]\nprefix = "docker.io"\nlocation = "docker.io"\n\n[[registry.mirror]]\nlocation = "127.0.0.1:5000"\ninsecure = true\n',
    );
  });

  it('writes the same daemon.json entry from the CLI and from the app, the one dockerd reports', async () => {
    const setup = await mirrorSetup({ ...spec, proxy: spec.proxy! });
    const check = validateMirror(setup.mirrorUrl);
    expect(check.ok && check.value).toBe(setup.mirrorUrl);
    const file = '/etc/docker/daemon.json';
    const before = '{\n  "max-concurrent-downloads": 3\n}\n';
    const loaded = (text: string) => ({
      file,
      exists: true,
      fingerprint: '',
      document: parseDaemonJson(file, text),
    });
    // `berth server mirror`: an add of the setup's URL.
    const cli = planEdit(loaded(before), { action: 'add', key: 'registry-mirrors', value: setup.mirrorUrl });
    // "Use as Docker mirror…": the lists as they are, with the setup's URL after them.
    const app = previewChange(
      file,
      before,
      {
        kind: 'lists',
        insecureRegistries: [],
        registryMirrors: [setup.mirrorUrl],
      },
      'modern',
    );
    expect(app.text).toBe(cli.text);
    expect(JSON.parse(cli.text)['registry-mirrors']).toEqual(['http://127.0.0.1:5000/']);
    // One after the other: the second finds the entry there and changes nothing.
    expect(
      planEdit(loaded(app.text), { action: 'add', key: 'registry-mirrors', value: setup.mirrorUrl }).changed,
    ).toBe(false);
    expect(
      previewChange(
        file,
        cli.text,
        { kind: 'lists', insecureRegistries: [], registryMirrors: [setup.mirrorUrl] },
        'modern',
      ).changed,
    ).toBe(false);
  });

  it('says Docker will not use a cache of another registry, and how to pull through it by name', async () => {
    const other = {
      ...spec,
      tls: 'self-signed' as const,
      proxy: { ...spec.proxy!, remoteUrl: 'https://quay.io' },
    };
    const setup = await mirrorSetup(other);
    expect(setup.isDockerHub).toBe(false);
    expect(setup.mirrorUrl).toBe('https://127.0.0.1:5000/');
    expect(setup.explanation).toContain('Docker would never ask it for quay.io images');
    expect(setup.pullByName).toBe('docker pull 127.0.0.1:5000/team/app:1');
    expect(setup.podmanSnippet).toContain('prefix = "quay.io"');
    expect(setup.podmanSnippet).not.toContain('insecure');
  });
});
