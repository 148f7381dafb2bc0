// The built `berth load` against a real Distribution: what it prints for a Docker archive (the digests are
// new, and why) and for an OCI archive (digests kept), and its --json summary as plain data.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skopeo } from '../fixtures/berth-client.js';
import { BerthCli } from '../fixtures/berth-cli.js';
import { buildImageArchive } from '../fixtures/dockerd.js';
import { pushImage } from '../fixtures/images.js';
import { makeTempDir, removeDir, runCommand } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

let dataDir: string;
let registry: RegistryHandle;

const cli = new BerthCli(() => ({
  ...process.env,
  BERTH_DATA_DIR: dataDir,
  DOCKER_CONFIG: path.join(dataDir, 'docker-config'),
  DBUS_SESSION_BUS_ADDRESS: `unix:path=${path.join(dataDir, 'no-bus')}`,
}));

beforeAll(async () => {
  dataDir = await makeTempDir('berth-load-cli-');
  registry = await startRegistry({ auth: 'none' });
  const added = await cli.run(['registry', 'add', 'reg', `http://${registry.host}`]);
  if (added.code !== 0) throw new Error(added.stderr);
}, 120_000);

afterAll(async () => {
  await registry?.stop();
  await removeDir(dataDir);
});

describe('berth load', () => {
  it('says a Docker archive gets new digests, and why', async () => {
    const built = buildImageArchive({ repoTags: ['team/app:3', 'team/app:latest'], layerSizes: [4096] });
    const file = path.join(dataDir, 'app.tar');
    await writeFile(file, built.archive);
    const result = await cli.run(['load', file, `${registry.host}/loaded/app`]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Loaded app.tar (Docker archive) → ${registry.host}/loaded/app`);
    expect(result.stdout).toContain('Note: digests are new: a Docker archive holds uncompressed layers.');
    expect(result.stdout).toMatch(/^ {2}3, latest {2}sha256:[0-9a-f]{64}$/m);
    expect(result.stderr).toMatch(/^archive app\.tar read$/m);
    expect(result.stderr).toMatch(/^loaded\/app:latest tagged$/m);
  });

  it('keeps the digests of an OCI archive and prints plain JSON with --json', async () => {
    const image = await pushImage(registry, 'team/oci', '1', { layers: 2 });
    const file = path.join(dataDir, 'oci.tar');
    await runCommand('skopeo', [
      'copy',
      '--preserve-digests',
      ...registry.skopeoArgs('src'),
      `docker://${registry.host}/team/oci:1`,
      `oci-archive:${file}:1`,
    ]);
    const result = await cli.run(['load', file, `${registry.host}/loaded/oci:kept`, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(summary).toMatchObject({
      file: 'oci.tar',
      format: 'oci',
      digestsKept: true,
      images: [{ digest: image.digest, tags: ['kept'] }],
    });
    expect(summary).not.toHaveProperty('note');
    const raw = await skopeo(registry, 'inspect', '--raw', `docker://${registry.host}/loaded/oci:kept`);
    expect(raw).toBe(image.manifestBytes.toString('utf8'));

    // Without --json, named as berth save names it: a tar is an OCI archive.
    const text = await cli.run(['load', file, `${registry.host}/loaded/oci:again`]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(`Loaded oci.tar (OCI archive) → ${registry.host}/loaded/oci`);
  });

  it('says in its help that a .tar.gz is read too', async () => {
    const help = await cli.run(['load', '--help']);
    expect(help.stdout.replace(/\s+/g, ' ')).toContain('gzip-compressed or not (.tar.gz)');
  });

  it('says a file that is not there does not exist, naming the path it looked at', async () => {
    const missing = path.join(dataDir, 'typo.tar');
    const result = await cli.run(['load', missing, `${registry.host}/loaded/typo`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`berth: typo.tar does not exist (${missing})`);
  });
});
