// Berth's verdict on a daemon.json against the real dockerd's: each file of the table is given to a fresh
// dockerd (Debian's 20.10 here, the engine-test arguments, which include -H and --iptables), which either
// starts or refuses; Berth's check of the same text, told that dockerd's version and command line, must
// come to the same answer. Rows run two at a time: a refusal takes well under a second, a start a few.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previewChange } from '../../electron/core/api/daemon-view.js';
import { rulesForVersion } from '../../electron/core/daemon-config/index.js';
import { tryDockerdConfig, type DockerdConfigOutcome } from '../fixtures/dockerd.js';
import { runCommand } from '../fixtures/process.js';

interface Row {
  name: string;
  text: string;
  /** What the row is there to show; dockerd's own answer is what Berth is compared with. */
  dockerd: 'starts' | 'refuses';
}

const json = (value: unknown) => JSON.stringify(value, null, 2);

const ROWS: Row[] = [
  { name: 'an empty object', text: '{}', dockerd: 'starts' },
  {
    name: 'valid registry lists',
    text: json({
      'insecure-registries': ['registry.lan:5000', '10.0.0.0/8'],
      'registry-mirrors': ['https://mirror.example.com'],
    }),
    dockerd: 'starts',
  },
  {
    name: 'booleans, numbers, strings and lists of the right types',
    text: json({
      debug: true,
      'log-level': 'debug',
      'max-concurrent-downloads': 5,
      'max-download-attempts': 3,
      'shutdown-timeout': 20,
      labels: ['team=berth'],
      dns: ['1.1.1.1'],
      'live-restore': true,
      experimental: false,
      mtu: 1400,
      'default-shm-size': '128M',
    }),
    dockerd: 'starts',
  },
  {
    name: 'log-opts as an object of strings',
    text: json({ 'log-driver': 'json-file', 'log-opts': { 'max-size': '10m', 'max-file': '3' } }),
    dockerd: 'starts',
  },
  {
    name: 'default-ulimits with numbers',
    text: json({ 'default-ulimits': { nofile: { Name: 'nofile', Hard: 64000, Soft: 64000 } } }),
    dockerd: 'starts',
  },
  {
    name: 'a runtime and a default runtime that names it',
    text: json({ runtimes: { crun: { path: '/usr/bin/crun' } }, 'default-runtime': 'crun' }),
    dockerd: 'starts',
  },
  { name: 'null values', text: '{"debug": null, "labels": null, "log-opts": null}', dockerd: 'starts' },
  {
    name: 'features as an object of booleans',
    text: json({ features: { buildkit: true } }),
    dockerd: 'starts',
  },
  {
    name: 'a repeated list whose last copy is valid (dockerd reads the last)',
    text: '{\n  "registry-mirrors": ["mirror.example.com"],\n  "registry-mirrors": ["https://mirror.example.com"]\n}',
    dockerd: 'starts',
  },
  {
    name: 'a flag name as a key, which dockerd accepts and ignores',
    text: json({ 'insecure-registry': ['registry.lan:5000'] }),
    dockerd: 'starts',
  },
  {
    name: 'an unknown object whose members are known keys',
    text: json({ extra: { debug: true } }),
    dockerd: 'starts',
  },
  {
    name: 'a wrongly typed key inside an unknown object (flattened for names, never decoded)',
    text: json({ extra: { debug: 'yes' } }),
    dockerd: 'starts',
  },
  {
    name: 'a flag name no field reads, with any value',
    text: json({ 'containerd-plugins-namespace': 5 }),
    dockerd: 'starts',
  },
  { name: 'a log level in capitals', text: json({ 'log-level': 'WARN' }), dockerd: 'starts' },
  {
    name: 'builder garbage collection settings',
    text: json({ builder: { gc: { enabled: true, defaultKeepStorage: '10GB' } } }),
    dockerd: 'starts',
  },
  { name: 'a boolean written as a string', text: json({ debug: 'yes' }), dockerd: 'refuses' },
  {
    name: 'a number written as a string',
    text: json({ 'max-concurrent-downloads': '3' }),
    dockerd: 'refuses',
  },
  { name: 'a fraction for a whole number', text: '{"max-concurrent-downloads": 2.5}', dockerd: 'refuses' },
  { name: 'a string for a boolean pointer', text: json({ tls: 'false' }), dockerd: 'refuses' },
  { name: 'labels as a string', text: json({ labels: 'team=berth' }), dockerd: 'refuses' },
  {
    name: 'registry-mirrors as a string',
    text: json({ 'registry-mirrors': 'https://mirror.example.com' }),
    dockerd: 'refuses',
  },
  { name: 'dns as a string', text: json({ dns: '8.8.8.8' }), dockerd: 'refuses' },
  { name: 'log-opts as a string', text: json({ 'log-opts': 'max-size=10m' }), dockerd: 'refuses' },
  { name: 'a number inside log-opts', text: json({ 'log-opts': { 'max-size': 10 } }), dockerd: 'refuses' },
  {
    name: 'a default ulimit as a string',
    text: json({ 'default-ulimits': { nofile: '64000:64000' } }),
    dockerd: 'refuses',
  },
  {
    name: 'a string inside a default ulimit',
    text: json({ 'default-ulimits': { nofile: { Name: 'nofile', Hard: '64000', Soft: 64000 } } }),
    dockerd: 'refuses',
  },
  { name: 'a size as a number', text: json({ 'default-shm-size': 67108864 }), dockerd: 'refuses' },
  {
    name: 'a string size inside default-address-pools',
    text: json({ 'default-address-pools': [{ base: '10.10.0.0/16', size: '24' }] }),
    dockerd: 'refuses',
  },
  { name: 'an object for a boolean', text: json({ debug: {} }), dockerd: 'refuses' },
  {
    name: 'an unknown key (a typo)',
    text: json({ 'insecure-registrys': ['a.lan:5000'] }),
    dockerd: 'refuses',
  },
  { name: 'an unknown key inside an object', text: json({ extra: { bar: 1 } }), dockerd: 'refuses' },
  {
    name: 'a repeated key whose first copy has the wrong type',
    text: '{"debug": "yes", "debug": true}',
    dockerd: 'refuses',
  },
  {
    name: 'hosts, also given with -H',
    text: json({ hosts: ['unix:///tmp/berth-other.sock'] }),
    dockerd: 'refuses',
  },
  { name: 'iptables, also given as a flag', text: json({ iptables: false }), dockerd: 'refuses' },
  { name: 'a label that is not key=value', text: json({ labels: ['no-value'] }), dockerd: 'refuses' },
  { name: 'a log level dockerd does not have', text: json({ 'log-level': 'verbose' }), dockerd: 'refuses' },
  { name: 'an exponent for a whole number', text: '{"max-concurrent-uploads": 1e2}', dockerd: 'refuses' },
  {
    name: 'a whole number beyond int64',
    text: '{"shutdown-timeout": 9223372036854775808}',
    dockerd: 'refuses',
  },
  { name: 'null for a size', text: '{"default-shm-size": null}', dockerd: 'refuses' },
  { name: 'a size that is not one', text: json({ 'default-shm-size': 'lots' }), dockerd: 'refuses' },
  {
    name: 'a host gateway that is not an IP',
    text: json({ 'host-gateway-ip': 'gateway' }),
    dockerd: 'refuses',
  },
  { name: 'a number for an IP', text: json({ ip: 5 }), dockerd: 'refuses' },
  { name: 'a string inside features', text: json({ features: { buildkit: 'true' } }), dockerd: 'refuses' },
  {
    name: 'a string inside builder settings',
    text: json({ builder: { GC: { Enabled: 'true' } } }),
    dockerd: 'refuses',
  },
  { name: 'a key in other capitals holding an object', text: json({ Debug: {} }), dockerd: 'refuses' },
  {
    name: 'a field dockerd 20.10 has no flag for',
    text: json({ 'swarm-raft-heartbeat-tick': 1 }),
    dockerd: 'refuses',
  },
  { name: 'a negative download count', text: json({ 'max-concurrent-downloads': -1 }), dockerd: 'refuses' },
  { name: 'zero download attempts', text: json({ 'max-download-attempts': 0 }), dockerd: 'refuses' },
  { name: 'a label given two values', text: json({ labels: ['a=b', 'a=c'] }), dockerd: 'refuses' },
  { name: 'a DNS server that is not an IP', text: json({ dns: ['dns.example'] }), dockerd: 'refuses' },
  {
    name: 'a DNS search domain that is not one',
    text: json({ 'dns-search': ['-bad-'] }),
    dockerd: 'refuses',
  },
  {
    name: 'a runtime named runc',
    text: json({ runtimes: { runc: { path: '/bin/true' } } }),
    dockerd: 'refuses',
  },
  { name: 'a default runtime nobody defined', text: json({ 'default-runtime': 'nope' }), dockerd: 'refuses' },
  {
    name: 'an IPC mode dockerd does not default to',
    text: json({ 'default-ipc-mode': 'host' }),
    dockerd: 'refuses',
  },
  {
    name: 'a containerd shim as the default runtime (accepted from 23.0)',
    text: json({ 'default-runtime': 'io.containerd.runsc.v1' }),
    dockerd: 'refuses',
  },
  {
    name: 'the built-in runc v2 shim as the default runtime',
    text: json({ 'default-runtime': 'io.containerd.runc.v2' }),
    dockerd: 'starts',
  },
  {
    name: 'a byte-order mark (dockerd reads one from 23.0)',
    text: '\uFEFF{"debug": true}',
    dockerd: 'refuses',
  },
  { name: 'an empty file (dockerd reads one as {} from 23.0)', text: '', dockerd: 'refuses' },
  { name: 'a file of blanks', text: ' \n\t\n', dockerd: 'refuses' },
  {
    name: 'an insecure registry with a path',
    text: json({ 'insecure-registries': ['registry.lan:5000/v2'] }),
    dockerd: 'refuses',
  },
];

