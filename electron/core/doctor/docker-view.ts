import type { X509Certificate } from 'node:crypto';
import { BlockList, isIP } from 'node:net';
import path from 'node:path';
import { loadDaemonConfig, parseCidr, validateInsecureRegistry } from '../daemon-config/index.js';
import type { Phrase, Said } from '../../../shared/contract/phrase.js';
import { chainLeadsTo } from './certificate.js';
import { detailOf, fixOf, say } from './phrases.js';
import type { DaemonView, Fix, StepStatus } from './types.js';

/** dockerd appends these to every insecure-registries list (docker-conventions.md §1.3, §4.2). */
const ALWAYS_INSECURE = ['127.0.0.0/8', '::1/128'];

/** daemon.json's registry lists; undefined when the file cannot be read (the docker step says so). */
export async function readDaemonView(file: string): Promise<DaemonView | undefined> {
  try {
    const loaded = await loadDaemonConfig(file);
    return {
      file: loaded.file,
      insecureRegistries: loaded.document.insecureRegistries,
      registryMirrors: loaded.document.registryMirrors,
    };
  } catch {
    return undefined;
  }
}

export interface DockerViewInput {
  /** host[:port] exactly as an image reference names it. */
  host: string;
  hostname: string;
  isDockerHub: boolean;
  addresses: string[];
  /** What the server speaks on that port. */
  speaks: 'https' | 'http';
  chain?: X509Certificate[];
  trustedBySystem?: boolean;
  certsD?: { dir: string; caPem: X509Certificate[] };
  daemon: DaemonView;
}

export interface Verdict {
  status: StepStatus;
  detail: string;
  said: Phrase[];
  fix?: Fix;
  data: Record<string, unknown>;
}

function hostPart(entry: string): string {
  const bracketed = /^\[([^\]]+)\]/.exec(entry);
  if (bracketed) return bracketed[1]!;
  if (isIP(entry)) return entry;
  const colon = entry.lastIndexOf(':');
  return colon < 0 ? entry : entry.slice(0, colon);
}

function cidrCovering(addresses: string[], cidrs: string[]): { address: string; cidr: string } | undefined {
  for (const cidr of cidrs) {
    const [network, bits] = cidr.split('/') as [string, string];
    const family = isIP(network) === 6 ? 'ipv6' : 'ipv4';
    const list = new BlockList();
    list.addSubnet(network, Number(bits), family);
    const address = addresses.find((a) => isIP(a) === (family === 'ipv6' ? 6 : 4) && list.check(a, family));
    if (address) return { address, cidr };
  }
  return undefined;
}

/**
 * What dockerd will do with this host (moby daemon/pkg/registry `isSecureIndex`): an exact host[:port]
 * entry first — `myregistry` does not cover `myregistry:5000` — then the resolved addresses against
 * every CIDR entry, 127.0.0.0/8 and ::1/128 included. Insecure hosts get HTTPS without verification,
 * then HTTP; secure ones need a certificate the system or certs.d/<host:port>/ trusts.
 */
export function judgeDockerView(input: DockerViewInput): Verdict {
  const { host, daemon } = input;
  const notes: Said[] = [];
  const valid = daemon.insecureRegistries.flatMap((entry) => {
    const verdict = validateInsecureRegistry(entry);
    return verdict.ok ? [verdict.value] : [];
  });
  const cidrs = [...valid.filter((v) => parseCidr(v) !== undefined), ...ALWAYS_INSECURE];
  const hostEntries = valid.filter((v) => parseCidr(v) === undefined);
  const exact = hostEntries.includes(host);
  const covering = exact ? undefined : cidrCovering(input.addresses, cidrs);
  const isInsecure = !input.isDockerHub && (exact || covering !== undefined);
  const nearMisses = hostEntries.filter(
    (entry) => entry !== host && hostPart(entry).toLowerCase() === input.hostname.toLowerCase(),
  );
  const missText = nearMisses.map((entry) => say('nearMiss', { entry, host }));
  const addInsecure = fixOf(say('addInsecureFix', { host, file: daemon.file ?? 'daemon.json' }), {
    action: 'add-insecure',
    value: host,
  });
  if (input.isDockerHub) {
    notes.push(
      daemon.registryMirrors.length
        ? say('mirrorsFirst', { mirrors: daemon.registryMirrors.join(', ') })
        : say('noMirrors'),
    );
  } else if (daemon.registryMirrors.length) {
    notes.push(say('mirrorsHubOnly', { host }));
  }
  const how = exact
    ? say('howListed', { host })
    : covering
      ? say(ALWAYS_INSECURE.includes(covering.cidr) ? 'howAlways' : 'howCidr', covering)
      : say('howListed', { host });
  const data = { insecure: isInsecure, coveredBy: exact ? host : covering?.cidr, nearMisses };
  const verdict = (status: StepStatus, lines: Said[], fix?: Fix): Verdict => ({
    status,
    ...detailOf(...lines, ...notes),
    fix,
    data,
  });

  if (input.speaks === 'http') {
    if (!isInsecure) {
      return verdict('fail', [say('dockerRefusesHttp', { host }), ...missText], addInsecure);
    }
    // Covered by 127.0.0.0/8 or ::1 it works by Docker's rule, not by luck: no entry to advise.
    if (nearMisses.length && !exact && !ALWAYS_INSECURE.includes(covering?.cidr ?? '')) {
      return verdict('warn', [say('dockerHttpByLuck', { how }), ...missText], addInsecure);
    }
    return verdict('ok', [say('dockerHttpFallback', { how })]);
  }
  if (isInsecure) {
    return verdict('ok', [say('dockerNoVerify', { host, how }), say('certsDNotRead'), ...missText]);
  }
  const certsDDir = input.certsD?.dir;
  if (input.trustedBySystem) return verdict('ok', [say('systemTrusts', { host })]);
  if (input.chain?.length && input.certsD?.caPem.length && chainLeadsTo(input.chain, input.certsD.caPem)) {
    return verdict('ok', [say('certsDTrusts', { host, dir: certsDDir ?? '' })]);
  }
  const target = certsDDir ?? path.join('/etc/docker/certs.d', host);
  return verdict(
    'fail',
    [
      input.certsD?.caPem.length
        ? say('certsDWrongCa', { dir: certsDDir ?? '', host })
        : say('certsDMissing', { host, dir: target }),
      ...missText,
    ],
    fixOf(say('installCaFix', { file: path.join(target, 'ca.crt'), host }), {
      action: 'install-certs-d',
      value: target,
    }),
  );
}
