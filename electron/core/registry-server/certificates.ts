import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { chmod, copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BerthError } from '../registry/errors.js';
import type { ServerPaths } from './spec.js';
import { runTool } from './tools.js';

// P-256 keys: quick to make and accepted by Go (Distribution, Docker, skopeo) and Node alike.
const NEW_EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

async function openssl(args: string[]): Promise<void> {
  try {
    await runTool('openssl', args);
  } catch (error) {
    throw new BerthError(
      'UNSUPPORTED',
      `could not make the registry's certificates: ${(error as Error).message}`,
      {
        hint: 'Install the openssl command (Debian/Ubuntu: apt install openssl), or pass --cert and --key',
      },
    );
  }
}

function requestConfig(commonName: string, extensions: string[]): string {
  return [
    '[req]',
    'distinguished_name = dn',
    'prompt = no',
    '[dn]',
    `CN = ${commonName}`,
    '[ext]',
    ...extensions,
    '',
  ].join('\n');
}

/**
 * A new CA (10 years) and a server certificate (825 days, the longest Apple's clients accept) for the
 * given DNS names and IPs. Private keys are written 0600 and stay in the server's folder.
 */
export async function makeSelfSignedTls(
  paths: ServerPaths,
  serverName: string,
  names: string[],
): Promise<void> {
  await mkdir(paths.tlsDir, { recursive: true, mode: 0o700 });
  const work = path.join(paths.tlsDir, `.work-${randomBytes(4).toString('hex')}`);
  await mkdir(work, { mode: 0o700 });
  try {
    const caConfig = path.join(work, 'ca.cnf');
    await writeFile(
      caConfig,
      requestConfig(`Berth registry CA (${serverName})`, [
        'basicConstraints = critical, CA:TRUE, pathlen:0',
        'keyUsage = critical, keyCertSign, cRLSign',
        'subjectKeyIdentifier = hash',
      ]),
    );
    await openssl([
      'req',
      '-x509',
      '-new',
      '-config',
      caConfig,
      '-extensions',
      'ext',
      ...NEW_EC_KEY,
      '-days',
      '3650',
      '-keyout',
      paths.caKey,
      '-out',
      paths.caCert,
    ]);
    await chmod(paths.caKey, 0o600);

    const altNames = names.map((name) => (isIP(name) ? `IP:${name}` : `DNS:${name}`));
    const serverConfig = path.join(work, 'server.cnf');
    await writeFile(
      serverConfig,
      requestConfig(names[0] ?? serverName, [
        'basicConstraints = critical, CA:FALSE',
        'keyUsage = critical, digitalSignature',
        'extendedKeyUsage = serverAuth',
        'subjectKeyIdentifier = hash',
        'authorityKeyIdentifier = keyid',
        `subjectAltName = ${altNames.join(', ')}`,
      ]),
    );
    const csr = path.join(work, 'server.csr');
    await openssl([
      'req',
      '-new',
      '-config',
      serverConfig,
      ...NEW_EC_KEY,
      '-keyout',
      paths.serverKey,
      '-out',
      csr,
    ]);
    await chmod(paths.serverKey, 0o600);
    await openssl([
      'x509',
      '-req',
      '-in',
      csr,
      '-CA',
      paths.caCert,
      '-CAkey',
      paths.caKey,
      '-set_serial',
      `0x${randomBytes(16).toString('hex')}`,
      '-days',
      '825',
      '-sha256',
      '-extfile',
      serverConfig,
      '-extensions',
      'ext',
      '-out',
      paths.serverCert,
    ]);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Copies the user's certificate and key into the server's folder (the key 0600). */
export async function importTls(paths: ServerPaths, certFile: string, keyFile: string): Promise<void> {
  await mkdir(paths.tlsDir, { recursive: true, mode: 0o700 });
  await copyFile(certFile, paths.serverCert);
  await copyFile(keyFile, paths.serverKey);
  await chmod(paths.serverKey, 0o600);
}
