// Every berth command, run into a failure (a bad argument, an unreachable or refusing registry, a missing
// image, no password, no engine, no pid file…), says so the one way the README promises: stderr's first
// line is `berth: …`, a later one `hint: …` with something to do, and the exit code is 1. The table must
// cover every command `berth --help` lists, so a new command cannot skip the rule.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BerthCli, type CliResult } from '../fixtures/berth-cli.js';
import { formatBytes } from '../../electron/cli/output.js';
import { pushImage, pushIndex, type PushedImage } from '../fixtures/images.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

let dataDir: string;
let open: RegistryHandle;
let locked: RegistryHandle;
let image: PushedImage;
let multi: PushedImage & { children: PushedImage[] };

const cli = new BerthCli(() => ({
  ...process.env,
  BERTH_DATA_DIR: dataDir,
  // No engine, no daemon.json, no Docker logins and no Secret Service of the machine.
  DOCKER_HOST: 'unix:///nonexistent/docker.sock',
  BERTH_DAEMON_CONFIG: path.join(dataDir, 'daemon.json'),
  DOCKER_CONFIG: path.join(dataDir, 'docker-config'),
  DBUS_SESSION_BUS_ADDRESS: `unix:path=${path.join(dataDir, 'no-bus')}`,
  COLUMNS: '400',
}));

/** What reportError gives an error no source described: a test failure wherever it shows. */
const UNEXPECTED = /did not expect/;

beforeAll(async () => {
  dataDir = await makeTempDir('berth-error-hints-');
  [open, locked] = await Promise.all([
    startRegistry({ auth: 'none' }),
    startRegistry({ auth: 'htpasswd', tls: true }),
  ]);
  image = await pushImage(open, 'team/app', '1', { layers: 3 });
  multi = await pushIndex(open, 'team/multi', '1', {
    format: 'oci',
    platforms: [
      { os: 'linux', architecture: 'amd64' },
      { os: 'linux', architecture: 'arm64' },
    ],
  });
  const added = await cli.run(['registry', 'add', 'src', `http://${open.host}`]);
  if (added.code !== 0) throw new Error(added.stderr);
  const addedLocked = await cli.run(['registry', 'add', 'locked', locked.url, '--ca-file', locked.caFile!]);
  if (addedLocked.code !== 0) throw new Error(addedLocked.stderr);
  await writeFile(path.join(dataDir, 'daemon.json'), '{ "insecure-registries": [] }\n');
  await mkdir(path.join(dataDir, 'docker-broken'));
  await writeFile(path.join(dataDir, 'docker-broken', 'config.json'), '{ "credsStore": "nothing-here" }\n');
  await writeFile(path.join(dataDir, 'broken.json'), '{ "insecure-registries": [\n');
  await writeFile(path.join(dataDir, 'mirrors.json'), '{ "registry-mirrors": ["https://127.0.0.1:1"] }\n');
}, 120_000);

afterAll(async () => {
  await Promise.all([open?.stop(), locked?.stop()]);
  await removeDir(dataDir);
});

/** The leaf commands `berth --help` lists, walked down (`server user add`), without `help`. */
async function listCommands(): Promise<string[]> {
  const leaves: string[] = [];
  const queue: string[][] = [[]];
  while (queue.length) {
    const names = queue.shift()!;
    const help = await cli.run([...names, '--help']);
    const lines = help.stdout.split('\n');
    const start = lines.indexOf('Commands:');
    const subcommands =
      start < 0
        ? []
        : lines
            .slice(start + 1)
            .filter((line) => /^ {2}\S/.test(line))
            .map((line) => line.trim().split(' ')[0]!)
            .filter((name) => name !== 'help');
    if (!subcommands.length) leaves.push(names.join(' '));
    for (const name of subcommands) queue.push([...names, name]);
  }
  return leaves;
}

interface Case {
  args: string[];
  stdin?: string;
  /** What this failure must say, on the `berth:` line or the `hint:` line. */
  says?: RegExp;
  env?: NodeJS.ProcessEnv;
}

