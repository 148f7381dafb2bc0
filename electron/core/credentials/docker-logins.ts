import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';
import type { DockerLoginsView } from '../../../shared/contract/index.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import { isBerthError } from '../errors.js';
import { TOKEN_USERNAME, type SecretKind } from './credential-store.js';
import {
  authKeyForHost,
  containsAuth,
  decodeAuthField,
  hostForAuthKey,
  isHiddenHubKey,
  readAuthFile,
  readDockerConfig,
  type DockerAuthEntry,
  type DockerConfig,
} from './docker-config.js';
import { CredentialHelper } from './docker-helper.js';
import { DockerCredentialsError, HelperUnusableError } from './errors.js';
import { podmanAuthFiles } from './podman-logins.js';

export type DockerLoginSource = 'config-file' | 'credsStore' | 'credHelpers';

/** A login Docker has, as offered for import: never the secret. */
export interface DockerLogin {
  host: string;
  /** The key Docker files it under (`https://index.docker.io/v1/`, `ghcr.io`, a legacy URL). */
  key: string;
  username: string;
  kind: SecretKind;
  source: DockerLoginSource;
  /** The `docker-credential-<helper>` holding it, for the helper sources. */
  helper?: string;
  /** Whose file names it: Docker's config.json or one of Podman's auth.json files. */
  tool: 'docker' | 'podman';
  /** That file. */
  file: string;
}

/** What the app's import dialog is shown, with each login whole (its kind, for reading its secret). */
export type DockerLoginScan = Omit<DockerLoginsView, 'logins'> & { logins: DockerLogin[] };

export interface DockerSecret extends DockerLogin {
  secret: string;
}

export interface DockerLoginsOptions {
  env?: NodeJS.ProcessEnv;
  homeDir?: string;
  helperTimeoutMs?: number;
  platform?: NodeJS.Platform;
  /** Read Podman's auth.json files too (default true). */
  podman?: boolean;
}

/** `credHelpers` entries asked of their helpers per file: real files name a few (gcloud's, some dozens). */
export const CRED_HELPER_ENTRIES = 100;

/**
 * The logins the Docker CLI would use, found the way docker/cli finds them (`GetAllCredentials`): the
 * default store — `credsStore`, or the platform's helper when config.json says nothing about
 * credentials, or else the file's `auths` — then `credHelpers`, which win for their registries.
 */
export class DockerLogins {
  constructor(private readonly options: DockerLoginsOptions = {}) {}

  async scan(): Promise<DockerLoginScan> {
    const config = await readDockerConfig(this.options);
    const problems: ErrorInfo[] = [];
    const byHost = new Map<string, DockerLogin>();
    const offer = (login: DockerLogin) => {
      const existing = byHost.get(login.host);
      // A key that is exactly the host (or Hub's key) beats a legacy URL for the same registry, as
      // docker/cli tries the exact key before normalising the others.
      if (existing && existing.source === login.source && isExactKey(existing) && !isExactKey(login)) return;
      byHost.set(login.host, login);
    };

    const store = await this.defaultStore(config);
    if (store) {
      try {
        const helper = this.helper(store, `credsStore in ${config.path}`);
        for (const [key, username] of Object.entries(await helper.list())) {
          if (isHiddenHubKey(key)) continue;
          offer({
            host: hostForAuthKey(key),
            key,
            username,
            kind: username === TOKEN_USERNAME ? 'identity-token' : 'password',
            source: 'credsStore',
            helper: store,
            tool: 'docker',
            file: config.path,
          });
        }
      } catch (error) {
        problems.push(toInfo(error));
      }
    } else {
      const shown = Object.entries(config.auths).filter(([key]) => !isHiddenHubKey(key));
      for (const login of loginsOfAuths(Object.fromEntries(shown), 'docker', config.path, problems))
        offer(login);
    }

    const failedHelpers = new Map<string, number>();
    for (const found of await this.askCredHelpers(config.credHelpers, config.path, failedHelpers, problems))
      offer({ ...found, tool: 'docker', file: config.path });
    const podmanFiles = this.options.podman === false ? [] : podmanAuthFiles(this.options);
    // Podman's logins for registries Docker has no login for; a file Podman reads earlier wins, as in Podman.
    const dockerHosts = new Set(byHost.keys());
    const podmanLogins = new Map<string, DockerLogin>();
    for (const file of podmanFiles) {
      for (const login of await this.scanPodmanFile(file.path, problems, failedHelpers)) {
        if (dockerHosts.has(login.host)) continue;
        const existing = podmanLogins.get(login.host);
        if (existing && (existing.file !== login.file || isExactKey(existing) || !isExactKey(login)))
          continue;
        podmanLogins.set(login.host, login);
      }
    }
    for (const [name, skipped] of failedHelpers)
      if (skipped > 0)
        problems.push({
          code: 'DOCKER_CREDENTIALS',
          message: `docker-credential-${name} was not asked for ${skipped} more ${skipped === 1 ? 'registry' : 'registries'} after it failed`,
          hint: 'Fix the helper (see the problem above), then open the list again.',
        });
    const logins = [...byHost.values(), ...podmanLogins.values()].sort((a, b) =>
      a.host.localeCompare(b.host),
    );
    return { configPath: config.path, podmanFiles: podmanFiles.map((file) => file.path), logins, problems };
  }

