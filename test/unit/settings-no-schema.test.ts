// Every command reads the settings file, also those that only read a registry or copy an image (`berth
// inspect`, `berth cp`): reading it builds no zod schema (zod 4 binds dozens of methods to each one, ≈ 30 ms
// at start-up for the settings' and the contract's). Writing builds them: a write checks with zod itself.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeTempDir, removeDir } from '../fixtures/process.js';

/** Every use of zod's `z` (each schema starts there): none while reading. */
const zod = vi.hoisted(() => ({ uses: 0 }));
vi.mock('zod', async (importOriginal) => {
  const actual = await importOriginal<typeof import('zod')>();
  const z = new Proxy(actual.z, {
    get(target, key, receiver) {
      zod.uses++;
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  return { ...actual, z };
});

let dataDir: string;

beforeEach(async () => {
  dataDir = await makeTempDir('berth-settings-no-schema-');
  await writeFile(
    path.join(dataDir, 'config.json'),
    JSON.stringify({
      schemaVersion: 1,
      connections: [
        { name: 'hub', host: 'docker.io', kind: 'dockerhub', ui: { pinnedRepositories: [] } },
        { name: 'lab', host: 'gitlab.example.com', apiUrl: 'https://gitlab.example.com', timeoutSeconds: 60 },
      ],
      bookmarks: [{ connection: 'hub', repository: 'library/nginx' }],
      cleanupRules: [
        { name: 'nightly', connection: 'hub', repositories: 'team/*', keep: 3 },
        { name: 'broken', connection: 'hub', repositories: 'team/*', keep: -1 },
      ],
      language: 'klingon',
    }),
  );
});

afterEach(async () => {
  await removeDir(dataDir);
});

describe('the settings store', () => {
  it('reads connections, places, rules and the language without building a zod schema', async () => {
    const { SettingsStore } = await import('../../electron/core/settings/index.js');
    const store = new SettingsStore(dataDir);
    expect(store.list().map((connection) => connection.name)).toEqual(['hub', 'lab']);
    expect(store.findByHost('registry-1.docker.io')?.name).toBe('hub');
    expect(store.places().bookmarks).toHaveLength(1);
    expect(store.cleanupRules().map((rule) => rule.protect)).toEqual([['latest', 'v*']]);
    expect(store.unreadableCleanupRules()).toEqual([
      { name: 'broken', problem: 'keep: keep 0 or more tags' },
    ]);
    expect(store.language()).toBeUndefined();
    expect(store.problem).toBeUndefined();
    expect(zod.uses).toBe(0);

    store.setStarred({ connection: 'lab', repository: 'group/app' }, true);
    expect(zod.uses).toBeGreaterThan(0);
    expect(store.places().bookmarks).toHaveLength(2);
  });
});