function problemsWith(result: CliResult, expected: Case): string[] {
  const all = result.stderr.split('\n');
  const lines = all;
  const hints = lines.slice(1).filter((line) => line.startsWith('hint: '));
  const problems: string[] = [];
  if (result.code !== 1) problems.push(`exit code ${result.code}, not 1`);
  if (!lines[0]?.startsWith('berth: ')) problems.push('first stderr line is not "berth: …"');
  if (!hints.length) problems.push('no "hint: …" line after it');
  if (hints.some((hint) => hint.trim() === 'hint:')) problems.push('an empty hint');
  if (hints.some((hint) => UNEXPECTED.test(hint))) problems.push('the hint for an error nobody described');
  if (expected.says && !expected.says.test(result.stderr)) problems.push(`does not say ${expected.says}`);
  return problems;
}

describe('berth errors', () => {
  it('every command prints "berth: …" and a "hint: …" on each failure, and exits 1', async () => {
    const ref = `${open.host}/team/app:1`;
    const nothing = 'nothing-by-that-name';
    const table: Case[] = [
      { args: ['no-such-command'], says: /^hint: berth --help lists the commands/m },
      // A group without its command, or with one it does not have.
      { args: ['daemon'], says: /^berth: berth daemon needs one of its commands: show, / },
      { args: ['server', 'user', 'nope'], says: /^berth: unknown command 'nope' for berth server user/ },
      { args: ['registry'] },
      { args: ['--timeout', 'soon', 'tags', `${open.host}/team/app`] },
      { args: ['registry', 'add', 'dead', 'http://127.0.0.1:1'] },
      {
        args: ['registry', 'add', 'wrong', locked.url, '--ca-file', locked.caFile!, '--username', 'alice'],
        stdin: 'not-the-password',
      },
      { args: ['registry', 'list', 'extra'], says: /^hint: berth registry list --help/m },
      { args: ['registry', 'remove', nothing] },
      { args: ['registry', 'import-docker', '--host', 'ghcr.io'] },
      {
        // Docker's config names a credential helper that is not installed: the scan reports it.
        args: ['registry', 'import-docker'],
        env: { DOCKER_CONFIG: path.join(dataDir, 'docker-broken') },
        says: /docker-credential-nothing-here/,
      },
      // No password and no terminal to ask on (the test's stdin is a pipe).
      { args: ['login', 'src', '--username', 'alice'], says: /^berth: no password for alice/ },
      { args: ['login', 'locked', '--username', 'alice', '--password-stdin'], stdin: 'not-the-password' },
      { args: ['logout'] },
      { args: ['ref', 'Bad/Name'] },
      { args: ['repos', '127.0.0.1:1'] },
      { args: ['tags', `${open.host}/team/none`] },
      { args: ['inspect', `${open.host}/team/app:missing`], says: /^hint: .*berth tags/m },
      {
        args: ['inspect', `${open.host}/team/multi:1`, '--platform', 'linux/s390x'],
        says: /^hint: .*--platform linux\/amd64/m,
      },
      { args: ['inspect', `${open.host}/team/app:1`, '--platform', 'linux/s390x'] },
      { args: ['tag', `${open.host}/team/app:none`, 'three'] },
      { args: ['rm', ref], says: /^hint: .*--yes/m },
      { args: ['prune', `${open.host}/team/app`, '--keep', '-1'], says: /^hint: .*--keep/m },
      { args: ['prune', `${open.host}/team/app`, '--older-than', '5y'], says: /older-than/ },
      { args: ['prune', '--rule', nothing], says: /^hint: .*--list-rules/m },
      { args: ['prune', `${open.host}/team/app`, '--keep', '0'], says: /^hint: .*--yes/m },
      { args: ['ratelimit', '127.0.0.1:1/team/app'] },
      // A registry no connection is saved for: nothing could be searched, which is not "no match".
      { args: ['search', 'app', '--registry', nothing], says: /nothing-by-that-name/ },
      { args: ['du', '127.0.0.1:1'], says: /^berth: .*127\.0\.0\.1:1/m },
      { args: ['du', `${open.host}/team/app`, '--top', '0'], says: /--top/ },
      { args: ['cp', `${open.host}/team/app:none`, `${open.host}/copy/app:none`] },
      { args: ['sync', `${open.host}/team/app`, `${open.host}/mirror/app`, '--tags', 'nomatch'] },
      { args: ['daemon', 'show', '--file', path.join(dataDir, 'broken.json')], says: /line 2/ },
      { args: ['daemon', 'add-insecure', 'bad://x'] },
      { args: ['daemon', 'add-insecure', 'registry.lan:5000'], says: /^hint: .*--yes/m },
      { args: ['daemon', 'remove-insecure', 'bad://x'] },
      { args: ['daemon', 'add-mirror', 'not a url'] },
      { args: ['daemon', 'remove-mirror', 'https://absent.example', '--yes'] },
      {
        args: ['daemon', 'apply', '--pid-file', path.join(dataDir, 'no.pid')],
        says: new RegExp(`^berth: .*no pid file at ${path.join(dataDir, 'no.pid')}`),
      },
      // Another dockerd's file and no pid file: the system dockerd is never signalled in its place.
      {
        args: ['daemon', 'apply'],
        says: /^berth: Berth does not know which dockerd reads .*no pid file was named/,
      },
      { args: ['daemon', 'test-mirrors', '--file', path.join(dataDir, 'mirrors.json')] },
      { args: ['daemon', 'restore', path.join(dataDir, 'no-backup'), '--yes'] },
      { args: ['engine'] },
      { args: ['images'] },
      { args: ['pull', ref] },
      { args: ['push', ref] },
      { args: ['doctor', '127.0.0.1:1', '--timeout', '2000'], says: /^berth: 127\.0\.0\.1:1: TCP/ },
      { args: ['server', 'create', 'bad name!'] },
      { args: ['server', 'trust', nothing] },
      { args: ['server', 'list', 'extra'] },
      { args: ['server', 'start', nothing] },
      { args: ['server', 'stop', nothing] },
      { args: ['server', 'logs', nothing] },
      { args: ['server', 'rm', nothing] },
      { args: ['server', 'user', 'add', nothing, 'bob', '--password-stdin'], stdin: 'bob-password' },
      { args: ['server', 'user', 'passwd', nothing, 'bob', '--password-stdin'], stdin: 'bob-password' },
      { args: ['server', 'user', 'rm', nothing, 'bob'] },
      { args: ['server', 'gc', nothing, '--dry-run'] },
      { args: ['server', 'show', nothing] },
      { args: ['server', 'mirror', nothing, '--podman'] },
      {
        args: ['server', 'create', 'cache', '--proxy', 'https://registry-1.docker.io', '--proxy-ttl', '24h'],
        says: /^berth: Distribution 2\.8 cannot keep a cache for 24h/,
      },
      { args: ['server', 'create', 'cache', '--proxy', 'ftp://mirror.example'], says: /not an http/ },
      { args: ['save', ref], says: /^berth: name the file to write with -o FILE/ },
      { args: ['save', `${open.host}/team/app:none`, '-o', path.join(dataDir, 'none.tar')] },
      {
        args: ['save', ref, '-o', path.join(dataDir, 'no-folder', 'app.tar')],
        says: /^berth: the folder .* does not exist/,
      },
      { args: ['load', path.join(dataDir, 'no-such.tar'), `${open.host}/team/loaded`], says: /no-such\.tar/ },
      // Not a tar at all: said before any registry is asked.
      {
        args: ['load', path.join(dataDir, 'broken.json'), `${open.host}/team/loaded`],
        says: /not a tar archive/,
      },
    ];

    const covered = new Set(
      table.map(({ args }) => args.filter((arg) => /^[a-z][a-z-]*$/.test(arg)).join(' ')),
    );
    const uncovered = (await listCommands()).filter(
      (command) => ![...covered].some((run) => run === command || run.startsWith(`${command} `)),
    );
    expect(uncovered, 'commands with no failure case in the table').toEqual([]);

    const failures: string[] = [];
    for (const expected of table) {
      const result = await cli.run(expected.args, expected.stdin, expected.env);
      const problems = problemsWith(result, expected);
      if (problems.length)
        failures.push(
          `berth ${expected.args.join(' ')}: ${problems.join('; ')}\n  stdout: ${result.stdout.trim().slice(0, 300)}\n  stderr: ${result.stderr.trim()}`,
        );
    }
    expect(failures.join('\n\n')).toBe('');
  }, 600_000);
});

