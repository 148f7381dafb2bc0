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
  const forDocker = loopback
    ? `Docker needs nothing: ${loopback} is loopback, which Docker always treats as an insecure registry (plain HTTP allowed)`
    : `for Docker, add "${target.host}" to insecure-registries — or, better, give the registry a TLS certificate`;
  const httpFixText = `For Berth, use http://${target.host} (plain HTTP for this connection); ${forDocker}.`;
  if (target.scheme === 'http') {
    const http = await probeHttp(address, target.port, target.host, timeoutMs);
    if (http.kind === 'http') {
      found.speaks = 'http';
      return {
        status: 'ok',
        detail: `plain HTTP (${http.statusLine}); nothing is encrypted, credentials travel in clear text`,
      };
    }
    const tls = await probeTls(address, target.port, target.hostname, timeoutMs);
    if (tls.kind === 'tls') {
      found.speaks = 'https';
      found.chain = tls.chain;
      return {
        status: 'fail',
        detail: `${target.host} speaks HTTPS (${tls.protocol}), not plain HTTP${http.kind === 'https-server' ? ': "Client sent an HTTP request to an HTTPS server"' : ''}`,
        fix: {
          text: `Connect with https://${target.host} (turn plain HTTP off for this connection).`,
          action: 'use-https',
        },
      };
    }
    return {
      status: 'fail',
      detail: `neither HTTP nor TLS: ${http.kind === 'no-http' ? http.message : ''}; ${tls.message}`,
      fix: { text: 'Check that the port belongs to a registry.' },
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
        detail: `${target.host} speaks plain HTTP, not HTTPS (${http.statusLine})${loopback ? '' : ' — Docker says "server gave HTTP response to HTTPS client"'}`,
        fix: { text: httpFixText, action: 'use-http' },
        data: { problem: 'not-https' },
      };
    }
    return {
      status: 'fail',
      detail: `TLS handshake failed: ${tls.code}: ${tls.message}`,
      fix: { text: 'Check that the port is the registry’s TLS port.' },
    };
  }
  found.speaks = 'https';
  found.chain = tls.chain;
  const leaf = tls.chain[0];
  if (!leaf)
    return {
      status: 'fail',
      detail: 'the server presented no certificate',
      fix: { text: 'Configure a certificate on the registry.' },
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
  const lines = [
    `${tls.protocol}; certificate "${leafFacts.subject}" issued by "${leafFacts.issuer}"`,
    `valid from ${readableTime(leafFacts.validFrom)} to ${readableTime(leafFacts.validTo)}`,
    `names it is valid for: ${leafFacts.subjectAltNames.join(', ') || 'none'}`,
    `SHA-256 ${leafFacts.sha256}`,
    `trusted by: ${
      Object.entries(trustedBy)
        .filter(([, yes]) => yes)
        .map(([who]) => (who === 'certsD' ? 'certs.d' : who))
        .join(', ') || 'nobody'
    }`,
  ];
  const data = { certificates: facts, trustedBy, validity, namesMatch: namesOk };
  if (validity !== 'valid') {
    return {
      status: 'fail',
      detail: [
        `the certificate ${validity === 'expired' ? `expired on ${readableTime(leafFacts.validTo)}` : `is not valid before ${readableTime(leafFacts.validFrom)}`}`,
        ...lines,
      ].join('; '),
      fix: {
        text:
          validity === 'expired'
            ? "Renew the registry's certificate."
            : "Check this machine's clock, or the certificate's start date.",
      },
      data: { ...data, problem: 'expired' },
    };
  }
  if (!namesOk) {
    return {
      status: 'fail',
      detail: [`the certificate does not name ${target.hostname}`, ...lines].join('; '),
      fix: {
        text: `Connect with a name the certificate lists, or reissue it with ${target.hostname} in its SANs.`,
      },
      data: { ...data, problem: 'hostname' },
    };
  }
  if (!trustedBy.system && !trustedBy.connection && !trustedBy.certsD) {
    const top = tls.chain.at(-1)!;
    if (deps.connection?.tls?.skipVerify) {
      return {
        status: 'warn',
        detail: [
          'certificate signed by an unknown authority; verification is OFF for this connection',
          ...lines,
        ].join('; '),
        data,
      };
    }
    return {
      status: 'fail',
      detail: ['certificate signed by an unknown authority', ...lines].join('; '),
      fix: {
        text: `Trust the registry's CA for this connection after checking its fingerprint (SHA-256 ${top.fingerprint256}) with the registry's owner.`,
        action: 'trust-ca',
        // The PEM of the last certificate presented: the CA when the server sends its chain, else the
        // server's own certificate, pinned (Node with allowPartialTrustChain and Go both accept that).
        value: top.toString(),
      },
      data: { ...data, problem: 'unknown-ca' },
    };
  }
  return { status: 'ok', detail: lines.join('; '), data };
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
