// The settings dockerd reads from daemon.json, with the JSON type of each, by engine version. Read from
// moby's sources at each release (v20.10.24 … docker-v29.7.2): `daemon/config/config*.go` (the json tags of
// Config and its embedded structs: these decide the types), `cmd/dockerd/*.go` / `daemon/command/*.go` (the
// flags: a key is accepted when it is a flag's name or a NamedOption's name, `findConfigurationConflicts`)
// and `skipValidateOptions`. The 20.10 generation is also checked against the real dockerd by
// test/integration/daemon-dockerd-verdict.test.ts.

/** A JSON value as Go's encoding/json decodes it into the field's type. */
export type Shape =
  | 'bool'
  | 'string'
  /** int / int64 / *int: a JSON integer (no fraction, no exponent) within int64. */
  | 'int'
  | 'uint32'
  /** net.IP / netip.Addr: a string holding an IP address (net.IP also takes ""). */
  | 'ip'
  /** opts.MemBytes: a non-empty string such as "64M"; its UnmarshalJSON refuses null too. */
  | 'mem-bytes'
  /** A type Berth does not model: whatever it holds is left to dockerd. */
  | 'any'
  | { list: Shape }
  | { map: Shape }
  | { struct: Record<string, Shape> };

/** A release as [major, minor]; `20.10.24+dfsg1` → [20, 10]. */
export type Release = readonly [number, number];

interface Versioned {
  /** First release that has it (none: 20.10 or before). */
  since?: Release;
  /** First release that no longer has it. */
  until?: Release;
}

export interface FileKey extends Versioned {
  /** The field's type. A key here with no flag (`resolv-conf`) is still refused as unknown. */
  shape: Shape;
}

export interface DockerdFlag extends Versioned {
  shorthand?: string;
  /** Takes no value (`--debug`, `--debug=false`). */
  isBool?: boolean;
  /** The file key of a NamedOption flag (`--label` → `labels`): the one that conflicts with it. */
  named?: string;
}

const strings: Shape = { list: 'string' };
const stringMap: Shape = { map: 'string' };

export const OLDEST_MODELLED: Release = [20, 10];
export const NEWEST_MODELLED: Release = [29, 7];

/** Keys nested under these stay one value; any other object's members count as top-level keys. */
export const FLAT_OPTIONS: Record<string, Versioned> = {
  'cluster-store-opts': { until: [24, 0] },
  'default-network-opts': { since: [24, 0] },
  'log-opts': {},
  runtimes: {},
  'default-ulimits': {},
  features: {},
  builder: {},
  'nri-opts': { since: [29, 2] },
};

/**
 * Keys renamed to a NamedOption (`migratedNamedConfig`, 28.0): the old and new names may not both be in
 * the file, and the old one clashes with the flag too.
 */
export const MIGRATED_KEYS: Array<[string, { newName: string; flag: string; since: Release }]> = [
  ['host-gateway-ip', { newName: 'host-gateway-ips', flag: 'host-gateway-ip', since: [28, 0] }],
];

/** The one key that may be in the file and on the command line at once (`skipDuplicates`). */
export const MERGED_WITH_FLAGS = new Set(['runtimes']);

const ulimit: Shape = { struct: { Name: 'string', Hard: 'int', Soft: 'int' } };
const runtimesV20: Shape = { map: { struct: { path: 'string', runtimeArgs: strings } } };
const runtimesV23: Shape = {
  map: { struct: { path: 'string', runtimeArgs: strings, runtimeType: 'string', options: 'any' } },
};
const builder: Shape = {
  struct: {
    GC: {
      struct: {
        Enabled: 'bool',
        Policy: { list: { struct: { All: 'bool', Filter: 'any', KeepStorage: 'string' } } },
        DefaultKeepStorage: 'string',
      },
    },
    Entitlements: { struct: { 'network-host': 'bool', 'security-insecure': 'bool' } },
  },
};

