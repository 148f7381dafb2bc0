import { isDockerHubHost } from '../../../shared/reference.js';

/** What the engine needs to log in to a registry for one pull or push. */
export type EngineCredential = { username: string; password: string } | { identityToken: string };

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
  const config =
    'identityToken' in credential
      ? { identitytoken: credential.identityToken, serveraddress: serverAddress(registry) }
      : {
          username: credential.username,
          password: credential.password,
          serveraddress: serverAddress(registry),
        };
  return Buffer.from(JSON.stringify(config), 'utf8')
    .toString('base64')
    .replace(/\+/g, '-')
    .replace(/\//g, '_');
}
