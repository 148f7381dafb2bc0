// Registries of the user's own (electron/core/registry-server): create, start/stop, users, logs, GC.
// Passwords travel in a field named `secret`, which the API scrubs from every answer.
import { z } from 'zod';
import { isCertificateName, isIpAddress } from '../certificate-names.js';
import type { ErrorInfo } from '../errors.js';
import { request } from './define.js';

export const RUNTIMES = ['process', 'container'] as const;
export type RuntimeKind = (typeof RUNTIMES)[number];

/** The core's rule (spec.ts checkServerName); checked here too so the form can say it first. */
export const ServerName = z
  .string()
  .trim()
  .regex(
    /^[a-z0-9][a-z0-9_.-]{0,62}$/i,
    'a server name is letters, digits, ".", "_" and "-" (up to 63, starting with a letter or digit)',
  );

const Port = z.number().int().min(1, 'a port is 1 to 65535').max(65535, 'a port is 1 to 65535');
const UserName = z
  .string()
  .trim()
  .regex(/^[^\s:]{1,128}$/, 'a user name has no spaces or ":" (htpasswd separates with ":")');
/**
 * A password; named `secret` so it is scrubbed from every answer (a very short one would blank out
 * ordinary words there, and guards little). bcrypt reads only its first 72 bytes.
 */
const Password = z
  .string()
  .min(8, 'a password is at least 8 characters')
  .refine((text) => new TextEncoder().encode(text).length <= 72, 'a password is at most 72 bytes (bcrypt)');

const Tls = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('none') }),
  z.strictObject({
    mode: z.literal('self-signed'),
    /** Names and IPs the server certificate covers; default localhost, 127.0.0.1 and the host name. */
    names: z
      .array(
        z
          .string()
          .trim()
          .refine(
            isCertificateName,
            'a certificate name is a DNS name (registry.example.com) or an IP address',
          ),
      )
      .max(50)
      .optional(),
  }),
  z.strictObject({
    mode: z.literal('existing'),
    certFile: z.string().trim().min(1, 'the certificate file is missing'),
    keyFile: z.string().trim().min(1, 'the key file is missing'),
  }),
]);

export const CreateServerInput = z
  .strictObject({
    name: ServerName,
    port: Port.optional(),
    bind: z
      .string()
      .trim()
      .refine(isIpAddress, 'listen on an IP address: 0.0.0.0 for every interface, 127.0.0.1 for this machine')
      .optional(),
    tls: Tls.optional(),
    /** The first user; with it the registry asks for logins (htpasswd). */
    user: UserName.optional(),
    secret: Password.optional(),
    runtime: z.enum(RUNTIMES).optional(),
    /** Container runtime: the image (default `registry:2`) and the network (default: publish the port). */
    image: z
      .string()
      .trim()
      .regex(/^[^\s]{1,255}$/, 'an image is a reference like registry:2')
      .optional(),
    network: z.enum(['publish', 'host']).optional(),
    deleteEnabled: z.boolean().optional(),
    start: z.boolean().optional(),
    /** A pull-through cache of this upstream registry (Distribution's `proxy` section). */
    proxy: z
      .strictObject({
        url: z
          .string()
          .trim()
          .regex(/^https?:\/\/[^\s/]+\/?$/i, 'the upstream is a root URL like https://registry-1.docker.io'),
        username: UserName.optional(),
        /** How long it keeps what it cached (Go duration); Distribution 2.8 has a fixed week only. */
        ttl: z
          .string()
          .trim()
          .regex(/^\d+(h|m|s)$/, 'a cache time is a Go duration like 168h')
          .optional(),
      })
      .optional(),
    /** The upstream login's password (scrubbed from every answer, as `secret` is). */
    proxySecret: z.string().min(1).max(4096).optional(),
  })
  .refine((input) => Boolean(input.proxy?.username) === Boolean(input.proxySecret), {
    message: 'an upstream user needs a password, and a password a user',
    path: ['proxySecret'],
  })
  .refine((input) => Boolean(input.user) === Boolean(input.secret), {
    message: 'a user needs a password, and a password a user',
    path: ['secret'],
  })
  .refine((input) => input.runtime === 'container' || (!input.image && !input.network), {
    message: 'an image and a network are for the container runtime',
    path: ['runtime'],
  });

const Named = z.strictObject({ name: ServerName });

