// Garbage collection of a running registry in read-only maintenance mode, with the process runtime
// (Debian's docker-registry): while `garbage-collect` runs, pulls are served and pushes refused; after
// it the registry takes pushes again and the deleted image's blobs are gone from the disk.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CredentialStore, keytarKeychain } from '../../electron/core/credentials/index.js';
import {
  ProcessRuntime,
  RegistryServers,
  storageSize,
  type ServerPaths,
  type ServerSpec,
} from '../../electron/core/registry-server/index.js';
import { SettingsStore } from '../../electron/core/settings/index.js';
import { pushImage } from '../fixtures/images.js';
import { freePort, makeTempDir, removeDir, runCommand } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

const MANIFEST_TYPES = [
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

interface DuringCollection {
  pullStatus: number;
  pushStatus: number;
  pushError: string;
}

/** The real process runtime; the real collection is preceded by a pull and a push against the registry. */
class ProbingRuntime extends ProcessRuntime {
  during?: DuringCollection;

  constructor(private readonly base: string) {
    super();
  }

  override async garbageCollect(spec: ServerSpec, paths: ServerPaths, args: string[]): Promise<string> {
    if (!args.includes('--dry-run')) {
      const pull = await fetch(`${this.base}/v2/team/app/manifests/1.0`, {
        headers: { accept: MANIFEST_TYPES },
      });
      const push = await fetch(`${this.base}/v2/team/new/blobs/uploads/`, { method: 'POST' });
      this.during = { pullStatus: pull.status, pushStatus: push.status, pushError: await push.text() };
    }
    return super.garbageCollect(spec, paths, args);
  }
}

let root: string;
let source: RegistryHandle;
let servers: RegistryServers;
let runtime: ProbingRuntime;
let base: string;
let host: string;

beforeAll(async () => {
  root = await makeTempDir('server-gc');
  source = await startRegistry({ auth: 'none' });
  await pushImage(source, 'team/app', '1.0', { layers: 1, layerSize: 256 * 1024 });
  await pushImage(source, 'team/old', '1.0', { layers: 2, layerSize: 1024 * 1024 });
  const port = await freePort();
  host = `127.0.0.1:${port}`;
  base = `http://${host}`;
  runtime = new ProbingRuntime(base);
  servers = new RegistryServers({
    dataDir: path.join(root, 'berth'),
    settings: new SettingsStore(path.join(root, 'berth')),
    credentials: new CredentialStore(keytarKeychain(), { service: `BerthTest-gc-${randomUUID()}` }),
    runtimes: { process: runtime },
  });
  await servers.create({ name: 'gc', port, bind: '127.0.0.1', tls: { mode: 'none' } });
  for (const repository of ['team/app', 'team/old']) {
    const copied = await runCommand(
      'skopeo',
      [
        '--insecure-policy',
        'copy',
        '--src-tls-verify=false',
        '--dest-tls-verify=false',
        `docker://${source.host}/${repository}:1.0`,
        `docker://${host}/${repository}:1.0`,
      ],
      { timeoutMs: 60_000 },
    );
    expect(copied.code).toBe(0);
  }
});

afterAll(async () => {
  await servers?.stop('gc').catch(() => false);
  await source?.stop();
  if (root) await removeDir(root);
});

describe('garbage collection in read-only mode', () => {
  it('serves pulls and refuses pushes while collecting, then reclaims the deleted image', async () => {
    const head = await fetch(`${base}/v2/team/old/manifests/1.0`, {
      method: 'HEAD',
      headers: { accept: MANIFEST_TYPES },
    });
    const digest = head.headers.get('docker-content-digest');
    expect(digest).toMatch(/^sha256:/);
    const deleted = await fetch(`${base}/v2/team/old/manifests/${digest}`, { method: 'DELETE' });
    expect(deleted.status).toBe(202);

    const spec = await servers.spec('gc');
    const dry = await servers.collectGarbage('gc', { dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, bytesReclaimed: 0, readOnly: false, restarted: false });
    expect(dry.dryRunOutput).toMatch(/blob eligible for deletion/);
    expect(runtime.during).toBeUndefined();
    expect(await storageSize(spec.storageDir)).toBe(dry.bytesBefore);

    const collected = await servers.collectGarbage('gc');
    expect(runtime.during).toMatchObject({ pullStatus: 200, pushStatus: 405 });
    // Read-only Distribution does not route upload POSTs at all; after the collection it does again (below).
    expect(runtime.during?.pushError).toMatch(/Method not allowed/);
    expect(collected).toMatchObject({ dryRun: false, readOnly: true, restarted: true });
    // The deleted image's two 1 MiB layers (and its config and manifest) are gone.
    expect(collected.bytesReclaimed).toBeGreaterThanOrEqual(2 * 1024 * 1024);
    expect(collected.bytesAfter).toBe(await storageSize(spec.storageDir));
    expect(collected.bytesAfter).toBe(collected.bytesBefore - collected.bytesReclaimed);
    process.stdout.write(
      `garbage collection reclaimed ${collected.bytesReclaimed} bytes (${collected.bytesBefore} → ${collected.bytesAfter})\n`,
    );

    expect((await servers.get('gc')).state).toBe('running');
    const pushAgain = await fetch(`${base}/v2/team/new/blobs/uploads/`, { method: 'POST' });
    expect(pushAgain.status).toBe(202);
    const app = await fetch(`${base}/v2/team/app/manifests/1.0`, { headers: { accept: MANIFEST_TYPES } });
    expect(app.status).toBe(200);
    const old = await fetch(`${base}/v2/team/old/manifests/1.0`, { headers: { accept: MANIFEST_TYPES } });
    expect(old.status).toBe(404);
  });
});
