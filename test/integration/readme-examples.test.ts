// The README's examples run as a reader would run them, so the README cannot drift from the CLI:
//  - every `console` block is a transcript (`$ npx berth …` and what it prints off a terminal); each
//    command runs in order and what it prints (stderr, then stdout) must match the block line for line;
//  - every `npx berth …` line of an `sh` block is a documented command; each one runs (COMMANDS says
//    which line of its output is checked) or is listed there as skipped, with the reason printed.
// Hosts, by a fixed rule: in the console blocks 127.0.0.1:5001 and 127.0.0.1:5002 are two plain-HTTP
// registries; in the sh blocks 127.0.0.1:5000 and HOST are a registry with TLS and a login (saved as
// `local`), and 10.0.0.5:5000, registry.example.com, other.example and OTHER the first plain-HTTP one.
// Docker is a test dockerd (its own daemon.json and pid file); nothing under /etc/docker is touched.
// What differs from run to run is matched by pattern: digests (`sha256:` + 64 hex, or 12 hex), sizes
// (`2.1 KiB`), seconds (`0.12 s`).
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SettingsStore } from '../../electron/core/settings/index.js';
import { CleanupRuleSchema } from '../../shared/contract/prune.js';
import { BerthCli, type CliResult } from '../fixtures/berth-cli.js';
import { buildImageArchive, startDockerd, type DockerdHandle } from '../fixtures/dockerd.js';
import { pushImage, pushIndex } from '../fixtures/images.js';
import { startKeyring, type KeyringHandle } from '../fixtures/keyring.js';
import { freePort, makeTempDir, removeDir, runCommand } from '../fixtures/process.js';
import {
  compareLines,
  documentedCommands,
  fencedBlocks,
  replaceAll,
  shellWords,
  transcriptSteps,
} from '../fixtures/readme.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

const README = readFileSync(path.resolve('README.md'), 'utf8');

const PASSWORD = 'wonderland-pass';
const FILES: Record<string, string> = {
  'pw.txt': PASSWORD,
  'bob.txt': 'bob-builder-pass',
  'pat.txt': 'ghp_x',
};

let root: string;
let tlsRegistry: RegistryHandle;
let first: RegistryHandle;
let second: RegistryHandle;
let dockerd: DockerdHandle;
let keyring: KeyringHandle;

function berthCli(dataDir: string): BerthCli {
  const service = `BerthTest-readme-${dataDir}-${randomUUID()}`;
  return new BerthCli(() =>
    keyring.env({
      BERTH_DATA_DIR: path.join(root, dataDir),
      BERTH_KEYCHAIN_SERVICE: service,
      DOCKER_HOST: dockerd.host,
      DOCKER_CONFIG: path.join(root, 'docker-config'),
      BERTH_DAEMON_CONFIG: path.join(dockerd.dir, 'daemon.json'),
      BERTH_DOCKERD_PIDFILE: path.join(dockerd.dir, 'pid'),
    }),
  );
}

function lines(result: CliResult): string[] {
  return [...result.stderr.split('\n'), ...result.stdout.split('\n')].filter((line) => line.length);
}

beforeAll(async () => {
  root = await makeTempDir('readme-examples');
  [tlsRegistry, first, second, dockerd, keyring] = await Promise.all([
    startRegistry({ auth: 'htpasswd', tls: true, deleteEnabled: true }),
    startRegistry({ auth: 'none' }),
    startRegistry({ auth: 'none' }),
    startDockerd(),
    startKeyring(),
  ]);
}, 120_000);

afterAll(async () => {
  await Promise.all([tlsRegistry?.stop(), first?.stop(), second?.stop(), dockerd?.stop(), keyring?.stop()]);
  if (root) await removeDir(root);
});

