import { randomBytes } from 'node:crypto';
import type { ServerPaths, ServerSpec } from './spec.js';

// JSON strings are valid YAML scalars, so every path and value is quoted this way.
const quote = (value: string) => JSON.stringify(value);

/**
 * The upstream password of a config.yml Berth wrote: a rewrite while the keychain cannot answer keeps it
 * instead of dropping the login.
 */
export function proxyPasswordOf(configText: string): string | undefined {
  const match = /^ {2}password: (".*")$/m.exec(configText);
  return match ? (JSON.parse(match[1]!) as string) : undefined;
}

/** The HTTP secret of a config.yml Berth wrote, so a rewrite keeps upload sessions valid. */
export function secretOf(configText: string): string | undefined {
  const match = /^ {2}secret: (".*")$/m.exec(configText);
  return match ? (JSON.parse(match[1]!) as string) : undefined;
}

/**
 * Distribution's `config.yml` (the format the `registry:2` image reads; see
 * https://distribution.github.io/distribution/about/configuration/).
 */
export function renderConfig(
  spec: ServerSpec,
  paths: ServerPaths,
  secret = randomBytes(32).toString('hex'),
  options: { readOnly?: boolean; proxyPassword?: string } = {},
): string {
  // A pull-through cache listens for its counters on loopback only; in a container of its own network
  // the address is the container's, and the port is published on the host's loopback (container-runtime.ts).
  const debugHost = spec.runtime === 'container' && spec.network !== 'host' ? '0.0.0.0' : '127.0.0.1';
  const lines = [
    'version: 0.1',
    'log:',
    '  level: info',
    '  fields:',
    `    service: ${quote(`berth-registry-${spec.name}`)}`,
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${quote(spec.storageDir)}`,
    '  delete:',
    `    enabled: ${spec.deleteEnabled}`,
    '  cache:',
    '    blobdescriptor: inmemory',
    // Read-only maintenance: pulls are served, pushes and deletes are refused (for garbage collection).
    ...(options.readOnly ? ['  maintenance:', '    readonly:', '      enabled: true'] : []),
    'http:',
    `  addr: ${quote(`${spec.bind.includes(':') ? `[${spec.bind}]` : spec.bind}:${spec.port}`)}`,
    `  secret: ${quote(secret)}`,
    '  headers:',
    '    X-Content-Type-Options: [nosniff]',
    ...(spec.proxy ? ['  debug:', `    addr: ${quote(`${debugHost}:${spec.proxy.metricsPort}`)}`] : []),
  ];
  if (spec.tls !== 'none') {
    lines.push('  tls:', `    certificate: ${quote(paths.serverCert)}`, `    key: ${quote(paths.serverKey)}`);
  }
  if (spec.auth === 'htpasswd') {
    lines.push(
      'auth:',
      '  htpasswd:',
      `    realm: ${quote(`berth-${spec.name}`)}`,
      `    path: ${quote(paths.htpasswd)}`,
    );
  }
  if (spec.proxy) {
    // Distribution 2.8 keeps what it cached for a fixed week: it has no `ttl` key (proxy.ts FIXED_CACHE_TTL).
    lines.push('proxy:', `  remoteurl: ${quote(spec.proxy.remoteUrl)}`);
    if (spec.proxy.username && options.proxyPassword !== undefined)
      lines.push(`  username: ${quote(spec.proxy.username)}`, `  password: ${quote(options.proxyPassword)}`);
  }
  lines.push('health:', '  storagedriver:', '    enabled: true', '    interval: 10s', '    threshold: 3');
  return `${lines.join('\n')}\n`;
}
