import { mkdir, readdir, readFile, rm, rmdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type {
  CreatedServer,
  ServerNote,
  GarbageCollection,
  MirrorFacts,
  MirrorSetup,
  MirrorStatus,
  RemovedServer,
  ServerView,
  UserChange,
} from '../../../shared/contract/servers.js';
import type { CredentialStore } from '../credentials/index.js';
import { lockFileOf, replaceAtomically, withFileLock } from '../files/index.js';
import { BerthError } from '../errors.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import type { SavedConnection, SettingsStore } from '../settings/index.js';
import { importTls, makeSelfSignedTls } from './certificates.js';
import { mirrorSetup } from './mirror-setup.js';
import { proxyPasswordOf, renderConfig, secretOf } from './config-yaml.js';
import {
  cachedRepositories,
  checkUpstream,
  checkUpstreamUrl,
  FIXED_CACHE_TTL,
  freeLoopbackPort,
  isDockerHubUpstream,
  readCacheStats,
  upstreamKeychainHost,
} from './proxy.js';
import { removeUser, setUser } from './htpasswd.js';
import type { DockerEngine } from '../docker/index.js';
import { ContainerRuntime } from './container-runtime.js';
import { ProcessRuntime } from './process-runtime.js';
import type { ServerRuntime } from './runtime.js';
import {
  checkBind,
  checkCertificateNames,
  checkPort,
  checkServerName,
  DEFAULT_BIND,
  DEFAULT_IMAGE,
  DEFAULT_PORT,
  defaultTlsNames,
  isWildcardBind,
  localHost,
  serverPaths,
  type DockerPaths,
  type RuntimeKind,
  type ServerPaths,
  type ServerSpec,
} from './spec.js';
import { countStorage, storageSize, type CountedSize } from './storage-size.js';
import {
  describeUntaggedPlan,
  planUntaggedCollection,
  removeUntaggedManifests,
  taggedIndexes,
} from './multi-platform.js';
import { hostnameOf } from '../registry/index.js';
import {
  planDockerTrust,
  trustInDocker,
  type DockerTrustOptions,
  type DockerTrustPlan,
  type DockerTrustResult,
} from './trust.js';

// What the front doors show is the contract's: one description for the CLI, the host and the app.
export type {
  CreatedServer,
  GarbageCollection,
  MirrorSetup,
  MirrorStatus,
  RemovedServer,
  ServerView,
  UserChange,
};

export interface CreateServerInput {
  name: string;
  port?: number;
  bind?: string;
  /** Storage folder; default `data/` in the server's folder. */
  storageDir?: string;
  deleteEnabled?: boolean;
  tls?:
    | { mode: 'none' }
    | { mode: 'self-signed'; names?: string[] }
    | { mode: 'existing'; certFile: string; keyFile: string };
  /** The first user; with it the registry asks for htpasswd logins. */
  user?: { name: string; password: string };
  runtime?: RuntimeKind;
  /** Container runtime: the image (default `registry:2`) and the network (default: publish the port). */
  image?: string;
  network?: ServerSpec['network'];
  /** Default true. */
  start?: boolean;
  /** Where the local Docker is told about it (kept in server.json for later `trust`); relative paths are resolved now. */
  docker?: DockerTrustOptions;
  /** A pull-through cache of this upstream; its password goes to the keychain and config.yml only. */
  proxy?: { url: string; username?: string; password?: string; ttl?: string };
}

/** A pull-through cache as the front doors show it; never its password. */
function mirrorFacts(spec: ServerSpec): MirrorFacts | undefined {
  if (!spec.proxy) return undefined;
  return {
    remoteUrl: spec.proxy.remoteUrl,
    ...(spec.proxy.username ? { username: spec.proxy.username } : {}),
    isDockerHub: isDockerHubUpstream(spec.proxy.remoteUrl),
    ttl: FIXED_CACHE_TTL,
  };
}

/** What a pull-through cache does with pushes and deletes, said when it is made and on its card. */
export const READ_ONLY_CACHE_NOTE =
  'A pull-through cache is read-only for its clients: pushes and deletes are refused (HTTP 405). It fetches what is pulled from the upstream, keeps it for a week (168h, fixed in Distribution 2.8) and fetches it again after that.';

/** The Docker paths worth keeping: those given, files made absolute (a later command runs elsewhere). */
function dockerPathsToKeep(docker: DockerTrustOptions | undefined): DockerTrustOptions | undefined {
  if (!docker) return undefined;
  const kept: DockerTrustOptions = {
    ...(docker.host ? { host: docker.host } : {}),
    ...(docker.certsDRoot ? { certsDRoot: path.resolve(docker.certsDRoot) } : {}),
    ...(docker.daemonConfigFile ? { daemonConfigFile: path.resolve(docker.daemonConfigFile) } : {}),
  };
  return Object.keys(kept).length ? kept : undefined;
}

export interface RegistryServersDeps {
  /** Berth's data dir; servers live in `<dataDir>/servers/`. */
  dataDir: string;
  settings: SettingsStore;
  credentials: CredentialStore;
  runtimes?: Partial<Record<RuntimeKind, ServerRuntime>>;
}

function isServerSpec(value: unknown, name: string): value is ServerSpec {
  const spec = value as Partial<ServerSpec> | null;
  return (
    typeof spec === 'object' &&
    spec !== null &&
    spec.name === name &&
    (spec.runtime === 'process' || spec.runtime === 'container') &&
    typeof spec.port === 'number' &&
    typeof spec.storageDir === 'string' &&
    (spec.proxy === undefined || isProxySpec(spec.proxy))
  );
}

/** A cache's part of server.json: an http(s) upstream and a TCP port for its counters. */
function isProxySpec(proxy: unknown): boolean {
  const value = proxy as Partial<NonNullable<ServerSpec['proxy']>> | null;
  if (typeof value !== 'object' || value === null || typeof value.remoteUrl !== 'string') return false;
  if (!Number.isInteger(value.metricsPort) || value.metricsPort! < 1 || value.metricsPort! > 65535)
    return false;
  if (value.username !== undefined && typeof value.username !== 'string') return false;
  return URL.canParse(value.remoteUrl) && /^https?:$/.test(new URL(value.remoteUrl).protocol);
}

function describeProblem(error: unknown): string {
  const hint = error instanceof BerthError ? error.hint : undefined;
  return `${(error as Error).message}${hint ? `. ${hint}` : ''}`;
}

/** Why a server cannot be shown, for the command line and (`appProblem`, where its hint differs) the app. */
function problemOf(error: unknown): { problem: string; appProblem?: string; appProblemError?: ErrorInfo } {
  const problem = describeProblem(error);
  if (!(error instanceof BerthError)) return { problem };
  const appProblemError = error.toInfo();
  if (error.appHint === error.hint) return { problem, appProblemError };
  return {
    problem,
    appProblem: `${error.message}${error.appHint ? `. ${error.appHint}` : ''}`,
    appProblemError,
  };
}

/**
 * A server as the core lists it: `appProblem` is its problem in the app's words, which the app shows
 * instead, and `appProblemError` the same as an error (the app words it in the interface language).
 */
export type ListedServer = ServerView & { appProblem?: string; appProblemError?: ErrorInfo };

/** How far a card's disk-use count walks: enough for any registry of one machine, not a million files. */
export const DISK_USE_BUDGET = { maxEntries: 200_000, ms: 10_000 };

/** Registries Berth set up and runs: their files, their processes, their users and garbage collection. */
export class RegistryServers {
  readonly serversDir: string;
  private readonly runtimes: Partial<Record<RuntimeKind, ServerRuntime>>;
  /** Disk-use counts under way, by registry name: a second card asking waits for the same walk. */
  private readonly diskUseWalks = new Map<string, Promise<CountedSize>>();

  constructor(private readonly deps: RegistryServersDeps) {
    this.serversDir = path.join(deps.dataDir, 'servers');
    this.runtimes = deps.runtimes ?? { process: new ProcessRuntime() };
  }

  private runtime(kind: RuntimeKind): ServerRuntime {
    const runtime = this.runtimes[kind];
    if (!runtime)
      throw new BerthError('UNSUPPORTED', `the ${kind} runtime is not available here`, {
        hint:
          kind === 'container'
            ? 'No container engine was given; use --runtime process (a docker-registry child process)'
            : 'Use --runtime container',
        appHint:
          kind === 'container'
            ? 'No container engine is available; run the registry as a process on this machine instead'
            : 'Run the registry in a container instead',
      });
    return runtime;
  }

  private paths(name: string): ServerPaths {
    checkServerName(name);
    return serverPaths(this.serversDir, name);
  }

  async spec(name: string): Promise<ServerSpec> {
    const paths = this.paths(name);
    let text: string;
    try {
      text = await readFile(paths.spec, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        throw new BerthError('NOT_FOUND', `you have no registry named ${name}`, {
          hint: 'See berth server list.',
          appHint: 'It may have been removed meanwhile: Your registries lists the ones that exist.',
        });
      throw error;
    }
    try {
      const spec: unknown = JSON.parse(text);
      if (!isServerSpec(spec, name)) throw new Error(`it does not describe the server ${name}`);
      return spec;
    } catch (error) {
      throw new BerthError('CONFIG', `${paths.spec} cannot be read: ${(error as Error).message}`, {
        hint: `Restore it from a backup, or remove the server (its data/ folder is kept): berth server rm ${name}`,
        appHint: `Restore it from a backup, or remove ${name} with Remove… on its card (its stored images are kept unless you ask otherwise).`,
        cause: error,
      });
    }
  }

  /**
   * A server whose server.json cannot be read is still listed, so that it can be seen and removed:
   * only its name and folder are known.
   */
  private unreadableView(name: string, error: unknown): ListedServer {
    const paths = this.paths(name);
    return {
      name,
      runtime: 'process',
      state: 'unknown',
      ...problemOf(error),
      isUnreadable: true,
      url: '',
      host: '',
      bind: '',
      port: 0,
      auth: 'none',
      users: [],
      tls: 'none',
      storageDir: paths.defaultStorage,
      folder: paths.dir,
    };
  }

  private async view(spec: ServerSpec): Promise<ListedServer> {
    const paths = this.paths(spec.name);
    // One server whose engine does not answer must not hide the others: it is listed, with why.
    const status: Pick<ListedServer, 'state' | 'pid' | 'problem' | 'appProblem' | 'appProblemError'> =
      await this.runtime(spec.runtime)
        .status(spec, paths)
        .catch((error: unknown) => ({ state: 'unknown', ...problemOf(error) }));
    const host = localHost(spec);
    return {
      name: spec.name,
      runtime: spec.runtime,
      ...status,
      url: `${spec.tls === 'none' ? 'http' : 'https'}://${host}`,
      host,
      bind: spec.bind,
      port: spec.port,
      auth: spec.auth,
      users: spec.users,
      tls: spec.tls,
      image: spec.image,
      caFile: spec.tls === 'self-signed' ? paths.caCert : undefined,
      storageDir: spec.storageDir,
      folder: paths.dir,
      ...(spec.proxy ? { proxy: mirrorFacts(spec) } : {}),
    };
  }

  async get(name: string): Promise<ListedServer> {
    return this.view(await this.spec(name));
  }

  async list(): Promise<ListedServer[]> {
    let names: string[];
    try {
      names = (await readdir(this.serversDir, { withFileTypes: true }))
        .filter((e) => e.isDirectory())
        .map((e) => e.name);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const views: ListedServer[] = [];
    for (const name of names.sort()) {
      const spec = await this.spec(name).catch((error: unknown) => error as Error);
      if (!(spec instanceof Error)) views.push(await this.view(spec));
      // A folder without server.json is not a server (a removal that kept its data/ leaves one).
      else if (!(spec instanceof BerthError && spec.code === 'NOT_FOUND'))
        views.push(this.unreadableView(name, spec));
    }
    return views;
  }

  async create(
    input: CreateServerInput,
  ): Promise<CreatedServer & { appNotes: string[]; appNoteKinds: ServerNote[] }> {
    const paths = this.paths(input.name);
    const runtime = this.runtime(input.runtime ?? 'process');
    const port = input.port ?? DEFAULT_PORT;
    checkPort(port);
    const bind = input.bind ?? DEFAULT_BIND;
    checkBind(bind);
    const tls = input.tls ?? { mode: 'self-signed' };
    if (tls.mode === 'self-signed' && tls.names) checkCertificateNames(tls.names);
    const proxy = input.proxy ? checkProxyInput(input.proxy) : undefined;
    // An unreadable server.json is a server too: its folder is not written over.
    if (
      await this.spec(input.name).then(
        () => true,
        (error: unknown) => !(error instanceof BerthError && error.code === 'NOT_FOUND'),
      )
    )
      throw new BerthError('INVALID_INPUT', `you already have a registry named ${input.name}`, {
        hint: `Pick another name, or remove it first: berth server rm ${input.name}`,
        appHint: `Pick another name, or remove the existing ${input.name} first (Remove… on its card).`,
      });
    await runtime.checkAvailable();
    const spec: ServerSpec = {
      name: input.name,
      runtime: runtime.kind,
      bind,
      port,
      storageDir: path.resolve(input.storageDir ?? paths.defaultStorage),
      deleteEnabled: input.deleteEnabled ?? true,
      auth: input.user ? 'htpasswd' : 'none',
      users: input.user ? [input.user.name] : [],
      tls: tls.mode,
      tlsNames:
        tls.mode === 'self-signed'
          ? tls.names?.length
            ? tls.names
            : defaultTlsNames(reachedAs(bind, input.docker))
          : [],
      ...(runtime.kind === 'container'
        ? { image: input.image ?? DEFAULT_IMAGE, network: input.network ?? 'publish' }
        : {}),
      ...(dockerPathsToKeep(input.docker) ? { docker: dockerPathsToKeep(input.docker) } : {}),
      ...(proxy
        ? {
            proxy: {
              remoteUrl: proxy.remoteUrl,
              ...(proxy.login ? { username: proxy.login.username } : {}),
              metricsPort: await freeLoopbackPort(),
            },
          }
        : {}),
      createdAt: new Date().toISOString(),
    };
    const host = localHost(spec);
    const clash = this.deps.settings.get(spec.name) ?? this.deps.settings.findByHost(host);
    if (clash)
      throw new BerthError('INVALID_INPUT', `a connection "${clash.name}" (${clash.host}) is already saved`, {
        hint: `Pick another name or port, or remove it first: berth registry remove ${clash.name}`,
        appHint: `Pick another name or port, or remove the connection "${clash.name}" first (Registries → Remove connection).`,
      });

    // The notes in the command line's words, and the same in the app's (which has no commands to name).
    const notes: string[] = [];
    const appNotes: string[] = [];
    const appNoteKinds: ServerNote[] = [];
    const note = (kind: ServerNote, text: string, appText = text) => {
      appNoteKinds.push(kind);
      notes.push(text);
      appNotes.push(appText);
    };
    // Distribution 2.8 asks the upstream's /v2/ as it starts (proxy.configureAuth) and exits when it gets
    // no answer: a cache whose upstream is down is made, and started later.
    let isUpstreamDown = false;
    if (proxy) {
      // A refused upstream login stops here, before anything is made; an upstream that is down is a note.
      const warning = await checkUpstream(proxy.remoteUrl, proxy.login);
      if (warning) {
        isUpstreamDown = true;
        note(
          // checkUpstream says "the upstream URL did not answer (why)".
          {
            kind: 'upstream-down',
            upstream: proxy.remoteUrl,
            error: /\((.*)\)$/s.exec(warning)?.[1] ?? warning,
          },
          `${warning}. It was made but not started: Distribution 2.8 asks the upstream as it starts and stops when nobody answers. Start it once the upstream answers: berth server start ${spec.name}`,
          `${warning.charAt(0).toUpperCase()}${warning.slice(1)}. It was made but not started: Distribution 2.8 asks the upstream as it starts and stops when nobody answers. Start it once the upstream answers.`,
        );
      }
      note(
        { kind: 'read-only-cache' },
        READ_ONLY_CACHE_NOTE,
        READ_ONLY_CACHE_NOTE.replace(' (HTTP 405)', ''),
      );
    }
    if (spec.auth === 'none') {
      const reach = isWildcardBind(spec.bind)
        ? `this machine on port ${spec.port} (it listens on every interface)`
        : `${spec.bind}:${spec.port}`;
      const open = spec.proxy
        ? `${spec.name} has no login: anyone who can reach ${reach} can pull through it from ${spec.proxy.remoteUrl}${spec.proxy.username ? ` with ${spec.proxy.username}'s upstream login` : ''}.`
        : `${spec.name} has no login: anyone who can reach ${reach} can push, pull${spec.deleteEnabled ? ' and delete' : ''} images.`;
      note(
        {
          kind: 'no-login',
          ...(isWildcardBind(spec.bind) ? {} : { address: `${spec.bind}:${spec.port}` }),
          port: spec.port,
          ...(spec.proxy ? { upstream: spec.proxy.remoteUrl } : {}),
          ...(spec.proxy?.username ? { upstreamUser: spec.proxy.username } : {}),
          canDelete: Boolean(spec.deleteEnabled),
        },
        `${open} Add a user: berth server user add ${spec.name} USER`,
        `${open} Add a user with Users… on its card to ask for a login.`,
      );
    }
    await mkdir(paths.dir, { recursive: true, mode: 0o700 });
    // Under the server's lock: a second create of the same name waits, then finds server.json and stops.
    let created: (CreatedServer & { appNotes: string[]; appNoteKinds: ServerNote[] }) | undefined;
    try {
      created = await withFileLock(paths.spec, async () => {
        if (await this.hasSpec(paths))
          throw new BerthError('INVALID_INPUT', `you already have a registry named ${input.name}`, {
            hint: `Pick another name, or remove it first: berth server rm ${input.name}`,
            appHint: `Pick another name, or remove the existing ${input.name} first (Remove… on its card).`,
          });
        // A folder kept by `server rm` (its data/) is reused; a failure undoes only what this attempt made.
        const before = new Set(await readdir(paths.dir));
        const storageBefore = await isNonEmptyFolder(spec.storageDir);
        if (storageBefore)
          note(
            {
              kind: 'storage-reused',
              folder: spec.storageDir,
              isKept: spec.storageDir === paths.defaultStorage,
            },
            `reusing the images already in ${spec.storageDir}${spec.storageDir === paths.defaultStorage ? ` (kept when an earlier ${spec.name} was removed)` : ''}`,
          );
        let connection: string | undefined;
        let isPasswordStored = false;
        let started = false;
        try {
          await mkdir(spec.storageDir, { recursive: true, mode: 0o700 });
          if (tls.mode === 'self-signed') await makeSelfSignedTls(paths, spec.name, spec.tlsNames);
          if (tls.mode === 'existing') await importTls(paths, tls.certFile, tls.keyFile);
          if (input.user) await setUser(paths.htpasswd, input.user.name, input.user.password);
          if (proxy?.login) await this.storeUpstreamLogin(spec, proxy.login, note);
          await this.writeFiles(spec, paths, proxy?.login?.password);
          ({ connection, isPasswordStored } = await this.saveConnection(spec, paths, input.user, note));
          if (input.start !== false && !isUpstreamDown) {
            started = true;
            await runtime.start(spec, paths);
          }
        } catch (error) {
          await this.undoCreate(spec, paths, {
            before,
            connection,
            storageBefore,
            runtime: started ? runtime : undefined,
          });
          throw error;
        }
        return {
          ...(await this.view(spec)),
          connection,
          isPasswordStored,
          notes,
          appNotes,
          appNoteKinds,
        };
      });
    } finally {
      // A folder this attempt made and left empty (the lock file gone with the lock) goes too.
      if (!created) await rmdir(paths.dir).catch(() => undefined);
    }
    return created;
  }

  private async hasSpec(paths: ServerPaths): Promise<boolean> {
    return stat(paths.spec).then(
      () => true,
      () => false,
    );
  }

  /**
   * Takes back a create that failed: stops what it started, forgets the connection it saved and removes
   * the files it made — only entries of the server folder that were not there before, so a data/ kept by
   * `server rm` (or a storage folder the user chose) survives.
   */
  private async undoCreate(
    spec: ServerSpec,
    paths: ServerPaths,
    made: { before: Set<string>; connection?: string; storageBefore: boolean; runtime?: ServerRuntime },
  ): Promise<void> {
    // Only a runtime this attempt started is asked to stop (a container of that name may be someone's).
    await made.runtime?.remove(spec, paths).catch(() => undefined);
    if (spec.proxy?.username)
      await this.deps.credentials
        .remove(upstreamKeychainHost(spec.name), spec.proxy.username)
        .catch(() => false);
    if (made.connection) {
      this.deps.settings.remove(made.connection);
      const user = spec.users[0];
      if (user) await this.deps.credentials.remove(localHost(spec), user).catch(() => false);
    }
    const lock = path.basename(lockFileOf(paths.spec));
    for (const entry of await readdir(paths.dir).catch(() => [] as string[]))
      if (!made.before.has(entry) && entry !== lock)
        await rm(path.join(paths.dir, entry), { recursive: true, force: true });
    // A storage folder outside the server folder that this attempt made (so empty of images) goes too.
    if (!made.storageBefore) await rmdir(spec.storageDir).catch(() => undefined);
  }

  /** server.json and config.yml, each replaced atomically; callers hold the server's lock (on server.json). */
  private async writeFiles(spec: ServerSpec, paths: ServerPaths, proxyPassword?: string): Promise<void> {
    await this.writeConfig(spec, paths, { proxyPassword });
    await replaceAtomically(paths.spec, `${JSON.stringify(spec, null, 2)}\n`, { mode: 0o644 });
  }

  /**
   * config.yml holds the HTTP secret and a cache's upstream password, so it is private (0600, also when
   * it existed with another mode: the file is replaced). A rewrite keeps the secret it had, and takes the
   * upstream password from the keychain — or from the config it replaces when the keychain cannot answer.
   */
  private async writeConfig(
    spec: ServerSpec,
    paths: ServerPaths,
    options: { readOnly?: boolean; proxyPassword?: string } = {},
  ) {
    const before = await readFile(paths.config, 'utf8').catch(() => '');
    const proxyPassword =
      options.proxyPassword ??
      (spec.proxy?.username
        ? await this.deps.credentials
            .get(upstreamKeychainHost(spec.name), spec.proxy.username)
            .then((stored) => stored?.secret)
            .catch(() => undefined)
        : undefined) ??
      proxyPasswordOf(before);
    await replaceAtomically(
      paths.config,
      renderConfig(spec, paths, secretOf(before), { readOnly: options.readOnly, proxyPassword }),
      { mode: 0o600 },
    );
  }

  /** The upstream password goes to the keychain; when it cannot take it, config.yml alone keeps it. */
  private async storeUpstreamLogin(
    spec: ServerSpec,
    login: { username: string; password: string },
    note: (kind: ServerNote, text: string, appText?: string) => void,
  ): Promise<void> {
    try {
      await this.deps.credentials.save(upstreamKeychainHost(spec.name), login.username, login.password);
    } catch (error) {
      note(
        { kind: 'upstream-password-not-stored', error: (error as Error).message },
        `the upstream password is not in the keychain (${(error as Error).message}); only ${spec.name}'s private config.yml holds it`,
      );
    }
  }

  /**
   * What a pull-through cache holds (the repositories in its storage) and how well it serves (its
   * proxy counters since it last started, read from its debug server on 127.0.0.1).
   */
  async mirrorStatus(name: string): Promise<MirrorStatus> {
    const spec = await this.requireProxy(name);
    const catalog = await cachedRepositories(spec.storageDir);
    const base = { server: name, repositories: catalog.names, isCatalogComplete: catalog.isComplete };
    const state = await this.runtime(spec.runtime)
      .status(spec, this.paths(name))
      .then((status) => status.state)
      .catch(() => 'unknown' as const);
    if (state !== 'running')
      return {
        ...base,
        statsProblem: `${name} is not running: they are counted while it runs`,
        statsProblemKind: { kind: 'not-running' },
      };
    try {
      return { ...base, stats: await readCacheStats(spec.proxy!.metricsPort) };
    } catch (error) {
      return {
        ...base,
        statsProblem: `its counters on 127.0.0.1:${spec.proxy!.metricsPort} could not be read: ${(error as Error).message}`,
        statsProblemKind: {
          kind: 'counters-unreadable',
          port: spec.proxy!.metricsPort,
          error: (error as Error).message,
        },
      };
    }
  }

  /** The registry-mirrors entry, the Podman lines and the pull-by-name example of a pull-through cache. */
  async mirrorSetup(name: string): Promise<MirrorSetup> {
    return mirrorSetup(await this.requireProxy(name));
  }

  async requireProxy(name: string): Promise<ServerSpec & { proxy: NonNullable<ServerSpec['proxy']> }> {
    const spec = await this.spec(name);
    if (!spec.proxy)
      throw new BerthError('INVALID_INPUT', `${name} is not a pull-through cache`, {
        hint: `Create one with berth server create NAME --proxy ${'https://registry-1.docker.io'}`,
        appHint: 'Create a registry of the kind “Pull-through cache (mirror)” for this.',
      });
    return spec as ServerSpec & { proxy: NonNullable<ServerSpec['proxy']> };
  }

  private async saveConnection(
    spec: ServerSpec,
    paths: ServerPaths,
    user: CreateServerInput['user'],
    note: (kind: ServerNote, text: string, appText?: string) => void,
  ): Promise<{ connection?: string; isPasswordStored: boolean }> {
    const host = localHost(spec);
    try {
      this.deps.settings.save({
        name: spec.name,
        host,
        insecureHttp: spec.tls === 'none',
        tls: spec.tls === 'self-signed' ? { caFile: paths.caCert } : {},
        username: user?.name,
        kind: 'distribution',
      });
    } catch (error) {
      note(
        { kind: 'not-saved', error: (error as Error).message },
        `not saved as a connection: ${(error as Error).message}`,
      );
      return { isPasswordStored: false };
    }
    if (user) {
      try {
        await this.deps.credentials.save(host, user.name, user.password);
        return { connection: spec.name, isPasswordStored: true };
      } catch (error) {
        const missing = `${user.name}'s password is not in the keychain (${(error as Error).message})`;
        note(
          { kind: 'password-not-stored', user: user.name, error: (error as Error).message },
          `${missing}; log in: berth login ${spec.name}`,
          `${missing}: give it to the connection ${spec.name} (Registries → Edit connection) once the keychain works.`,
        );
      }
    }
    return { connection: spec.name, isPasswordStored: false };
  }

  /** Which way the local Docker daemon needs to be told about this registry, and why. */
  async dockerTrustPlan(name: string, options: DockerTrustOptions = {}): Promise<DockerTrustPlan> {
    return planDockerTrust(await this.spec(name), this.paths(name), options);
  }

  /** Installs its CA into certs.d (TLS) or adds an insecure-registries entry (plain HTTP). */
  async trustInDocker(name: string, options: DockerTrustOptions = {}): Promise<DockerTrustResult> {
    return trustInDocker(await this.spec(name), this.paths(name), options);
  }

  async start(name: string): Promise<ListedServer> {
    const spec = await this.spec(name);
    try {
      await this.runtime(spec.runtime).start(spec, this.paths(name));
    } catch (error) {
      if (!spec.proxy) throw error;
      // A cache that exits at once most often found its upstream down (Distribution 2.8 asks it as it starts).
      const warning = await checkUpstream(spec.proxy.remoteUrl, undefined).catch(() => undefined);
      if (!warning) throw error;
      throw new BerthError(
        'NETWORK',
        `${name} cannot start while its upstream ${spec.proxy.remoteUrl} does not answer`,
        {
          hint: `Distribution 2.8 asks the upstream as a pull-through cache starts and stops when nobody answers; start it once the upstream answers: berth server start ${name}`,
          appHint:
            'Distribution 2.8 asks the upstream as a pull-through cache starts and stops when nobody answers; start it once the upstream answers.',
          cause: error,
        },
      );
    }
    return this.view(spec);
  }

  /** Returns false when it was not running. */
  async stop(name: string): Promise<boolean> {
    const spec = await this.spec(name);
    return this.runtime(spec.runtime).stop(spec, this.paths(name));
  }

  /**
   * Bytes in its storage folder, counted as garbage collection counts them, within DISK_USE_BUDGET: a
   * folder of a million files gives a lower bound instead of a walk without end. Cards asking at once
   * for the same registry share one walk.
   */
  diskUse(name: string): Promise<CountedSize> {
    const running = this.diskUseWalks.get(name);
    if (running) return running;
    const walk = this.countDiskUse(name).finally(() => this.diskUseWalks.delete(name));
    this.diskUseWalks.set(name, walk);
    return walk;
  }

  private async countDiskUse(name: string): Promise<CountedSize> {
    const { storageDir } = await this.spec(name);
    const budget = { maxEntries: DISK_USE_BUDGET.maxEntries, deadline: Date.now() + DISK_USE_BUDGET.ms };
    return countStorage(storageDir, budget).catch((error: unknown) => {
      const code = (error as NodeJS.ErrnoException).code;
      throw new BerthError(
        'CONFIG',
        code === 'EACCES' || code === 'EPERM'
          ? `this user may not read all of ${storageDir}`
          : `${storageDir} could not be read (${code ?? (error as Error).message})`,
        {
          hint: 'A registry run as a container may own its files as root; its storage is still in use, only its size is not shown.',
          cause: error,
        },
      );
    });
  }

  async logs(name: string, lines?: number): Promise<string> {
    const spec = await this.spec(name);
    return this.runtime(spec.runtime).logs(spec, this.paths(name), lines);
  }

  /** Stops it, removes its files and its saved connection; the storage stays unless `deleteData`. */
  async remove(name: string, options: { deleteData?: boolean } = {}): Promise<RemovedServer> {
    const spec = await this.spec(name).catch((error: unknown) => {
      if (error instanceof BerthError && error.code === 'CONFIG') return undefined;
      throw error;
    });
    if (!spec) return this.removeUnreadable(name, options);
    const paths = this.paths(name);
    await this.runtime(spec.runtime).remove(spec, paths);
    const saved: SavedConnection | undefined = this.deps.settings.get(name);
    if (saved && saved.host === localHost(spec)) {
      this.deps.settings.remove(name);
      if (saved.username) await this.deps.credentials.remove(saved.host, saved.username).catch(() => false);
    }
    if (spec.proxy?.username)
      await this.deps.credentials.remove(upstreamKeychainHost(name), spec.proxy.username).catch(() => false);
    const storageInside = path.relative(paths.dir, spec.storageDir).split(path.sep)[0] !== '..';
    if (options.deleteData || !storageInside) {
      await rm(paths.dir, { recursive: true, force: true });
      if (options.deleteData) await rm(spec.storageDir, { recursive: true, force: true });
    } else {
      for (const entry of await readdir(paths.dir))
        if (path.join(paths.dir, entry) !== spec.storageDir)
          await rm(path.join(paths.dir, entry), { recursive: true, force: true });
    }
    return options.deleteData ? {} : { keptStorage: spec.storageDir };
  }

  /**
   * Without its server.json Berth knows neither the runtime, the storage folder nor the address. It
   * stops what the name alone finds (a docker-registry process of this folder's config, the container
   * berth-registry-NAME) and deletes the folder but its default storage `data/` (unless `deleteData`).
   * A saved connection stays: nothing says it was this server's.
   */
  private async removeUnreadable(name: string, options: { deleteData?: boolean }): Promise<RemovedServer> {
    const paths = this.paths(name);
    const notes: string[] = [];
    for (const runtime of Object.values(this.runtimes))
      await runtime.remove({ name }, paths).catch((error: unknown) => {
        notes.push(`the ${runtime.kind} runtime could not be asked to stop it: ${describeProblem(error)}`);
      });
    const hasStorage = await stat(paths.defaultStorage).then(
      () => true,
      () => false,
    );
    if (options.deleteData || !hasStorage) await rm(paths.dir, { recursive: true, force: true });
    else
      for (const entry of await readdir(paths.dir))
        if (path.join(paths.dir, entry) !== paths.defaultStorage)
          await rm(path.join(paths.dir, entry), { recursive: true, force: true });
    notes.push(
      'A storage folder outside the server folder, a saved connection and its keychain entry, if it had them, stay: remove them by hand',
    );
    return options.deleteData || !hasStorage ? { notes } : { keptStorage: paths.defaultStorage, notes };
  }

  /**
   * Changes the users under the server's lock, from server.json as it is now (parallel changes from the
   * app, the host and the CLI each see the one before), and restarts a running registry so it reads the
   * htpasswd file again.
   */
  private async changeUsers(
    name: string,
    change: (spec: ServerSpec, paths: ServerPaths) => Promise<ServerSpec>,
    user: string,
  ): Promise<UserChange> {
    const paths = this.paths(name);
    await this.spec(name);
    return withFileLock(paths.spec, async () => {
      const spec = await this.spec(name);
      const updated = await change(spec, paths);
      if (updated !== spec) await this.writeFiles(updated, paths);
      const runtime = this.runtime(spec.runtime);
      const running = (await runtime.status(updated, paths)).state === 'running';
      if (running) {
        await runtime.stop(updated, paths);
        await runtime.start(updated, paths);
      }
      return { server: name, user, restarted: running };
    });
  }

  async addUser(name: string, user: string, password: string): Promise<UserChange> {
    return this.changeUsers(
      name,
      async (spec, paths) => {
        if (spec.users.includes(user))
          throw new BerthError('INVALID_INPUT', `${user} is already a user of ${name}`, {
            hint: `Change the password instead: berth server user passwd ${name} ${user}`,
            appHint: `Change ${user}'s password instead.`,
          });
        await setUser(paths.htpasswd, user, password);
        return { ...spec, auth: 'htpasswd', users: [...spec.users, user] };
      },
      user,
    );
  }

  async changePassword(name: string, user: string, password: string): Promise<UserChange> {
    return this.changeUsers(
      name,
      async (spec, paths) => {
        this.requireUser(spec, user);
        const saved = this.deps.settings.get(name);
        // The keychain is asked before the file changes: when it cannot answer (locked, not running),
        // the password stays the old one everywhere instead of new in htpasswd and old in the keychain.
        const isInKeychain = saved?.username === user && (await this.deps.credentials.has(saved.host, user));
        await setUser(paths.htpasswd, user, password);
        if (saved && isInKeychain) await this.deps.credentials.save(saved.host, user, password);
        return spec;
      },
      user,
    );
  }

  async removeUser(name: string, user: string): Promise<UserChange> {
    return this.changeUsers(
      name,
      async (spec, paths) => {
        this.requireUser(spec, user);
        if (spec.users.length === 1)
          throw new BerthError('INVALID_INPUT', `${user} is ${name}'s last user`, {
            hint: 'Add another user first; a registry without users would refuse everyone',
          });
        await removeUser(paths.htpasswd, user);
        return { ...spec, users: spec.users.filter((existing) => existing !== user) };
      },
      user,
    );
  }

  private requireUser(spec: ServerSpec, user: string): void {
    if (!spec.users.includes(user))
      throw new BerthError('NOT_FOUND', `${user} is not a user of ${spec.name}`, {
        hint: `Its users: ${spec.users.join(', ') || 'none'}`,
      });
  }

  /**
   * `garbage-collect` must not run while the registry accepts writes (a blob uploaded during the mark
   * phase would be swept). A running registry is restarted in Distribution's read-only maintenance
   * mode (`storage.maintenance.readonly`), so pulls keep working while pushes and deletes are refused,
   * then collected and restarted writable — which also empties its in-memory blob cache, which would
   * otherwise still vouch for deleted blobs. The dry run goes first and its output is returned either way.
   */
  async collectGarbage(
    name: string,
    options: { dryRun?: boolean; deleteUntagged?: boolean } = {},
  ): Promise<GarbageCollection> {
    const spec = await this.spec(name);
    const paths = this.paths(name);
    const runtime = this.runtime(spec.runtime);
    // Where a tag reaches an image index, 2.8's --delete-untagged would delete its platform images: Berth
    // removes the untagged manifests itself and runs the plain collection (multi-platform.ts).
    const isPlannedNow = async () =>
      options.deleteUntagged === true && (await taggedIndexes(spec.storageDir)).length > 0;
    const flagsFor = (isPlanned: boolean) =>
      options.deleteUntagged && !isPlanned ? ['--delete-untagged'] : [];
    const isPlanned = await isPlannedNow();
    const bytesBefore = await storageSize(spec.storageDir);
    const result = {
      server: name,
      dryRun: options.dryRun === true,
      deleteUntagged: options.deleteUntagged === true,
      bytesBefore,
    };
    const untouched = { bytesAfter: bytesBefore, bytesReclaimed: 0, restarted: false, readOnly: false };
    if (!(await storageSize(path.join(spec.storageDir, 'docker', 'registry', 'v2', 'repositories'))))
      // Distribution's collector fails on a storage with no repositories yet; there is nothing to collect.
      return { ...result, ...untouched, dryRunOutput: 'no repositories: nothing to collect\n' };
    const dryRunOutput = isPlanned
      ? describeUntaggedPlan(await planUntaggedCollection(spec.storageDir))
      : await runtime.garbageCollect(spec, paths, ['--dry-run', ...flagsFor(false)]);
    if (options.dryRun) return { ...result, ...untouched, dryRunOutput };
    const running = (await runtime.status(spec, paths)).state === 'running';
    const restart = async (readOnly: boolean) => {
      await withFileLock(paths.spec, () => this.writeConfig(spec, paths, { readOnly }));
      await runtime.stop(spec, paths);
      await runtime.start(spec, paths);
    };
    let output: string;
    if (running) await restart(true);
    try {
      let removed = '';
      // Decided again now that nothing can be pushed: an index pushed since the dry run counts too.
      const isPlannedNowReadOnly = await isPlannedNow();
      if (isPlannedNowReadOnly) {
        // Planned again too: what goes is what no tag reaches at this moment.
        const plan = await planUntaggedCollection(spec.storageDir);
        await removeUntaggedManifests(spec.storageDir, plan).catch((error: unknown) => {
          throw new BerthError(
            'DENIED',
            `could not remove the untagged manifests of ${name}: ${error instanceof Error ? error.message : String(error)}`,
            {
              hint: `Collect garbage without --delete-untagged (berth server gc ${name}), or let Berth's user write ${spec.storageDir}`,
              appHint: `Collect garbage without “Also delete images no tag points to”, or let Berth's user write ${spec.storageDir}.`,
            },
          );
        });
        removed = `Berth removed ${plan.manifests.length} untagged ${plan.manifests.length === 1 ? 'manifest' : 'manifests'} (an index's platform images kept)\n`;
      }
      output = removed + (await runtime.garbageCollect(spec, paths, flagsFor(isPlannedNowReadOnly)));
    } finally {
      if (running) await restart(false);
    }
    const bytesAfter = await storageSize(spec.storageDir);
    return {
      ...result,
      dryRunOutput,
      output,
      bytesAfter,
      bytesReclaimed: bytesBefore - bytesAfter,
      restarted: running,
      readOnly: running,
    };
  }
}

/**
 * The servers under the settings' data dir, run as docker-registry processes or as containers of the
 * local engine, which is resolved only when a container server is touched.
 */
export function localRegistryServers(deps: {
  settings: SettingsStore;
  credentials: CredentialStore;
  engine: () => DockerEngine;
}): RegistryServers {
  return new RegistryServers({
    dataDir: deps.settings.dataDir,
    settings: deps.settings,
    credentials: deps.credentials,
    runtimes: { process: new ProcessRuntime(), container: new ContainerRuntime({ engine: deps.engine }) },
  });
}

async function isNonEmptyFolder(folder: string): Promise<boolean> {
  return readdir(folder).then(
    (entries) => entries.length > 0,
    () => false,
  );
}

/** The names others reach a new server by, besides this machine's: its bind address, Docker's name for it. */
function reachedAs(bind: string, docker: DockerPaths | undefined): string[] {
  return [...(isWildcardBind(bind) ? [] : [bind]), ...(docker?.host ? [hostnameOf(docker.host)] : [])];
}

/** A cache's upstream, checked: its URL, and its login when it has one. A TTL other than 2.8's week is refused. */
function checkProxyInput(proxy: NonNullable<CreateServerInput['proxy']>): {
  remoteUrl: string;
  login?: { username: string; password: string };
} {
  const remoteUrl = checkUpstreamUrl(proxy.url);
  if (proxy.ttl !== undefined && proxy.ttl !== FIXED_CACHE_TTL)
    throw new BerthError('UNSUPPORTED', `Distribution 2.8 cannot keep a cache for ${proxy.ttl}`, {
      hint: `It keeps what it cached for a fixed ${FIXED_CACHE_TTL} and has no setting for it (proxy.ttl came with Distribution 3.0); leave out --proxy-ttl`,
      appHint: `It keeps what it cached for a fixed ${FIXED_CACHE_TTL} (a week) and has no setting for it.`,
    });
  if (Boolean(proxy.username) !== Boolean(proxy.password))
    throw new BerthError('INVALID_INPUT', 'an upstream user needs a password, and a password a user', {
      hint: 'Give both --proxy-username and --proxy-password-stdin, or neither',
      appHint: 'Fill in both the upstream user and its password, or leave both empty.',
    });
  return proxy.username && proxy.password
    ? { remoteUrl, login: { username: proxy.username, password: proxy.password } }
    : { remoteUrl };
}