describe('the README', () => {
  it('prints, off a terminal, exactly the transcripts it shows (cp, sync, pull)', async () => {
    // The console blocks' 127.0.0.1:5001 and 127.0.0.1:5002: two plain-HTTP registries.
    const hosts = { '127.0.0.1:5001': first.host, '127.0.0.1:5002': second.host };
    await pushImage(first, 'team/app', '1', { seed: 'readme-app-1', layers: 2 });
    await pushImage(first, 'team/app', '2', { seed: 'readme-app-2', layers: 1 });
    const cli = berthCli('transcripts');
    const steps = transcriptSteps(fencedBlocks(README));
    const commands = steps.map((step) => shellWords(step.command)[2]);
    expect(commands).toEqual(expect.arrayContaining(['cp', 'sync', 'pull']));
    const problems: string[] = [];
    for (const step of steps) {
      // `2>&1 | tee FILE` only says where the reader's output goes: both streams, in the order printed.
      const words = shellWords(replaceAll(step.command.replace(/\s+2>&1 \| tee \S+$/, ''), hosts));
      expect(words.slice(0, 2), step.command).toEqual(['npx', 'berth']);
      const result = await cli.run(words.slice(2));
      const found = compareLines(lines(result), step.expected, hosts);
      if (result.code !== 0) found.push(`exit code ${result.code}`);
      if (found.length)
        problems.push(
          `$ ${step.command}\n${lines(result).join('\n')}\n${found.map((p) => `  - ${p}`).join('\n')}`,
        );
    }
    expect(problems.join('\n\n')).toBe('');
  });

  it('runs every documented berth command, or says why not', async () => {
    const cli = berthCli('commands');
    const port = await freePort();
    await mkdir(path.join(root, 'docker-config'), { recursive: true });
    await writeFile(
      path.join(root, 'docker-config', 'config.json'),
      JSON.stringify({ auths: { 'ghcr.io': { auth: Buffer.from('octo:ghp_x').toString('base64') } } }),
    );
    // The sh blocks' hosts: 127.0.0.1:5000 and HOST are a TLS registry with a login (alice), saved as
    // `local`; the other hosts they name are a plain-HTTP registry on loopback.
    const substitutions: Record<string, string> = {
      '--port 5000': `--port ${port}`,
      '127.0.0.1:5000': tlsRegistry.host,
      '10.0.0.5:5000': first.host,
      'registry.example.com': first.host,
      'other.example': first.host,
      HOST: tlsRegistry.host,
      OTHER: first.host,
      'ca.pem': tlsRegistry.caFile!,
      '/etc/docker/daemon.json': path.join(dockerd.dir, 'daemon.json'),
      // berth save's files go to the test's folder, not the working directory.
      ' app.tar': ` ${path.join(root, 'app.tar')}`,
      ' multi-oci.tar': ` ${path.join(root, 'multi-oci.tar')}`,
      ' multi-layout': ` ${path.join(root, 'multi-layout')}`,
      ' saved.tar': ` ${path.join(root, 'saved.tar')}`,
      ' multi.tar': ` ${path.join(root, 'multi.tar')}`,
      ' ./layout': ` ${path.join(root, 'layout')}`,
    };
    const seed = (repository: string, tag: string) => pushImage(tlsRegistry, repository, tag, { layers: 1 });
    await seed('team/app', '1');
    await seed('team/app', 'old');
    await seed('team/app', 'v1.0');
    await pushIndex(tlsRegistry, 'team/multi', '2', {
      format: 'oci',
      platforms: [
        { os: 'linux', architecture: 'amd64' },
        { os: 'linux', architecture: 'arm64' },
      ],
    });
    const gone = await seed('team/app', 'gone');
    // The archives `berth load` reads: one of docker save's layout, and skopeo's OCI archive and folder.
    const saved = buildImageArchive({ repoTags: ['team/app:loaded'], layerSizes: [2048] }).archive;
    await writeFile(path.join(root, 'saved.tar'), saved);
    await writeFile(path.join(root, 'saved.tar.gz'), gzipSync(saved));
    for (const destination of [
      `oci-archive:${path.join(root, 'multi.tar')}:2`,
      `oci:${path.join(root, 'layout')}:7`,
    ])
      await runCommand('skopeo', [
        'copy',
        '--all',
        '--preserve-digests',
        ...tlsRegistry.skopeoArgs('src'),
        `docker://${tlsRegistry.host}/team/multi:2`,
        destination,
      ]);
    // For the cleanup rules: team/app's builds of a few months ago, one release as old, and team/nightly's
    // nightlies of the last days (each a day apart, so which are newest is clear).
    const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
    for (let build = 1; build <= 7; build++)
      await pushImage(tlsRegistry, 'team/app', `build-${build}`, {
        layers: 1,
        created: daysAgo(107 - build),
      });
    await pushImage(tlsRegistry, 'team/app', 'release-1', { layers: 1, created: daysAgo(100) });
    for (let night = 1; night <= 4; night++)
      await pushImage(tlsRegistry, 'team/nightly', `nightly-${night}`, {
        layers: 1,
        created: daysAgo(5 - night),
      });

    type Entry =
      | { skip: string }
      | {
          /** A line the output must hold (stdout or stderr). */
          prints: RegExp;
          code?: number;
          /** What `…` stands for in this command. */
          ellipsis?: () => Promise<string>;
          /** Arguments the test adds, each for a reason given beside it. */
          extra?: string[];
          /** Runs before the command, to give it what a reader would have made in the app. */
          before?: () => Promise<unknown>;
          /** Runs after the command, to give the next ones what a reader would have. */
          after?: () => Promise<unknown>;
        };
    // The test has no terminal to answer a question: commands that ask first get the documented --yes.
    const YES = ['--yes'];
    const relogin = async () => {
      const result = await cli.run(['login', 'local', '--password-stdin'], PASSWORD);
      if (result.code !== 0) throw new Error(`login local again: ${result.stderr}`);
    };
    const COMMANDS: Record<string, Entry> = {
      'npx berth registry add local https://127.0.0.1:5000 --ca-file ca.pem --username alice --password-stdin < pw.txt':
        { prints: /^Saved local: https:\/\/127\.0\.0\.1:\d+\/ \(distribution, auth: basic/ },
      'npx berth registry add lab http://10.0.0.5:5000': { prints: /^Saved lab: http:/ },
      'npx berth registry list': { prints: /^local +127\.0\.0\.1:\d+ +distribution +https +alice +keychain/ },
      'npx berth registry remove lab': { prints: /^Removed lab\.$/ },
      'npx berth login local': {
        skip: 'it asks for the password at a terminal, and the test has none (cli-credentials tests log in with --password-stdin)',
      },
      'npx berth login ghcr.io --username octo --token --password-stdin < pat.txt': {
        skip: 'it needs ghcr.io, which this machine cannot reach',
      },
      'npx berth login 123456789012.dkr.ecr.eu-west-1.amazonaws.com --credential-helper ecr-login': {
        skip: 'it needs ECR and its helper; helper-logins tests run it against a local registry with a helper of their own',
      },
      // The examples go on logged in, as a reader would after `berth login local`.
      'npx berth logout local': { prints: /^Logged out of 127\.0\.0\.1:\d+/, after: relogin },
      'npx berth registry import-docker': {
        prints: /^ghcr\.io +octo +password +config\.json +not imported$/,
      },
      'npx berth registry import-docker --yes --host ghcr.io': {
        prints: /^ghcr\.io +octo +password +config\.json +imported$/,
      },
      // ghcr.io's login is in config.json's auths, not a helper's, and was just imported: it is left as it is.
      'npx berth registry import-docker --yes --ask-helper': {
        prints: /^ghcr\.io +octo +password +config\.json +skipped: ghcr\.io already has a login$/,
      },
      'npx berth ref nginx': { prints: /^canonical +docker\.io\/library\/nginx:latest$/ },
      'npx berth repos local --filter team': { prints: /^team\/app$/ },
      'npx berth search app [--registry local] [--json]': {
        prints: /^127\.0\.0\.1:\d+\/team\/app +local +index$/,
      },
      'npx berth tags 127.0.0.1:5000/team/app': { prints: /^1$/ },
      'npx berth inspect 127.0.0.1:5000/team/app:1 [--platform linux/arm64] [--config] [--raw] [--json]': {
        prints: /^Digest: +sha256:[0-9a-f]{64}$/,
      },
      'npx berth tag 127.0.0.1:5000/team/app:1 1-stable': {
        prints: /^Tagged 127\.0\.0\.1:\d+\/team\/app:1-stable → sha256:[0-9a-f]{64}$/,
      },
      'npx berth rm 127.0.0.1:5000/team/app:old --yes': {
        prints: /^Removed tag 127\.0\.0\.1:\d+\/team\/app:old /,
      },
      'npx berth rm 127.0.0.1:5000/team/app@sha256:… --yes': {
        prints: /; tags gone with it: gone\.$/,
        ellipsis: async () => gone.digest.slice('sha256:'.length),
      },
      'npx berth cp 127.0.0.1:5000/team/app:1 registry.example.com/prod/app:1': { prints: /^Copied / },
      'npx berth cp HOST/team/app:1 HOST/prod/app:1': {
        prints: /^Blobs: 0 transferred \(0 B\), 2 mounted, /,
      },
      // team/app:1 went to OTHER just above and has no signatures here: the copy says it found none.
      'npx berth cp HOST/team/app:1 OTHER/prod/app:1 --referrers': { prints: /^Referrers: none found$/ },
      'npx berth cp HOST/team/multi:2 OTHER/team/multi:2 --platform linux/arm64': {
        prints: /a new index with linux\/arm64/,
      },
      'npx berth inspect OTHER/prod/app:1 --referrers': {
        prints: /^Referrers: {2}none \(no signature, SBOM or attestation refers to it\)$/,
      },
      // Of team/app's seven old builds the newest five stay; no tag of team/multi or team/nightly matches.
      "npx berth prune 127.0.0.1:5000/team/* --match 'build-*' --keep 5 --older-than 30d --dry-run": {
        prints: /^2 of \d+ tags go in 3 repositories; .* become collectable\.$/,
      },
      // Every build goes (older than two weeks); release-1 is as old and protected; 1, v1.0 are new.
      "npx berth prune 127.0.0.1:5000/team/app --older-than 2w --protect 'release-*' --yes": {
        prints: /^Cleaned up 127\.0\.0\.1:\d+: 7 deleted, 0 skipped, 0 failed\.$/,
      },
      // The rule as the Storage page saves it; the test has no terminal to answer the question, so --yes.
      'npx berth prune --rule nightly-builds': {
        prints: /^Cleaned up 127\.0\.0\.1:\d+: 2 deleted, 0 skipped, 0 failed\.$/,
        extra: YES,
        before: async () =>
          new SettingsStore(path.join(root, 'commands')).saveCleanupRule(
            CleanupRuleSchema.parse({
              name: 'nightly-builds',
              connection: 'local',
              repositories: 'team/nightly',
              match: 'nightly-*',
              keep: 2,
            }),
          ),
      },
      'npx berth prune --list-rules --json': { prints: /^ +"name": "nightly-builds",$/ },
      'npx berth save HOST/team/app:1 -o app.tar': {
        prints: /^Saved 1 image to .*app\.tar \(Docker archive, /,
      },
      'npx berth save HOST/team/multi:2 -o multi-oci.tar --format oci': {
        prints: /^Saved 1 image to .*multi-oci\.tar \(OCI archive, /,
      },
      'npx berth save HOST/team/multi:2 HOST/team/app:1 -o multi-layout --format oci-dir --force': {
        prints: /^Saved 2 images to .*multi-layout \(OCI layout folder, /,
      },
      "npx berth sync HOST/team/app OTHER/mirror/app --tags 'v1.*' --jobs 4 --json": {
        prints: /^ +"v1\.0"$/,
      },
      'npx berth daemon show [--json]': { prints: /^registry-mirrors:$/ },
      'npx berth daemon add-insecure registry.lan:5000': { prints: /^\+ +"registry\.lan:5000"$/, extra: YES },
      'npx berth daemon add-mirror https://mirror.example.com': {
        prints: /^\+ +"https:\/\/mirror\.example\.com\/"$/,
        extra: YES,
      },
      'npx berth daemon remove-insecure registry.lan:5000': {
        prints: /^- +"registry\.lan:5000"$/,
        extra: YES,
      },
      // The test's dockerd keeps its pid in a file of its own, which `apply` is told as the README says.
      'npx berth daemon apply': {
        prints: /^dockerd reloaded/,
        extra: ['--pid-file', path.join(dockerd.dir, 'pid')],
      },
      // mirror.example.com does not resolve here: the check says so and exits 1.
      'npx berth daemon test-mirrors': { prints: /^FAIL https:\/\/mirror\.example\.com\/ /, code: 1 },
      'npx berth daemon restore /etc/docker/daemon.json.berth-backup-…': {
        prints: /^Restored \S+daemon\.json from \S+daemon\.json\.berth-backup-/,
        extra: YES,
        ellipsis: async () => {
          const backups = (await readdir(dockerd.dir)).filter((name) =>
            name.startsWith('daemon.json.berth-backup-'),
          );
          return backups.sort().at(-1)?.slice('daemon.json.berth-backup-'.length) ?? '(no backup was made)';
        },
      },
      'npx berth engine': { prints: /^Docker \S+ \(API 1\.41\) at unix:\/\// },
      'npx berth images [--json]': { prints: /^REPOSITORY\s+TAG/ },
      'npx berth pull 127.0.0.1:5000/team/app:1 [--platform linux/arm64]': { prints: /^Pulled / },
      'npx berth push 127.0.0.1:5000/team/app:1 [--to other.example/app:1] [--all-tags]': {
        prints: /^Pushed /,
      },
      'npx berth server create mine --port 5000 --tls self-signed --user alice --password-stdin < pw.txt': {
        prints: /^Saved as connection mine; alice's password is in the keychain\.$/,
      },
      'npx berth server create boxed --runtime container [--image registry:2] [--network host]': {
        skip: "it needs a registry image in the engine; registry-server-container tests build one from Debian's docker-registry",
      },
      'npx berth server create hub --proxy https://registry-1.docker.io --tls none [--proxy-username me --proxy-password-stdin < token.txt]':
        { skip: 'it needs an upstream registry; registry-server-mirror.test.ts runs it offline against one' },
      'npx berth server mirror hub [--podman] [--yes]': {
        skip: 'it needs a pull-through cache and a dockerd of its own; registry-server-mirror.test.ts runs it with both',
      },
      'npx berth server show hub [--json]': {
        skip: 'it needs a pull-through cache; registry-server-mirror.test.ts shows one before and after pulls',
      },
      'npx berth server list': { prints: /^mine +running +https:\/\/127\.0\.0\.1:\d+ / },
      // A loopback server: Docker treats 127.0.0.0/8 as insecure and never reads certs.d for it, so there is
      // nothing to write (a server on another address gets its CA in certs.d: registry-server-trust.test.ts).
      'npx berth server trust mine [--yes]': {
        prints: /Docker on this machine reaches 127\.0\.0\.1:\d+ as it is: .*Nothing needs to change\./,
        extra: ['--certs-d', path.join(root, 'certs.d'), ...YES],
        after: async () => {
          const wrote = await readdir(path.join(root, 'certs.d')).catch(() => []);
          if (wrote.length)
            throw new Error(`server trust mine wrote ${wrote.join(', ')} for a loopback server`);
        },
      },
      'npx berth server user add mine bob --password-stdin < bob.txt': { prints: /^Added bob to mine\.$/ },
      'npx berth server gc mine --dry-run': { prints: /^Nothing deleted \(dry run\)\./ },
      'npx berth du mine': { prints: /^Total: .* in \d+ repositor(?:y|ies), each blob once/ },
      'npx berth du 127.0.0.1:5000/team/app [--top 50]': { prints: /^team\/app +\d/ },
      'npx berth du mine --json': { prints: /"registry": "127\.0\.0\.1:\d+"/ },
      'npx berth load saved.tar 127.0.0.1:5000/team/app': {
        prints: /^Loaded saved\.tar \(Docker archive\) → /,
      },
      'npx berth load saved.tar.gz 127.0.0.1:5000/team/app': {
        prints: /^Loaded saved\.tar\.gz \(Docker archive\) → /,
      },
      'npx berth load multi.tar 127.0.0.1:5000/team/multi:2': {
        prints: /^Digests kept: every manifest and blob/,
      },
      'npx berth load ./layout 127.0.0.1:5000/team/app --json': { prints: /"digestsKept": true/ },
      'npx berth doctor 127.0.0.1:5000 [--json]': { prints: /^✓ \/v2\/ answers as a registry/ },
      // Docker's files are the test dockerd's daemon.json and a temp certs.d, never /etc/docker.
      'npx berth doctor mine --fix [--yes]': {
        prints: /^✓ \/v2\/ answers as a registry/,
        extra: ['--file', path.join(dockerd.dir, 'daemon.json'), '--certs-d', path.join(root, 'certs.d')],
      },
    };

    const documented = documentedCommands(fencedBlocks(README));
    expect(
      documented.filter((command) => !(command in COMMANDS)),
      'README commands this test does not know',
    ).toEqual([]);
    expect(
      Object.keys(COMMANDS).filter((command) => !documented.includes(command)),
      'commands no longer in the README',
    ).toEqual([]);

    const problems: string[] = [];
    try {
      for (const command of documented) {
        const entry = COMMANDS[command]!;
        if ('skip' in entry) {
          console.log(`skipped: ${command}\n  why: ${entry.skip}`);
          continue;
        }
        // Optional parts ([--json]) are left out; `< FILE` is the file's text on stdin.
        let text = replaceAll(command.replace(/\s*\[[^\]]*\]/g, ''), substitutions);
        if (entry.ellipsis) text = text.replace('…', await entry.ellipsis());
        const redirect = /\s+<\s+(\S+)$/.exec(text);
        const input = redirect ? FILES[redirect[1]!] : undefined;
        if (redirect) text = text.slice(0, redirect.index);
        const words = [...shellWords(text), ...(entry.extra ?? [])];
        await entry.before?.();
        const started = Date.now();
        const result = await cli.run(words.slice(2), input);
        console.log(`ran: ${command} (${Date.now() - started} ms)`);
        await entry.after?.();
        const printed = lines(result);
        const ok = result.code === (entry.code ?? 0) && printed.some((line) => entry.prints.test(line));
        if (!ok)
          problems.push(
            `${command}\n  ran: ${words.slice(2).join(' ')}\n  exit code ${result.code}, expected ${entry.code ?? 0} and a line matching ${entry.prints}\n  ${printed.join('\n  ')}`,
          );
      }
    } finally {
      // `server create` started a registry process: it goes with the test.
      const removed = await cli.run(['server', 'rm', 'mine', '--delete-data']);
      if (removed.code !== 0) problems.push(`server rm mine: ${removed.stderr}`);
    }
    expect(problems.join('\n\n')).toBe('');
    expect(cli.transcript.join('\n')).not.toContain(PASSWORD);
    // Some eighty commands, each a node process: on a loaded machine that is more than the default minute.
  }, 240_000);
});
