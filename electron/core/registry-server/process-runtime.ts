import { spawn } from 'node:child_process';
import { open, readFile, rm, writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { isProcessAlive } from '../files/index.js';
import { BerthError } from '../errors.js';
import type { ServerRuntime, ServerStatus } from './runtime.js';
import { localHost, type ServerPaths, type ServerSpec } from './spec.js';
import { canConnect, checkPortFree, findOnPath, runTool } from './tools.js';

const BINARIES = ['registry', 'docker-registry'];
const START_TIMEOUT_MS = 15_000;
const STOP_GRACE_MS = 5_000;

/** True when `pid` is still our registry (a reused pid runs something else with another command line). */
async function isOurs(pid: number, config: string): Promise<boolean> {
  if (!isProcessAlive(pid)) return false;
  try {
    const commandLine = await readFile(`/proc/${pid}/cmdline`, 'utf8');
    return commandLine.includes(config);
  } catch {
    // No /proc (macOS): trust the pid file.
    return true;
  }
}

/** Bytes read from the end of the log per line asked for, and at most: a log is never read whole. */
const TAIL_BYTES_PER_LINE = 1024;
const MAX_TAIL_BYTES = 4 * 1024 * 1024;

/**
 * The last `lines` lines of the log, read from its end: the registry appends to it for as long as it
 * runs (a line per request), and following the log asks every two seconds, so the whole file is never
 * read. A line longer than the window comes cut at its start.
 */
export async function tail(file: string, lines: number): Promise<string> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw error;
  }
  try {
    const { size } = await handle.stat();
    const window = Math.min(size, Math.min(MAX_TAIL_BYTES, Math.max(1, lines) * TAIL_BYTES_PER_LINE));
    const start = size - window;
    const buffer = Buffer.alloc(window);
    let length = 0;
    while (length < window) {
      const { bytesRead } = await handle.read(buffer, length, window - length, start + length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    const all = buffer.toString('utf8', 0, length).split('\n');
    // Started inside a line: that part is not a whole line.
    if (start > 0 && all.length > 1) all.shift();
    if (all.at(-1) === '') all.pop();
    return all.slice(-lines).join('\n');
  } finally {
    await handle.close();
  }
}

/**
 * Runs Debian's `docker-registry` (or an upstream `registry`) found on PATH as a detached child: it
 * outlives the Berth process that started it, its pid in `registry.pid`, its output in `registry.log`.
 */
export class ProcessRuntime implements ServerRuntime {
  readonly kind = 'process' as const;

  constructor(private readonly options: { binary?: string } = {}) {}

  async binary(): Promise<string> {
    const found = this.options.binary ?? (await findOnPath(BINARIES));
    if (!found)
      throw new BerthError(
        'UNSUPPORTED',
        'no registry program found: neither registry nor docker-registry is on PATH',
        {
          hint: 'Install Distribution (Debian/Ubuntu: apt install docker-registry)',
        },
      );
    return found;
  }

  async checkAvailable(): Promise<void> {
    await this.binary();
  }

  private async readPid(paths: ServerPaths): Promise<number | undefined> {
    try {
      const pid = Number((await readFile(paths.pid, 'utf8')).trim());
      return Number.isInteger(pid) && pid > 0 ? pid : undefined;
    } catch {
      return undefined;
    }
  }

  async status(_spec: Pick<ServerSpec, 'name'>, paths: ServerPaths): Promise<ServerStatus> {
    const pid = await this.readPid(paths);
    if (pid !== undefined && (await isOurs(pid, paths.config))) return { state: 'running', pid };
    return { state: 'stopped' };
  }

  async start(spec: ServerSpec, paths: ServerPaths): Promise<ServerStatus> {
    const current = await this.status(spec, paths);
    if (current.state === 'running') return current;
    const binary = await this.binary();
    const address = localHost(spec);
    await checkPortFree(spec);
    const log = await open(paths.log, 'a', 0o600);
    let pid: number | undefined;
    try {
      await log.write(`--- berth: starting ${binary} serve ${paths.config} at ${new Date().toISOString()}\n`);
      const child = spawn(binary, ['serve', paths.config], {
        detached: true,
        stdio: ['ignore', log.fd, log.fd],
        cwd: paths.dir,
      });
      pid = child.pid;
      child.unref();
      if (pid === undefined) throw new BerthError('UNSUPPORTED', `could not start ${binary}`);
    } finally {
      await log.close();
    }
    await writeFile(paths.pid, `${pid}\n`);
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (!isProcessAlive(pid)) {
        await rm(paths.pid, { force: true });
        throw new BerthError('CONFIG', `${spec.name}'s registry exited right after it started`, {
          hint: `Its log says:\n${await tail(paths.log, 10)}`,
        });
      }
      if (await canConnect(address)) return { state: 'running', pid };
      await sleep(50);
    }
    await this.stop(spec, paths);
    throw new BerthError(
      'NETWORK',
      `${spec.name}'s registry did not listen on ${address} within ${START_TIMEOUT_MS / 1000} s`,
      {
        hint: `See berth server logs ${spec.name}`,
        appHint: `Logs… on ${spec.name}'s card shows why it did not start.`,
      },
    );
  }

  async stop(spec: Pick<ServerSpec, 'name'>, paths: ServerPaths): Promise<boolean> {
    const current = await this.status(spec, paths);
    if (current.state !== 'running' || current.pid === undefined) {
      await rm(paths.pid, { force: true });
      return false;
    }
    const pid = current.pid;
    process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + STOP_GRACE_MS;
    while (isProcessAlive(pid) && Date.now() < deadline) await sleep(50);
    if (isProcessAlive(pid)) process.kill(pid, 'SIGKILL');
    while (isProcessAlive(pid)) await sleep(20);
    await rm(paths.pid, { force: true });
    return true;
  }

  async remove(spec: Pick<ServerSpec, 'name'>, paths: ServerPaths): Promise<void> {
    await this.stop(spec, paths);
  }

  async logs(_spec: ServerSpec, paths: ServerPaths, lines = 200): Promise<string> {
    return tail(paths.log, lines);
  }

  async garbageCollect(_spec: ServerSpec, paths: ServerPaths, args: string[]): Promise<string> {
    const { stdout, stderr } = await runTool(
      await this.binary(),
      ['garbage-collect', ...args, paths.config],
      {
        timeoutMs: 30 * 60_000,
      },
    );
    return `${stdout}${stderr}`;
  }
}
