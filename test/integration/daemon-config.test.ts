import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  readLiveRegistryConfig,
  validateInsecureRegistry,
  validateMirror,
} from '../../electron/core/daemon-config/index.js';
import { BerthCli } from '../fixtures/berth-cli.js';
import { makeTempDir, ManagedProcess, removeDir, runCommand } from '../fixtures/process.js';

let dir: string;
let configFile: string;
let socket: string;
let pidFile: string;
let daemon: ManagedProcess;

const cli = new BerthCli(() => ({ ...process.env, BERTH_DATA_DIR: dir }));
const berth = (args: string[], input?: string) => cli.run(args, input);

const target = () => ['--file', configFile, '--engine', `unix://${socket}`];

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return undefined;
}

/** Asks the real dockerd: write the entry beside a unique valid marker, SIGHUP, and see if the marker goes live. */
async function dockerdAccepts(
  key: 'insecure-registries' | 'registry-mirrors',
  entry: string,
  n: number,
): Promise<boolean> {
  const marker = key === 'insecure-registries' ? `marker-${n}.example:1` : `https://marker-${n}.example`;
  await writeFile(configFile, JSON.stringify({ [key]: [entry, marker] }));
  // dockerd 20.10 logs "Error reconfiguring the daemon", later versions "Error reloading configuration".
  const errorCount = () =>
    daemon.output().match(/Error (reloading configuration|reconfiguring the daemon)/g)?.length ?? 0;
  const errorsBefore = errorCount();
  process.kill(Number(await readFile(pidFile, 'utf8')), 'SIGHUP');
  const verdict = await waitFor(async () => {
    const live = await readLiveRegistryConfig(socket);
    const seen =
      key === 'insecure-registries'
        ? live.insecureHosts.includes(marker)
        : live.mirrors.includes(`${marker}/`);
    if (seen) return true;
    if (errorCount() > errorsBefore) return false;
    return undefined;
  }, 5000);
  if (verdict === undefined)
    throw new Error(`dockerd gave no verdict on ${entry}:\n${daemon.output().slice(-1500)}`);
  return verdict;
}

let checked = 0;

/** Entries where Berth (dockerd 20.10's rule generation, the engine here) and the real dockerd disagree. */
async function disagreements(
  key: 'insecure-registries' | 'registry-mirrors',
  entries: string[],
  validate: (entry: string, rules: 'legacy') => { ok: boolean },
): Promise<string[]> {
  const found: string[] = [];
  for (const entry of entries) {
    const berthSays = validate(entry, 'legacy').ok;
    const dockerdSays = await dockerdAccepts(key, entry, checked++);
    if (berthSays !== dockerdSays) found.push(`${entry}: berth ${berthSays}, dockerd ${dockerdSays}`);
  }
  return found;
}

beforeAll(async () => {
  dir = await makeTempDir('daemon');
  configFile = path.join(dir, 'daemon.json');
  socket = path.join(dir, 'd.sock');
  pidFile = path.join(dir, 'd.pid');
  await writeFile(
    configFile,
    '{\n    "debug": false,\n    "log-level": "warn",\n    "insecure-registries": []\n}\n',
  );
  daemon = new ManagedProcess('dockerd', [
    '--config-file',
    configFile,
    '--storage-driver=vfs',
    `--data-root=${path.join(dir, 'data')}`,
    `--exec-root=${path.join(dir, 'exec')}`,
    '-H',
    `unix://${socket}`,
    '--pidfile',
    pidFile,
    '--iptables=false',
    '--bridge=none',
  ]);
  const up = await waitFor(() => readLiveRegistryConfig(socket), 30_000);
  if (!up) throw new Error(`dockerd did not start:\n${daemon.output()}`);
}, 60_000);

afterAll(async () => {
  await daemon?.stop(10_000);
  await runCommand('umount', [path.join(dir, 'exec', 'netns', 'default')], { allowFailure: true });
  await removeDir(dir);
}, 30_000);

