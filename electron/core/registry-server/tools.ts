import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { connect } from 'node:net';
import path from 'node:path';
import { BerthError } from '../errors.js';
import { localHost, type ServerSpec } from './spec.js';

export interface ToolResult {
  stdout: string;
  stderr: string;
}

/** Runs a helper program to the end; rejects with its stderr on a non-zero exit. */
export function runTool(
  command: string,
  args: string[],
  options: { input?: string; timeoutMs?: number } = {},
): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdin.on('error', () => {
      // The tool may exit before reading its input; the exit code says what happened.
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${command}: ${error.message}`));
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve({ stdout, stderr });
      else
        reject(
          new Error(
            `${command} ${signal ? `killed by ${signal}` : `exited with ${code}`}: ${(stderr || stdout).trim()}`,
          ),
        );
    });
    child.stdin.end(options.input ?? '');
  });
}

/** The first of `names` found as an executable on PATH. */
export async function findOnPath(
  names: string[],
  searchPath = process.env.PATH ?? '',
): Promise<string | undefined> {
  for (const name of names) {
    for (const dir of searchPath.split(path.delimiter).filter(Boolean)) {
      const candidate = path.join(dir, name);
      try {
        await access(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

/** Whether something accepts TCP connections on `host:port` (`[v6]:port` too). */
export function canConnect(hostPort: string): Promise<boolean> {
  const match = /^\[?(.*?)\]?:(\d+)$/.exec(hostPort);
  return new Promise((resolve) => {
    const socket = connect({ host: match?.[1] ?? '127.0.0.1', port: Number(match?.[2]) });
    const finish = (result: boolean) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(1000, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

/** Refuses to start a server on a port something else already listens on (its own start would fail less clearly). */
export async function checkPortFree(spec: Pick<ServerSpec, 'name' | 'bind' | 'port'>): Promise<void> {
  const address = localHost(spec);
  if (await canConnect(address))
    throw new BerthError(
      'CONFIG',
      `port ${spec.port} is already in use, so ${spec.name} cannot listen on it`,
      {
        hint: `Stop what listens on ${address} and start ${spec.name} again, or create the registry on another port (--port).`,
        appHint: `Stop what listens on ${address} and start ${spec.name} again, or create the registry on another port.`,
      },
    );
}
