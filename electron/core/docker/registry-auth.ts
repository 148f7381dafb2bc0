import { isDockerHubHost } from '../../../shared/reference.js';
import type { Credential } from '../registry/index.js';

/** What the engine needs to log in to a registry for one pull or push. */
export type EngineCredential =
  | { username: string; password: string }
  /** An OAuth2 refresh token (Podman ignores it: username and password only). */
  | { identityToken: string }
  /** A bearer token the engine sends as it is (Docker's `registrytoken`; Podman ignores it). */
  | { registryToken: string };

/** Injected: Berth's keychain (or per-call `--username/--password-stdin`) for a registry host. */
export type CredentialLookup = (host: string) => Promise<EngineCredential | undefined>;

/** `{}` — what the Docker CLI sends when it has no credentials (old engines required the header). */
export const ANONYMOUS_AUTH = 'e30=';

/**
 * The `serveraddress` the engine matches credentials against: the Docker CLI sends Hub's legacy index
 * URL, and the containerd store only applies credentials whose host equals the image's registry.
 */
export function serverAddress(registry: string): string {
  return isDockerHubHost(registry) ? 'https://index.docker.io/v1/' : registry;
}

/**
 * `X-Registry-Auth`: base64url *with padding* of an AuthConfig (`api/pkg/authconfig`, swagger
 * "Authentication"). Node's `base64url` drops the `=` padding, and the engine then cannot decode the
 * header and goes on anonymously without a word — so encode as base64 and swap the two characters.
 * The value carries a secret: it is only ever put in a request header, never in a message.
 */
export function registryAuthHeader(credential: EngineCredential | undefined, registry: string): string {
  if (!credential) return ANONYMOUS_AUTH;
  const serveraddress = serverAddress(registry);
  const config =
    'identityToken' in credential
      ? { identitytoken: credential.identityToken, serveraddress }
      : 'registryToken' in credential
        ? { registrytoken: credential.registryToken, serveraddress }
        : { username: credential.username, password: credential.password, serveraddress };
  return Buffer.from(JSON.stringify(config), 'utf8')
    .toString('base64')
    .replace(/\+/g, '-')
    .replace(/\//g, '_');
}

/** Berth's registry credential (keychain entry or `--username/--password-stdin`) in the engine's terms. */
export function engineCredentialFrom(credential: Credential | undefined): EngineCredential | undefined {
  switch (credential?.kind) {
    case undefined:
      return undefined;
    case 'basic':
      return { username: credential.username, password: credential.password };
    case 'identity-token':
      return { identityToken: credential.token };
    case 'registry-token':
      return { registryToken: credential.token };
  }
}