/** Every key a field of dockerd's Config reads on Linux; a key whose type changed has one row per span. */
const KEY_TABLE: Array<[string, FileKey]> = [
  ['authorization-plugins', { shape: strings }],
  ['exec-opts', { shape: strings }],
  ['storage-driver', { shape: 'string' }],
  ['storage-opts', { shape: strings }],
  ['labels', { shape: strings }],
  ['mtu', { shape: 'int' }],
  ['network-diagnostic-port', { shape: 'int' }],
  ['pidfile', { shape: 'string' }],
  ['raw-logs', { shape: 'bool' }],
  ['graph', { shape: 'string', until: [24, 0] }],
  ['data-root', { shape: 'string' }],
  ['exec-root', { shape: 'string' }],
  ['group', { shape: 'string' }],
  ['api-cors-header', { shape: 'string', until: [29, 0] }],
  ['deprecated-key-path', { shape: 'string' }],
  ['live-restore', { shape: 'bool' }],
  ['cluster-store', { shape: 'string', until: [24, 0] }],
  ['cluster-store-opts', { shape: stringMap, until: [24, 0] }],
  ['cluster-advertise', { shape: 'string', until: [24, 0] }],
  ['max-concurrent-downloads', { shape: 'int' }],
  ['max-concurrent-uploads', { shape: 'int' }],
  ['max-download-attempts', { shape: 'int' }],
  ['shutdown-timeout', { shape: 'int' }],
  ['debug', { shape: 'bool' }],
  ['hosts', { shape: strings }],
  ['log-level', { shape: 'string' }],
  ['tls', { shape: 'bool' }],
  ['tlsverify', { shape: 'bool' }],
  ['tlscacert', { shape: 'string' }],
  ['tlscert', { shape: 'string' }],
  ['tlskey', { shape: 'string' }],
  ['swarm-default-advertise-addr', { shape: 'string' }],
  ['swarm-raft-heartbeat-tick', { shape: 'uint32' }],
  ['swarm-raft-election-tick', { shape: 'uint32' }],
  ['metrics-addr', { shape: 'string' }],
  ['dns', { shape: strings, until: [25, 0] }],
  ['dns', { shape: { list: 'ip' }, since: [25, 0] }],
  ['dns-opts', { shape: strings }],
  ['dns-search', { shape: strings }],
  ['host-gateway-ip', { shape: 'ip' }],
  ['host-gateway-ips', { shape: { list: 'ip' }, since: [28, 0] }],
  ['log-driver', { shape: 'string' }],
  ['log-opts', { shape: stringMap }],
  ['log-format', { shape: 'string', since: [25, 0] }],
  ['bridge', { shape: 'string' }],
  ['fixed-cidr', { shape: 'string' }],
  ['default-address-pools', { shape: { list: { struct: { base: 'string', size: 'int' } } } }],
  ['network-control-plane-mtu', { shape: 'int' }],
  ['allow-nondistributable-artifacts', { shape: strings }],
  ['registry-mirrors', { shape: strings }],
  ['insecure-registries', { shape: strings }],
  ['experimental', { shape: 'bool' }],
  ['node-generic-resources', { shape: strings }],
  ['containerd', { shape: 'string' }],
  ['cri-containerd', { shape: 'bool' }],
  ['features', { shape: { map: 'bool' } }],
  ['builder', { shape: builder }],
  ['containerd-namespace', { shape: 'string' }],
  ['containerd-plugin-namespace', { shape: 'string' }],
  ['runtimes', { shape: runtimesV20, until: [23, 0] }],
  ['runtimes', { shape: runtimesV23, since: [23, 0] }],
  ['default-runtime', { shape: 'string' }],
  ['default-init', { shape: 'string' }],
  ['ip', { shape: 'ip' }],
  ['bip', { shape: 'string' }],
  ['bip6', { shape: 'string', since: [28, 0] }],
  ['default-gateway', { shape: 'ip' }],
  ['default-gateway-v6', { shape: 'ip' }],
  ['icc', { shape: 'bool' }],
  ['ipv6', { shape: 'bool' }],
  ['iptables', { shape: 'bool' }],
  ['ip6tables', { shape: 'bool' }],
  ['ip-forward', { shape: 'bool' }],
  ['ip-forward-no-drop', { shape: 'bool', since: [28, 0] }],
  ['ip-masq', { shape: 'bool' }],
  ['allow-direct-routing', { shape: 'bool', since: [28, 2] }],
  ['bridge-accept-fwmark', { shape: 'string', since: [29, 0] }],
  ['firewall-backend', { shape: 'string', since: [29, 0] }],
  ['userland-proxy', { shape: 'bool' }],
  ['userland-proxy-path', { shape: 'string' }],
  ['fixed-cidr-v6', { shape: 'string' }],
  ['cgroup-parent', { shape: 'string' }],
  ['selinux-enabled', { shape: 'bool' }],
  ['userns-remap', { shape: 'string' }],
  ['default-ulimits', { shape: { map: ulimit } }],
  ['cpu-rt-period', { shape: 'int' }],
  ['cpu-rt-runtime', { shape: 'int' }],
  ['oom-score-adjust', { shape: 'int', until: [26, 0] }],
  ['init', { shape: 'bool' }],
  ['init-path', { shape: 'string' }],
  ['seccomp-profile', { shape: 'string' }],
  ['default-shm-size', { shape: 'mem-bytes' }],
  ['no-new-privileges', { shape: 'bool' }],
  ['default-ipc-mode', { shape: 'string' }],
  ['default-cgroupns-mode', { shape: 'string' }],
  ['resolv-conf', { shape: 'string' }],
  ['rootless', { shape: 'bool' }],
  ['http-proxy', { shape: 'string', since: [23, 0] }],
  ['https-proxy', { shape: 'string', since: [23, 0] }],
  ['no-proxy', { shape: 'string', since: [23, 0] }],
  ['default-network-opts', { shape: { map: stringMap }, since: [24, 0] }],
  ['cdi-spec-dirs', { shape: strings, since: [25, 0] }],
  ['min-api-version', { shape: 'string', since: [29, 0] }],
  ['nri-opts', { shape: 'any', since: [29, 2] }],
  ['default-stop-timeout', { shape: 'int', since: [29, 7] }],
];

