// Every berth command ends with exit code 0 or 1 (never 13, "unsettled top-level await"), whatever the
// path: success, failure, usage error. The copy case runs many times through a proxy that cuts the
// first upload request carrying bytes, so every run retries a blob and must still leave nothing in flight.
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BerthCli, type CliResult } from '../fixtures/berth-cli.js';
import { buildImageArchive } from '../fixtures/dockerd.js';
import { startFaultProxy, type FaultProxy } from '../fixtures/fault-proxy.js';
import { pushImage, type PushedImage } from '../fixtures/images.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

// BERTH_SOAK_RUNS runs the copy case more times by hand (a soak); the suite runs it 20 times.
const COPY_RUNS = Number(process.env.BERTH_SOAK_RUNS ?? 20);

let dataDir: string;
let source: RegistryHandle;
let target: RegistryHandle;
let proxy: FaultProxy;
let image: PushedImage;
/** Set before a copy: the next request carrying blob bytes (a streamed PUT or a PATCH) is cut. */
let cutNextUpload = false;

const cli = new BerthCli(() => ({
  ...process.env,
  BERTH_DATA_DIR: dataDir,
  // No engine, no daemon.json of the machine: the engine commands fail the same way everywhere.
  DOCKER_HOST: 'unix:///nonexistent/docker.sock',
  BERTH_DAEMON_CONFIG: path.join(dataDir, 'daemon.json'),
  // No Docker logins, and no Secret Service: keychain commands fail fast and touch nothing of the machine.
  DOCKER_CONFIG: path.join(dataDir, 'docker-config'),
  DBUS_SESSION_BUS_ADDRESS: `unix:path=${path.join(dataDir, 'no-bus')}`,
}));

function describeRun(args: string[], result: CliResult): string {
  return `berth ${args.join(' ')} → ${result.code}\n${result.stdout}\n${result.stderr}`;
}

beforeAll(async () => {
  dataDir = await makeTempDir('berth-exit-codes-');
  [source, target] = await Promise.all([
    startRegistry({ auth: 'none', deleteEnabled: true }),
    startRegistry({ auth: 'none' }),
  ]);
  proxy = await startFaultProxy(target, {
    onRequest: (request) => {
      const carriesBytes =
        request.path.includes('/blobs/uploads/') &&
        (request.method === 'PATCH' || request.method === 'PUT') &&
        Number(request.headers['content-length'] ?? 0) > 0;
      if (!carriesBytes || !cutNextUpload) return undefined;
      cutNextUpload = false;
      return { destroySocket: true };
    },
  });
  // One layer over 4 MiB: the cut upload leaves most of the download unread when the blob is retried.
  image = await pushImage(source, 'team/app', '1', { layers: 1, layerSize: 12 * 1024 * 1024 });
  for (const [name, host] of [
    ['src', source.host],
    ['dst', proxy.host],
  ] as const) {
    const added = await cli.run(['registry', 'add', name, `http://${host}`]);
    if (added.code !== 0) throw new Error(added.stderr);
  }
  await writeFile(path.join(dataDir, 'daemon.json'), '{ "insecure-registries": [] }\n');
  await writeFile(
    path.join(dataDir, 'legacy.tar'),
    buildImageArchive({ repoTags: ['team/app:1'], layerSizes: [2048] }).archive,
  );
}, 120_000);

afterAll(async () => {
  await proxy?.stop();
  await Promise.all([source?.stop(), target?.stop()]);
  await removeDir(dataDir);
});

