import { readFile } from 'node:fs/promises';
import type { DaemonLiveSettings } from '../../../shared/contract/index.js';
import { BerthError } from '../errors.js';
import { describeSeconds, newAgent, undiciRequest as request } from '../registry/index.js';

/** What a running dockerd says about registries (`GET /info` → RegistryConfig). */
export type LiveRegistryConfig = DaemonLiveSettings;

/** Reads /info over the engine's unix socket. */
export async function readLiveRegistryConfig(
  socketPath: string,
  signal?: AbortSignal,
  /** A dockerd that takes the connection and never answers (stuck on its lock) gives up after this. */
  timeoutMs = 30_000,
): Promise<LiveRegistryConfig> {
  const dispatcher = newAgent({ connect: { socketPath, timeout: timeoutMs } });
  try {
    const response = await request('http://docker/info', {
      dispatcher,
      signal,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    if (response.statusCode !== 200) {
      throw new BerthError(
        'PROTOCOL',
        `the engine at ${socketPath} answered /info with HTTP ${response.statusCode}`,
      );
    }
    const info = (await response.body.json()) as {
      ServerVersion?: string;
      Rootless?: boolean;
      RegistryConfig?: {
        InsecureRegistryCIDRs?: string[] | null;
        IndexConfigs?: Record<string, { Name: string; Secure: boolean; Mirrors?: string[] | null }> | null;
        Mirrors?: string[] | null;
      };
    };
    const config = info.RegistryConfig ?? {};
    // Podman answers every compat request with Libpod-API-Version (seen on 4.3.1's /info), and its /info
    // builds IndexConfigs from registries.conf (docker-conventions.md §3.8).
    const isPodman = response.headers['libpod-api-version'] !== undefined;
    return {
      serverVersion: info.ServerVersion,
      engine: isPodman ? 'podman' : 'dockerd',
      ...(isPodman ? { isRootless: info.Rootless === true } : {}),
      indexes: Object.values(config.IndexConfigs ?? {})
        .map((index) => ({ name: index.Name, isSecure: index.Secure, mirrors: [...(index.Mirrors ?? [])] }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      insecureCidrs: [...(config.InsecureRegistryCIDRs ?? [])].sort(),
      insecureHosts: Object.values(config.IndexConfigs ?? {})
        .filter((index) => !index.Secure)
        .map((index) => index.Name)
        .sort(),
      mirrors: [...(config.Mirrors ?? [])],
    };
  } catch (error) {
    if (error instanceof BerthError) throw error;
    const code = (error as { code?: unknown }).code;
    if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT')
      throw new BerthError(
        'NETWORK',
        `the Docker engine at ${socketPath} did not answer /info within ${describeSeconds(timeoutMs)}`,
        { hint: 'dockerd is busy or stuck: check `docker info`, and restart it if that hangs too.' },
      );
    throw new BerthError(
      'NETWORK',
      `cannot reach the Docker engine at ${socketPath}: ${(error as Error).message}`,
      {
        hint: 'Is dockerd running, and may this user use its socket?',
      },
    );
  } finally {
    await dispatcher.close();
  }
}

/**
 * The arguments the running dockerd was started with (`/proc/PID/cmdline`, PID from its pidfile), so a key
 * also given as a flag can be found; undefined when there is no such process or it cannot be read.
 */
export async function readDockerdCommandLine(pidFile: string | undefined): Promise<string[] | undefined> {
  if (!pidFile || process.platform !== 'linux') return undefined;
  try {
    const pid = Number.parseInt(await readFile(pidFile, 'utf8'), 10);
    if (!Number.isSafeInteger(pid) || pid <= 0) return undefined;
    const [program, ...args] = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0').slice(0, -1);
    return program && /(^|\/)dockerd$/.test(program) ? args : undefined;
  } catch {
    return undefined;
  }
}