/**
 * Command-line flags of dockerd on Linux. Each flag's long name is also accepted as a key in the file
 * (`flags.Lookup`), even where no field reads it: `"insecure-registry": [...]` starts and does nothing.
 */
const FLAG_TABLE: Array<[string, DockerdFlag]> = [
  ['add-runtime', { named: 'runtimes' }],
  ['allow-nondistributable-artifacts', { named: 'allow-nondistributable-artifacts', until: [29, 0] }],
  ['api-cors-header', { until: [29, 0] }],
  ['authorization-plugin', { named: 'authorization-plugins' }],
  ['bip', {}],
  ['bip6', { since: [28, 0] }],
  ['bridge', { shorthand: 'b' }],
  ['cdi-spec-dir', { named: 'cdi-spec-dirs', since: [25, 0] }],
  ['cgroup-parent', {}],
  ['cluster-advertise', { until: [24, 0] }],
  ['cluster-store', { until: [24, 0] }],
  ['cluster-store-opt', { named: 'cluster-store-opts', until: [24, 0] }],
  ['config-file', {}],
  ['containerd', {}],
  ['containerd-namespace', {}],
  ['containerd-plugins-namespace', {}],
  ['cpu-rt-period', {}],
  ['cpu-rt-runtime', {}],
  ['cri-containerd', { isBool: true }],
  ['data-root', {}],
  ['debug', { shorthand: 'D', isBool: true }],
  ['default-address-pool', { named: 'default-address-pools' }],
  ['default-cgroupns-mode', {}],
  ['default-gateway', {}],
  ['default-gateway-v6', {}],
  ['default-ipc-mode', {}],
  ['default-network-opt', { named: 'default-network-opts', since: [24, 0] }],
  ['default-runtime', {}],
  ['default-shm-size', {}],
  ['default-ulimit', { named: 'default-ulimits' }],
  ['dns', {}],
  ['dns-opt', { named: 'dns-opts' }],
  ['dns-search', {}],
  ['exec-opt', { named: 'exec-opts' }],
  ['exec-root', {}],
  ['experimental', { isBool: true }],
  ['feature', { named: 'features', since: [27, 3] }],
  ['firewall-backend', { since: [29, 0] }],
  ['fixed-cidr', {}],
  ['fixed-cidr-v6', {}],
  ['graph', { shorthand: 'g', until: [24, 0] }],
  ['group', { shorthand: 'G' }],
  ['help', { shorthand: 'h', isBool: true }],
  ['host', { shorthand: 'H', named: 'hosts' }],
  ['host-gateway-ip', { until: [28, 0] }],
  ['host-gateway-ip', { named: 'host-gateway-ips', since: [28, 0] }],
  ['http-proxy', { since: [23, 0] }],
  ['https-proxy', { since: [23, 0] }],
  ['icc', { isBool: true }],
  ['init', { isBool: true }],
  ['init-path', {}],
  ['insecure-registry', { named: 'insecure-registries' }],
  ['ip', {}],
  ['ip-forward', { isBool: true }],
  ['ip-forward-no-drop', { isBool: true, since: [28, 0] }],
  ['ip-masq', { isBool: true }],
  ['allow-direct-routing', { isBool: true, since: [28, 2] }],
  ['bridge-accept-fwmark', { since: [29, 0] }],
  ['ip6tables', { isBool: true }],
  ['iptables', { isBool: true }],
  ['ipv6', { isBool: true }],
  ['label', { named: 'labels' }],
  ['live-restore', { isBool: true }],
  ['log-driver', {}],
  ['log-format', { since: [25, 0] }],
  ['log-level', { shorthand: 'l' }],
  ['log-opt', { named: 'log-opts' }],
  ['max-concurrent-downloads', {}],
  ['max-concurrent-uploads', {}],
  ['max-download-attempts', {}],
  ['metrics-addr', {}],
  ['mtu', {}],
  ['network-control-plane-mtu', {}],
  ['network-diagnostic-port', {}],
  ['no-new-privileges', { isBool: true }],
  ['no-proxy', { since: [23, 0] }],
  ['node-generic-resource', { named: 'node-generic-resources' }],
  ['nri-opts', { since: [29, 2] }],
  ['oom-score-adjust', { until: [26, 0] }],
  ['pidfile', { shorthand: 'p' }],
  ['raw-logs', { isBool: true }],
  ['registry-mirror', { named: 'registry-mirrors' }],
  ['restart', { shorthand: 'r', isBool: true, until: [23, 0] }],
  ['rootless', { isBool: true }],
  ['seccomp-profile', {}],
  ['selinux-enabled', { isBool: true }],
  ['shutdown-timeout', {}],
  ['default-stop-timeout', { since: [29, 7] }],
  ['storage-driver', { shorthand: 's' }],
  ['storage-opt', { named: 'storage-opts' }],
  ['swarm-default-advertise-addr', {}],
  ['tls', { isBool: true }],
  ['tlscacert', {}],
  ['tlscert', {}],
  ['tlskey', {}],
  ['tlsverify', { isBool: true }],
  ['userland-proxy', { isBool: true }],
  ['userland-proxy-path', {}],
  ['userns-remap', {}],
  ['validate', { isBool: true, since: [23, 0] }],
  ['version', { shorthand: 'v', isBool: true }],
];

