import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { isDockerHubHost } from '../../../shared/reference.js';
import { DockerCredentialsError } from './errors.js';

/** Docker Hub's key in config.json and in credential helpers (docker/cli `configfile/file.go`). */
export const DOCKER_HUB_AUTH_KEY = 'https://index.docker.io/v1/';
/** Extra entries a Hub web/device login stores (`internal/oauth/manager`); not logins of their own. */
const HIDDEN_HUB_KEYS = new Set([
  `${DOCKER_HUB_AUTH_KEY}access-token`,
  `${DOCKER_HUB_AUTH_KEY}refresh-token`,
]);

export interface DockerAuthEntry {
  auth?: string;
  identitytoken?: string;
  registrytoken?: string;
}

/** The credential parts of Docker's client config; everything else in the file is left alone. */
export interface DockerConfig {
  path: string;
  exists: boolean;
  auths: Record<string, DockerAuthEntry>;
  credsStore?: string;
  credHelpers: Record<string, string>;
}

/** `$DOCKER_CONFIG` if set, else `<home>/.docker` (docker/cli `config.Dir()`). */
export function dockerConfigDir(env: NodeJS.ProcessEnv = process.env, homeDir = os.homedir()): string {
  return env.DOCKER_CONFIG ? path.resolve(env.DOCKER_CONFIG) : path.join(homeDir, '.docker');
}

/** Reads `config.json`. A missing file is an empty config; one that does not parse is an error (never rewritten). */
export async function readDockerConfig(
  options: { env?: NodeJS.ProcessEnv; homeDir?: string } = {},
): Promise<DockerConfig> {
  return readAuthFile(
    path.join(dockerConfigDir(options.env, options.homeDir), 'config.json'),
    "Docker's config",
  );
}

/**
 * Reads the credential parts of a Docker `config.json` or a Podman `auth.json` (the same format:
 * containers-auth.json(5)). A missing file is empty; one that does not parse is an error naming `label`.
 */
export async function readAuthFile(file: string, label: string): Promise<DockerConfig> {
  const text = await readSmallFile(file, label);
  if (text === undefined) return { path: file, exists: false, auths: {}, credHelpers: {} };
  let json: unknown;
  try {
    json = text.trim() === '' ? {} : JSON.parse(text);
  } catch (error) {
    throw new DockerCredentialsError(
      `${label} ${file} is not valid JSON: ${jsonFault(text, (error as Error).message)}`,
      label === "Docker's config"
        ? 'Fix the file (docker login would refuse it too); Berth only reads it.'
        : 'Fix the file, or log in again with podman login (it rewrites the file); Berth only reads it.',
    );
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new DockerCredentialsError(`${label} ${file} does not hold a JSON object`);
  }
  const config = json as { auths?: unknown; credsStore?: unknown; credHelpers?: unknown };
  const auths: Record<string, DockerAuthEntry> = {};
  if (isObject(config.auths)) {
    for (const [key, value] of Object.entries(config.auths)) {
      if (!isObject(value)) continue;
      auths[key] = {
        auth: stringOrUndefined(value.auth),
        identitytoken: stringOrUndefined(value.identitytoken),
        registrytoken: stringOrUndefined(value.registrytoken),
      };
    }
  }
  const credHelpers: Record<string, string> = {};
  if (isObject(config.credHelpers)) {
    for (const [key, value] of Object.entries(config.credHelpers)) {
      if (typeof value === 'string' && value) credHelpers[key] = value;
    }
  }
  return {
    path: file,
    exists: true,
    auths,
    credsStore: stringOrUndefined(config.credsStore),
    credHelpers,
  };
}

/**
 * Where a login file stops being JSON, in words that quote none of it: V8's own message quotes the text
 * around the fault (`Unexpected token 'Y', ..."{"auth": YWxpY2U6c3"...`), which in this file is a login.
 */
function jsonFault(text: string, message: string): string {
  if (/end of JSON input/i.test(message)) return 'it ends early (cut short?)';
  const position = /at position (\d+)/.exec(message)?.[1];
  const at = position === undefined ? undefined : Number(position);
  if (at === undefined || at > text.length) return 'it does not parse';
  const before = text.slice(0, at).split('\n');
  return `it does not parse at line ${before.length}, column ${(before.at(-1) ?? '').length + 1}`;
}

/** Bytes of a config.json or auth.json read: real ones hold a few logins, a few KiB. */
export const AUTH_FILE_BYTES = 4 * 1024 * 1024;

/**
 * A login file's text, or undefined when there is none. Only a regular file of at most AUTH_FILE_BYTES
 * is read: a link to /dev/zero would fill memory, a FIFO would block the read (opened non-blocking, so
 * not even the open waits), and a file every user may write (mode o+w) may hold logins and helper names
 * someone else put there.
 */
