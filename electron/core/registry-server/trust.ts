import { lookup } from 'node:dns/promises';
import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { homedir } from 'node:os';
import {
  loadDaemonConfig,
  locateDaemonConfig,
  locateRegistriesConf,
  planEdit,
  readPodmanRegistries,
} from '../daemon-config/index.js';
import type { DockerTrustPlan, DockerTrustResult } from '../../../shared/contract/servers.js';
import { addInsecureRegistry, installCaInCertsD, parsePemBundle } from '../doctor/index.js';
import { BerthError } from '../errors.js';
import { certsDDirName, defaultCertsDRoot, hostnameOf, isLoopbackAddress } from '../registry/index.js';
import { isWildcardBind, localHost, type DockerPaths, type ServerPaths, type ServerSpec } from './spec.js';

/** The local engine a plan is for; dockerd unless said (the CLI's `server trust` is for dockerd). */
export interface TrustEngine {
  kind: 'dockerd' | 'podman';
  /** Podman runs as a user of its own: it reads ~/.config/containers/certs.d first. */
  isRootless?: boolean;
}

/** Where the local engine is told about a registry; defaults are the platform's. */
export type DockerTrustOptions = DockerPaths & { engine?: TrustEngine };

export type { DockerTrustPlan, DockerTrustResult };

/** The addresses of a name; the system's resolver unless a test gives one. */
export type ResolveAddresses = (name: string) => Promise<string[]>;

const systemResolve: ResolveAddresses = async (name) =>
  (await lookup(name, { all: true, verbatim: true })).map((entry) => entry.address);

/**
 * The name others use for it: the machine's host name for a registry listening on every interface
 * (that name is in its certificate by default), else the address it is bound to.
 */
export function dockerHostFor(spec: ServerSpec): string {
  return isWildcardBind(spec.bind) ? `${hostname()}:${spec.port}` : localHost(spec);
}

/**
 * The loopback address that makes dockerd treat `host` as an insecure registry on its own: moby's
 * `isSecureIndex` resolves the name and takes it as insecure when any address is in 127.0.0.0/8 or ::1/128
 * (docker-conventions.md §1.3, §4). Such a host gets HTTPS without verification, then plain HTTP, and
 * its certs.d folder is never read (§4, `newTLSConfig`): neither way of trusting it changes anything.
 */
async function loopbackOf(host: string, resolve: ResolveAddresses): Promise<string | undefined> {
  const name = hostnameOf(host);
  const addresses = await resolve(name).catch(() => [] as string[]);
  return [name, ...addresses].find(isLoopbackAddress);
}

/** The stored paths of the server, overridden by those given now (an undefined one overrides nothing). */
export function dockerPathsOf(spec: ServerSpec, options: DockerTrustOptions = {}): DockerTrustOptions {
  const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  return { ...spec.docker, ...given };
}

/** The certificate Docker is given: the new CA, or the one the user brought, pinned (Docker accepts that). */
function certificateFileOf(spec: ServerSpec, paths: ServerPaths): string {
  return spec.tls === 'self-signed' ? paths.caCert : paths.serverCert;
}

/** Whether the change is made already: daemon.json lists the entry, or certs.d holds the same certificates. */
async function isInPlace(
  plan: Omit<DockerTrustPlan, 'isInPlace'>,
  certificateFile: string,
): Promise<boolean> {
  if (plan.method === 'none') return true;
  if (plan.method === 'registries-conf')
    return readPodmanRegistries().then(
      (read) => read.registries.some((entry) => entry.prefix === plan.host && entry.isInsecure),
      () => false,
    );
  if (plan.method === 'insecure-registries')
    return loadDaemonConfig(plan.target).then(
      (loaded) => !planEdit(loaded, { action: 'add', key: 'insecure-registries', value: plan.host }).changed,
      () => false,
    );
  const fingerprints = async (file: string) =>
    parsePemBundle([await readFile(file, 'utf8')])
      .map((certificate) => certificate.fingerprint256)
      .sort()
      .join(',');
  try {
    const [installed, ours] = await Promise.all([
      fingerprints(path.join(plan.target, 'ca.crt')),
      fingerprints(certificateFile),
    ]);
    return installed !== '' && installed === ours;
  } catch {
    return false;
  }
}

export async function planDockerTrust(
  spec: ServerSpec,
  paths: ServerPaths,
  options: DockerTrustOptions = {},
  resolve: ResolveAddresses = systemResolve,
): Promise<DockerTrustPlan> {
  const plan = await planWithoutState(spec, options, resolve);
  return { ...plan, isInPlace: await isInPlace(plan, certificateFileOf(spec, paths)) };
}

