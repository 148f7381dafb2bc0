import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { rootCertificates, getCACertificates } from 'node:tls';
import { ConfigError } from './errors.js';

/** TLS settings of one registry connection, as PEM text (files are read before this point). */
export interface TlsMaterial {
  /** Extra CA certificates trusted on top of the system ones. */
  caPem: string[];
  clientCertPem?: string;
  clientKeyPem?: string;
  skipVerify: boolean;
}

export interface TlsFiles {
  caFile?: string;
  certFile?: string;
  keyFile?: string;
  skipVerify?: boolean;
}

/** Where Docker keeps per-registry certificates (`/etc/docker/certs.d/<host:port>/`). */
export function defaultCertsDRoot(platform = process.platform, env = process.env): string {
  if (platform === 'win32') return path.join(env.ProgramData ?? 'C:\\ProgramData', 'docker', 'certs.d');
  return '/etc/docker/certs.d';
}

/** Directory name for a host: Docker strips the colon on Windows (`myregistry:5000` → `myregistry5000`). */
export function certsDDirName(host: string, platform = process.platform): string {
  return platform === 'win32' ? host.replace(/:/g, '') : host;
}

/**
 * Reads `<root>/<host>/` like dockerd's legacy store (daemon/pkg/registry/registry.go loadTLSConfig):
 * every `*.crt` is a CA; every `*.cert` needs a `<same name>.key` and the reverse.
 */
export async function readCertsD(
  root: string,
  host: string,
): Promise<Partial<TlsMaterial> & { dir?: string }> {
  const dir = path.join(root, certsDDirName(host));
  let names: string[];
  try {
    names = (await readdir(dir)).sort();
  } catch {
    return {};
  }
  const caPem: string[] = [];
  let clientCertPem: string | undefined;
  let clientKeyPem: string | undefined;
  for (const name of names) {
    const file = path.join(dir, name);
    if (name.endsWith('.crt')) {
      caPem.push(await readFile(file, 'utf8'));
    } else if (name.endsWith('.cert')) {
      const keyName = name.slice(0, -'.cert'.length) + '.key';
      if (!names.includes(keyName)) {
        throw new ConfigError(
          `${file}: client certificate without ${keyName}`,
          'CA certificates in certs.d must end in .crt; a .cert file needs its .key beside it.',
        );
      }
      clientCertPem = await readFile(file, 'utf8');
      clientKeyPem = await readFile(path.join(dir, keyName), 'utf8');
    } else if (name.endsWith('.key')) {
      const certName = name.slice(0, -'.key'.length) + '.cert';
      if (!names.includes(certName)) {
        throw new ConfigError(`${file}: key without its client certificate ${certName}`);
      }
    }
  }
  return { dir, caPem, clientCertPem, clientKeyPem };
}

async function readOptional(file: string | undefined, what: string): Promise<string | undefined> {
  if (!file) return undefined;
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError(
      `cannot read the ${what} ${file}: ${(error as Error).message}`,
      'Check the path in the connection settings.',
    );
  }
}

/** Connection files + certs.d, merged: explicit settings win for the client certificate. */
export async function loadTlsMaterial(
  host: string,
  files: TlsFiles,
  options: { certsDRoot?: string | false } = {},
): Promise<TlsMaterial> {
  const fromCertsD =
    options.certsDRoot === false ? {} : await readCertsD(options.certsDRoot ?? defaultCertsDRoot(), host);
  const ca = await readOptional(files.caFile, 'CA file');
  const cert = await readOptional(files.certFile, 'client certificate');
  const key = await readOptional(files.keyFile, 'client key');
  if (Boolean(cert) !== Boolean(key)) {
    throw new ConfigError('a client certificate needs both a certificate file and a key file');
  }
  return {
    caPem: [...(ca ? [ca] : []), ...(fromCertsD.caPem ?? [])],
    clientCertPem: cert ?? fromCertsD.clientCertPem,
    clientKeyPem: key ?? fromCertsD.clientKeyPem,
    skipVerify: files.skipVerify ?? false,
  };
}

let systemRoots: string[] | undefined;

/** Node's bundled roots plus the operating system's store: a custom CA adds to them, never replaces. */
export function systemCertificates(): string[] {
  if (!systemRoots) {
    const all = new Set<string>(rootCertificates);
    try {
      for (const cert of getCACertificates('system')) all.add(cert);
    } catch {
      // Older runtimes cannot read the OS store; the bundled roots still apply.
    }
    systemRoots = [...all];
  }
  return systemRoots;
}