  /**
   * One of Podman's auth.json files: `auths` entries (a key may name a namespace, `host/team`: its host is
   * offered) and `credHelpers`. A file that cannot be read is a problem beside the other logins.
   */
  private async scanPodmanFile(
    file: string,
    problems: ErrorInfo[],
    failedHelpers: Map<string, number>,
  ): Promise<DockerLogin[]> {
    let config: DockerConfig;
    try {
      config = await readAuthFile(file, "Podman's auth file");
    } catch (error) {
      problems.push(toInfo(error));
      return [];
    }
    const logins = loginsOfAuths(config.auths, 'podman', file, problems);
    for (const found of await this.askCredHelpers(config.credHelpers, file, failedHelpers, problems))
      logins.push({ ...found, tool: 'podman', file });
    return logins;
  }

  /** The secret of one offered login, read only now (after the user accepted it). */
  async readSecret(login: DockerLogin): Promise<DockerSecret> {
    if (login.source === 'config-file') {
      const config =
        login.tool === 'podman'
          ? await readAuthFile(login.file, "Podman's auth file")
          : await readDockerConfig(this.options);
      const entry = config.auths[login.key];
      const found = entry ? fromAuthEntry(login.key, entry) : undefined;
      if (!found)
        throw new DockerCredentialsError(
          `${login.tool === 'podman' ? login.file : "Docker's config"} no longer has a login for ${login.key}`,
        );
      return { ...login, ...found, source: 'config-file' };
    }
    const helper = this.helper(login.helper!, `${login.source} in Docker's config`);
    const found = await helper.get(login.key);
    if (!found) {
      throw new DockerCredentialsError(`${helper.program} no longer has a login for ${login.key}`);
    }
    const isToken = found.username === TOKEN_USERNAME;
    return {
      ...login,
      username: found.username,
      kind: isToken ? 'identity-token' : 'password',
      secret: found.secret,
    };
  }

  /**
   * Stores a login for the Docker CLI through its credential helper, so `docker pull` works too. Never
   * into config.json: if Docker has no helper here, this refuses.
   */
  async writeForDocker(host: string, username: string, secret: string, kind: SecretKind): Promise<string> {
    const config = await readDockerConfig(this.options);
    const key = authKeyForHost(host);
    const name = config.credHelpers[key] ?? (await this.defaultStore(config));
    if (!name) {
      throw new DockerCredentialsError(
        `Docker keeps logins in ${config.path} as plain text on this machine; Berth does not write secrets there`,
        'Configure a credential helper for Docker ("credsStore" in config.json), or run docker login yourself.',
      );
    }
    if (kind === 'registry-token') {
      throw new DockerCredentialsError('a registry token cannot be handed to a Docker credential helper');
    }
    const helper = this.helper(name, `Docker's config ${config.path}`);
    await helper.store({
      serverUrl: key,
      username: kind === 'identity-token' ? TOKEN_USERNAME : username,
      secret,
    });
    return helper.program;
  }

  /**
   * A file's `credHelpers` entries asked with `get`, as Docker does (a helper for one registry has no
   * reliable `list`); the secret that comes back is dropped here and read again only when the login is
   * imported. A helper that cannot be used (missing, hanging for its timeout, flooding its output) is not
   * asked again in this scan — each entry would wait as long again — and at most CRED_HELPER_ENTRIES entries
   * of one file are asked.
   */
  private async askCredHelpers(
    credHelpers: Record<string, string>,
    file: string,
    failedHelpers: Map<string, number>,
    problems: ErrorInfo[],
  ): Promise<Omit<DockerLogin, 'tool' | 'file'>[]> {
    const entries = Object.entries(credHelpers);
    const found: Omit<DockerLogin, 'tool' | 'file'>[] = [];
    for (const [key, name] of entries.slice(0, CRED_HELPER_ENTRIES)) {
      const failures = failedHelpers.get(name);
      if (failures !== undefined) {
        failedHelpers.set(name, failures + 1);
        continue;
      }
      try {
        const answer = await this.helper(name, `credHelpers in ${file}`).get(key);
        if (!answer) continue;
        found.push({
          host: hostForAuthKey(key),
          key,
          username: answer.username,
          kind: answer.username === TOKEN_USERNAME ? 'identity-token' : 'password',
          source: 'credHelpers',
          helper: name,
        });
      } catch (error) {
        // A helper that fails for one registry may serve the next; one that cannot run or hangs will not.
        if (error instanceof HelperUnusableError) failedHelpers.set(name, 0);
        problems.push(toInfo(error));
      }
    }
    if (entries.length > CRED_HELPER_ENTRIES)
      problems.push({
        code: 'DOCKER_CREDENTIALS',
        message: `${file} names a credential helper for ${entries.length} registries: Berth asked for the first ${CRED_HELPER_ENTRIES} only`,
        hint: 'Remove the credHelpers entries no longer in use.',
      });
    return found;
  }

