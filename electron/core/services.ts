import { ChosenFiles } from './files/index.js';
import {
  CredentialStore,
  HelperLogins,
  keytarKeychain,
  toRegistryCredential,
  type Keychain,
} from './credentials/index.js';
import {
  DockerEngine,
  discoverEngines,
  engineCredentialFrom,
  makeEndpoint,
  registryAuthHeader,
  resolveEngine,
  type CredentialLookup,
} from './docker/index.js';
import { createJobManager, JobHistory, type JobManager, type JobManagerOptions } from './jobs/index.js';
import {
  RegistryClient,
  redactAll,
  scrubValue,
  SecretSet,
  timeoutsFromSeconds,
  type Credential,
  type RegistryConnection,
} from './registry/index.js';
import { SEARCH_SETTINGS, SearchService, type SearchSettings } from './search/index.js';
import { SettingsStore, type SavedConnection } from './settings/index.js';
import { VendorApis } from './vendors/index.js';

export interface ServicesOptions {
  /** Settings folder; default `BERTH_DATA_DIR` or the per-user folder. */
  dataDir?: string;
  /** An opened settings store (the app passes one backed by electron-store). */
  settings?: SettingsStore;
  keychain?: Keychain;
  /** Keychain service name; default `BERTH_KEYCHAIN_SERVICE` or `Berth`. */
  keychainService?: string;
  onWarning?: (message: string) => void;
  /** Engine address for pull/push; default found like the Docker CLI. */
  engine?: string;
  jobs?: JobManagerOptions;
  /** Keep the transfers history in `<dataDir>/job-history.json` (the app and the browser host do). */
  keepJobHistory?: boolean;
  /** Docker Hub's API (namespace listings); default `BERTH_HUB_ORIGIN` (tests) or https://hub.docker.com. */
  hubOrigin?: string;
  /** Where the secrets this process handles are collected (the CLI's output filter shares it). */
  secrets?: SecretSet;
  /** How long a connection's credential helper may take to answer; default 30 s. */
  helperTimeoutMs?: number;
  /** The search index's refresh deadlines and caps (tests make them small). */
  search?: Partial<SearchSettings>;
}

export function toConnection(saved: SavedConnection, credential?: Credential): RegistryConnection {
  const connection: RegistryConnection = {
    host: saved.host,
    insecureHttp: saved.insecureHttp,
    tls: saved.tls,
    credential,
  };
  if (saved.timeoutSeconds !== undefined)
    connection.timeouts = timeoutsFromSeconds(saved.timeoutSeconds, `the connection ${saved.name}`);
  return connection;
}

/**
 * What every front door (CLI, browser host, Electron main) works through: settings, the keychain, one
 * registry client that finds saved connections and their keychain secrets, and the job manager with
 * copy, sync, pull, push and mirror-test registered.
 */
export class BerthServices {
  readonly settings: SettingsStore;
  readonly credentials: CredentialStore;
  readonly client: RegistryClient;
  readonly warnings: string[] = [];
  readonly hubOrigin: string;
  /** Electron's native save dialog, set by the app's main process; the browser host and the CLI have none. */
  chooseSavePath?: (options: { defaultPath: string; isFolder: boolean }) => Promise<string | undefined>;
  /** The registry kinds' own APIs (Harbor, Quay, GHCR, GitLab, Docker Hub) for saved connections. */
  readonly vendors: VendorApis;
  /** Every secret handled so far (keychain reads, per-call passwords, tokens): front doors scrub their output of them. */
  readonly secrets: SecretSet;
  /** What the credential helpers of helper-served connections answered: in this process's memory only. */
  readonly helperLogins: HelperLogins;
  /** A credential that wins over the keychain for every host (the CLI's `--username/--password-stdin`). */
  perCallCredential: Credential | undefined;
  private readonly overrides = new Map<string, RegistryConnection>();
  /** Host → username whose keychain entry this run uses (a rotated refresh token goes back there). */
  private readonly keychainUsers = new Map<string, string>();
  private readonly pendingSaves: Promise<void>[] = [];
  private readonly onWarning: (message: string) => void;
  /** Archives chosen in the app's open dialog or uploaded to the browser host, by one-use token. */
  readonly chosenFiles = new ChosenFiles();
  /** The desktop app's open dialog for an archive (a path, or undefined when closed); none in the browser host. */
  chooseArchive?: () => Promise<string | undefined>;
  private jobManager?: JobManager;
  private engineInstance?: DockerEngine;
  private searchService?: SearchService;

