// `berth engine`, `berth images`, `berth pull` and `berth push` as a user runs them: the built CLI against a
// real dockerd, a real htpasswd registry and a private gnome-keyring (credentials saved by
// `berth registry add`). Every line the CLI prints is searched for the password at the end.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmod, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineStatus, LocalImage, PullResult, PushResult } from '../../shared/docker.js';
import { BerthCli, CLI } from '../fixtures/berth-cli.js';
import { startDockerd, type DockerdHandle } from '../fixtures/dockerd.js';
import { startKeyring, type KeyringHandle } from '../fixtures/keyring.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

const PASSWORD = 'wonderland-pass';
const SERVICE = `BerthTest-docker-cli-${randomUUID()}`;
let dockerd: DockerdHandle;
let registry: RegistryHandle;
let keyring: KeyringHandle;
let root: string;
let cli: BerthCli;

const berth = (args: string[], input?: string) => cli.run([...args, '--engine', dockerd.host], input);

beforeAll(async () => {
  root = await makeTempDir('docker-cli');
  [dockerd, registry, keyring] = await Promise.all([
    startDockerd(),
    startRegistry({ auth: 'htpasswd' }),
    startKeyring(),
  ]);
  cli = new BerthCli(() =>
    keyring.env({ BERTH_DATA_DIR: path.join(root, 'berth'), BERTH_KEYCHAIN_SERVICE: SERVICE }),
  );
}, 90_000);

afterAll(async () => {
  await Promise.all([dockerd?.stop(), registry?.stop(), keyring?.stop()]);
  await removeDir(root);
});