  helper(name: string, configuredIn: string): CredentialHelper {
    return new CredentialHelper(name, {
      env: this.options.env,
      timeoutMs: this.options.helperTimeoutMs,
      configuredIn,
    });
  }

  /**
   * `credsStore`, or — when config.json says nothing about credentials — the platform default that
   * docker/cli would pick if its helper is on PATH (`credentials.DetectDefaultStore`).
   */
  private async defaultStore(config: DockerConfig): Promise<string | undefined> {
    if (config.credsStore) return config.credsStore;
    if (containsAuth(config)) return undefined;
    const env = this.options.env ?? process.env;
    const platform = this.options.platform ?? process.platform;
    let name: string;
    if (platform === 'darwin') name = 'osxkeychain';
    else if (platform === 'win32') name = 'wincred';
    else if (platform === 'linux') name = (await onPath('pass', env)) ? 'pass' : 'secretservice';
    else return undefined;
    return (await onPath(`docker-credential-${name}`, env)) ? name : undefined;
  }
}

function isExactKey(login: DockerLogin): boolean {
  return login.key === authKeyForHost(login.host);
}

/** An `auths` entry → its login; an empty entry (Docker's marker when a helper holds the secret) → none. */
function fromAuthEntry(
  key: string,
  entry: DockerAuthEntry,
): { host: string; key: string; username: string; kind: SecretKind; secret: string } | undefined {
  const host = hostForAuthKey(key);
  let username = TOKEN_USERNAME;
  let password = '';
  if (entry.auth) {
    try {
      ({ username, password } = decodeAuthField(entry.auth));
    } catch (error) {
      throw new DockerCredentialsError(
        `Docker's login for ${key} cannot be read: ${(error as Error).message}`,
        'Log in again with docker login, or remove that entry.',
      );
    }
  }
  if (entry.identitytoken)
    return { host, key, username, kind: 'identity-token', secret: entry.identitytoken };
  if (entry.registrytoken)
    return { host, key, username, kind: 'registry-token', secret: entry.registrytoken };
  if (entry.auth && password) return { host, key, username, kind: 'password', secret: password };
  return undefined;
}

async function onPath(program: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  const extensions = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    for (const extension of extensions) {
      try {
        await access(path.join(dir, program + extension), constants.X_OK);
        return true;
      } catch {
        // not here
      }
    }
  }
  return false;
}

/**
 * The logins a file's `auths` entries hold (Docker's config.json or a Podman auth.json); an entry that
 * cannot be read is a problem beside the others, named by its file when it is Podman's.
 */
function loginsOfAuths(
  auths: DockerConfig['auths'],
  tool: DockerLogin['tool'],
  file: string,
  problems: ErrorInfo[],
): DockerLogin[] {
  const logins: DockerLogin[] = [];
  for (const [key, entry] of Object.entries(auths)) {
    try {
      const found = fromAuthEntry(key, entry);
      if (found)
        logins.push({
          host: found.host,
          key,
          username: found.username,
          kind: found.kind,
          source: 'config-file',
          tool,
          file,
        });
    } catch (error) {
      problems.push(
        tool === 'podman' ? toInfo(error, `Podman's login for ${key} in ${file}`) : toInfo(error),
      );
    }
  }
  return logins;
}

function toInfo(error: unknown, where?: string): ErrorInfo {
  if (isBerthError(error)) {
    const info = error.toInfo();
    // A bad entry's message names the entry; say which file it is in.
    return where && !info.message.includes(where)
      ? { ...info, message: info.message.replace(/^Docker's login for \S+/, where) }
      : info;
  }
  return { code: 'DOCKER_CREDENTIALS', message: error instanceof Error ? error.message : String(error) };
}
