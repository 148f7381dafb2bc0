import os from 'node:os';
import path from 'node:path';

export type DaemonFlavour = 'rootful' | 'rootless' | 'desktop' | 'windows';
/** Why a daemon.json is the one in use: named by BERTH_DAEMON_CONFIG, else the flavour's usual place. */
export type DaemonConfigReason = 'env' | DaemonFlavour;

export interface DaemonConfigLocation {
  file: string;
  flavour: DaemonFlavour;
  /** Why this file: shown to the user, who may pick another with --file. */
  reason: string;
  /** The same as a stable code, for a front door that says it in its own words. */
  reasonCode: DaemonConfigReason;
  /** Where that dockerd writes its pid, for a reload by SIGHUP; none for engines Berth cannot signal. */
  pidFile?: string;
}

/**
 * A dockerd started with its own `--config-file` / `--pidfile` (a second engine, a test engine) is named
 * by `BERTH_DAEMON_CONFIG` and `BERTH_DOCKERD_PIDFILE`; they win over the usual places.
 */
function overridden(location: DaemonConfigLocation, env: NodeJS.ProcessEnv): DaemonConfigLocation {
  const result = { ...location };
  if (env.BERTH_DAEMON_CONFIG) {
    result.file = path.resolve(env.BERTH_DAEMON_CONFIG);
    result.reason = 'BERTH_DAEMON_CONFIG names this file';
    result.reasonCode = 'env';
    // Another file is another dockerd's: the usual pid file is not its own.
    if (result.file !== location.file) delete result.pidFile;
  }
  if (env.BERTH_DOCKERD_PIDFILE) result.pidFile = path.resolve(env.BERTH_DOCKERD_PIDFILE);
  return result;
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
  return overridden(usualLocation(engine, env, platform), env);
}

function usualLocation(
  engine: { flavour?: DaemonFlavour },
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
): DaemonConfigLocation {
  const home = env.HOME ?? os.homedir();
  if (platform === 'win32' && engine.flavour !== 'desktop') {
    return {
      file: path.win32.join(env.ProgramData ?? 'C:\\ProgramData', 'docker', 'config', 'daemon.json'),
      flavour: 'windows',
      reason: 'Docker Engine on Windows reads %ProgramData%\\docker\\config\\daemon.json',
      reasonCode: 'windows',
    };
  }
  const flavour = engine.flavour ?? (platform === 'darwin' ? 'desktop' : 'rootful');
  if (flavour === 'desktop') {
    return {
      file: path.join(home, '.docker', 'daemon.json'),
      flavour,
      reason: 'Docker Desktop applies ~/.docker/daemon.json to its engine (restart it from Docker Desktop)',
      reasonCode: flavour,
    };
  }
  if (flavour === 'rootless') {
    return {
      // An empty XDG_CONFIG_HOME counts as unset, as rootless dockerd counts it (homedir.GetConfigHome).
      file: path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'docker', 'daemon.json'),
      flavour,
      reason: 'rootless dockerd reads $XDG_CONFIG_HOME/docker/daemon.json',
      reasonCode: flavour,
      pidFile: env.XDG_RUNTIME_DIR ? path.join(env.XDG_RUNTIME_DIR, 'docker.pid') : undefined,
    };
  }
  return {
    file: '/etc/docker/daemon.json',
    flavour: 'rootful',
    reason: 'dockerd on Linux reads /etc/docker/daemon.json',
    reasonCode: 'rootful',
    pidFile: '/var/run/docker.pid',
  };
}