async function planWithoutState(
  spec: ServerSpec,
  options: DockerTrustOptions,
  resolve: ResolveAddresses,
): Promise<Omit<DockerTrustPlan, 'isInPlace'>> {
  const chosen = dockerPathsOf(spec, options);
  const host = chosen.host ?? dockerHostFor(spec);
  if (options.engine?.kind === 'podman') return planForPodman(spec, host, options.engine);
  const loopback = await loopbackOf(host, resolve);
  if (loopback)
    return {
      engine: 'dockerd',
      server: spec.name,
      host,
      method: 'none',
      target: '',
      explanationFacts: { tls: spec.tls, loopback },
      explanation: `Docker on this machine reaches ${host} as it is: ${loopback} is a loopback address, which Docker always treats as an insecure registry (127.0.0.0/8, ::1), so it ${spec.tls === 'none' ? 'falls back to plain HTTP' : 'accepts the certificate without checking it and never reads certs.d for it'}. Nothing needs to change.`,
    };
  if (spec.tls === 'none') {
    const target = chosen.daemonConfigFile ?? locateDaemonConfig().file;
    return {
      engine: 'dockerd',
      server: spec.name,
      host,
      method: 'insecure-registries',
      target,
      explanationFacts: { tls: spec.tls },
      explanation: `${spec.name} speaks plain HTTP, so Docker refuses ${host} ("server gave HTTP response to HTTPS client") unless "${host}" — with its port — is in insecure-registries in ${target}; the daemon must then be reloaded.`,
    };
  }
  const target = path.join(chosen.certsDRoot ?? defaultCertsDRoot(), certsDDirName(host));
  return {
    engine: 'dockerd',
    server: spec.name,
    host,
    method: 'certs-d',
    target,
    explanationFacts: { tls: spec.tls, caFile: path.join(target, 'ca.crt') },
    explanation: `${spec.name} speaks HTTPS with a certificate from ${spec.tls === 'self-signed' ? 'its own new CA' : 'the certificate you gave'}, so Docker refuses ${host} ("x509: certificate signed by unknown authority") until that CA is in ${path.join(target, 'ca.crt')}; no insecure-registries entry is needed.`,
  };
}

/**
 * Podman (containers/image) has no loopback exception: 127.0.0.1 is checked like any host. Its CAs are
 * in /etc/containers/certs.d/HOST:PORT (rootless: ~/.config/containers/certs.d first), and plain HTTP
 * needs an `insecure = true` entry in registries.conf (docker-conventions.md §3.8). It reads both at every
 * pull and push, so nothing is restarted.
 */
async function planForPodman(
  spec: ServerSpec,
  host: string,
  engine: TrustEngine,
): Promise<Omit<DockerTrustPlan, 'isInPlace'>> {
  if (spec.tls === 'none') {
    const target = (await locateRegistriesConf()).main;
    return {
      engine: 'podman',
      server: spec.name,
      host,
      method: 'registries-conf',
      target,
      snippet: `[[registry]]\nlocation = "${host}"\ninsecure = true\n`,
      explanationFacts: { tls: spec.tls },
      explanation: `${spec.name} speaks plain HTTP, so Podman refuses ${host} unless registries.conf has an entry for it with insecure = true. Add the lines below to ${target} (as its owner) — Podman reads the file at every pull and push, so nothing needs restarting.`,
    };
  }
  const isRootless = engine.isRootless ?? process.getuid?.() !== 0;
  const root = isRootless
    ? path.join(homedir(), '.config', 'containers', 'certs.d')
    : '/etc/containers/certs.d';
  const target = path.join(root, certsDDirName(host));
  return {
    engine: 'podman',
    server: spec.name,
    host,
    method: 'certs-d',
    target,
    explanationFacts: { tls: spec.tls, caFile: path.join(target, 'ca.crt') },
    explanation: `${spec.name} speaks HTTPS with a certificate from ${spec.tls === 'self-signed' ? 'its own new CA' : 'the certificate you gave'}, so Podman refuses ${host} ("x509: certificate signed by unknown authority") until that CA is in ${path.join(target, 'ca.crt')}. Podman reads it at every pull and push: nothing needs restarting.`,
  };
}

/** Tells the local Docker daemon to trust the registry in the way `planDockerTrust` explains. */
export async function trustInDocker(
  spec: ServerSpec,
  paths: ServerPaths,
  options: DockerTrustOptions = {},
  resolve: ResolveAddresses = systemResolve,
): Promise<DockerTrustResult> {
  const plan = await planDockerTrust(spec, paths, options, resolve);
  if (plan.method === 'none')
    return { ...plan, done: true, message: `nothing to change: Docker already reaches ${plan.host}.` };
  if (plan.method === 'insecure-registries')
    return { ...plan, ...(await addInsecureRegistry({ file: plan.target, entry: plan.host })) };
  if (plan.method === 'registries-conf')
    return plan.isInPlace
      ? {
          ...plan,
          done: true,
          message: `nothing to change: ${plan.target} already lists ${plan.host} as insecure.`,
        }
      : {
          ...plan,
          done: false,
          message: `Berth does not edit ${plan.target}: add the lines shown to it, then check again.`,
        };
  if (plan.isInPlace)
    return {
      ...plan,
      done: true,
      message: `nothing to change: ${path.join(plan.target, 'ca.crt')} already holds ${spec.name}'s certificate.`,
    };
  const caFile = certificateFileOf(spec, paths);
  const caPem = await readFile(caFile, 'utf8').catch((error: unknown) => {
    throw new BerthError(
      'CONFIG',
      `cannot read ${spec.name}'s certificate ${caFile}: ${(error as Error).message}`,
      {
        hint: `Its tls folder changed after it was made; remove the server and create it again (berth server rm ${spec.name})`,
        appHint: `Its tls folder changed after it was made: remove ${spec.name} (Remove… on its card) and create it again.`,
      },
    );
  });
  return { ...plan, ...(await installCaInCertsD({ dir: plan.target, caPem })) };
}