/** A registry Berth runs, as the UI shows it; never a secret. */
export interface ServerView {
  name: string;
  runtime: RuntimeKind;
  /** `unknown`: its runtime did not answer (a container server while the engine is down); see `problem`. */
  state: 'running' | 'stopped' | 'unknown';
  pid?: number;
  /** Why the state could not be read, and what to do. */
  problem?: string;
  /** The same as an error (its code and facts), so the app can say it in the interface language. */
  problemError?: ErrorInfo;
  /**
   * Its server.json could not be read (`problem` says why): only the name and the folder are true, and
   * removing it is all that can be done.
   */
  isUnreadable?: boolean;
  /** `https://127.0.0.1:5000`: how this machine reaches it. */
  url: string;
  /** `127.0.0.1:5000`: what goes into image references. */
  host: string;
  bind: string;
  port: number;
  auth: 'none' | 'htpasswd';
  users: string[];
  tls: 'none' | 'self-signed' | 'existing';
  /** The container runtime's image. */
  image?: string;
  /** The generated CA (self-signed only): what clients must trust. */
  caFile?: string;
  storageDir: string;
  folder: string;
  /** A pull-through cache: what it proxies. */
  proxy?: MirrorFacts;
}

/** What a pull-through cache proxies; never the upstream password. */
export interface MirrorFacts {
  /** Distribution's `proxy.remoteurl`. */
  remoteUrl: string;
  /** The upstream login's user (its password is in the keychain and the 0600 config.yml only). */
  username?: string;
  /** Docker uses `registry-mirrors` entries for Docker Hub images only. */
  isDockerHub: boolean;
  /** How long it keeps what it cached (Distribution 2.8: a fixed 168h). */
  ttl: string;
}

/**
 * A proxy's counters since the registry last started (Distribution's expvar `registry.proxy`). Distribution
 * 2.8 counts every manifest request as a hit and a fetch from the upstream as a miss too, so hits here are
 * requests less misses; it counts no blob misses at all, so blobs are only counted as served.
 */
export interface CacheStats {
  /** Manifest requests: served from the cache (hits) or fetched from the upstream (misses). */
  manifests: { requests: number; hits: number; misses: number };
  /** Blob (layer and config) requests served. */
  blobRequests: number;
  /** Bytes sent to clients. */
  bytesServed: number;
}

/** What a pull-through cache holds and how well it serves. */
export interface MirrorStatus {
  server: string;
  /** Absent when it is not running or its counters could not be read (`statsProblem` says why). */
  stats?: CacheStats;
  statsProblem?: string;
  /** Which `statsProblem` it is, with its facts (the app words it; `statsProblem` stays for the CLI). */
  statsProblemKind?: { kind: 'not-running' } | { kind: 'counters-unreadable'; port: number; error: string };
  /** Repositories it holds (read from its storage), up to 1,000. */
  repositories: string[];
  isCatalogComplete: boolean;
}

/** How to use a pull-through cache from Docker and Podman. */
export interface MirrorSetup {
  server: string;
  /** The `registry-mirrors` entry (`http://127.0.0.1:5000`). */
  mirrorUrl: string;
  isDockerHub: boolean;
  /** The upstream as image references name it (`docker.io`, `ghcr.io`) and the example pulled by name. */
  upstreamHost?: string;
  example?: string;
  /** Why Docker will or will not use it as a mirror. */
  explanation: string;
  /** Pulling through it by name (`docker pull 127.0.0.1:5000/library/alpine`). */
  pullByName: string;
  /** registries.conf lines that make Podman use it as a mirror of its upstream. */
  podmanSnippet: string;
  podmanFile: string;
}

/** A note on a registry just made, as a kind and its facts: the app words it (`notes` keep the English). */
export type ServerNote =
  | { kind: 'upstream-down'; upstream: string; error: string }
  | { kind: 'read-only-cache' }
  | {
      kind: 'no-login';
      /** `host:port`, or absent when it listens on every interface (then `port`). */
      address?: string;
      port: number;
      /** A pull-through cache: the upstream it pulls from, and whose upstream login it uses. */
      upstream?: string;
      upstreamUser?: string;
      canDelete: boolean;
    }
  | { kind: 'storage-reused'; folder: string; isKept: boolean }
  | { kind: 'upstream-password-not-stored'; error: string }
  | { kind: 'not-saved'; error: string }
  | { kind: 'password-not-stored'; user: string; error: string };

export interface CreatedServer extends ServerView {
  /** The saved connection's name, when saving it worked. */
  connection?: string;
  /** The first user's password went into the keychain (false: no user, or the keychain refused it). */
  isPasswordStored?: boolean;
  /** What could not be done and what to do next. */
  notes: string[];
  /** The same notes as kinds and facts, one per note in the same order (the app words them). */
  noteKinds?: ServerNote[];
}

