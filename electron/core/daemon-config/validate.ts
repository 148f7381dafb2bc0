import { isIP } from 'node:net';
import type { Phrase, Said } from '../../../shared/contract/phrase.js';
import { say } from './phrases.js';

/**
 * dockerd's rules for the two registry keys of daemon.json. Two generations: `modern` is moby since
 * v23 (daemon/pkg/registry/config.go on main: mirrors may carry a path, clearer messages), `legacy` is
 * dockerd 20.10–22 (registry/config.go: a mirror is scheme://host[:port] with at most a trailing "/").
 * Berth picks the generation of the engine it talks to.
 */
export type Rules = 'modern' | 'legacy';

/** `reason` and `warning` in English, with their phrases (`said`, `warningSaid`) for the app. */
export type Verdict =
  | { ok: true; value: string; warning?: string; warningSaid?: Phrase }
  | { ok: false; reason: string; said: Phrase };

function refuse(reason: Said): Verdict {
  return { ok: false, reason: reason.text, said: reason.phrase };
}

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

function validateHostPort(value: string): Said | undefined {
  const split = splitHostPort(value);
  const host = split?.host ?? value;
  if (!DOMAIN_PORT.test(value) && !isIP(host)) return say('notHost', { host });
  if (split?.port !== undefined) {
    if (!/^-?\d+$/.test(split.port)) return say('notPort', { port: split.port });
    const port = Number(split.port);
    if (port < 0 || port > 65535) return say('portRange', { port: split.port });
  }
  return undefined;
}

/** One `insecure-registries` entry: a CIDR or host[:port], no scheme (http/https is stripped with a warning). */
export function validateInsecureRegistry(entry: string, rules: Rules = 'modern'): Verdict {
  let value = entry === 'index.docker.io' ? 'docker.io' : entry;
  if (rules === 'modern' && (value.startsWith('-') || value.endsWith('-'))) {
    return refuse(say('hyphen', { entry }));
  }
  let warning: Said | undefined;
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(value);
  if (scheme) {
    if (!/^https?$/i.test(scheme[1]!)) return refuse(say('noScheme', { entry }));
    value = value.slice(scheme[0].length);
    warning = say('schemeDropped', { entry, scheme: scheme[1]!, value });
  } else if (value.includes('://')) {
    return refuse(say('noScheme', { entry }));
  }
  const warned = warning ? { warning: warning.text, warningSaid: warning.phrase } : {};
  const cidr = parseCidr(value);
  if (cidr) return { ok: true, value: cidr, ...warned };
  // `http://build.lan/`: the host is fine, the slash (or a path) is what dockerd refuses — say so.
  const slash = value.indexOf('/');
  if (slash > 0 && !validateHostPort(value.slice(0, slash))) {
    return refuse(say('noPath', { entry, bare: value.slice(0, slash) }));
  }
  const problem = validateHostPort(value);
  if (problem) return refuse(say('notValid', { entry, problem }));
  return { ok: true, value, ...warned };
}

/** One `registry-mirrors` entry: an http(s) URL, normalised to end in exactly one "/". */
export function validateMirror(entry: string, rules: Rules = 'modern'): Verdict {
  let url: URL;
  if (rules === 'modern' && !/^[^:/?#]+:\/\//.test(entry)) {
    return refuse(say('mirrorNoScheme', { entry }));
  }
  try {
    url = new URL(entry);
  } catch {
    return refuse(say('mirrorNotUri', { entry }));
  }
  // Go's url.Parse lower-cases the scheme, so `HTTPS://` passes dockerd's check (seen on dockerd 20.10).
  const scheme = entry.slice(0, entry.indexOf(':'));
  if (!/^https?$/i.test(scheme)) {
    return refuse(say('mirrorScheme', { scheme, entry }));
  }
  if (entry.includes('?') || entry.includes('#')) {
    return refuse(say('mirrorQuery', { entry }));
  }
  if (url.username || url.password) {
    return refuse(say('mirrorUserinfo', { entry }));
  }
  const path = entry.slice(entry.indexOf('://') + 3).replace(/^[^/]*/, '');
  if (rules === 'legacy' && path !== '' && path !== '/') {
    return refuse(say('mirrorPath', { entry }));
  }
  return { ok: true, value: `${entry.replace(/\/$/, '')}/` };
}

/** Which generation of rules an engine version follows (`20.10.24`, `29.0.1`; unknown → modern). */
export function rulesForVersion(version: string | undefined): Rules {
  const major = Number.parseInt(version ?? '', 10);
  return Number.isFinite(major) && major < 23 ? 'legacy' : 'modern';
}
