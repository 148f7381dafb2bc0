import { randomBytes } from 'node:crypto';
import type { ServerPaths, ServerSpec } from './spec.js';

// JSON strings are valid YAML scalars, so every path and value is quoted this way.
const quote = (value: string) => JSON.stringify(value);

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
  options: { readOnly?: boolean } = {},
): string {
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
  lines.push('health:', '  storagedriver:', '    enabled: true', '    interval: 10s', '    threshold: 3');
  return `${lines.join('\n')}\n`;
}
