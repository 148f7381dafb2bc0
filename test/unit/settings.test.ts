import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseRegistryUrl, SettingsStore } from '../../electron/core/settings/index.js';

describe('parseRegistryUrl', () => {
  it.each([
    ['127.0.0.1:5000', { host: '127.0.0.1:5000', insecureHttp: false }],
    ['https://ghcr.io', { host: 'ghcr.io', insecureHttp: false }],
    ['http://10.0.0.5:5000/', { host: '10.0.0.5:5000', insecureHttp: true }],
    ['https://index.docker.io/v2/', { host: 'docker.io', insecureHttp: false }],
    ['registry-1.docker.io', { host: 'docker.io', insecureHttp: false }],
  ])('%s', (input, expected) => {
    expect(parseRegistryUrl(input)).toEqual(expected);
  });

  it.each([
    ['ftp://host', /https/],
    ['https://user:pw@host', /credentials/],
    ['https://host/some/path', /no path/],
    ['http://', /not a registry address/],
  ])('refuses %s', (input, message) => {
    expect(() => parseRegistryUrl(input)).toThrow(message);
  });
});

describe('SettingsStore', () => {
  let dir: string;
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it('saves, finds by host (Docker Hub aliases too) and removes connections', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'berth-settings-'));
    const store = new SettingsStore(dir);
    store.save({ name: 'local', host: '127.0.0.1:5000', insecureHttp: true, tls: {}, kind: 'generic' });
    store.save({
      name: 'hub',
      host: 'docker.io',
      insecureHttp: false,
      tls: {},
      kind: 'dockerhub',
      username: 'me',
    });
    expect(new SettingsStore(dir).findByHost('index.docker.io')?.name).toBe('hub');
    expect(() =>
      store.save({ name: 'again', host: '127.0.0.1:5000', insecureHttp: false, tls: {}, kind: 'generic' }),
    ).toThrow(/already saved as "local"/);
    expect(store.remove('local')).toBe(true);
    expect(store.list().map((c) => c.name)).toEqual(['hub']);
    expect(JSON.parse(await readFile(path.join(dir, 'config.json'), 'utf8')).connections).toHaveLength(1);
  });

  it('reports a corrupt settings file and leaves it as it was', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'berth-settings-'));
    const file = path.join(dir, 'config.json');
    await writeFile(file, '{ "connections": [ broken');
    expect(() => new SettingsStore(dir).list()).toThrow(/settings/);
    expect(await readFile(file, 'utf8')).toBe('{ "connections": [ broken');
  });
});