async function readSmallFile(file: string, label: string): Promise<string | undefined> {
  const refuse = (why: string, hint: string) => new DockerCredentialsError(`${label} ${file} ${why}`, hint);
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new DockerCredentialsError(
      `cannot read ${label} ${file}: ${(error as Error).message}`,
      'Check who owns the file and its permissions; Berth only reads it.',
    );
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory())
      throw new DockerCredentialsError(
        `cannot read ${label} ${file}: it is a folder, not a file`,
        'Move the folder away (or point the variable at the file), then try again.',
      );
    if (!stat.isFile())
      throw new DockerCredentialsError(
        `cannot read ${label} ${file}: it is not a regular file (a device, FIFO or socket), and Berth reads logins only from one`,
        'Point REGISTRY_AUTH_FILE or DOCKER_CONFIG at the file itself (or remove the link), then try again.',
      );
    if (process.platform !== 'win32' && (stat.mode & 0o002) !== 0)
      throw refuse(
        'can be changed by every user of this machine: Berth does not take logins from it',
        `Make it yours alone: chmod 600 ${file}`,
      );
    const tooLarge = () =>
      refuse(
        `is larger than ${AUTH_FILE_BYTES / 1024 / 1024} MiB: no file of logins is, so Berth does not read it`,
        'Check what wrote it; a login file holds a few entries.',
      );
    if (stat.size > AUTH_FILE_BYTES) throw tooLarge();
    // One byte more than the file had: filling it means the file grew while it was read.
    const buffer = Buffer.alloc(stat.size + 1);
    let size = 0;
    while (size < buffer.length) {
      const { bytesRead } = await handle.read(buffer, size, buffer.length - size, size);
      if (bytesRead === 0) break;
      size += bytesRead;
    }
    if (size === buffer.length)
      throw refuse('changed while Berth read it', 'Try again once whatever writes it is done.');
    return buffer.subarray(0, size).toString('utf8');
  } catch (error) {
    if (error instanceof DockerCredentialsError) throw error;
    throw new DockerCredentialsError(
      `cannot read ${label} ${file}: ${(error as Error).message}`,
      'Check who owns the file and its permissions; Berth only reads it.',
    );
  } finally {
    await handle.close();
  }
}

/** docker/cli `ConfigFile.ContainsAuth`: does the file say anything about credentials? */
export function containsAuth(config: DockerConfig): boolean {
  return (
    config.credsStore !== undefined ||
    Object.keys(config.credHelpers).length > 0 ||
    Object.keys(config.auths).length > 0
  );
}

/**
 * docker/cli `credentials.ConvertToHostname`: a legacy key with a scheme and path
 * (`https://registry.example.com/v1/`) → its host[:port]; a plain key → up to the first slash.
 */
export function convertToHostname(key: string): string {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(key);
  if (withScheme) {
    // Go: url.Parse, then Hostname() joined with Port() when there is one (a default port stays).
    const authority = withScheme[1]!.slice(withScheme[1]!.lastIndexOf('@') + 1);
    const bracketed = /^\[([^\]]+)\](?::(\d*))?$/.exec(authority);
    if (bracketed) return bracketed[2] ? `[${bracketed[1]}]:${bracketed[2]}` : bracketed[1]!;
    const [hostname, port] = authority.split(':');
    if (hostname) return port ? `${hostname}:${port}` : hostname;
  }
  return key.split('/')[0]!;
}

/** The registry host a config key stands for (Docker Hub under every spelling → `docker.io`). */
export function hostForAuthKey(key: string): string {
  const host = convertToHostname(key);
  return isDockerHubHost(host) ? 'docker.io' : host;
}

/** docker/cli `getAuthConfigKey`: Hub → `https://index.docker.io/v1/`; any other registry → its host. */
export function authKeyForHost(host: string): string {
  return isDockerHubHost(host) ? DOCKER_HUB_AUTH_KEY : host;
}

export function isHiddenHubKey(key: string): boolean {
  return HIDDEN_HUB_KEYS.has(key);
}

/**
 * docker/cli `decodeAuth`: standard (padded) base64 of `user:password`, split at the first colon; an
 * empty username is an error; NULs around the password are trimmed.
 */
export function decodeAuthField(auth: string): { username: string; password: string } {
  const compact = auth.replace(/[\r\n]/g, '');
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) {
    throw new DockerCredentialsError('the "auth" field is not standard base64');
  }
  const decoded = Buffer.from(compact, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) {
    throw new DockerCredentialsError('the "auth" field is not base64 of username:password');
  }
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1).replace(/^\0+|\0+$/g, '') };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