  constructor(private readonly options: ServicesOptions = {}) {
    this.onWarning = options.onWarning ?? (() => undefined);
    this.hubOrigin = options.hubOrigin ?? process.env.BERTH_HUB_ORIGIN ?? 'https://hub.docker.com';
    this.secrets = options.secrets ?? new SecretSet();
    this.helperLogins = new HelperLogins({
      timeoutMs: options.helperTimeoutMs,
      onSecret: (secret) => this.secrets.add(secret),
    });
    this.settings = options.settings ?? new SettingsStore(options.dataDir);
    this.credentials = new CredentialStore(
      options.keychain ?? keytarKeychain(),
      options.keychainService ? { service: options.keychainService } : undefined,
    );
    this.client = new RegistryClient({
      connectionFor: (host) => this.connectionFor(host),
      onWarning: (_registry, message) => this.warn(message),
      onIdentityTokenChanged: (host, token) => this.keepRefreshToken(host, token),
      onSecret: (secret) => this.secrets.add(secret),
    });
    this.vendors = new VendorApis({
      session: (host) => this.client.session(host),
      hubOrigin: this.hubOrigin,
      warn: (message) => this.warn(message),
      keepSecret: (...secrets) => this.secrets.add(...secrets),
    });
  }

  /** A warning goes to logs and screens: no secret this process handled may be in it. */
  warn(message: string): void {
    const clean = redactAll(message, this.secrets.list());
    this.warnings.push(clean);
    this.onWarning(clean);
  }

  /** Use this connection for its host from now on (tests a connection before it is saved). */
  override(connection: RegistryConnection): void {
    this.overrides.set(connection.host, connection);
    this.client.forget(connection.host);
  }

  savedFor(host: string): SavedConnection | undefined {
    return this.settings.findByHost(host);
  }

  async connectionFor(host: string): Promise<RegistryConnection | undefined> {
    const override = this.overrides.get(host);
    if (override) return { ...override, credential: override.credential ?? this.perCallCredential };
    const saved = this.savedFor(host);
    if (saved?.credentialHelper && !this.perCallCredential)
      return {
        ...toConnection(saved, await this.helperCredential(saved)),
        renewCredential: this.renewalFor(saved),
      };
    if (saved)
      return toConnection(saved, this.perCallCredential ?? (await this.keychainCredential(host, saved)));
    // Nothing saved for this host: Docker's rule decides the scheme (a loopback registry may be plain HTTP).
    return { host, credential: this.perCallCredential, dockerSchemeRule: true };
  }

  /**
   * The login of a saved connection, from wherever it lives: its credential helper (asked once per
   * process, kept in memory) or the keychain. Every secret joins those never shown.
   */
  async savedCredential(saved: SavedConnection): Promise<Credential | undefined> {
    if (saved.credentialHelper) return this.helperCredential(saved);
    return this.keychainCredential(saved.host, saved);
  }

  /**
   * How a helper-served connection gets a fresh login once the registry refused the one it has (the
   * helper is asked once more); undefined for a connection whose login is in the keychain.
   */
  renewalFor(saved: SavedConnection): RegistryConnection['renewCredential'] {
    const helper = saved.credentialHelper;
    if (!helper) return undefined;
    return async (refused) => {
      const fresh = await this.helperLogins.renew(saved.host, helper, refused);
      this.secrets.addCredential(fresh);
      return fresh;
    };
  }

  private async helperCredential(saved: SavedConnection): Promise<Credential> {
    const credential = await this.helperLogins.credential(saved.host, saved.credentialHelper!);
    this.secrets.addCredential(credential);
    return credential;
  }

  private async keychainCredential(host: string, saved: SavedConnection): Promise<Credential | undefined> {
    if (!saved.username) return undefined;
    const stored = await this.credentials.get(saved.host, saved.username);
    if (!stored) {
      this.warn(
        `${saved.username}'s secret for ${saved.host} is not in the keychain; log in: berth login ${saved.name}`,
      );
      return undefined;
    }
    this.keychainUsers.set(host, saved.username);
    const credential = toRegistryCredential(stored);
    this.secrets.addCredential(credential);
    return credential;
  }

  private keepRefreshToken(host: string, token: string): void {
    const username = this.keychainUsers.get(host);
    if (!username) return;
    this.pendingSaves.push(
      this.credentials.save(host, username, token, 'identity-token').catch((error: unknown) => {
        this.warn(
          `the registry issued a new refresh token but it could not be stored: ${(error as Error).message}`,
        );
      }),
    );
  }