describe('berth daemon against a real dockerd', () => {
  it('adds an insecure registry and a mirror, applies them with SIGHUP, and /info shows them', async () => {
    const before = await readFile(configFile, 'utf8');
    const added = await berth(['daemon', 'add-insecure', 'registry.lan:5000', '--yes', ...target()]);
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('+        "registry.lan:5000"');
    const mirror = await berth(['daemon', 'add-mirror', 'https://mirror.example.com', '--yes', ...target()]);
    expect(mirror.stdout).toContain('only pulls from Docker Hub');
    const after = await readFile(configFile, 'utf8');
    // Everything outside the edited lists is byte for byte what it was.
    expect(
      after.startsWith('{\n    "debug": false,\n    "log-level": "warn",\n    "insecure-registries": ['),
    ).toBe(true);
    expect(JSON.parse(after)).toEqual({
      ...JSON.parse(before),
      'insecure-registries': ['registry.lan:5000'],
      'registry-mirrors': ['https://mirror.example.com/'],
    });

    const applied = await berth(['daemon', 'apply', '--pid-file', pidFile, '--json', ...target()]);
    expect(applied.code).toBe(0);
    expect(JSON.parse(applied.stdout)).toMatchObject({ method: 'sighup', applied: true, differences: [] });
    const live = await readLiveRegistryConfig(socket);
    expect(live.insecureHosts).toContain('registry.lan:5000');
    expect(live.mirrors).toEqual(['https://mirror.example.com/']);

    const removed = await berth(['daemon', 'remove-insecure', 'registry.lan:5000', '--yes', ...target()]);
    expect(removed.stdout).toContain('"insecure-registries": []');
    expect((await berth(['daemon', 'apply', '--pid-file', pidFile, ...target()])).code).toBe(0);
    expect((await readLiveRegistryConfig(socket)).insecureHosts).toEqual([]);
  });

  it('refuses to touch a corrupt daemon.json, and restores a backup', async () => {
    const shown = JSON.parse((await berth(['daemon', 'show', '--json', ...target()])).stdout) as {
      backups: string[];
    };
    expect(shown.backups.length).toBeGreaterThanOrEqual(3);
    await writeFile(configFile, '{\n  "debug": true,\n  "insecure-registries": ["a:1",\n}\n');
    const result = await berth(['daemon', 'add-insecure', 'b:2', '--yes', ...target()]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /not valid JSON: a value is missing, or a comma is left before .* \(line 4, column 1\)/,
    );
    expect(await readFile(configFile, 'utf8')).toBe(
      '{\n  "debug": true,\n  "insecure-registries": ["a:1",\n}\n',
    );
    const restored = await berth(['daemon', 'restore', shown.backups[0]!, '--yes', ...target()]);
    expect(restored.code).toBe(0);
    expect(JSON.parse(await readFile(configFile, 'utf8'))).toBeTypeOf('object');
  });

  it("refuses to edit a file dockerd would refuse, naming the key it shares with dockerd's command line", async () => {
    const clashing = '{\n  "hosts": ["unix:///run/berth-other.sock"],\n  "insecure-registries": []\n}\n';
    await writeFile(configFile, clashing);
    // The pidfile tells Berth which dockerd runs, so it can read its command line (-H unix://…).
    const env = { BERTH_DOCKERD_PIDFILE: pidFile };
    const shown = await cli.run(['daemon', 'show', ...target()], undefined, env);
    expect(shown.stdout).toContain('dockerd 20.10 would refuse this file:');
    expect(shown.stdout).toContain(`"hosts" is also set on dockerd's command line (-H/--host)`);

    const refused = await cli.run(
      ['daemon', 'add-insecure', 'b.lan:5000', '--yes', ...target()],
      undefined,
      env,
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /not written: dockerd 20\.10 would refuse .*daemon\.json: "hosts" is also set/,
    );
    expect(await readFile(configFile, 'utf8')).toBe(clashing);

    // Written by hand all the same: a reload refuses it too, and apply says why.
    await writeFile(configFile, clashing.replace('[]', '["c.lan:5000"]'));
    const applied = await berth(['daemon', 'apply', '--pid-file', pidFile, '--json', ...target()]);
    expect(JSON.parse(applied.stdout)).toMatchObject({
      applied: false,
      message: expect.stringContaining(
        `dockerd 20.10 refuses this file: "hosts" is also set on dockerd's command line (-H/--host)`,
      ),
    });

    await writeFile(configFile, '{\n  "debug": false\n}\n');
    const clean = await cli.run(['daemon', 'show', ...target()], undefined, env);
    expect(clean.stdout).toContain(
      'dockerd 20.10: no problem found in the keys, their types and the registry lists',
    );
    expect(clean.stdout).not.toContain('not checked');
  });

  it('gives the same verdicts as dockerd on a table of insecure-registries entries', async () => {
    const entries = [
      'myregistry:5000',
      '192.168.1.10:5000',
      '[2001:db8::1]:5000',
      'localhost',
      'MyRegistry.Example.COM',
      'http://plain.example:5000',
      'https://secure.example',
      '10.0.0.0/8',
      '10.1.2.3/16',
      'fe80::/64',
      '2001:db8::1',
      'myregistry:5000/',
      'registry.example.com/path',
      'my_registry:5000',
      '*.example.com',
      'registry:65536',
      'tcp://registry:5000',
      '[fe80::]/64',
      'registry:-1',
      'a..b:5000',
    ];
    expect(await disagreements('insecure-registries', entries, validateInsecureRegistry)).toEqual([]);
  }, 120_000);

  it('gives the same verdicts as dockerd on a table of registry-mirrors entries', async () => {
    const entries = [
      'https://mirror.example.com',
      'https://mirror.example.com/',
      'http://10.0.0.5:5000',
      'https://m.example.com/v1/',
      'mirror.example.com:5000',
      'mirror.example.com',
      'ftp://mirror.example.com',
      'https://m.example.com/?q=1',
      'https://m.example.com/#x',
      'https://user:pw@m.example.com',
      'HTTPS://m.example.com',
    ];
    expect(await disagreements('registry-mirrors', entries, validateMirror)).toEqual([]);
  }, 120_000);
});