describe('berth exit codes', () => {
  it(`exits 0 after each of ${COPY_RUNS} copies whose first upload was cut and retried`, async () => {
    const codes: number[] = [];
    for (let run = 0; run < COPY_RUNS; run++) {
      // A fresh repository and no remembered blob locations: the layer really moves each time.
      await rm(path.join(dataDir, 'blob-locations.json'), { force: true });
      cutNextUpload = true;
      const args = ['cp', `${source.host}/team/app:1`, `${proxy.host}/run${run}/app:1`];
      const result = await cli.run(args);
      codes.push(result.code);
      expect(result.code, describeRun(args, result)).toBe(0);
      expect(result.stdout).toContain(`Digest: ${image.digest}`);
      expect(result.stderr).not.toContain('unsettled');
      expect(cutNextUpload, 'the proxy cut an upload of this copy').toBe(false);
    }
    expect(codes).toEqual(Array.from({ length: COPY_RUNS }, () => 0));
  }, 600_000);

  it('exits 0 on success, 1 on failure and on usage errors, for every command, twice over', async () => {
    const ref = `${source.host}/team/app:1`;
    const table: [string[], 0 | 1][] = [
      [['--version'], 0],
      [['--help'], 0],
      [['no-such-command'], 1],
      [['tags'], 1],
      [['tags', `${source.host}/team/app`, '--no-such-option'], 1],
      [['ref', ref], 0],
      [['ref', 'Bad/Name'], 1],
      [['registry', 'list'], 0],
      [['registry', 'remove', 'nothing-by-that-name'], 1],
      [['repos', 'src', '--json'], 0],
      [['repos', '127.0.0.1:1'], 1],
      [['du', 'src', '--json'], 0],
      [['du', `${source.host}/team/app`], 0],
      [['du', '127.0.0.1:1'], 1],
      [['tags', `${source.host}/team/app`], 0],
      [['tags', `${source.host}/team/none`], 1],
      [['inspect', ref], 0],
      [['inspect', `${source.host}/team/app:none`, '--json'], 1],
      [['tag', ref, 'two'], 0],
      [['tag', `${source.host}/team/app:none`, 'three'], 1],
      [['rm', `${source.host}/team/app:two`, '--yes'], 0],
      [['rm', `${source.host}/team/app:1`], 1],
      [['prune', `${source.host}/team/app`, '--keep', '0', '--dry-run', '--json'], 0],
      [['prune', `${source.host}/team/app`, '--keep', '0'], 1],
      [['prune', `${source.host}/team/app`, '--keep', 'x'], 1],
      [['prune', `${source.host}/team/*`, '--match', 'no-such-*', '--keep', '0', '--yes'], 0],
      [['prune', '--list-rules'], 0],
      [['prune'], 1],
      [['ratelimit', ref], 0],
      [['cp', `${source.host}/team/app:none`, `${proxy.host}/team/app:none`], 1],
      [['sync', `${source.host}/team/app`, `${proxy.host}/mirror/app`, '--tags', 'nomatch'], 1],
      [['daemon', 'show'], 0],
      [['daemon', 'test-mirrors'], 0],
      [['daemon', 'add-insecure', 'registry.lan:5000'], 1],
      [['engine'], 1],
      [['images'], 1],
      [['pull', ref], 1],
      [['push', ref], 1],
      [['daemon', 'add-mirror', 'https://mirror.example', '--yes'], 0],
      [['daemon', 'remove-mirror', 'https://mirror.example', '--yes'], 0],
      [['daemon', 'remove-mirror', 'https://mirror.example', '--yes'], 1],
      [['daemon', 'restore', path.join(dataDir, 'no-backup'), '--yes'], 1],
      [['daemon', 'apply', '--pid-file', path.join(dataDir, 'no.pid')], 1],
      [['daemon', 'no-such-subcommand'], 1],
      [['registry', 'import-docker'], 0],
      [['login', 'src', '--username', 'alice', '--password-stdin'], 1],
      [['server', 'list'], 0],
      [['server', 'stop', 'nothing-by-that-name'], 1],
      [['server', 'start', 'nothing-by-that-name'], 1],
      [['server', 'rm', 'nothing-by-that-name'], 1],
      [['server', 'trust', 'nothing-by-that-name'], 1],
      [['server', 'gc', 'nothing-by-that-name', '--dry-run'], 1],
      [['server', 'user', 'add', 'nothing-by-that-name', 'bob', '--password-stdin'], 1],
      [['server', 'create', 'bad name!'], 1],
      [['server', 'show', 'nothing-by-that-name'], 1],
      [['server', 'mirror', 'nothing-by-that-name'], 1],
      [['server', 'create', 'cache', '--proxy-username', 'u'], 1],
      [['load', path.join(dataDir, 'legacy.tar'), `${source.host}/team/loaded`], 0],
      [['load', path.join(dataDir, 'daemon.json'), `${source.host}/team/loaded`], 1],
      [['load', path.join(dataDir, 'legacy.tar'), `${source.host}/team/loaded:x`, '--jobs', 'many'], 1],
      [['doctor', `http://${source.host}`, '--file', path.join('/nonexistent', 'daemon.json')], 0],
      [['logout', 'nothing-by-that-name'], 0],
      // Twice over the same file: --force replaces it.
      [['save', ref, '-o', path.join(dataDir, 'saved.tar'), '--force'], 0],
      [['save', ref, '-o', path.join(dataDir, 'saved.tar')], 1],
      [['save', `${source.host}/team/app:none`, '-o', path.join(dataDir, 'none.tar')], 1],
    ];
    for (let round = 0; round < 2; round++) {
      for (const [args, expected] of table) {
        const result = await cli.run(args, 'a-password-for-exit-codes');
        expect(result.code, describeRun(args, result)).toBe(expected);
        expect(result.stderr, describeRun(args, result)).not.toMatch(/unsettled|stopped before it finished/);
        // A failure always says why: an error line on stderr, or (doctor, engine, daemon apply) its report.
        if (expected === 1)
          expect(`${result.stdout}${result.stderr}`.trim(), describeRun(args, result)).not.toBe('');
      }
    }
  }, 600_000);
});
