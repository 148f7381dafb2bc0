import { isIP } from 'node:net';
import { isDockerHubHost } from '../../../shared/reference.js';

export interface Target {
  /** host[:port] as references and daemon.json name it (`docker.io`, `127.0.0.1:5000`). */
  host: string;
  /** The name to resolve and connect to (Docker Hub's API lives on registry-1.docker.io). */
  hostname: string;
  port: number;
  scheme: 'https' | 'http';
  isDockerHub: boolean;
}

/** `HOST[:PORT]`, `[v6]:PORT` or a URL; the scheme, when given, wins over the connection's. */
export function parseTarget(input: string, defaultScheme: 'https' | 'http' = 'https'): Target {
  const schemeMatch = /^(https?):\/\//i.exec(input);
  const scheme = (schemeMatch?.[1]?.toLowerCase() as 'https' | 'http' | undefined) ?? defaultScheme;
  const host = input.slice(schemeMatch?.[0].length ?? 0).replace(/\/+$/, '');
  if (!host || host.includes('/')) throw new Error(`"${input}" is not a registry host[:port]`);
  const isDockerHub = isDockerHubHost(host);
  let hostname = host;
  let port: number | undefined;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(host);
  if (bracketed) {
    hostname = bracketed[1]!;
    port = bracketed[2] ? Number(bracketed[2]) : undefined;
  } else if (!isIP(host)) {
    const colon = host.lastIndexOf(':');
    if (colon >= 0) {
      hostname = host.slice(0, colon);
      port = Number(host.slice(colon + 1));
      if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`"${input}": invalid port`);
    }
  }
  return {
    host: isDockerHub ? 'docker.io' : host,
    hostname: isDockerHub ? 'registry-1.docker.io' : hostname,
    port: port ?? (scheme === 'https' ? 443 : 80),
    scheme,
    isDockerHub,
  };
}
