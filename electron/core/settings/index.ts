import Conf from 'conf';
import { z } from 'zod';
import { isDockerHubHost } from '../../../shared/reference.js';
import { ConfigError } from '../registry/errors.js';
import { defaultDataDir } from './paths.js';

export { defaultDataDir } from './paths.js';

/** A saved registry connection. Never holds a secret: passwords and tokens live in the keychain. */
export const SavedConnectionSchema = z.object({
  name: z.string().min(1).max(100),
  /** Registry host as references name it (`127.0.0.1:5000`, `docker.io`). */
  host: z.string().min(1),
  insecureHttp: z.boolean().default(false),
  tls: z
    .object({
      caFile: z.string().optional(),
      certFile: z.string().optional(),
      keyFile: z.string().optional(),
      skipVerify: z.boolean().optional(),
    })
    .default({}),
  username: z.string().optional(),
  kind: z.enum(['dockerhub', 'ghcr', 'quay', 'harbor', 'distribution', 'generic']).default('generic'),
});

export type SavedConnection = z.infer<typeof SavedConnectionSchema>;

const SettingsSchema = z.object({ connections: z.array(SavedConnectionSchema).default([]) });
type Settings = z.infer<typeof SettingsSchema>;

/** `https://host:port/anything` or `host:port` → host and scheme; paths are not part of a registry address. */
export function parseRegistryUrl(input: string): { host: string; insecureHttp: boolean } {
  const text = input.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new ConfigError(
      `"${input}" is not a registry address`,
      'Use host[:port], for example 127.0.0.1:5000 or ghcr.io.',
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(`"${input}": registries speak https (or http), not ${url.protocol}`);
  }
  if (url.username || url.password) {
    throw new ConfigError(
      `"${input}" carries credentials in the URL`,
      'Give the username with --username and the password on stdin.',
    );
  }
  if (url.pathname !== '/' && url.pathname !== '/v2/' && url.pathname !== '/v2') {
    throw new ConfigError(
      `"${input}": a registry address has no path (${url.pathname})`,
      'Use only host[:port].',
    );
  }
  const host = isDockerHubHost(url.host) ? 'docker.io' : url.host;
  return { host, insecureHttp: url.protocol === 'http:' };
}

export function detectKind(host: string): SavedConnection['kind'] {
  if (isDockerHubHost(host)) return 'dockerhub';
  if (host === 'ghcr.io') return 'ghcr';
  if (host === 'quay.io') return 'quay';
  return 'generic';
}

/** Saved connections in `<dataDir>/config.json` (the file electron-store writes for the app). */
export class SettingsStore {
  private readonly conf: Conf<Settings>;

  constructor(dataDir = defaultDataDir()) {
    try {
      this.conf = new Conf<Settings>({
        cwd: dataDir,
        configName: 'config',
        projectName: 'berth',
        defaults: { connections: [] },
        clearInvalidConfig: false,
      });
    } catch (error) {
      throw new ConfigError(
        `cannot read Berth's settings in ${dataDir}: ${(error as Error).message}`,
        'The settings file is damaged; fix or move it away — Berth does not overwrite it.',
      );
    }
  }

  get path(): string {
    return this.conf.path;
  }

  private read(): Settings {
    const parsed = SettingsSchema.safeParse(this.conf.store);
    if (!parsed.success) {
      throw new ConfigError(
        `Berth's settings in ${this.conf.path} are not valid: ${parsed.error.issues[0]?.message}`,
      );
    }
    return parsed.data;
  }

  list(): SavedConnection[] {
    return this.read().connections;
  }

  get(name: string): SavedConnection | undefined {
    return this.list().find((c) => c.name === name);
  }

  findByHost(host: string): SavedConnection | undefined {
    const hub = isDockerHubHost(host);
    return this.list().find((c) => c.host === host || (hub && isDockerHubHost(c.host)));
  }

  /** Adds or replaces (by name) a connection. */
  save(connection: SavedConnection): void {
    const valid = SavedConnectionSchema.parse(connection);
    const others = this.list().filter((c) => c.name !== valid.name);
    const clash = others.find((c) => c.host === valid.host);
    if (clash)
      throw new ConfigError(
        `${valid.host} is already saved as "${clash.name}"`,
        `Remove it first: berth registry remove ${clash.name}`,
      );
    this.conf.set('connections', [...others, valid]);
  }

  remove(name: string): boolean {
    const all = this.list();
    const kept = all.filter((c) => c.name !== name);
    this.conf.set('connections', kept);
    return kept.length !== all.length;
  }
}
