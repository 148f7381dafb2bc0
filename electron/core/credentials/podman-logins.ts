import os from 'node:os';
import path from 'node:path';

export interface PodmanAuthFile {
  path: string;
  /** Why Podman reads it: for messages and the import list. */
  role: 'REGISTRY_AUTH_FILE' | 'primary' | 'config';
}

/**
 * The auth.json files Podman reads, in its order (containers-auth.json(5)): the primary file — the one
 * `REGISTRY_AUTH_FILE` names, else `$XDG_RUNTIME_DIR/containers/auth.json` on Linux
 * (`~/.config/containers/auth.json` on macOS and Windows) — then `$XDG_CONFIG_HOME/containers/auth.json`
 * (`~/.config/…` by default). Podman falls back to Docker's `config.json` after these; Berth reads that
 * one as Docker's.
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
  } else if (platform === 'linux') {
    // containers/image: without XDG_RUNTIME_DIR, the runtime folder systemd gives every user.
    const uid = options.uid ?? process.getuid?.() ?? 0;
    const runtimeDir = env.XDG_RUNTIME_DIR ? path.resolve(env.XDG_RUNTIME_DIR) : `/run/user/${uid}`;
    files.push({ path: path.join(runtimeDir, 'containers', 'auth.json'), role: 'primary' });
  } else {
    files.push({ path: path.join(home, '.config', 'containers', 'auth.json'), role: 'primary' });
  }
  if (!files.some((file) => file.path === configFile)) files.push({ path: configFile, role: 'config' });
  return files;
}
