// jobs.start, copy.plan and jobs.retry through the browser host, as a page with the key would call them:
// each bad location is refused with a message naming its field (no schema dump, no stack), and the
// registry behind the saved connection, which records every request, hears nothing of it.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BerthHost } from '../fixtures/berth-host.js';
import { startHostileRegistry, type HostileRegistry } from '../fixtures/hostile-registry.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';

let registry: HostileRegistry;
let host: BerthHost;
let root: string;

beforeAll(async () => {
  registry = await startHostileRegistry([]);
  root = await makeTempDir('host-locations');
  host = await BerthHost.start({
    ...process.env,
    BERTH_DATA_DIR: path.join(root, 'data'),
    BERTH_RENDERER_DIR: path.join(root, 'no-renderer'),
  });
  await host.logIn();
  const added = await host.call('connections.add', { name: 'lab', url: registry.url });
  expect(added.body.ok).toBe(true);
}, 60_000);

afterAll(async () => {
  await host?.stop();
  await registry?.stop();
  await removeDir(root);
});

const image = { connection: 'lab', repository: 'team/app', reference: '1.0' };
const repository = { connection: 'lab', repository: 'team/app' };

describe('locations a page sends through the host', () => {
  it.each([
    [
      'a repository with ..',
      { ...image, repository: 'team/../x' },
      /^source repository: a repository name is/,
    ],
    ['a repository with %2f', { ...image, repository: 'team%2fx' }, /^source repository: a repository name/],
    ['an upper-case repository', { ...image, repository: 'Team/app' }, /^source repository: a repository/],
    ['a repository of 256 characters', { ...image, repository: 'a'.repeat(256) }, /at most 255 characters$/],
    ['a tag with @', { ...image, reference: `1.0@sha256:${'a'.repeat(64)}` }, /^source reference: /],
    [
      'a digest of an unknown algorithm',
      { ...image, reference: `md5:${'a'.repeat(32)}` },
      /^source reference/,
    ],
    [
      'a digest of the wrong length',
      { ...image, reference: `sha256:${'a'.repeat(63)}` },
      /^source reference/,
    ],
    [
      'an extra key',
      { ...image, registry: '10.0.0.1' },
      /^source has a field Berth does not know: registry$/,
    ],
    ['the old string form', '127.0.0.1:5000/team/app:1.0', /not as a reference string$/],
    ['a number', 5, /^source: expected \{connection, repository, reference\}$/],
  ])(
    'refuses %s in jobs.start and copy.plan, asking the registry nothing',
    async (_name, source, expected) => {
      const before = registry.requests.length;
      for (const [name, input] of [
        ['jobs.start', { kind: 'copy', source, destination: repository }],
        ['copy.plan', { source, destination: repository }],
      ] as const) {
        const answer = await host.call(name, input);
        expect(answer.status).toBe(400);
        expect(answer.body.error.code).toBe('INVALID_INPUT');
        expect(answer.body.error.message).toMatch(expected);
        expect(JSON.stringify(answer.body)).not.toMatch(/ZodError|too_big|invalid_type|\s+at \S+:\d+/);
      }
      expect(registry.requests.slice(before)).toEqual([]);
    },
  );

  it('refuses a connection nobody saved, a copy onto itself and a push of no local image, asking nothing', async () => {
    const before = registry.requests.length;
    const nowhere = await host.call('jobs.start', {
      kind: 'copy',
      source: { ...image, connection: 'nowhere' },
      destination: repository,
    });
    expect(nowhere.body.error).toMatchObject({
      code: 'NOT_FOUND',
      message: 'there is no saved connection named "nowhere"',
    });
    for (const [name, input] of [
      ['jobs.start', { kind: 'copy', source: image, destination: repository, platforms: ['linux/arm64'] }],
      ['copy.plan', { source: image, destination: image }],
      ['jobs.start', { kind: 'sync', source: repository, destination: repository }],
    ] as const) {
      const answer = await host.call(name, input);
      expect(answer.body.error, name).toMatchObject({ code: 'INVALID_INPUT' });
      expect(answer.body.error.message).toMatch(/destination .*team\/app.* is its source$/);
    }
    const push = await host.call('jobs.start', { kind: 'push', source: '../../containers/x', to: image });
    expect(push.body.error.message).toBe(
      'source: a local image is repository:tag, a repository, or an image ID (sha256:…)',
    );
    expect(registry.requests.slice(before)).toEqual([]);
  });

  it('retries a copy only while a saved connection names its registry', async () => {
    const started = await host.call<{ id: string }>('jobs.start', {
      kind: 'copy',
      source: image,
      destination: { ...repository, repository: 'team/other' },
    });
    expect(started.body.ok).toBe(true);
    const { id } = started.body.value;
    await expect
      .poll(async () => (await host.call<{ id: string; status: string }[]>('jobs.list', {})).body.value, {
        timeout: 30_000,
      })
      .toContainEqual(expect.objectContaining({ id, status: 'failed' }));
    expect((await host.call('connections.remove', { name: 'lab' })).body.ok).toBe(true);
    const before = registry.requests.length;
    const retried = await host.call('jobs.retry', { id });
    expect(retried.body.error).toMatchObject({
      code: 'NOT_FOUND',
      message: `no saved connection is for ${registry.host} any more`,
    });
    expect(registry.requests.slice(before)).toEqual([]);
  });
});
