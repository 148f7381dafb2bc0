import os from 'node:os';
import path from 'node:path';

export type DaemonFlavour = 'rootful' | 'rootless' | 'desktop' | 'windows';

export interface DaemonConfigLocation {
  file: string;
  flavour: DaemonFlavour;
  /** Why this file: shown to the user, who may pick another with --file. */
  reason: string;
}

/**
 * The daemon.json of the engine in use (docker-conventions.md §1.1): Linux rootful
 * `/etc/docker/daemon.json`; rootless `$XDG_CONFIG_HOME/docker/daemon.json`; Docker Desktop
 * `~/.docker/daemon.json`; Windows `%ProgramData%\docker\config\daemon.json`.
 */
export function locateDaemonConfig(
  engine: { flavour?: DaemonFlavour } = {},
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): DaemonConfigLocation {
  const home = env.HOME ?? os.homedir();
  if (platform === 'win32' && engine.flavour !== 'desktop') {
    return {
      file: path.win32.join(env.ProgramData ?? 'C:\\ProgramData', 'docker', 'config', 'daemon.json'),
      flavour: 'windows',
      reason: 'Docker Engine on Windows reads %ProgramData%\\docker\\config\\daemon.json',
    };
  }
  const flavour = engine.flavour ?? (platform === 'darwin' ? 'desktop' : 'rootful');
  if (flavour === 'desktop') {
    return {
      file: path.join(home, '.docker', 'daemon.json'),
      flavour,
      reason: 'Docker Desktop applies ~/.docker/daemon.json to its engine (restart it from Docker Desktop)',
    };
  }
  if (flavour === 'rootless') {
    return {
      file: path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'docker', 'daemon.json'),
      flavour,
      reason: 'rootless dockerd reads $XDG_CONFIG_HOME/docker/daemon.json',
    };
  }
  return {
    file: '/etc/docker/daemon.json',
    flavour: 'rootful',
    reason: 'dockerd on Linux reads /etc/docker/daemon.json',
  };
}