/** Keys accepted with no flag at all (`skipValidateOptions`). */
const UNFLAGGED: Array<[string, Versioned]> = [
  ['features', {}],
  ['builder', {}],
  ['deprecated-key-path', {}],
  ['allow-nondistributable-artifacts', { since: [29, 0] }],
  ['min-api-version', { since: [29, 0] }],
];

const atLeast = (release: Release, bound: Release) =>
  release[0] > bound[0] || (release[0] === bound[0] && release[1] >= bound[1]);

export function inRelease(item: Versioned, release: Release): boolean {
  return (!item.since || atLeast(release, item.since)) && (!item.until || !atLeast(release, item.until));
}

/** What one release of dockerd knows: its flags, the keys it accepts and the fields that read them. */
export interface DockerdGeneration {
  release: Release;
  flags: Map<string, DockerdFlag>;
  /** Every key `findConfigurationConflicts` accepts. */
  accepted: Set<string>;
  /** Keys a field of Config reads, with the field's type. */
  fields: Map<string, Shape>;
  flat: Set<string>;
}

export function generation(release: Release): DockerdGeneration {
  const flags = new Map(FLAG_TABLE.filter(([, flag]) => inRelease(flag, release)));
  const accepted = new Set<string>();
  for (const [name, flag] of flags) {
    accepted.add(name);
    if (flag.named) accepted.add(flag.named);
  }
  for (const [name, item] of UNFLAGGED) if (inRelease(item, release)) accepted.add(name);
  const fields = new Map<string, Shape>();
  for (const [name, key] of KEY_TABLE) if (inRelease(key, release)) fields.set(name, key.shape);
  const flat = new Set(Object.keys(FLAT_OPTIONS).filter((name) => inRelease(FLAT_OPTIONS[name]!, release)));
  return { release, flags, accepted, fields, flat };
}

/** `20.10.24+dfsg1` → [20, 10]; `29.0.1` → [29, 0]; anything else → undefined. */
export function parseRelease(version: string | undefined): Release | undefined {
  const match = /^(\d+)\.(\d+)/.exec(version ?? '');
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

export const formatRelease = (release: Release) => `${release[0]}.${release[1]}`;

export const isAfter = (release: Release, bound: Release) =>
  atLeast(release, bound) && !(release[0] === bound[0] && release[1] === bound[1]);