  /** Credentials for the Docker engine per registry host: per-call first, then the keychain. */
  engineCredentials(): CredentialLookup {
    return async (host) => {
      if (this.perCallCredential) return this.forEngine(host, this.perCallCredential);
      const saved = this.savedFor(host);
      if (saved?.credentialHelper) return this.forEngine(host, await this.helperCredential(saved));
      if (!saved?.username) return undefined;
      const stored = await this.credentials.get(saved.host, saved.username);
      if (!stored) {
        this.warn(
          `${saved.username}'s secret for ${saved.host} is not in the keychain; log in: berth login ${saved.name}`,
        );
        return undefined;
      }
      return this.forEngine(host, toRegistryCredential(stored));
    };
  }

  /** A credential in the engine's terms; it and its X-Registry-Auth value join the secrets never shown. */
  private forEngine(host: string, credential: Credential) {
    const engineCredential = engineCredentialFrom(credential);
    this.secrets.addCredential(credential);
    this.secrets.add(registryAuthHeader(engineCredential, host));
    return engineCredential;
  }

  /**
   * The local engine, resolved on first use (a machine without Docker still browses registries): the
   * one given in the options, else the one last chosen in Local images, else found like the Docker CLI
   * finds it.
   */
  engine(): DockerEngine {
    if (this.engineInstance) return this.engineInstance;
    const saved = this.options.engine ? undefined : this.settings.engine();
    if (saved) {
      try {
        return this.useEngine(saved);
      } catch (error) {
        this.warn(
          `the saved engine ${saved} cannot be used (${(error as Error).message}); finding one instead`,
        );
      }
    }
    this.engineInstance = new DockerEngine(resolveEngine({ chosen: this.options.engine }));
    return this.engineInstance;
  }

  /**
   * Talk to the engine at `address` from now on (the Local images view's switch). A discovered address
   * keeps what discovery knows about it (a context's TLS files). The previous engine is not closed: a
   * pull or push that is running still talks through it, and its idle sockets close on their own. The
   * `engine.use` request also remembers the choice for the next start (`settings.setEngine`).
   */
  useEngine(address: string): DockerEngine {
    const chosen = makeEndpoint(address, 'chosen', 'chosen in Berth');
    const discovered = discoverEngines({ chosen: this.options.engine }).find(
      (endpoint) => endpoint.host === chosen.host,
    );
    const endpoint = discovered ? { ...discovered, reason: `chosen in Berth: ${discovered.reason}` } : chosen;
    this.engineInstance = new DockerEngine(endpoint);
    return this.engineInstance;
  }

  /** The search across saved connections, with its on-disk index in the data folder. */
  get search(): SearchService {
    this.searchService ??= new SearchService(this, { ...SEARCH_SETTINGS, ...this.options.search });
    return this.searchService;
  }

  /** Jobs of this process, with copy, sync, pull, push and mirror-test registered. */
  get jobs(): JobManager {
    if (this.jobManager) return this.jobManager;
    const engineDeps = () => ({ engine: this.engine(), credentialFor: this.engineCredentials() });
    const history = this.options.keepJobHistory
      ? new JobHistory(this.settings.dataDir, {
          // Titles and errors name registries and repositories; a secret a registry quoted back is scrubbed.
          scrub: (entry) => scrubValue(entry, this.secrets.list()),
          onWarning: (message) => this.warn(message),
        })
      : undefined;
    const jobs = createJobManager(
      {
        client: this.client,
        dataDir: this.settings.dataDir,
        engineDeps,
        services: this,
        storageDeps: () => this.storageDeps(),
      },
      { ...this.options.jobs, history },
    );
    this.jobManager = jobs;
    return jobs;
  }

  /**
   * What a storage scan reads: listings through this services' client and vendors, and registries of the
   * user's own. Imported when a scan starts: the registry servers' module brings the doctor and the
   * daemon.json editor with it, which nothing else a command like `berth inspect` does needs.
   */
  private async storageDeps() {
    const [{ localRegistryServers }, { ownRegistryAt }] = await Promise.all([
      import('./registry-server/index.js'),
      import('./storage/index.js'),
    ]);
    const servers = localRegistryServers({
      settings: this.settings,
      credentials: this.credentials,
      engine: () => this.engine(),
    });
    return { listing: this, ownRegistry: (host: string) => ownRegistryAt(servers, this.settings, host) };
  }

  async close(): Promise<void> {
    // Running jobs are cancelled and kept in the history as interrupted.
    this.jobManager?.stop();
    await this.jobManager?.flushHistory();
    await this.searchService?.close();
    await Promise.all(this.pendingSaves);
    await this.client.close();
    await this.vendors.close();
  }
}
