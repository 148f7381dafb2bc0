import { z } from 'zod';
import type { ErrorInfo } from '../errors.js';
import { ConnectionName } from './common.js';
import { event, request } from './define.js';
import { REGISTRY_KINDS, type RegistryKind } from '../registry-kinds.js';

export { REGISTRY_KINDS, type RegistryKind };

/** What a kind is called where people read it. */
export const REGISTRY_KIND_NAMES: Record<RegistryKind, string> = {
  dockerhub: 'Docker Hub',
  ghcr: 'GitHub Container Registry',
  quay: 'Quay',
  harbor: 'Harbor',
  gitlab: 'GitLab',
  aliyun: 'Alibaba Cloud ACR',
  tencent: 'Tencent Cloud TCR',
  huawei: 'Huawei Cloud SWR',
  distribution: 'Distribution',
  generic: 'Other registry',
};

/** An API address the user typed: http(s) only. */
const ApiUrl = z
  .string()
  .trim()
  .max(2048)
  .url('the API address is not a URL')
  .refine((url) => /^https?:\/\//i.test(url), 'the API address starts with https:// or http://');
export const SECRET_KINDS = ['password', 'access-token'] as const;

const FilePath = z.string().min(1).max(4096);

const TlsOptions = z.strictObject({
  caFile: FilePath.optional(),
  certFile: FilePath.optional(),
  keyFile: FilePath.optional(),
  skipVerify: z.boolean().optional(),
});

/** How to reach a registry and log in; the secret travels once, to be checked and put in the keychain. */
const ConnectionDraft = z.strictObject({
  /** `host[:port]`, optionally with `https://` or `http://`. */
  url: z.string().trim().min(1, 'the registry address is missing').max(2048),
  /** Plain HTTP; only when the user chose it. */
  insecureHttp: z.boolean().optional(),
  tls: TlsOptions.optional(),
  username: z.string().min(1).max(256).optional(),
  /** Password or access token; never stored in settings, never sent back. */
  secret: z.string().min(1).max(16_384).optional(),
  secretKind: z.enum(SECRET_KINDS).optional(),
  /**
   * PEM of a certificate the user chose to trust for this connection only (from
   * `connections.peekCertificate`); Berth stores it and makes it the connection's CA file.
   */
  trustCertificate: z.string().min(1).max(65_536).optional(),
  /** The registry's kind as the user chose it; detected (by host, then a probe) when absent. */
  kind: z.enum(REGISTRY_KINDS).optional(),
  /** Where the kind's own API lives when not in the usual place (a self-managed GitLab). */
  apiUrl: ApiUrl.optional(),
});

function secretNeedsUser(draft: { username?: string; secret?: string }): boolean {
  return !draft.secret || Boolean(draft.username);
}
const needsUser = { message: 'a password or token needs a username', path: ['username'] };

export const AddConnectionInput = ConnectionDraft.extend({
  name: ConnectionName,
  /**
   * Save it even when nothing answers (refused, unknown name, timed out): marked unreachable and checked
   * again later. A registry that answers with a refusal (a wrong password, a certificate) is never saved.
   */
  saveIfUnreachable: z.boolean().optional(),
}).refine(secretNeedsUser, needsUser);

export const UpdateConnectionInput = ConnectionDraft.partial()
  .extend({
    name: ConnectionName,
    /** Rename to this. */
    newName: ConnectionName.optional(),
    /** As for connections.add: save the new address even when nothing answers there. */
    saveIfUnreachable: z.boolean().optional(),
  })
  .refine(secretNeedsUser, needsUser);

export const TestConnectionInput = z.union([
  z.strictObject({ name: ConnectionName }),
  ConnectionDraft.refine(secretNeedsUser, needsUser),
]);

/** A saved connection as the UI shows it: whether a secret exists, never the secret. */
export interface ConnectionView {
  name: string;
  host: string;
  insecureHttp: boolean;
  tls: { caFile?: string; certFile?: string; keyFile?: string; skipVerify?: boolean };
  username?: string;
  kind: RegistryKind;
  /** Where the kind's own API lives, when the user set it. */
  apiUrl?: string;
  hasCredential: boolean;
  credentialKind?: string;
  /** The login comes from `docker-credential-<credentialHelper>`, asked each time (never stored by Berth). */
  credentialHelper?: string;
}

export interface PingView {
  registry: string;
  url: string;
  apiVersion?: string;
  authScheme: 'none' | 'basic' | 'bearer' | 'unknown';
}

export interface ConnectionTestResult {
  ping: PingView;
  kind: RegistryKind;
  /** A username and secret were given (or stored) and the registry took them. */
  credentialsChecked: boolean;
  warnings: string[];
}

/** One certificate as a person checks it: who it names, who signed it, when, and its fingerprint. */
export interface CertificateView {
  subject: string;
  issuer: string;
  validFrom: string;
  validTo: string;
  /** SHA-256 fingerprint, colon-separated hex pairs as browsers and `openssl x509 -fingerprint` show it. */
  sha256: string;
  subjectAltNames: string[];
}

/** What a registry presented in its TLS handshake, read without trusting it. */
export interface PresentedCertificates {
  host: string;
  /** Leaf first. */
  certificates: CertificateView[];
  /**
   * The root-most certificate presented, which can be trusted for one connection: the CA when the server
   * sends it, else the server's own certificate, pinned.
   */
  anchorPem: string;
  /** The anchor is the server's certificate, signed by a CA it did not send: trusting it lasts until it is renewed. */
  anchorIsServerCertificate: boolean;
  trustedBySystem: boolean;
  namesMatch: boolean;
  validity: 'valid' | 'expired' | 'not-yet-valid';
}

export type ConnectionState = 'reachable' | 'auth-ok' | 'auth-failed' | 'unreachable' | 'tls-problem';

/** Live status of a saved connection, sent whenever Berth learns something new about it. */
export interface ConnectionStatus {
  name: string;
  host: string;
  state: ConnectionState;
  checkedAt: number;
  warnings: string[];
  error?: ErrorInfo;
}

/** A login the Docker CLI has, as offered for import: where its secret lives, never the secret. */
export interface DockerLoginView {
  host: string;
  username: string;
  /** `config.json` auths (plain text in the file), or the `docker-credential-<helper>` holding it. */
  source: 'config-file' | 'credsStore' | 'credHelpers';
  helper?: string;
  /** Whose file names the login: Docker's config.json or one of Podman's auth.json files. */
  tool: 'docker' | 'podman';
  file: string;
  /** The saved connection already pointing at this registry, if there is one. */
  savedAs?: string;
}

export interface DockerLoginsView {
  /** The config.json that was read (`$DOCKER_CONFIG/config.json` or `~/.docker/config.json`). */
  configPath: string;
  /** Podman's auth.json files, in the order Podman reads them (it falls back to Docker's config.json). */
  podmanFiles: string[];
  logins: DockerLoginView[];
  /** Entries or helpers that could not be read; the other logins are still offered. */
  problems: ErrorInfo[];
}

export interface DockerImportResult {
  host: string;
  outcome: 'imported' | 'skipped' | 'failed';
  /** The connection saved for an imported login, or the one that made Berth skip it. */
  connection?: string;
  /** The secret went into Berth's keychain. */
  secretCopied?: boolean;
  /** The connection asks this `docker-credential-<helper>` for its login each time. */
  askHelper?: string;
  error?: ErrorInfo;
}

export const connectionRequests = {
  'connections.list': request<{ connections: ConnectionView[]; keychainProblem?: ErrorInfo }>()(
    z.strictObject({}),
  ),
  /** Checked and saved (`test`), or saved unchecked when asked to and nothing answered (`unreachable` says why). */
  'connections.add': request<{
    connection: ConnectionView;
    test?: ConnectionTestResult;
    unreachable?: ErrorInfo;
  }>()(AddConnectionInput),
  'connections.update': request<{
    connection: ConnectionView;
    test?: ConnectionTestResult;
    unreachable?: ErrorInfo;
  }>()(UpdateConnectionInput),
  'connections.remove': request<{ removed: boolean; credentialRemoved: boolean }>()(
    z.strictObject({ name: ConnectionName }),
  ),
  'connections.test': request<ConnectionTestResult>()(TestConnectionInput),
  /**
   * Checks saved connections (`names`, else all) a few at a time, each within a deadline, and sends each
   * answer as a `connections.status` event as it comes; the result lists them all once done.
   */
  'connections.checkAll': request<{ statuses: ConnectionStatus[] }>()(
    z.strictObject({ names: z.array(ConnectionName).max(1000).optional() }),
  ),
  'connections.dockerLogins': request<DockerLoginsView>()(z.strictObject({})),
  'connections.importDocker': request<{ results: DockerImportResult[] }>()(
    z.strictObject({
      hosts: z.array(z.string().trim().min(1).max(2048)).min(1, 'choose at least one login').max(500),
      /** Copy each secret into Berth's keychain; without it the connection keeps only the username. */
      copySecrets: z.boolean(),
      /**
       * Logins a credential helper holds (credHelpers, credsStore) are not copied: the connection asks the
       * helper each time it needs the login (a cloud registry's short-lived token keeps working).
       */
      askHelpers: z.boolean().optional(),
    }),
  ),
  'connections.peekCertificate': request<PresentedCertificates>()(
    z.strictObject({ url: z.string().trim().min(1, 'the registry address is missing') }),
  ),
};

export const connectionEvents = {
  'connections.status': event<ConnectionStatus>(),
};
