import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skopeo } from '../fixtures/berth-client.js';
import { pushImage, pushIndex, sha256 } from '../fixtures/images.js';
import { BerthCli } from '../fixtures/berth-cli.js';
import { startHostileRegistry, sendJson } from '../fixtures/hostile-registry.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

let dataDir: string;
let source: RegistryHandle;
let target: RegistryHandle;

const cli = new BerthCli(() => ({ ...process.env, BERTH_DATA_DIR: dataDir }));
const berth = (args: string[], input?: string) => cli.run(args, input);

beforeAll(async () => {
  dataDir = await makeTempDir('berth-cp-cli-');
  [source, target] = await Promise.all([startRegistry({ auth: 'none' }), startRegistry({ auth: 'none' })]);
  for (const registry of [source, target]) {
    const added = await berth([
      'registry',
      'add',
      registry === source ? 'src' : 'dst',
      `http://${registry.host}`,
    ]);
    if (added.code !== 0) throw new Error(added.stderr);
  }
});

afterAll(async () => {
  await Promise.all([source?.stop(), target?.stop()]);
  await removeDir(dataDir);
});

describe('berth cp and berth sync', () => {
  it('copies an index with plain progress lines and a JSON summary', async () => {
    const index = await pushIndex(source, 'team/app', '1', {
      format: 'oci',
      platforms: [
        { os: 'linux', architecture: 'amd64' },
        { os: 'linux', architecture: 'arm64' },
      ],
    });
    const plain = await berth(['cp', `${source.host}/team/app:1`, `${target.host}/team/app:1`]);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain(`Digest: ${index.digest}`);
    // Not a terminal: one line per blob or manifest as it finishes, no cursor movement, nothing else.
    expect(plain.stderr).not.toContain('\x1b[');
    const progress = plain.stderr.split('\n').filter(Boolean);
    expect(progress.filter((line) => /^blob [0-9a-f]{12} \S+ \S+ transferred$/.test(line))).toHaveLength(6);
    expect(progress.filter((line) => /^manifest \S+ pushed$/.test(line))).toHaveLength(3);
    expect(progress).toHaveLength(9);
    const raw = await skopeo(target, 'inspect', '--raw', `docker://${target.host}/team/app:1`);
    expect(sha256(Buffer.from(raw))).toBe(index.digest);

    const again = await berth(['cp', `${source.host}/team/app:1`, `${target.host}/team/app:2`, '--json']);
    const summary = JSON.parse(again.stdout) as {
      digest: string;
      blobs: { skipped: number; transferred: number };
    };
    expect(summary.digest).toBe(index.digest);
    expect(summary.blobs.transferred).toBe(0);
    expect(summary.blobs.skipped).toBeGreaterThan(0);
  });

  it('copies one platform of an index with --platform', async () => {
    const result = await berth([
      'cp',
      `${source.host}/team/app:1`,
      `${target.host}/team/arm:1`,
      '--platform',
      'linux/arm64',
      '--json',
    ]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ newIndex: true, platforms: ['linux/arm64'] });
  });

  it('syncs the tags matching a pattern', async () => {
    await pushImage(source, 'team/lib', 'v1', { layers: 1 });
    await pushImage(source, 'team/lib', 'v2', { layers: 1 });
    await pushImage(source, 'team/lib', 'dev', { layers: 1 });
    const result = await berth([
      'sync',
      `${source.host}/team/lib`,
      `${target.host}/mirror/lib`,
      '--tags',
      'v*',
      '--json',
    ]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).tags).toEqual({ copied: ['v1', 'v2'], unchanged: [] });
    const tags = JSON.parse(await skopeo(target, 'list-tags', `docker://${target.host}/mirror/lib`)) as {
      Tags: string[];
    };
    expect(tags.Tags.sort()).toEqual(['v1', 'v2']);
  });

  it('fails with one line and exit 1 when the source tag does not exist', async () => {
    const result = await berth(['cp', `${source.host}/team/app:nope`, `${target.host}/team/app:nope`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/berth: .*no such tag or image/);
  });

  it('gives every blob of a copy that fails a failed line off a terminal, then berth: and hint:', async () => {
    const image = await pushImage(source, 'team/refused', '1', { layers: 2 });
    // The destination refuses every upload it is asked to open: no blob ever starts moving.
    const refusing = await startHostileRegistry([
      {
        method: 'POST',
        path: /\/blobs\/uploads\/$/,
        handler: (_request, response) =>
          sendJson(response, 403, { errors: [{ code: 'DENIED', message: 'uploads are closed today' }] }),
      },
    ]);
    try {
      const result = await berth(['cp', `${source.host}/team/refused:1`, `${refusing.host}/team/refused:1`]);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      const lines = result.stderr.split('\n').filter((line) => line && !line.startsWith('warning:'));
      const blobs = [image.configDigest, ...image.layerDigests].map(
        (digest) => `blob ${digest.slice(7, 19)}`,
      );
      for (const blob of blobs)
        expect(lines.find((line) => line.startsWith(`${blob} `))).toMatch(
          / failed: .*uploads are closed today/,
        );
      expect(lines.slice(-2)[0]).toMatch(/^berth: .*uploads are closed today/);
      expect(lines.slice(-1)[0]).toMatch(/^hint: /);
    } finally {
      await refusing.stop();
    }
  });

  it('gives the manifest of a copy that fails at the end a failed line off a terminal', async () => {
    const image = await pushImage(source, 'team/late', '1', { layers: 1 });
    const sizes = new Map(
      [
        [image.configDigest, image.configBytes.length],
        ...image.layers.map((layer) => [layer.digest, layer.size] as const),
      ].map(([digest, size]) => [digest, size]),
    );
    // Every blob is there already; the manifest is refused.
    const late = await startHostileRegistry([
      {
        method: 'HEAD',
        path: /\/blobs\/sha256:[0-9a-f]{64}$/,
        handler: (_request, response, { url }) => {
          const digest = url.pathname.split('/').pop()!;
          response.writeHead(200, {
            'content-length': String(sizes.get(digest) ?? 0),
            'docker-content-digest': digest,
          });
          response.end();
        },
      },
      {
        method: 'PUT',
        path: /\/manifests\//,
        handler: (_request, response) =>
          sendJson(response, 500, { errors: [{ code: 'UNKNOWN', message: 'the disk is full' }] }),
      },
    ]);
    try {
      const result = await berth(['cp', `${source.host}/team/late:1`, `${late.host}/team/late:1`]);
      expect(result.code).toBe(1);
      const lines = result.stderr.split('\n').filter((line) => line && !line.startsWith('warning:'));
      expect(lines.filter((line) => / already in the destination$/.test(line))).toHaveLength(2);
      expect(lines).toContainEqual(expect.stringMatching(/^manifest 1 failed: .*the disk is full/));
      expect(lines.slice(-2)[0]).toMatch(/^berth: /);
    } finally {
      await late.stop();
    }
  });
});
