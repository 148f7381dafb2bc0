import os from 'node:os';
import path from 'node:path';

export interface PodmanAuthFile {
  path: string;
  /** Why Podman reads it: for messages and the import list. */
  role: 'REGISTRY_AUTH_FILE' | 'primary' | 'config';
}

/**
 * The auth.json files Podman reads, in its order (containers-auth.json(5), checked with `podman
 * --log-level=debug login --get-login`): the primary file — the one `REGISTRY_AUTH_FILE` names, else
 * `$XDG_RUNTIME_DIR/containers/auth.json` on Linux (`/run/containers/<uid>/auth.json` without it;
 * `~/.config/containers/auth.json` on macOS and Windows) — then `$XDG_CONFIG_HOME/containers/auth.json`
 * (`~/.config/…` by default). Podman falls back to Docker's `config.json` (`$DOCKER_CONFIG` honoured) after
 * these; Berth reads that one as Docker's. With DOCKER_CONFIG set (and no REGISTRY_AUTH_FILE), Docker's file
 * is Podman's primary one too.
 */
export function podmanAuthFiles(
  options: { env?: NodeJS.ProcessEnv; homeDir?: string; platform?: NodeJS.Platform; uid?: number } = {},
): PodmanAuthFile[] {
  const env = options.env ?? process.env;
  const home = options.homeDir ?? os.homedir();
  const platform = options.platform ?? process.platform;
  const configHome = env.XDG_CONFIG_HOME ? path.resolve(env.XDG_CONFIG_HOME) : path.join(home, '.config');
  const configFile = path.join(configHome, 'containers', 'auth.json');
  const files: PodmanAuthFile[] = [];
  if (env.REGISTRY_AUTH_FILE) {
    files.push({ path: path.resolve(env.REGISTRY_AUTH_FILE), role: 'REGISTRY_AUTH_FILE' });
  } else if (env.DOCKER_CONFIG) {
    // Podman's `GetDefaultAuthFile`: DOCKER_CONFIG makes Docker's config.json the primary file (podman
    // login writes there); Berth reads it as Docker's.
  } else if (platform === 'linux') {
    // containers/image `getPathToAuthWithOS`: without XDG_RUNTIME_DIR, a per-user file under /run/containers
    // (podman 4.3 as root reads /run/containers/0/auth.json, then ~/.config/…, then ~/.docker/config.json).
    const uid = options.uid ?? process.getuid?.() ?? 0;
    files.push({
      path: env.XDG_RUNTIME_DIR
        ? path.join(path.resolve(env.XDG_RUNTIME_DIR), 'containers', 'auth.json')
        : `/run/containers/${uid}/auth.json`,
      role: 'primary',
    });
  } else {
    files.push({ path: path.join(home, '.config', 'containers', 'auth.json'), role: 'primary' });
  }
  if (!files.some((file) => file.path === configFile)) files.push({ path: configFile, role: 'config' });
  return files;
}
