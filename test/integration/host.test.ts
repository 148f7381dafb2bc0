// The browser host as a user runs it (`node dist/electron/host/main.js`): a private keyring, a real
// docker-registry with htpasswd over TLS and a plain-HTTP one without auth. Every byte the client
// receives over HTTP and the WebSocket is kept and searched for the password at the end.
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOST_KEY, type ConnectionView, type Page } from '../../shared/contract/index.js';
import type { ImageInspection } from '../../shared/image.js';
import type { JobSnapshot } from '../../shared/jobs.js';
import { CredentialStore, keytarKeychain } from '../../electron/core/credentials/index.js';
import { BerthHost } from '../fixtures/berth-host.js';
import { pushImage, type PushedImage } from '../fixtures/images.js';
import { startKeyring, type KeyringHandle } from '../fixtures/keyring.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

const SERVICE = `BerthTest-host-${randomUUID()}`;
const PASSWORD = 'wonderland-pass';
const WRONG = 'not-the-password-42';
let keyring: KeyringHandle;
let secured: RegistryHandle;
let plain: RegistryHandle;
let image: PushedImage;
let root: string;
let host: BerthHost;
let credentials: CredentialStore;

beforeAll(async () => {
  keyring = await startKeyring();
  keyring.useInThisProcess();
  credentials = new CredentialStore(keytarKeychain(), { service: SERVICE });
  root = await makeTempDir('host');
  [secured, plain] = await Promise.all([
    startRegistry({ auth: 'htpasswd', tls: true }),
    startRegistry({ auth: 'none' }),
  ]);
  image = await pushImage(secured, 'team/app', '1.0', { layers: 3, layerSize: 512 * 1024 });
  await pushImage(secured, 'team/app', '1.1');
  await pushImage(secured, 'team/tools', 'latest');
  host = await BerthHost.start(
    keyring.env({
      BERTH_DATA_DIR: path.join(root, 'data'),
      BERTH_KEYCHAIN_SERVICE: SERVICE,
      BERTH_RENDERER_DIR: path.join(root, 'no-renderer'),
    }),
  );
  await host.logIn();
});

afterAll(async () => {
  await host?.stop();
  await Promise.all([secured?.stop(), plain?.stop()]);
  await keyring?.stop();
  await removeDir(root);
});

