import type { ServerView } from '../../../shared/contract/servers.js';

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[?::1\]?)$/i;
const EVERY_ADDRESS = /^(0\.0\.0\.0|\[?::\]?)$/;

/** `host:port` (or `[v6]:port`) as hostname and port; a registry without a port is on 443. */
function split(address: string): { hostname: string; port: number } {
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(address.trim());
  if (!match) return { hostname: address.toLowerCase(), port: 443 };
  return { hostname: match[1]!.toLowerCase().replace(/^\[|\]$/g, ''), port: Number(match[2] ?? 443) };
}

/**
 * The registry of the user's own ("Your registries") a connection's `host:port` reaches, if any: the same
 * port, and the same name — where any loopback name reaches a server on loopback or on every address.
 */
export function ownServerFor<T extends Pick<ServerView, 'host' | 'bind' | 'port'>>(
  connectionHost: string,
  servers: readonly T[],
): T | undefined {
  const target = split(connectionHost);
  return servers.find((server) => {
    if (server.port !== target.port) return false;
    const own = split(server.host).hostname;
    if (own === target.hostname) return true;
    if (!LOOPBACK.test(target.hostname)) return false;
    return LOOPBACK.test(own) || EVERY_ADDRESS.test(server.bind);
  });
}
