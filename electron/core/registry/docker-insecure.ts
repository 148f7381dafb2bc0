import { lookup } from 'node:dns/promises';
import { isIP as netIsIP, isIPv4 } from 'node:net';

/**
 * Docker's rule for registries no one configured: dockerd always counts `127.0.0.0/8` and `::1/128` among
 * its insecure registries, and tests a name by resolving it (moby `registry/config.go`, `isSecureIndex` and
 * `isCIDRMatch`: any address in a loopback range makes it insecure; Berth wants all of them there). For
 * such a host Docker tries HTTPS first and falls back to plain HTTP, so `docker login 127.0.0.1:5000` works
 * against a plain registry.
 */
export function isLoopbackAddress(address: string): boolean {
  const plain = address.replace(/^\[|\]$/g, '').replace(/^::ffff:/i, '');
  if (isIP(plain) === 4) return plain.split('.')[0] === '127';
  if (isIP(plain) === 6) return /^(0{0,4}:){7}0{0,3}1$|^::1$/i.test(plain);
  return false;
}

/**
 * node:net's isIP, asking the IPv6 question only of text with a colon in it (every IPv6 address has two):
 * Node answers it with a regular expression whose first use costs tens of milliseconds of compiling, which
 * a `127.0.0.1:5000` or a DNS name would otherwise pay at every start of the CLI.
 */
function isIP(text: string): number {
  const colon = text.indexOf(':');
  if (colon < 0) return isIPv4(text) ? 4 : 0;
  return colon === text.lastIndexOf(':') ? 0 : netIsIP(text);
}

/** The hostname of `host[:port]` (brackets of an IPv6 literal removed). */
export function hostnameOf(host: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(host);
  if (bracketed) return bracketed[1]!;
  if (isIP(host)) return host;
  const colon = host.lastIndexOf(':');
  return colon >= 0 ? host.slice(0, colon) : host;
}

export type Resolve = (hostname: string) => Promise<string[]>;

const systemResolve: Resolve = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/** Whether dockerd, with no configuration of its own for this host, would treat it as insecure. */
export async function isDockerInsecureByDefault(
  host: string,
  resolve: Resolve = systemResolve,
): Promise<boolean> {
  const hostname = hostnameOf(host);
  if (isIP(hostname)) return isLoopbackAddress(hostname);
  try {
    // Stricter than dockerd, which takes any loopback address: the HTTP request that follows connects to
    // whichever address comes first, so a name that also resolves to another machine (DNS someone else
    // controls) could receive credentials in plain text. Only a name that is loopback through and through.
    const addresses = await resolve(hostname);
    return addresses.length > 0 && addresses.every(isLoopbackAddress);
  } catch {
    // A name that does not resolve is not Docker-insecure; connecting reports the real problem.
    return false;
  }
}
