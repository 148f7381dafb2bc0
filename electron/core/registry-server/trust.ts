import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { locateDaemonConfig } from '../daemon-config/index.js';
import type { DockerTrustPlan, DockerTrustResult } from '../../../shared/contract/servers.js';
import { addInsecureRegistry, installCaInCertsD } from '../doctor/index.js';
import { BerthError } from '../errors.js';
import { certsDDirName, defaultCertsDRoot } from '../registry/index.js';
import { isWildcardBind, localHost, type ServerPaths, type ServerSpec } from './spec.js';

/** Where the local Docker daemon is told about a registry; defaults are the platform's. */
export interface DockerTrustOptions {
  /** host[:port] as image references will name the registry; default see `dockerHostFor`. */
  host?: string;
  certsDRoot?: string;
  daemonConfigFile?: string;
}

export type { DockerTrustPlan, DockerTrustResult };

/**
 * The name others use for it: the machine's host name for a registry listening on every interface
 * (that name is in its certificate by default), else the address it is bound to.
 */
export function dockerHostFor(spec: ServerSpec): string {
  return isWildcardBind(spec.bind) ? `${hostname()}:${spec.port}` : localHost(spec);
}

export function planDockerTrust(spec: ServerSpec, options: DockerTrustOptions = {}): DockerTrustPlan {
  const host = options.host ?? dockerHostFor(spec);
  const loopback = `Docker on this machine already reaches ${localHost(spec)} (127.0.0.0/8 is always insecure); this is for ${host}.`;
  if (spec.tls === 'none') {
    const target = options.daemonConfigFile ?? locateDaemonConfig().file;
    return {
      server: spec.name,
      host,
      method: 'insecure-registries',
      target,
      explanation: `${spec.name} speaks plain HTTP, so Docker refuses it ("server gave HTTP response to HTTPS client") unless "${host}" — with its port — is in insecure-registries in ${target}; the daemon must then be reloaded. ${loopback}`,
    };
  }
  const target = path.join(options.certsDRoot ?? defaultCertsDRoot(), certsDDirName(host));
  return {
    server: spec.name,
    host,
    method: 'certs-d',
    target,
    explanation: `${spec.name} speaks HTTPS with a certificate from ${spec.tls === 'self-signed' ? 'its own new CA' : 'the certificate you gave'}, so Docker refuses it ("x509: certificate signed by unknown authority") until that CA is in ${path.join(target, 'ca.crt')}; no insecure-registries entry is needed. ${loopback}`,
  };
}

/** Tells the local Docker daemon to trust the registry in the way `planDockerTrust` explains. */
export async function trustInDocker(
  spec: ServerSpec,
  paths: ServerPaths,
  options: DockerTrustOptions = {},
): Promise<DockerTrustResult> {
  const plan = planDockerTrust(spec, options);
  if (plan.method === 'insecure-registries')
    return { ...plan, ...(await addInsecureRegistry({ file: plan.target, entry: plan.host })) };
  // A certificate the user brought has no CA here: its own certificate is pinned, which Docker accepts.
  const caFile = spec.tls === 'self-signed' ? paths.caCert : paths.serverCert;
  const caPem = await readFile(caFile, 'utf8').catch((error: unknown) => {
    throw new BerthError(
      'CONFIG',
      `cannot read ${spec.name}'s certificate ${caFile}: ${(error as Error).message}`,
      {
        hint: `Its tls folder changed after it was made; remove the server and create it again (berth server rm ${spec.name})`,
      },
    );
  });
  return { ...plan, ...(await installCaInCertsD({ dir: plan.target, caPem })) };
}
