import { hostname } from 'node:os';
import path from 'node:path';
import { isCertificateName, isIpAddress } from '../../../shared/certificate-names.js';
import { BerthError } from '../errors.js';
import type { ProxySpec } from './proxy.js';

export type RuntimeKind = 'process' | 'container';
export type TlsMode = 'none' | 'self-signed' | 'existing';

/** What Berth keeps about a registry it runs (`server.json`); never a secret. */
export interface ServerSpec {
  name: string;
  runtime: RuntimeKind;
  /** Address Distribution listens on (`0.0.0.0` for every interface). */
  bind: string;
  port: number;
  /** Distribution's `storage.filesystem.rootdirectory`. */
  storageDir: string;
  deleteEnabled: boolean;
  auth: 'none' | 'htpasswd';
  /** Users in the htpasswd file, in the order they were added. */
  users: string[];
  tls: TlsMode;
  /** Names and IPs in the server certificate (self-signed only). */
  tlsNames: string[];
  /** The container runtime's image (default `registry:2`). */
  image?: string;
  /**
   * The container runtime's network: `publish` (default) publishes the port on the bind address;
   * `host` shares the host's network (engines without a bridge).
   */
  network?: 'publish' | 'host';
  /** Where the local Docker is told about it, as chosen at create time; later `trust` uses them. */
  docker?: DockerPaths;
  /** A pull-through cache of another registry (read-only for clients). */
  proxy?: ProxySpec;
  createdAt: string;
}

/** Where the local Docker daemon is told about a registry; each left out is the platform's default. */
export interface DockerPaths {
  /** host[:port] as image references will name the registry; default see trust.ts `dockerHostFor`. */
  host?: string;
  /** Docker's certs.d folder (absolute). */
  certsDRoot?: string;
  /** daemon.json to edit (absolute). */
  daemonConfigFile?: string;
}

/** Where one server's files live: `<dataDir>/servers/<name>/`. */
export interface ServerPaths {
  dir: string;
  spec: string;
  config: string;
  htpasswd: string;
  tlsDir: string;
  caCert: string;
  caKey: string;
  serverCert: string;
  serverKey: string;
  defaultStorage: string;
  log: string;
  pid: string;
}

export function serverPaths(serversDir: string, name: string): ServerPaths {
  const dir = path.join(serversDir, name);
  const tlsDir = path.join(dir, 'tls');
  return {
    dir,
    spec: path.join(dir, 'server.json'),
    config: path.join(dir, 'config.yml'),
    htpasswd: path.join(dir, 'htpasswd'),
    tlsDir,
    caCert: path.join(tlsDir, 'ca.crt'),
    caKey: path.join(tlsDir, 'ca.key'),
    serverCert: path.join(tlsDir, 'server.crt'),
    serverKey: path.join(tlsDir, 'server.key'),
    defaultStorage: path.join(dir, 'data'),
    log: path.join(dir, 'registry.log'),
    pid: path.join(dir, 'registry.pid'),
  };
}

export const DEFAULT_PORT = 5000;
/** This machine only: a registry reachable from the network is asked for (`--all-interfaces`), not a default. */
export const DEFAULT_BIND = '127.0.0.1';
export const DEFAULT_IMAGE = 'registry:2';

/**
 * The names a new certificate covers unless the user lists others: this machine's, plus the address it
 * is bound to (`--bind 192.0.2.2`: Berth's own connection and Docker reach it there) and the name Docker
 * is told to use (`--docker-host`). Without them the new server fails its first check on a name mismatch.
 */
export function defaultTlsNames(reachedAs: string[] = []): string[] {
  return [...new Set(['localhost', '127.0.0.1', hostname(), ...reachedAs])];
}

const NAME = /^[a-z0-9][a-z0-9_.-]{0,62}$/i;

export function checkServerName(name: string): void {
  if (!NAME.test(name))
    throw new BerthError('INVALID_INPUT', `"${name}" is not a usable server name`, {
      hint: 'Use letters, digits, ".", "_" and "-" (up to 63, starting with a letter or digit)',
    });
}

export function checkPort(port: number): void {
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new BerthError('INVALID_INPUT', `${port} is not a TCP port`, {
      hint: 'Pick a port from 1 to 65535',
    });
}

/** Distribution and the engine's port binding both take an address, not a name. */
export function checkBind(bind: string): void {
  if (!isIpAddress(bind))
    throw new BerthError('INVALID_INPUT', `"${bind}" is not an IP address to listen on`, {
      hint: 'Use 0.0.0.0 for every interface, 127.0.0.1 for this machine only, or one of its addresses',
    });
}

/** Names the user wants in a new server certificate; see shared/certificate-names.ts for why. */
export function checkCertificateNames(names: string[]): void {
  const wrong = names.find((name) => !isCertificateName(name));
  if (wrong !== undefined)
    throw new BerthError('INVALID_INPUT', `"${wrong}" is not a DNS name or an IP address`, {
      hint: 'A certificate names its server by DNS names (registry.example.com, *.example.com) and IP addresses',
    });
}

/** Whether the server listens on every interface. */
export function isWildcardBind(bind: string): boolean {
  return bind === '0.0.0.0' || bind === '::' || bind === '';
}

/** The host a client on this machine uses: a wildcard bind is reached on loopback. */
export function localHost(spec: Pick<ServerSpec, 'bind' | 'port'>): string {
  const address = isWildcardBind(spec.bind) ? '127.0.0.1' : spec.bind;
  return `${address.includes(':') ? `[${address}]` : address}:${spec.port}`;
}