describe('berth inspect', () => {
  it('counts and totals the layers alone, as the manifest lists them', async () => {
    const result = await cli.run(['inspect', `${open.host}/team/app:1`]);
    expect(result.code, result.stderr).toBe(0);
    const layersTotal = image.layers.reduce((sum, layer) => sum + layer.size, 0);
    // Three small layers: between 1 and 10 KiB, which Berth shows with one decimal.
    expect(layersTotal).toBeGreaterThan(1024);
    expect(layersTotal).toBeLessThan(10 * 1024);
    const kib = (layersTotal / 1024).toFixed(1);
    expect(result.stdout).toContain(`Layers (3, total ${kib} KiB):`);
    // Not with the config and the manifest on top (what it printed before).
    const withConfig = ((layersTotal + image.configBytes.length + image.size) / 1024).toFixed(1);
    expect(withConfig).not.toBe(kib);
    // The Size line: the image's layers plus its config (shared/image-size.ts).
    expect(result.stdout).toContain(`Size:       ${formatBytes(layersTotal + image.configBytes.length)}\n`);
  }, 60_000);

  it('sizes an index: the shown platform and all platforms together', async () => {
    const result = await cli.run(['inspect', `${open.host}/team/multi:1`]);
    expect(result.code, result.stderr).toBe(0);
    const sizes = multi.children.map(
      (child) => child.configBytes.length + child.layers.reduce((sum, layer) => sum + layer.size, 0),
    );
    expect(result.stdout).toContain(
      `Size:       linux/amd64 ${formatBytes(sizes[0]!)} · all platforms ${formatBytes(sizes[0]! + sizes[1]!)} (shared layers counted once)\n`,
    );
  }, 60_000);
});