describe('an HTTP-only registry on a test host (network namespace)', () => {
  // 127.0.0.0/8 is always insecure, so the registry lives on an address of a test host of our own: a
  // network namespace joined to this one by a veth pair, torn down afterwards.
  const id = `${process.pid % 200}`;
  const netns = `berth-d${id}`;
  const hostSide = `bd${id}h`;
  const registryHost = `10.213.${id}.2:5000`;
  let registry: ManagedProcess | undefined;

  const docker = (...args: string[]) =>
    runCommand('docker', ['-H', `unix://${socket}`, ...args], { allowFailure: true, timeoutMs: 120_000 });

  beforeAll(async () => {
    // Empty lists, not missing keys: a key missing from the file is not cleared when dockerd reloads.
    await writeFile(configFile, '{ "insecure-registries": [], "registry-mirrors": [] }\n');
    process.kill(Number(await readFile(pidFile, 'utf8')), 'SIGHUP');
    await runCommand('ip', ['netns', 'del', netns], { allowFailure: true });
    for (const args of [
      ['netns', 'add', netns],
      ['link', 'add', hostSide, 'type', 'veth', 'peer', 'name', `bd${id}n`],
      ['link', 'set', `bd${id}n`, 'netns', netns],
      ['addr', 'add', `10.213.${id}.1/30`, 'dev', hostSide],
      ['link', 'set', hostSide, 'up'],
      ['netns', 'exec', netns, 'ip', 'addr', 'add', `10.213.${id}.2/30`, 'dev', `bd${id}n`],
      ['netns', 'exec', netns, 'ip', 'link', 'set', `bd${id}n`, 'up'],
      ['netns', 'exec', netns, 'ip', 'link', 'set', 'lo', 'up'],
    ]) {
      await runCommand('ip', args);
    }
    const config = path.join(dir, 'netns-registry.yml');
    await writeFile(
      config,
      `version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: ${JSON.stringify(path.join(dir, 'netns-registry'))}\nhttp:\n  addr: ${registryHost}\n`,
    );
    registry = new ManagedProcess('ip', ['netns', 'exec', netns, 'docker-registry', 'serve', config]);
    const up = await waitFor(
      async () =>
        (await runCommand('curl', ['-sf', `http://${registryHost}/v2/`], { allowFailure: true })).code ===
          0 || undefined,
      15_000,
    );
    if (!up) throw new Error(`registry in ${netns} did not start:\n${registry.output()}`);
    const tarball = path.join(dir, 'rootfs.tar');
    await runCommand('tar', ['-cf', tarball, '-C', dir, 'netns-registry.yml']);
    const imported = await docker('import', tarball, `${registryHost}/berth/app:1`);
    if (imported.code !== 0) throw new Error(imported.stderr);
  }, 60_000);

  afterAll(async () => {
    await registry?.stop();
    await runCommand('ip', ['netns', 'del', netns], { allowFailure: true });
  });

  it('cannot be pushed to until it is an insecure registry; then the push works', async () => {
    const refused = await docker('push', `${registryHost}/berth/app:1`);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr + refused.stdout).toMatch(/HTTP response to HTTPS client/);

    expect((await berth(['daemon', 'add-insecure', registryHost, '--yes', ...target()])).code).toBe(0);
    const applied = await berth(['daemon', 'apply', '--pid-file', pidFile, '--json', ...target()]);
    expect(JSON.parse(applied.stdout), applied.stdout).toMatchObject({ applied: true });

    const pushed = await docker('push', `${registryHost}/berth/app:1`);
    expect(pushed.code, pushed.stderr).toBe(0);
    const tags = await runCommand('skopeo', [
      'list-tags',
      '--tls-verify=false',
      `docker://${registryHost}/berth/app`,
    ]);
    expect(JSON.parse(tags.stdout).Tags).toEqual(['1']);
  }, 120_000);
});
