// Secrets: the keychain-backed CredentialStore for saved connections, login/logout against a registry,
// reading or importing the logins of Docker's config.json, Podman's auth.json and their credential
// helpers, and logins asked of a credential helper each time (HelperLogins). Offers those, the keychain
// errors, and redact for messages that might carry a secret.
export {
  CredentialStore,
  credentialHost,
  DEFAULT_KEYCHAIN_SERVICE,
  keychainService,
  SECRET_KINDS,
  toRegistryCredential,
  TOKEN_USERNAME,
  type CredentialEntry,
  type SecretKind,
  type StoredCredential,
} from './credential-store.js';
export { keytarKeychain, keychainError, type Keychain } from './keychain.js';
export { DockerCredentialsError, KeychainError, redact, type KeychainProblem } from './errors.js';
export {
  describeConnections,
  login,
  logout,
  type DescribedConnection,
  type LoginClientOptions,
  type LoginInput,
  type LoginResult,
} from './login.js';
export {
  authKeyForHost,
  convertToHostname,
  decodeAuthField,
  DOCKER_HUB_AUTH_KEY,
  dockerConfigDir,
  hostForAuthKey,
  readDockerConfig,
  type DockerConfig,
} from './docker-config.js';
export { CredentialHelper, type HelperCredentials } from './docker-helper.js';
export {
  DockerLogins,
  type DockerLogin,
  type DockerLoginScan,
  type DockerLoginSource,
  type DockerLoginsOptions,
} from './docker-logins.js';
export { HelperLogins, type HelperLoginsOptions } from './helper-logins.js';
export { podmanAuthFiles, type PodmanAuthFile } from './podman-logins.js';
export { importDockerLogin, type ImportedLogin } from './docker-import.js';
export { importDockerLogins } from './operations.js';