describe('berth usage errors', () => {
  it("keeps commander's suggestion on the berth: line, so stderr is that line and its hint", async () => {
    const command = await cli.run(['logot']);
    expect(command.code).toBe(1);
    expect(command.stderr).toBe(
      "berth: unknown command 'logot' (did you mean logout?)\nhint: berth --help lists the commands.\n",
    );
    const option = await cli.run(['tags', '--jsn', `${open.host}/team/app`]);
    expect(option.code).toBe(1);
    expect(option.stderr).toBe(
      "berth: unknown option '--jsn' (did you mean --json?)\nhint: berth tags --help shows its arguments and options.\n",
    );
  });
});

describe('a report that ends in a failure, with --json', () => {
  it('daemon test-mirrors prints the JSON, exits 1 and says berth: and hint: on stderr, as without --json', async () => {
    const file = path.join(dataDir, 'mirrors.json');
    const plain = await cli.run(['daemon', 'test-mirrors', '--file', file]);
    const json = await cli.run(['daemon', 'test-mirrors', '--file', file, '--json']);
    expect(plain.code).toBe(1);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject([{ url: 'https://127.0.0.1:1', ok: false }]);
    expect(json.stderr).toBe(plain.stderr);
    expect(json.stderr).toMatch(/^berth: 1 of 1 mirrors failed the check .*\nhint: .+\n$/);
  });
});

describe('daemon restore', () => {
  it('refuses a backup that is missing or not JSON before asking to confirm it', async () => {
    const missing = await cli.run(['daemon', 'restore', path.join(dataDir, 'no-backup')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      `berth: ${path.join(dataDir, 'no-backup')}: no such file\nhint: List the backups: berth daemon show.\n`,
    );
    const broken = await cli.run(['daemon', 'restore', path.join(dataDir, 'broken.json')]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/^berth: .*broken\.json is not valid JSON/);
  });
});

describe('daemon add-insecure --file', () => {
  it('names that file in the berth daemon apply it tells you to run next', async () => {
    const file = path.join(dataDir, 'own-daemon.json');
    await writeFile(file, '{}\n');
    const result = await cli.run(['daemon', 'add-insecure', 'registry.lan:5000', '--file', file, '--yes']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      new RegExp(
        `Run \`berth daemon apply --file ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\` to make dockerd use it\\.\\n$`,
      ),
    );
  });
});
