import { isIP } from 'node:net';

/**
 * Where a registry's credentials may go. They belong to the registry's origin (scheme, host and port:
 * RFC 6454) and to the token realm it names — over HTTPS. Over plain HTTP anyone on the way reads them,
 * so there they go to the registry's own origin only (the user chose plain HTTP for that origin alone).
 * A realm on a private or loopback address other than the registry's own host is refused too: a public
 * registry must not aim the user's password at a service inside their network (ggcr transport/bearer.go
 * `validateRealmURL` has the same rule).
 */
export type RealmProblem = 'plain-http' | 'private-address';

export function realmCredentialProblem(realm: URL, registryOrigin: URL): RealmProblem | undefined {
  if (realm.origin === registryOrigin.origin) return undefined;
  if (realm.protocol !== 'https:') return 'plain-http';
  if (sameHostname(realm.hostname, registryOrigin.hostname)) return undefined;
  return isPrivateAddress(realm.hostname) ? 'private-address' : undefined;
}

function sameHostname(a: string, b: string): boolean {
  return bareHost(a) === bareHost(b);
}

/** Lower case, without IPv6 brackets or the trailing dot of an absolute DNS name (`localhost.`). */
function bareHost(hostname: string): string {
  return hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
}

/**
 * IPv4 blocks that are not on the public internet (RFC 6890 special-purpose registry): this host,
 * private networks, carrier-grade NAT (RFC 6598), loopback, link-local, IETF protocol assignments,
 * benchmarking, multicast and reserved space.
 */
const PRIVATE_IPV4: [number, number][] = [
  [0x00000000, 8],
  [0x0a000000, 8],
  [0x64400000, 10],
  [0x7f000000, 8],
  [0xa9fe0000, 16],
  [0xac100000, 12],
  [0xc0000000, 24],
  [0xc0a80000, 16],
  [0xc6120000, 15],
  [0xe0000000, 4],
  [0xf0000000, 4],
];

/**
 * A name or address that points into the user's own machine or network. Names: `localhost`, any
 * `*.localhost` (RFC 6761 reserves them for loopback; browsers and systemd-resolved resolve them so)
 * and their absolute forms with a trailing dot. IPv6: loopback, unspecified, unique-local, link- and
 * site-local, multicast, and IPv4 carried inside IPv6 (mapped `::ffff:a.b.c.d`, compatible `::a.b.c.d`,
 * NAT64 `64:ff9b::/96`, 6to4 `2002::/16`), judged by the IPv4 address inside.
 */
export function isPrivateAddress(hostname: string): boolean {
  const host = bareHost(hostname);
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  const family = isIP(host);
  if (family === 4) return isPrivateIPv4(ipv4Number(host));
  if (family === 6) return isPrivateIPv6(ipv6Groups(host));
  return false;
}

function ipv4Number(address: string): number {
  return address.split('.').reduce((value, part) => value * 256 + Number(part), 0);
}

function isPrivateIPv4(value: number): boolean {
  return PRIVATE_IPV4.some(
    ([base, bits]) => Math.floor(value / 2 ** (32 - bits)) === base / 2 ** (32 - bits),
  );
}

/** The eight 16-bit groups of a valid IPv6 address (`::` expanded, a dotted IPv4 tail converted). */
function ipv6Groups(address: string): number[] {
  let text = address;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const value = ipv4Number(dotted[1]!);
    text = `${text.slice(0, dotted.index)}${(value >>> 16).toString(16)}:${(value & 0xffff).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const front = head ? head.split(':') : [];
  const back = tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : Array<string>(8 - front.length - back.length).fill('0');
  return [...front, ...fill, ...back].map((group) => Number.parseInt(group, 16));
}

function isPrivateIPv6(groups: number[]): boolean {
  const [g0, g1, g2, g3, g4, g5, g6, g7] = groups as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const embedded = (high: number, low: number) => isPrivateIPv4(high * 65536 + low);
  const firstFiveZero = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0;
  if (firstFiveZero && g5 === 0xffff) return embedded(g6, g7); // ::ffff:a.b.c.d, mapped
  if (firstFiveZero && g5 === 0) return embedded(g6, g7); // ::a.b.c.d, compatible; `::` and `::1` fall in 0.0.0.0/8
  if (g0 === 0x64 && g1 === 0xff9b) return g2 === 1 || embedded(g6, g7); // NAT64; 64:ff9b:1::/48 is local use
  if (g0 === 0x2002) return embedded(g1, g2); // 6to4
  return (
    (g0 & 0xfe00) === 0xfc00 || // fc00::/7 unique local
    (g0 & 0xffc0) === 0xfe80 || // fe80::/10 link local
    (g0 & 0xffc0) === 0xfec0 || // fec0::/10 site local (deprecated, still routed inside sites)
    (g0 & 0xff00) === 0xff00 // multicast
  );
}