describe('the browser host guards its door', () => {
  const apiList = (headers: Record<string, string>) =>
    host.fetch('/api/connections.list', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: host.origin, ...headers },
      body: '{}',
    });

  it('serves the page without the key, and refuses the API and the event socket without it', async () => {
    const page = await host.fetch('/');
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/renderer .* is not built/);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(page.headers.get('set-cookie')).toBeNull();
    const api = await apiList({});
    expect(api.status).toBe(401);
    expect(JSON.parse(api.text).error).toMatchObject({
      code: 'DENIED',
      hint: expect.stringMatching(/#token=/),
    });
    expect((await apiList({ authorization: 'Bearer not-the-key' })).status).toBe(401);
    expect((await apiList({ authorization: `Basic ${host.token}` })).status).toBe(401);
    const anonymous = host.events({ protocols: [HOST_KEY.eventsProtocol] });
    expect(await anonymous.opened).toBe(401);
    const wrong = host.events({ protocols: [HOST_KEY.eventsProtocol, `${HOST_KEY.keyProtocolPrefix}nope`] });
    expect(await wrong.opened).toBe(401);
  });

  it('prints the key in the URL fragment, which no request line or Referer carries', async () => {
    const printed = new URL(host.url);
    expect(printed.search).toBe('');
    expect(printed.hash).toBe(`#token=${host.token}`);
    expect((await apiList(host.authorization)).status).toBe(200);
    const events = host.events();
    expect(await events.opened).toBe(101);
    expect(events.socket.protocol).toBe(HOST_KEY.eventsProtocol);
    events.close();
  });

  it('refuses a request and an event socket that carry the key only in a cookie or the query string', async () => {
    // What the host used to set, and what every other service on 127.0.0.1 the browser visits received.
    const cookie = `berth_host_${new URL(host.origin).port}=${host.token}`;
    const api = await apiList({ cookie });
    expect(api.status).toBe(401);
    expect(JSON.parse(api.text).error.code).toBe('DENIED');
    const query = await host.fetch(`/api/connections.list?token=${host.token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: host.origin, cookie },
      body: '{}',
    });
    expect(query.status).toBe(401);
    const socket = host.events({
      headers: { origin: host.origin, cookie },
      protocols: [HOST_KEY.eventsProtocol],
    });
    expect(await socket.opened).toBe(401);
    expect(host.received.join('\n')).not.toContain(host.token);
  });

  it('refuses requests and event sockets from another origin, even with the key', async () => {
    const call = await host.call('connections.list', {}, { origin: 'http://evil.example' });
    expect(call.status).toBe(403);
    // DNS rebinding: a page of evil.example whose name now resolves to 127.0.0.1 (fetch cannot set Host).
    const rebound = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(new URL('/api/connections.list', host.origin), {
        method: 'POST',
        headers: {
          host: `evil.example:${new URL(host.origin).port}`,
          ...host.authorization,
          'content-type': 'application/json',
        },
      });
      request.on('response', (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on('error', reject);
      request.end('{}');
    });
    expect(rebound).toBe(403);
    const socket = host.events({ headers: { origin: 'http://evil.example' } });
    expect(await socket.opened).toBe(403);
  });

  it('refuses a body that is not JSON and an input the contract rejects', async () => {
    const form = await host.fetch('/api/connections.list', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...host.authorization },
      body: 'a=1',
    });
    expect(form.status).toBe(415);
    const invalid = await host.call('registry.listTags', { connection: 'x', repository: 'Bad Name' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error).toMatchObject({ code: 'INVALID_INPUT' });
    expect(invalid.body.error.message).toMatch(/repository: a repository name is lower-case/);
    expect((await host.call('registry.teleport', {})).status).toBe(404);
  });
});

describe('the contract over HTTP and the event socket', () => {
  const add = () => ({
    name: 'local',
    url: `https://${secured.host}`,
    tls: { caFile: secured.caFile },
    username: 'alice',
  });

  it('adds nothing when the password is wrong, with a typed AUTH error', async () => {
    const events = host.events();
    expect(await events.opened).toBe(101);
    const result = await host.call('connections.add', { ...add(), secret: WRONG });
    expect(result.body.ok).toBe(false);
    expect(result.body.error.code).toBe('AUTH');
    expect(result.body.error.message).toMatch(/refused/);
    const status = await events.until((m) => m.event === 'connections.status');
    expect(status.payload).toMatchObject({ name: 'local', state: 'auth-failed' });
    events.close();
    const listed = await host.call<{ connections: ConnectionView[] }>('connections.list', {});
    expect(listed.body.value.connections).toEqual([]);
    expect(await credentials.has(secured.host, 'alice')).toBe(false);
  });

  it('checks the right password, stores it in the keychain and answers with hasCredential only', async () => {
    const result = await host.call<{ connection: ConnectionView }>('connections.add', {
      ...add(),
      secret: PASSWORD,
    });
    expect(result.body.ok).toBe(true);
    expect(result.body.value.connection).toMatchObject({
      name: 'local',
      host: secured.host,
      username: 'alice',
      kind: 'distribution',
      hasCredential: true,
    });
    expect(await credentials.get(secured.host, 'alice')).toMatchObject({ secret: PASSWORD });
    const test = await host.call('connections.test', { name: 'local' });
    expect(test.body).toMatchObject({ ok: true, value: { credentialsChecked: true } });
  });

  it('lists repositories and tags page by page', async () => {
    const first = await host.call<Page<string>>('registry.listRepositories', { connection: 'local' });
    expect(first.body.value.items).toEqual(['team/app', 'team/tools']);
    const tags: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await host.call<Page<string>>('registry.listTags', {
        connection: 'local',
        repository: 'team/app',
        ...(cursor ? { cursor } : {}),
      });
      expect(page.body.ok).toBe(true);
      tags.push(...page.body.value.items);
      cursor = page.body.value.cursor;
    } while (cursor);
    expect(tags.sort()).toEqual(['1.0', '1.1']);
  });

  it('inspects an image', async () => {
    const result = await host.call<ImageInspection>('registry.inspect', {
      connection: 'local',
      repository: 'team/app',
      reference: '1.0',
    });
    expect(result.body.ok).toBe(true);
    expect(result.body.value).toMatchObject({ digest: image.digest, kind: 'image' });
    expect(result.body.value.layers.map((layer) => layer.digest)).toEqual(image.layerDigests);
    const missing = await host.call('registry.inspect', {
      connection: 'local',
      repository: 'team/app',
      reference: '9.9',
    });
    expect(missing.body.error.code).toBe('NOT_FOUND');
  });

  it('runs a copy job and streams its progress over the WebSocket until it finishes', async () => {
    const mirror = await host.call('connections.add', { name: 'mirror', url: `http://${plain.host}` });
    expect(mirror.body.ok).toBe(true);
    const events = host.events();
    expect(await events.opened).toBe(101);
    const started = await host.call<{ id: string }>('jobs.start', {
      kind: 'copy',
      source: { connection: 'local', repository: 'team/app', reference: '1.0' },
      destination: { connection: 'mirror', repository: 'copied/app', reference: '1.0' },
    });
    expect(started.body.ok).toBe(true);
    const { id } = started.body.value;
    const finished = await events.until(
      (m) => m.event === 'jobs.progress' && m.payload.type === 'finished' && m.payload.job.id === id,
    );
    const progress = events.messages.filter((m) => m.event === 'jobs.progress' && m.payload.job.id === id);
    expect(progress.length).toBeGreaterThan(1);
    const job = (finished.payload as { job: JobSnapshot }).job;
    expect(job.status).toBe('succeeded');
    expect(job.overall.bytesDone).toBeGreaterThanOrEqual(3 * 512 * 1024);
    events.close();

    const listed = await host.call<JobSnapshot[]>('jobs.list', {});
    expect(listed.body.value.find((j) => j.id === id)?.status).toBe('succeeded');
    const copied = await host.call<ImageInspection>('registry.inspect', {
      connection: 'mirror',
      repository: 'copied/app',
      reference: '1.0',
    });
    expect(copied.body.value.digest).toBe(image.digest);
  });

  it('retags, previews which tags go with a digest, and explains why deletion is refused', async () => {
    const where = { connection: 'local', repository: 'team/app' };
    const retagged = await host.call('registry.retag', { ...where, reference: '1.0', targetTag: '1.0-rc' });
    expect(retagged.body).toMatchObject({ ok: true, value: { digest: image.digest } });
    const preview = await host.call('registry.deleteImagePreview', { ...where, digest: image.digest });
    expect(preview.body.value).toEqual({ digest: image.digest, tags: ['1.0', '1.0-rc'], canDelete: false });
    const refused = await host.call('registry.deleteImage', { ...where, digest: image.digest });
    expect(refused.body.error).toMatchObject({ code: 'UNSUPPORTED' });
    expect(refused.body.error.hint).toMatch(/storage\.delete\.enabled/);
  });

  it('renames and removes connections, and their keychain entry goes with them', async () => {
    const renamed = await host.call<{ connection: ConnectionView }>('connections.update', {
      name: 'mirror',
      newName: 'backup',
    });
    expect(renamed.body.value.connection).toMatchObject({ name: 'backup', host: plain.host });
    const removed = await host.call('connections.remove', { name: 'local' });
    expect(removed.body.value).toEqual({ removed: true, credentialRemoved: true });
    expect(await credentials.has(secured.host, 'alice')).toBe(false);
    const listed = await host.call<{ connections: ConnectionView[] }>('connections.list', {});
    expect(listed.body.value.connections.map((c) => c.name)).toEqual(['backup']);
    const gone = await host.call('registry.ping', { connection: 'local' });
    expect(gone.body.error).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('never sent the password back, over HTTP or the WebSocket', () => {
    expect(host.received.length).toBeGreaterThan(10);
    for (const payload of host.received) {
      expect(payload).not.toContain(PASSWORD);
      expect(payload).not.toContain(WRONG);
    }
  });
});
