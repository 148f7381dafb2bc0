import type { X509Certificate } from 'node:crypto';
import { BlockList, isIP } from 'node:net';
import path from 'node:path';
import { loadDaemonConfig, parseCidr, validateInsecureRegistry } from '../daemon-config/index.js';
import { chainLeadsTo } from './certificate.js';
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
  const notes: string[] = [];
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
  const missText = nearMisses.map(
    (entry) => `the entry "${entry}" does not cover ${host}: dockerd compares host:port exactly`,
  );
  const addInsecure: Fix = {
    text: `Add "${host}" (with the port) to insecure-registries in ${daemon.file ?? 'daemon.json'}, then restart or reload dockerd.`,
    action: 'add-insecure',
    value: host,
  };
  if (input.isDockerHub) {
    notes.push(
      daemon.registryMirrors.length
        ? `pulls from Docker Hub try the mirrors first: ${daemon.registryMirrors.join(', ')}`
        : 'no registry-mirrors: pulls go to Docker Hub directly',
    );
  } else if (daemon.registryMirrors.length) {
    notes.push(`registry-mirrors apply to Docker Hub only; pulls from ${host} go to it directly`);
  }
  const how = exact
    ? `insecure-registries lists "${host}"`
    : covering
      ? `${covering.address} is in ${covering.cidr}${ALWAYS_INSECURE.includes(covering.cidr) ? ' (always insecure)' : ' (insecure-registries)'}`
      : undefined;
  const data = { insecure: isInsecure, coveredBy: exact ? host : covering?.cidr, nearMisses };
  const say = (status: StepStatus, lines: string[], fix?: Fix): Verdict => ({
    status,
    detail: [...lines, ...notes].join('; '),
    fix,
    data,
  });

  if (input.speaks === 'http') {
    if (!isInsecure) {
      return say(
        'fail',
        [`Docker will refuse ${host}: it speaks plain HTTP and is not an insecure registry`, ...missText],
        addInsecure,
      );
    }
    // Covered by 127.0.0.0/8 or ::1 it works by Docker's rule, not by luck: no entry to advise.
    if (nearMisses.length && !exact && !ALWAYS_INSECURE.includes(covering?.cidr ?? '')) {
      return say('warn', [`Docker will use plain HTTP only because ${how}`, ...missText], addInsecure);
    }
    return say('ok', [`Docker will fall back to plain HTTP: ${how}`]);
  }
  if (isInsecure) {
    return say('ok', [
      `Docker will not verify the certificate of ${host}: ${how}; certs.d is not read for it`,
      ...missText,
    ]);
  }
  const certsDDir = input.certsD?.dir;
  if (input.trustedBySystem) return say('ok', [`the system trusts the certificate of ${host}`]);
  if (input.chain?.length && input.certsD?.caPem.length && chainLeadsTo(input.chain, input.certsD.caPem)) {
    return say('ok', [`Docker trusts ${host} through ${certsDDir}`]);
  }
  const target = certsDDir ?? path.join('/etc/docker/certs.d', host);
  return say(
    'fail',
    [
      input.certsD?.caPem.length
        ? `the CA in ${certsDDir} did not sign the certificate of ${host}`
        : `Docker will not trust ${host}: no CA for it in ${target}`,
      ...missText,
    ],
    {
      text: `Install the registry's CA as ${path.join(target, 'ca.crt')} (the folder name must be exactly "${host}").`,
      action: 'install-certs-d',
      value: target,
    },
  );
}
