// The value checks dockerd makes as soon as it has read daemon.json, before it starts anything
// (`config.Validate`, `GetConflictFreeLabels`, the log level): pure, so Berth can make them too.
import { isIP } from 'node:net';
import type { Node } from 'jsonc-parser';
import type { DockerdGeneration } from './dockerd-keys.js';
import { lastWins } from './go-decode.js';

const LOG_LEVELS = new Set(['panic', 'fatal', 'error', 'warn', 'warning', 'info', 'debug', 'trace']);
const BUILTIN_RUNTIMES = new Set(['runc', 'io.containerd.runtime.v1.linux', 'io.containerd.runc.v2']);
/** opts.ValidateDNSSearch's domain rule. */
const DOMAIN =
  /^(:?(([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])\.)*([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9])\.?)$/;

const stringsOf = (node: Node | undefined) =>
  node?.type === 'array'
    ? (node.children ?? []).flatMap((item) => (item.type === 'string' ? [item.value as string] : []))
    : [];
const numberOf = (node: Node | undefined) => (node?.type === 'number' ? (node.value as number) : undefined);
const stringOf = (node: Node | undefined) => (node?.type === 'string' ? (node.value as string) : undefined);

/** config.Validate, GetConflictFreeLabels and the log level: the value checks dockerd makes before anything else. */
export function valueProblems(top: Map<string, Node>, gen: DockerdGeneration): string[] {
  const problems: string[] = [];
  const labels = new Map<string, string>();
  for (const label of stringsOf(top.get('labels'))) {
    const at = label.indexOf('=');
    if (at < 0) {
      problems.push(`labels: "${label}" is not key=value`);
      continue;
    }
    const [key, value] = [label.slice(0, at), label.slice(at + 1)];
    if (labels.has(key) && labels.get(key) !== value)
      problems.push(`labels: "${key}" is given two values ("${labels.get(key)}" and "${value}")`);
    labels.set(key, value);
  }
  // Before 25.0 `dns` is a list of strings, each checked by opts.ValidateIPAddress; later the type does it.
  const dns = gen.fields.get('dns');
  if (typeof dns === 'object' && 'list' in dns && dns.list === 'string')
    for (const server of stringsOf(top.get('dns')))
      if (!isIP(server.trim())) problems.push(`dns: "${server}" is not an IP address`);
  for (const domain of stringsOf(top.get('dns-search')))
    if (domain !== '.' && (!DOMAIN.test(domain) || domain.length > 255))
      problems.push(`dns-search: "${domain}" is not a domain name`);
  for (const key of ['max-concurrent-downloads', 'max-concurrent-uploads']) {
    const count = numberOf(top.get(key));
    if (count !== undefined && count < 0) problems.push(`${key}: must not be negative`);
  }
  const attempts = numberOf(top.get('max-download-attempts'));
  if (attempts !== undefined && attempts <= 0) problems.push('max-download-attempts: must be at least 1');
  const runtimes = lastWins(top.get('runtimes'));
  if (runtimes.has('runc')) problems.push('runtimes: the name "runc" is reserved');
  const defaultRuntime = stringOf(top.get('default-runtime'));
  // From 23.0 a containerd shim name (`io.containerd.runsc.v1`: a dot, no slash) needs no runtimes entry.
  const isShimName = (name: string) =>
    gen.release[0] >= 23 && name.includes('.') && !name.includes('/') && !name.startsWith('.');
  if (
    defaultRuntime &&
    !BUILTIN_RUNTIMES.has(defaultRuntime) &&
    !runtimes.has(defaultRuntime) &&
    !isShimName(defaultRuntime)
  )
    problems.push(`default-runtime: no runtime "${defaultRuntime}" is defined`);
  const ipcMode = stringOf(top.get('default-ipc-mode'));
  if (ipcMode && ipcMode !== 'private' && ipcMode !== 'shareable')
    problems.push(`default-ipc-mode: "${ipcMode}" is not "shareable" or "private"`);
  const cgroupns = stringOf(top.get('default-cgroupns-mode'));
  if (cgroupns && cgroupns !== 'host' && cgroupns !== 'private')
    problems.push(`default-cgroupns-mode: "${cgroupns}" is not "host" or "private"`);
  const level = stringOf(top.get('log-level'));
  if (level && !LOG_LEVELS.has(level.toLowerCase()))
    problems.push(`log-level: "${level}" is not one of debug, info, warn, error, fatal`);
  if (gen.fields.has('graph') && stringOf(top.get('graph')) && stringOf(top.get('data-root')))
    problems.push('"graph" and "data-root" are both set: keep "data-root" only');
  return problems;
}