describe('berth engine, images, pull and push', () => {
  it('berth engine names the engine, why it was chosen, and its API version', async () => {
    const result = await berth(['engine', '--json']);
    expect(result.code).toBe(0);
    const status = JSON.parse(result.stdout) as EngineStatus;
    expect(status).toMatchObject({
      state: 'running',
      address: { host: dockerd.host, source: 'chosen' },
      engine: { kind: 'docker', apiVersion: '1.41' },
    });
    const plain = await berth(['engine']);
    expect(plain.stdout).toMatch(/^Docker \S+ \(API 1\.41\) at unix:\/\/.*chosen with --engine/);
  });

  it('berth images lists one row per tag, and --json gives the full records', async () => {
    const loaded = await dockerd.api.load({
      repoTags: ['berth.test/cli/app:1', 'berth.test/cli/app:2'],
      layerSizes: [2048],
    });
    const json = JSON.parse((await berth(['images', '--json'])).stdout) as LocalImage[];
    expect(json.find((image) => image.id === loaded.imageId)?.repoTags.sort()).toEqual([
      'berth.test/cli/app:1',
      'berth.test/cli/app:2',
    ]);
    const table = await berth(['images']);
    expect(table.stdout.split('\n')[0]).toMatch(/^REPOSITORY\s+TAG\s+IMAGE ID\s+CREATED\s+SIZE$/);
    const short = loaded.imageId.slice(7, 19);
    expect(table.stdout).toMatch(new RegExp(`berth\\.test/cli/app\\s+1\\s+${short}\\s+just now`));
    expect(table.stdout).toMatch(new RegExp(`berth\\.test/cli/app\\s+2\\s+${short}`));
  });

  it('berth push --to with --password-stdin prints each layer as it finishes and the pushed digest', async () => {
    await dockerd.api.load({ repoTags: ['berth.test/cli/push:dev'], layerSizes: [256 * 1024, 128 * 1024] });
    const to = `${registry.host}/team/cli:1`;
    const result = await berth(
      ['push', 'berth.test/cli/push:dev', '--to', to, '--username', 'alice', '--password-stdin'],
      PASSWORD,
    );
    expect(result.stderr).not.toMatch(/berth:/);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      new RegExp(`^Pushed ${to.replace(/\./g, '\\.')}: sha256:[a-f0-9]{64} \\(manifest \\d+ bytes\\)$`, 'm'),
    );
    // Not a terminal: one plain line per layer as it finishes.
    expect(result.stderr.match(/^layer [a-f0-9]{12} (?:\S+ \S+ )?pushed$/gm)).toHaveLength(2);
    expect(result.stderr).not.toContain('\x1b[');
    expect(await dockerd.api.hasImage(to)).toBe(false);
  });

  it('pushes and pulls with the password berth registry add saved in the keychain', async () => {
    const add = await cli.run(
      ['registry', 'add', 'local', `http://${registry.host}`, '--username', 'alice', '--password-stdin'],
      PASSWORD,
    );
    expect(add.stderr).not.toContain('berth:');
    expect(add.code).toBe(0);
    const local = `${registry.host}/team/keychain:1`;
    const loaded = await dockerd.api.load({ repoTags: [local], layerSizes: [64 * 1024] });

    const push = await berth(['push', local, '--json']);
    expect(push.stderr).toBe('');
    expect((JSON.parse(push.stdout) as PushResult).pushed[0]).toMatchObject({ reference: local, tag: '1' });

    await dockerd.api.remove(local);
    const pull = await berth(['pull', local, '--json']);
    expect(pull.code).toBe(0);
    expect(JSON.parse(pull.stdout) as PullResult).toMatchObject({
      reference: local,
      imageId: loaded.imageId,
    });
    expect((await dockerd.api.inspect(local)).Id).toBe(loaded.imageId);
  });

  it('berth pull with a wrong password exits 1 naming the registry, and never prints the password', async () => {
    const result = await berth(
      ['pull', `${registry.host}/team/keychain:1`, '--username', 'alice', '--password-stdin'],
      'a-wrong-secret-123',
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`berth: ${registry.host} refused the credentials`);
    expect(result.stderr).toMatch(/^hint: /m);
    // Off a terminal no progress line comes before the error: the image is what the error is about.
    expect(result.stderr.split('\n')[0]).toMatch(/^berth: /);
  });

  it('berth pull --platform refuses a malformed platform before asking the engine', async () => {
    const result = await berth(['pull', `${registry.host}/team/keychain:1`, '--platform', 'linux']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('"linux" is not a platform');
  });

  it('berth engine says not running, with a hint, when nothing listens there', async () => {
    const result = await cli.run(['engine', '--engine', `unix://${path.join(root, 'nothing.sock')}`]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('not-running');
    expect(result.stderr).toMatch(
      new RegExp(`^berth: No container engine is running at unix://${path.join(root, 'nothing.sock')}\n`),
    );
    expect(result.stderr).toMatch(/^hint: Start the engine/m);
  });

  it('berth engine says permission denied, with the docker-group hint, to a user who may not open the socket', async () => {
    // dockerd makes its socket root:docker 0660; let others reach the folder, as /var/run is.
    await chmod(dockerd.dir, 0o711);
    const home = path.join(root, 'nobody');
    await mkdir(home, { recursive: true });
    await chmod(root, 0o711);
    await chmod(home, 0o777);
    const result = await new Promise<{ code: number; stdout: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [CLI, 'engine', '--json', '--engine', dockerd.host], {
        uid: 65534,
        gid: 65534,
        cwd: home,
        env: { PATH: process.env.PATH, HOME: home, BERTH_DATA_DIR: path.join(home, 'berth') },
      });
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code: code ?? -1, stdout }));
    });
    const status = JSON.parse(result.stdout) as EngineStatus;
    expect(status.state, result.stdout).toBe('permission-denied');
    expect(result.code).toBe(1);
    expect(status.message).toBe(`Permission denied opening ${dockerd.host}`);
    expect(status.hint).toContain('docker group');
  });

  it('never printed the password', () => {
    expect(cli.transcript.length).toBeGreaterThan(10);
    for (const text of cli.transcript) expect(text).not.toContain(PASSWORD);
    for (const text of cli.transcript) expect(text).not.toContain('a-wrong-secret-123');
  });
});
