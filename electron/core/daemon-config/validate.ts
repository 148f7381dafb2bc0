import { isIP } from 'node:net';

/**
 * dockerd's rules for the two registry keys of daemon.json. Two generations: `modern` is moby since
 * v23 (daemon/pkg/registry/config.go on main: mirrors may carry a path, clearer messages), `legacy` is
 * dockerd 20.10–22 (registry/config.go: a mirror is scheme://host[:port] with at most a trailing "/").
 * Berth picks the generation of the engine it talks to.
 */
export type Rules = 'modern' | 'legacy';

export type Verdict = { ok: true; value: string; warning?: string } | { ok: false; reason: string };

/** distribution/reference DomainRegexp: labels or a bracketed IPv6 address, then an optional port. */
const DOMAIN_PORT =
  /^(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\[[a-fA-F0-9:]+\])(?::[0-9]+)?$/;

/** Go's net.SplitHostPort, enough for host[:port] and [v6]:port. */
function splitHostPort(value: string): { host: string; port?: string } | undefined {
  if (value.startsWith('[')) {
    const end = value.indexOf(']');
    if (end < 0) return undefined;
    const rest = value.slice(end + 1);
    if (rest === '') return undefined; // Go: "missing port in address"
    if (!rest.startsWith(':') || rest.slice(1).includes(':')) return undefined;
    return { host: value.slice(1, end), port: rest.slice(1) };
  }
  const colon = value.lastIndexOf(':');
  if (colon < 0) return undefined;
  const host = value.slice(0, colon);
  if (host.includes(':')) return undefined; // "too many colons"
  return { host, port: value.slice(colon + 1) };
}

/** Go's net.ParseCIDR (masked result, as dockerd stores it). */
export function parseCidr(value: string): string | undefined {
  const slash = value.indexOf('/');
  if (slash < 0) return undefined;
  const address = value.slice(0, slash);
  const bits = value.slice(slash + 1);
  const family = isIP(address);
  if (!family || !/^\d+$/.test(bits)) return undefined;
  const prefix = Number(bits);
  if (prefix > (family === 4 ? 32 : 128)) return undefined;
  if (family === 4) {
    const number = address.split('.').reduce((n, part) => n * 256 + Number(part), 0);
    const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
    const masked = (number & mask) >>> 0;
    return `${[24, 16, 8, 0].map((shift) => (masked >>> shift) & 255).join('.')}/${prefix}`;
  }
  return `${address.toLowerCase()}/${prefix}`;
}

function validateHostPort(value: string): string | undefined {
  const split = splitHostPort(value);
  const host = split?.host ?? value;
  if (!DOMAIN_PORT.test(value) && !isIP(host)) return `"${host}" is not a host name or IP address`;
  if (split?.port !== undefined) {
    if (!/^-?\d+$/.test(split.port)) return `"${split.port}" is not a port number`;
    const port = Number(split.port);
    if (port < 0 || port > 65535) return `port ${split.port} is out of range (0 to 65535)`;
  }
  return undefined;
}

/** One `insecure-registries` entry: a CIDR or host[:port], no scheme (http/https is stripped with a warning). */
export function validateInsecureRegistry(entry: string, rules: Rules = 'modern'): Verdict {
  let value = entry === 'index.docker.io' ? 'docker.io' : entry;
  if (rules === 'modern' && (value.startsWith('-') || value.endsWith('-'))) {
    return { ok: false, reason: `invalid index name (${entry}). Cannot begin or end with a hyphen` };
  }
  let warning: string | undefined;
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(value);
  if (scheme) {
    if (!/^https?$/i.test(scheme[1]!))
      return { ok: false, reason: `insecure registry ${entry} should not contain '://'` };
    value = value.slice(scheme[0].length);
    warning = `"${entry}": dockerd drops the ${scheme[1]}:// and reads ${value}`;
  } else if (value.includes('://')) {
    return { ok: false, reason: `insecure registry ${entry} should not contain '://'` };
  }
  const cidr = parseCidr(value);
  if (cidr) return { ok: true, value: cidr, warning };
  // `http://build.lan/`: the host is fine, the slash (or a path) is what dockerd refuses — say so.
  const slash = value.indexOf('/');
  if (slash > 0 && !validateHostPort(value.slice(0, slash))) {
    const bare = value.slice(0, slash);
    return {
      ok: false,
      reason: `insecure registry ${entry} is not valid: only a host and port go here, without a path or a trailing "/" — write ${bare}`,
    };
  }
  const problem = validateHostPort(value);
  if (problem) return { ok: false, reason: `insecure registry ${entry} is not valid: ${problem}` };
  return { ok: true, value, warning };
}

/** One `registry-mirrors` entry: an http(s) URL, normalised to end in exactly one "/". */
export function validateMirror(entry: string, rules: Rules = 'modern'): Verdict {
  let url: URL;
  if (rules === 'modern' && !/^[^:/?#]+:\/\//.test(entry)) {
    return {
      ok: false,
      reason: `invalid mirror: no scheme specified for "${entry}": must use either 'https://' or 'http://'`,
    };
  }
  try {
    url = new URL(entry);
  } catch {
    return { ok: false, reason: `invalid mirror: "${entry}" is not a valid URI` };
  }
  // Go's url.Parse lower-cases the scheme, so `HTTPS://` passes dockerd's check (seen on dockerd 20.10).
  const scheme = entry.slice(0, entry.indexOf(':'));
  if (!/^https?$/i.test(scheme)) {
    return { ok: false, reason: `invalid mirror: unsupported scheme "${scheme}" in "${entry}"` };
  }
  if (entry.includes('?') || entry.includes('#')) {
    return { ok: false, reason: `invalid mirror: query or fragment at end of the URI "${entry}"` };
  }
  if (url.username || url.password) {
    return { ok: false, reason: `invalid mirror: username/password not allowed in URI "${entry}"` };
  }
  const path = entry.slice(entry.indexOf('://') + 3).replace(/^[^/]*/, '');
  if (rules === 'legacy' && path !== '' && path !== '/') {
    return { ok: false, reason: `invalid mirror: path, query, or fragment at end of the URI "${entry}"` };
  }
  return { ok: true, value: `${entry.replace(/\/$/, '')}/` };
}

/** Which generation of rules an engine version follows (`20.10.24`, `29.0.1`; unknown → modern). */
export function rulesForVersion(version: string | undefined): Rules {
  const major = Number.parseInt(version ?? '', 10);
  return Number.isFinite(major) && major < 23 ? 'legacy' : 'modern';
}