export interface RemovedServer {
  /** The storage folder left in place. */
  keptStorage?: string;
  /** What could not be done and what to do next. */
  notes?: string[];
}

export interface UserChange {
  server: string;
  user: string;
  /** Distribution reads htpasswd only when it starts: a running registry was restarted. */
  restarted: boolean;
}

export interface GarbageCollection {
  server: string;
  dryRun: boolean;
  deleteUntagged: boolean;
  /** What `garbage-collect --dry-run` printed: what would go. */
  dryRunOutput: string;
  /** What the real run printed (absent for a dry run). */
  output?: string;
  bytesBefore: number;
  bytesAfter: number;
  bytesReclaimed: number;
  /** The registry was restarted for the collection (read-only) and after it (writable). */
  restarted: boolean;
  /** It served pulls, read-only, during the collection (false when it was not running). */
  readOnly: boolean;
}

/** Which way the local engine (dockerd or Podman) must be told about a registry, and why; shown before any change. */
export interface DockerTrustPlan {
  server: string;
  /** The engine the plan is for: Podman reads its own certs.d and registries.conf, never Docker's. */
  engine: 'dockerd' | 'podman';
  /** host:port as image references name it (the machine's name for a registry on every interface). */
  host: string;
  /**
   * TLS with a CA the engine does not know: `certs-d`; plain HTTP: `insecure-registries` (dockerd) or a
   * `registries-conf` entry (Podman; Berth shows the lines, the user adds them); a loopback host, which
   * dockerd always treats as insecure: `none` (nothing to change).
   */
  method: 'certs-d' | 'insecure-registries' | 'registries-conf' | 'none';
  /** The folder (certs.d/HOST:PORT) or file (daemon.json, registries.conf) that changes; empty for `none`. */
  target: string;
  /** For `registries-conf`: the lines to add to that file. */
  snippet?: string;
  explanation: string;
  /**
   * The facts `explanation` is worded from (the app words it in the interface language): the registry's
   * TLS, the loopback address (`none`), the CA file the engine reads (`certs-d`).
   */
  explanationFacts?: { tls: 'none' | 'self-signed' | 'existing'; loopback?: string; caFile?: string };
  /** The change is made already (the entry listed, the same certificate installed): nothing to write. */
  isInPlace: boolean;
}

export interface DockerTrustResult extends DockerTrustPlan {
  done: boolean;
  message: string;
  /** When Berth may not write there: the command to run, and why. */
  elevation?: { command: string; explanation: string };
}

export const serverRequests = {
  /** With the local engine's kind when one answers (the trust button names it). */
  'servers.list': request<{ servers: ServerView[]; runtimes: RuntimeKind[]; engine?: 'docker' | 'podman' }>()(
    z.strictObject({}),
  ),
  /**
   * Bytes of every file in its storage folder (what garbage collection measures too); `isComplete` false
   * when the count stopped at its budget (a folder of very many files): `bytes` is then a lower bound.
   */
  'servers.diskUse': request<{ bytes: number; isComplete: boolean }>()(Named),
  'servers.create': request<CreatedServer>()(CreateServerInput),
  'servers.start': request<ServerView>()(Named),
  'servers.stop': request<{ stopped: boolean }>()(Named),
  /** The registry's files and its saved connection go; its storage stays unless `deleteData`. */
  'servers.remove': request<RemovedServer>()(Named.extend({ deleteData: z.boolean().optional() })),
  'servers.logs': request<{ text: string }>()(
    Named.extend({ lines: z.number().int().min(1).max(10_000).optional() }),
  ),
  'servers.addUser': request<UserChange>()(Named.extend({ user: UserName, secret: Password })),
  'servers.removeUser': request<UserChange>()(Named.extend({ user: UserName })),
  'servers.changePassword': request<UserChange>()(Named.extend({ user: UserName, secret: Password })),
  'servers.dockerTrustPlan': request<DockerTrustPlan>()(Named),
  /** Installs the CA into certs.d (TLS) or adds an insecure-registries entry (plain HTTP). */
  'servers.trustInDocker': request<DockerTrustResult>()(Named),
  /** A pull-through cache's counters (hits, misses) and the repositories it holds. */
  'servers.mirrorStatus': request<MirrorStatus>()(Named),
  /** The registry-mirrors entry and the registries.conf lines for a pull-through cache. */
  'servers.mirrorSetup': request<MirrorSetup>()(Named),
  'servers.gc': request<GarbageCollection>()(
    Named.extend({ dryRun: z.boolean().optional(), deleteUntagged: z.boolean().optional() }),
  ),
};