/** At most `limit` dockerd processes at once on a 2-core machine. */
function limiter(limit: number) {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

const twoAtATime = limiter(2);
let version: string;
const started = Date.now();

beforeAll(async () => {
  // What /info's ServerVersion says: `Docker version 20.10.24+dfsg1, build 5d6db84` → 20.10.24+dfsg1.
  const { stdout } = await runCommand('dockerd', ['--version']);
  version = /version ([^\s,]+)/.exec(stdout)![1]!;
});

afterAll(() => {
  console.log(
    `${ROWS.length} files against dockerd ${version} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
});

function berthVerdict(text: string, outcome: DockerdConfigOutcome) {
  const preview = previewChange(
    '/etc/docker/daemon.json',
    '{}\n',
    { kind: 'text', text },
    rulesForVersion(version),
    {
      version,
      commandLine: outcome.args,
    },
  );
  return { starts: preview.problems.length === 0, problems: preview.problems };
}

describe('Berth says dockerd would start with a daemon.json exactly when the real dockerd does', () => {
  it.concurrent.each(ROWS)(
    '$name',
    async ({ text, dockerd }) => {
      const outcome = await twoAtATime(() => tryDockerdConfig(text, { timeoutMs: 90_000 }));
      const said = outcome.started
        ? 'started'
        : `refused: ${/unable to configure[^\n]*/.exec(outcome.output)?.[0] ?? outcome.output}`;
      const berth = berthVerdict(text, outcome);
      expect(outcome.started, `dockerd ${said}`).toBe(dockerd === 'starts');
      expect(berth.starts, `Berth: ${berth.problems.join('; ') || 'no problem'}; dockerd ${said}`).toBe(
        outcome.started,
      );
    },
    180_000,
  );
});
