#!/usr/bin/env node
// `npm run host`: Berth's UI in a browser, served from this machine (or through an SSH tunnel).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CoreApi } from '../core/api/index.js';
import { BerthServices } from '../core/services.js';
import { warningLine } from '../../shared/terminal-text.js';
import { startHost, type RunningHost } from './server.js';
import { clearUploads } from './upload.js';

function rendererDir(): string | undefined {
  const dir =
    process.env.BERTH_RENDERER_DIR ?? fileURLToPath(new URL('../../../renderer/dist', import.meta.url));
  return existsSync(dir) ? dir : undefined;
}

function port(): number {
  const text = process.env.BERTH_HOST_PORT;
  if (!text) return 0;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    process.stderr.write(`BERTH_HOST_PORT must be a port number (0-65535), not "${text}"\n`);
    process.exit(2);
  }
  return value;
}

/** `BERTH_HOST_UPLOAD_LIMIT`: the largest archive an upload may carry, in bytes (tests make it small). */
function uploadLimit(): number | undefined {
  const text = process.env.BERTH_HOST_UPLOAD_LIMIT;
  const value = Number(text);
  return text && Number.isSafeInteger(value) && value > 0 ? value : undefined;
}

const services = new BerthServices({
  keepJobHistory: true,
  onWarning: (message) => process.stderr.write(warningLine(message)),
});
const problem = services.settings.problem;
if (problem) process.stderr.write(warningLine(problem.message));
const api = new CoreApi(services);
// Uploads a stopped host left behind (their loads never ran or never finished) go.
await clearUploads(services.settings.dataDir).catch(() => undefined);
let host: RunningHost;
try {
  host = await startHost({ api, port: port(), rendererDir: rendererDir(), uploadLimit: uploadLimit() });
} catch (error) {
  process.stderr.write(`Berth host could not start: ${(error as Error).message}\n`);
  process.exit(1);
}
process.stdout.write(`Berth host: ${host.url}\n`);

let closing = false;
async function shutdown(): Promise<void> {
  if (closing) return;
  closing = true;
  api.close();
  await host.close();
  await services.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
