import { createPrivateKey, randomBytes, type KeyObject } from 'node:crypto';
import { isIP } from 'node:net';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parsePemBundle } from '../doctor/index.js';
import { BerthError } from '../errors.js';
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
        appHint:
          'Install the openssl command (Debian/Ubuntu: apt install openssl), or choose a certificate and key of your own',
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

async function readUserFile(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new BerthError('INVALID_INPUT', `cannot read the ${what} ${file}: ${(error as Error).message}`, {
      hint: `Give the path of a PEM ${what} Berth may read`,
    });
  }
}

/**
 * Copies the user's certificate (with its chain) and key into the server's folder, the key 0600. Both
 * are checked first: only PEM certificates and a private key that matches the first certificate are
 * written, so no other file is ever copied there and a wrong pair is said now rather than by a
 * registry that will not start.
 */
export async function importTls(paths: ServerPaths, certFile: string, keyFile: string): Promise<void> {
  const chain = parsePemBundle([await readUserFile(certFile, 'certificate file')]);
  const keyText = await readUserFile(keyFile, 'key file');
  if (!chain[0])
    throw new BerthError('INVALID_INPUT', `${certFile} holds no PEM certificate`, {
      hint: 'Give the server certificate (-----BEGIN CERTIFICATE-----), its chain after it',
    });
  let key: KeyObject;
  try {
    key = createPrivateKey(keyText);
  } catch {
    throw new BerthError('INVALID_INPUT', `${keyFile} holds no unencrypted PEM private key`, {
      hint: 'Give the private key of the certificate (-----BEGIN PRIVATE KEY-----), without a passphrase',
    });
  }
  if (!chain[0].checkPrivateKey(key))
    throw new BerthError('INVALID_INPUT', `${keyFile} is not the key of the certificate in ${certFile}`, {
      hint: 'Give the private key the certificate was issued for',
    });
  await mkdir(paths.tlsDir, { recursive: true, mode: 0o700 });
  await writeFile(paths.serverCert, chain.map((certificate) => certificate.toString()).join(''));
  await writeFile(paths.serverKey, key.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  await chmod(paths.serverKey, 0o600);
}
