import path from 'node:path';
import type { DaemonApplyResult, PodmanRegistries } from '../../../shared/contract/index.js';
import { BerthError } from '../errors.js';
import { applyDaemonConfig, expectedLive } from './apply.js';
import type { EngineFacts } from './check-file.js';
import { readDockerdCommandLine, readLiveRegistryConfig, type LiveRegistryConfig } from './engine-info.js';
import { loadDaemonConfig } from './file.js';
import { locateDaemonConfig } from './locate.js';
import { readPodmanRegistries } from './podman-registries.js';
import { rulesForVersion, type Rules } from './validate.js';

/** What Berth learnt of the local engine: the rules it checks entries by, and what decides a whole file. */
export interface LearntEngine {
  rules: Rules;
  facts: EngineFacts;
  /** Its registry settings now, when it answered. */
  live?: LiveRegistryConfig;
  /** Why the engine could not be asked (the rules are then the modern ones). */
  problem?: string;
  /** The engine is Podman, which never reads daemon.json: its registries.conf instead. */
  podman?: PodmanRegistries;
}

/**
 * Asks the engine at `socketPath` for its version (which of dockerd's rule generations it follows) and
 * reads its command line from the pid file. Without a socket there is no local engine to ask; `problem`
 * says why. The app's daemon page and `berth daemon` learn the engine the same way.
 */
export async function learnEngine(
  socketPath: string | undefined,
  options: { pidFile?: string; problem?: string } = {},
): Promise<LearntEngine> {
  const location = locateDaemonConfig();
  const os = location.flavour === 'windows' ? ('windows' as const) : ('linux' as const);
  if (!socketPath) return { rules: 'modern', problem: options.problem, facts: { os } };
  const commandLine = await readDockerdCommandLine(options.pidFile ?? location.pidFile);
  try {
    const live = await readLiveRegistryConfig(socketPath);
    // Podman's version says nothing of dockerd's rule generations; its settings are registries.conf.
    if (live.engine === 'podman')
      return { rules: 'modern', live, facts: { os }, podman: await readPodmanRegistries() };
    const facts = { version: live.serverVersion, commandLine, os };
    return { rules: rulesForVersion(live.serverVersion), live, facts };
  } catch (error) {
    return { rules: 'modern', problem: (error as Error).message, facts: { commandLine, os } };
  }
}

/**
 * Makes the engine at `socketPath` reload `file` and compares what it reports with what the file asks
 * for. `pidFile` is dockerd's, to signal; default /var/run/docker.pid.
 */
export async function applyDaemonFile(
  file: string,
  socketPath: string,
  options: { pidFile?: string } = {},
): Promise<DaemonApplyResult> {
  const engine = await learnEngine(socketPath, options);
  if (engine.podman)
    throw new BerthError('CONFIG', `the engine at ${socketPath} is Podman, which never reads ${file}`, {
      hint: 'Podman reads its registry settings from registries.conf when each pull or push starts: edit that file; there is nothing to reload.',
    });
  const loaded = await loadDaemonConfig(file);
  const location = locateDaemonConfig();
  // The usual pid file belongs to the dockerd that reads the usual file: signalling it after editing
  // another file would reload an engine that never reads that file (the system's, for a test engine's file).
  const pidFile = options.pidFile ?? (path.resolve(file) === location.file ? location.pidFile : undefined);
  if (pidFile === undefined && (location.flavour === 'rootful' || location.flavour === 'rootless'))
    return {
      method: 'restart-needed',
      applied: false,
      differences: [],
      message: `Berth does not know which dockerd reads ${file}: it is not ${location.file}, the file of the dockerd Berth found, and no pid file was named`,
      hint: 'Name the pid file of the dockerd that reads it (berth daemon apply --pid-file PATH, its own --pidfile option; BERTH_DOCKERD_PIDFILE for the app), or restart that dockerd.',
      appHint:
        'Restart the dockerd that reads it, or start Berth with BERTH_DOCKERD_PIDFILE naming that dockerd’s pid file.',
      expected: expectedLive(loaded, engine.rules),
    };
  const result = await applyDaemonConfig(
    loaded,
    {
      flavour: location.flavour,
      pidFile,
      readLive: () => readLiveRegistryConfig(socketPath),
      engine: engine.facts,
    },
    engine.rules,
  );
  return { ...result, expected: expectedLive(loaded, engine.rules) };
}
