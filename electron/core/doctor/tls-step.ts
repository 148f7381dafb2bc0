import type { X509Certificate } from 'node:crypto';
import {
  defaultCertsDRoot,
  isLoopbackAddress,
  loadTlsMaterial,
  readCertsD,
  systemCertificates,
  type PingResult,
} from '../registry/index.js';
import { chainLeadsTo, describeCertificate, namesMatch, parsePemBundle, validityAt } from './certificate.js';
import { probeHttp, probeTls } from './network.js';
import { detailOf, fixOf, say } from './phrases.js';
import type { Target } from './target.js';
import type { DoctorDeps, Step } from './types.js';

export type Outcome = Omit<Step, 'id' | 'title' | 'ms'>;

/** What the steps learn and hand on to the next ones. */
export interface Findings {
  addresses: string[];
  address?: string;
  speaks?: 'https' | 'http';
  chain?: X509Certificate[];
  trustedBySystem?: boolean;
  ping?: PingResult;
}

/** Step 3: TLS (or plain HTTP) on the port, and the certificate judged against each trust store. */
export async function checkTls(
  target: Target,
  deps: DoctorDeps,
  found: Findings,
  timeoutMs: number,
): Promise<Outcome> {
  const address = found.address!;
  // dockerd takes a host as insecure when any of its addresses is loopback (moby isSecureIndex): it then
  // falls back to plain HTTP by itself, and an insecure-registries entry would change nothing.
  const loopback = found.addresses.find(isLoopbackAddress);
  const httpFix = loopback
    ? say('useHttpLoopbackFix', { host: target.host, loopback })
    : say('useHttpFix', { host: target.host });
  if (target.scheme === 'http') {
    const http = await probeHttp(address, target.port, target.host, timeoutMs);
    if (http.kind === 'http') {
      found.speaks = 'http';
      return {
        status: 'ok',
        ...detailOf(say('httpOk', { statusLine: http.statusLine }), say('httpClearText')),
      };
    }
    const tls = await probeTls(address, target.port, target.hostname, timeoutMs);
    if (tls.kind === 'tls') {
      found.speaks = 'https';
      found.chain = tls.chain;
      return {
        status: 'fail',
        ...detailOf(
          say(http.kind === 'https-server' ? 'speaksHttpsGoSays' : 'speaksHttps', {
            host: target.host,
            protocol: tls.protocol,
          }),
        ),
        fix: fixOf(say('useHttpsFix', { host: target.host }), { action: 'use-https' }),
      };
    }
    return {
      status: 'fail',
      ...detailOf(
        say(http.kind !== 'no-http' ? 'neither' : http.closed ? 'neitherClosed' : 'neitherNotHttp'),
        say('system', { message: tls.message }),
      ),
      fix: fixOf(say('portFix')),
    };
  }

  const tls = await probeTls(address, target.port, target.hostname, timeoutMs);
  if (tls.kind !== 'tls') {
    const http =
      tls.kind === 'not-tls' ? await probeHttp(address, target.port, target.host, timeoutMs) : undefined;
    if (http?.kind === 'http') {
      found.speaks = 'http';
      return {
        status: 'fail',
        // Docker's error only where it does not fall back to plain HTTP by itself (not loopback).
        ...detailOf(
          say(loopback ? 'speaksHttp' : 'speaksHttpDockerSays', {
            host: target.host,
            statusLine: http.statusLine,
          }),
        ),
        fix: fixOf(httpFix, { action: 'use-http' }),
        data: { problem: 'not-https' },
      };
    }
    return {
      status: 'fail',
      ...detailOf(say('handshakeFailed', { code: tls.code, message: tls.message })),
      fix: fixOf(say('tlsPortFix')),
    };
  }
  found.speaks = 'https';
  found.chain = tls.chain;
  const leaf = tls.chain[0];
  if (!leaf)
    return {
      status: 'fail',
      ...detailOf(say('noCertificate')),
      fix: fixOf(say('noCertificateFix')),
    };

  const facts = tls.chain.map(describeCertificate);
  const system = parsePemBundle(systemCertificates());
  const material = await loadTlsMaterial(
    target.hostname === 'registry-1.docker.io' ? 'registry-1.docker.io' : target.host,
    deps.connection?.tls ?? {},
    { certsDRoot: false },
  );
  const certsD = await certsDFor(target, deps);
  found.trustedBySystem = chainLeadsTo(tls.chain, system);
  const trustedBy = {
    system: found.trustedBySystem,
    connection: material.caPem.length > 0 && chainLeadsTo(tls.chain, parsePemBundle(material.caPem)),
    certsD: certsD !== undefined && certsD.caPem.length > 0 && chainLeadsTo(tls.chain, certsD.caPem),
  };
  const validity = validityAt(leaf, Date.now());
  const namesOk = namesMatch(leaf, target.hostname);
  const leafFacts = facts[0]!;
  const stores = [
    ...(trustedBy.system ? [say('storeSystem')] : []),
    ...(trustedBy.connection ? [say('storeConnection')] : []),
    ...(trustedBy.certsD ? [say('storeCertsD')] : []),
  ];
  const [first, second, third] = stores;
  const lines = [
    say('tlsProtocol', { protocol: tls.protocol }),
    say('certificate', { subject: leafFacts.subject, issuer: leafFacts.issuer }),
    say('validity', { from: readableTime(leafFacts.validFrom), to: readableTime(leafFacts.validTo) }),
    leafFacts.subjectAltNames.length
      ? say('names', { names: leafFacts.subjectAltNames.join(', ') })
      : say('namesNone'),
    say('sha256', { sha256: leafFacts.sha256 }),
    !first
      ? say('trustedByNobody')
      : say('trustedBy', {
          stores: third
            ? say('storesThree', { first, second: second!, third })
            : second
              ? say('storesTwo', { first, second })
              : first,
        }),
  ];
  const data = { certificates: facts, trustedBy, validity, namesMatch: namesOk };
  if (validity !== 'valid') {
    return {
      status: 'fail',
      ...detailOf(
        validity === 'expired'
          ? say('expired', { date: readableTime(leafFacts.validTo) })
          : say('notYetValid', { date: readableTime(leafFacts.validFrom) }),
        ...lines,
      ),
      fix: fixOf(say(validity === 'expired' ? 'renewFix' : 'clockFix')),
      data: { ...data, problem: 'expired' },
    };
  }
  if (!namesOk) {
    return {
      status: 'fail',
      ...detailOf(say('hostnameMismatch', { hostname: target.hostname }), ...lines),
      fix: fixOf(say('hostnameFix', { hostname: target.hostname })),
      data: { ...data, problem: 'hostname' },
    };
  }
  if (!trustedBy.system && !trustedBy.connection && !trustedBy.certsD) {
    const top = tls.chain.at(-1)!;
    if (deps.connection?.tls?.skipVerify) {
      return {
        status: 'warn',
        ...detailOf(say('unknownCa'), say('verificationOff'), ...lines),
        data,
      };
    }
    return {
      status: 'fail',
      ...detailOf(say('unknownCa'), ...lines),
      fix: {
        ...fixOf(say('trustCaFix', { sha256: top.fingerprint256 })),
        action: 'trust-ca',
        // The PEM of the last certificate presented: the CA when the server sends its chain, else the
        // server's own certificate, pinned (Node with allowPartialTrustChain and Go both accept that).
        value: top.toString(),
      },
      data: { ...data, problem: 'unknown-ca' },
    };
  }
  return { status: 'ok', ...detailOf(...lines), data };
}

export async function certsDFor(
  target: Target,
  deps: DoctorDeps,
): Promise<{ dir: string; caPem: X509Certificate[] } | undefined> {
  if (deps.certsDRoot === false) return undefined;
  const root = deps.certsDRoot ?? defaultCertsDRoot();
  try {
    const read = await readCertsD(root, target.host);
    return { dir: read.dir ?? `${root}/${target.host}`, caPem: parsePemBundle(read.caPem ?? []) };
  } catch {
    return { dir: `${root}/${target.host}`, caPem: [] };
  }
}

/** `2029-03-11 10:28 UTC` for `2029-03-11T10:28:23.000Z`: people read the step, and its seconds say nothing. */
function readableTime(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}
