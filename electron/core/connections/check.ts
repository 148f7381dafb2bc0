import type { ConnectionTestResult } from '../../../shared/contract/index.js';
import { toRegistryCredential, type SecretKind } from '../credentials/index.js';
import {
  RegistryClient,
  SecretSet,
  ping,
  verifyLogin,
  type Credential,
  type PingResult,
  type RegistryConnection,
  type TlsFiles,
} from '../registry/index.js';
import { detectRegistryKind, trustCertificate } from '../settings/index.js';
import type { BerthServices } from '../services.js';

/** A login typed by the user, to check and keep in the keychain. */
export interface LoginSecret {
  username: string;
  secret: string;
  kind: Extract<SecretKind, 'password' | 'access-token'>;
}

export function basicCredential(secret: LoginSecret | undefined): Credential | undefined {
  return secret ? toRegistryCredential({ host: '', ...secret }) : undefined;
}

/**
 * Pings a registry with a short-lived client of its own and, with a secret, checks it the way
 * `docker login` does. Nothing is saved here, and the shared client never holds the unsaved secret.
 */
export async function checkConnection(
  connection: Omit<RegistryConnection, 'credential'>,
  credential: Credential | undefined,
  secrets: SecretSet,
  signal?: AbortSignal,
): Promise<ConnectionTestResult> {
  return (await probeConnection(connection, credential, secrets, signal)).test;
}

/** checkConnection, with the whole ping answer (the CLI prints its realm and service too). */
export async function probeConnection(
  connection: Omit<RegistryConnection, 'credential'>,
  credential: Credential | undefined,
  secrets: SecretSet,
  signal?: AbortSignal,
): Promise<{ test: ConnectionTestResult; ping: PingResult }> {
  const warnings: string[] = [];
  const client = new RegistryClient({
    connectionFor: (host) => (host === connection.host ? { ...connection, credential } : undefined),
    onWarning: (_registry, message) => warnings.push(message),
    // The secret and the tokens it earns join those scrubbed from every answer and event.
    onSecret: (secret) => secrets.add(secret),
  });
  try {
    const result = credential
      ? await verifyLogin(client, connection.host, signal)
      : await ping(client, connection.host, signal);
    const kind = await detectRegistryKind(client, connection.host, result, signal);
    const view = {
      registry: result.registry,
      url: result.url,
      apiVersion: result.apiVersion,
      authScheme: result.authScheme,
    };
    return { test: { ping: view, kind, credentialsChecked: Boolean(credential), warnings }, ping: result };
  } finally {
    await client.close();
  }
}

/** TLS options that also trust the certificate the user chose, for this connection only (never the system or Docker). */
export async function withTrustedCertificate(
  services: BerthServices,
  host: string,
  tls: TlsFiles,
  pem: string | undefined,
): Promise<TlsFiles> {
  if (!pem) return tls;
  const { caFile } = await trustCertificate(
    services.settings.dataDir,
    tls.caFile ? { host, caFile: tls.caFile } : { host },
    pem,
  );
  return { ...tls, caFile };
}
