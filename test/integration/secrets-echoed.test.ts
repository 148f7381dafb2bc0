// A registry that quotes the request back: its 401 and 500 bodies and headers repeat the Authorization
// header, the password and the bearer token. None of them may reach an API answer, an event (the
// connections.status and jobs.progress the Electron window and the browser host forward), or any line
// the CLI prints, --json included. Each check also looks for `[redacted]`, so it sees the echo arrive.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventMessage } from '../../shared/contract/index.js';
import { CoreApi } from '../../electron/core/api/index.js';
import { BerthServices } from '../../electron/core/services.js';
import { BerthCli } from '../fixtures/berth-cli.js';
import { sendJson, startHostileRegistry, type HostileRegistry } from '../fixtures/hostile-registry.js';
import { startKeyring, type KeyringHandle } from '../fixtures/keyring.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';

const SERVICE = `BerthTest-echo-${randomUUID()}`;
const USER = 'alice';
const PASSWORD = 'echoed-Pa55word!';
const BASIC = Buffer.from(`${USER}:${PASSWORD}`).toString('base64');
const TOKEN = `tok-${randomUUID()}`;
const SECRETS = { password: PASSWORD, basic: BASIC, token: TOKEN };

let keyring: KeyringHandle;
let root: string;
let basic: HostileRegistry;
let bearer: HostileRegistry;
let services: BerthServices;
let api: CoreApi;
const events: EventMessage[] = [];

/** Everything the request carried, decoded, as a careless registry would log it back. */
function echo(request: IncomingMessage): string {
  const authorization = request.headers.authorization ?? '';
  const decoded = authorization.startsWith('Basic ')
    ? Buffer.from(authorization.slice(6), 'base64').toString('utf8')
    : '';
  return `request had Authorization: ${authorization}; user:password=${decoded}; {"token":"${TOKEN}"}`;
}

function answerEcho(status: number) {
  return (request: IncomingMessage, response: ServerResponse) =>
    sendJson(
      response,
      status,
      { errors: [{ code: 'UNKNOWN', message: echo(request) }] },
      {
        'x-echo': echo(request),
      },
    );
}

function basicRoute(path: string | RegExp, statusWithAuth: number) {
  return {
    method: 'GET',
    path,
    handler: (request: IncomingMessage, response: ServerResponse) => {
      if (!request.headers.authorization)
        return sendJson(
          response,
          401,
          { errors: [{ code: 'UNAUTHORIZED', message: 'log in' }] },
          {
            'www-authenticate': 'Basic realm="hostile"',
          },
        );
      return answerEcho(statusWithAuth)(request, response);
    },
  };
}

function bearerChallenge(base: string) {
  return `Bearer realm="${base}/token",service="hostile",scope="repository:team/app:pull"`;
}

function expectNoSecret(text: string, where: string): void {
  for (const [name, secret] of Object.entries(SECRETS))
    expect(text.includes(secret), `${where} holds the ${name}:\n${text}`).toBe(false);
}

async function waitFor<T>(find: () => T | undefined, what: string, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`no ${what} within ${ms} ms`);
    await sleep(50);
  }
}

beforeAll(async () => {
  keyring = await startKeyring();
  keyring.useInThisProcess();
  root = await makeTempDir('berth-echo-');
  basic = await startHostileRegistry([
    basicRoute('/v2/', 401),
    basicRoute('/v2/team/app/tags/list', 500),
    basicRoute(/^\/v2\/team\/app\/manifests\//, 500),
  ]);
  bearer = await startHostileRegistry([
    {
      method: 'GET',
      path: '/token',
      handler: (request, response) =>
        // Anonymous callers get a token that opens nothing but /v2/.
        sendJson(response, 200, {
          token: request.headers.authorization === `Basic ${BASIC}` ? TOKEN : 'anonymous-token',
          expires_in: 300,
        }),
    },
    {
      path: /^\/v2\/.*/,
      handler: (request, response, { base, url }) => {
        if (url.pathname === '/v2/' && request.headers.authorization === 'Bearer anonymous-token')
          return sendJson(response, 200, {});
        if (request.headers.authorization !== `Bearer ${TOKEN}`)
          return sendJson(
            response,
            401,
            { errors: [{ code: 'UNAUTHORIZED', message: 'token needed' }] },
            {
              'www-authenticate': bearerChallenge(base),
            },
          );
        if (url.pathname === '/v2/') return sendJson(response, 200, {});
        return answerEcho(500)(request, response);
      },
    },
  ]);
  services = new BerthServices({ dataDir: path.join(root, 'api-data'), keychainService: SERVICE });
  api = new CoreApi(services);
  api.subscribe((message) => events.push(message));
});

afterAll(async () => {
  api?.close();
  await services?.close();
  await Promise.all([basic?.stop(), bearer?.stop()]);
  await keyring?.stop();
  await removeDir(root);
});

describe('secrets a registry echoes never leave the main process', () => {
  it('connections.add: neither the answer nor the connections.status event holds the password or its Basic form', async () => {
    const outcome = await api.call('connections.add', {
      name: 'echo',
      url: basic.url,
      insecureHttp: true,
      username: USER,
      secret: PASSWORD,
    });
    expect(outcome.ok).toBe(false);
    const status = events.find((message) => message.event === 'connections.status');
    expect(status, 'a connections.status event').toBeDefined();
    const sent = JSON.stringify([outcome, status]);
    expect(sent).toContain('[redacted]');
    expectNoSecret(sent, 'connections.add');
    expect(basic.requests.some((request) => request.headers.authorization === `Basic ${BASIC}`)).toBe(true);
  });

  it('a bearer token and the keychain password stay out of an IPC result', async () => {
    await services.credentials.save(bearer.host, USER, PASSWORD, 'password');
    services.settings.save({ name: 'bearer', host: bearer.host, insecureHttp: true, username: USER });
    const outcome = await api.call('registry.listTags', { connection: 'bearer', repository: 'team/app' });
    expect(outcome.ok).toBe(false);
    const sent = JSON.stringify(outcome);
    expect(sent).toContain('[redacted]');
    expectNoSecret(sent, 'registry.listTags');
    expect(bearer.requests.some((request) => request.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
  });

  it('a failed copy job reports its error in jobs.progress events without the secrets', async () => {
    await services.credentials.save(basic.host, USER, PASSWORD, 'password');
    services.settings.save({ name: 'basic', host: basic.host, insecureHttp: true, username: USER });
    const started = await api.call('jobs.start', {
      kind: 'copy',
      source: { connection: 'basic', repository: 'team/app', reference: '1' },
      destination: { connection: 'bearer', repository: 'team/app', reference: '1' },
    });
    if (!started.ok) throw new Error(JSON.stringify(started));
    const finished = await waitFor(
      () =>
        events.find(
          (message) =>
            message.event === 'jobs.progress' &&
            message.payload.job.id === started.value.id &&
            message.payload.type === 'finished',
        ),
      'finished job event',
    );
    const sent = JSON.stringify([finished, await api.call('jobs.list', {})]);
    expect(sent).toContain('[redacted]');
    expectNoSecret(sent, 'jobs.progress');
  });
});

describe('secrets a registry echoes never reach the terminal', () => {
  const cli = new BerthCli(() =>
    keyring.env({ BERTH_DATA_DIR: path.join(root, 'cli-data'), BERTH_KEYCHAIN_SERVICE: SERVICE }),
  );

  beforeAll(async () => {
    for (const [name, registry] of [
      ['basic', basic],
      ['bearer', bearer],
    ] as const) {
      const added = await cli.run(['registry', 'add', name, registry.url]);
      if (added.code !== 0) throw new Error(added.stderr);
    }
  });

  it('tags, inspect, registry add and doctor with --password-stdin print no password, Basic value or token', async () => {
    const runs: [string[], string][] = [
      [['tags', `${basic.host}/team/app`, '--username', USER, '--password-stdin'], PASSWORD],
      [['tags', `${basic.host}/team/app`, '--username', USER, '--password-stdin', '--json'], PASSWORD],
      [['inspect', `${basic.host}/team/app:1`, '--username', USER, '--password-stdin'], PASSWORD],
      [['tags', `${bearer.host}/team/app`, '--username', USER, '--password-stdin', '--json'], PASSWORD],
      [['tags', `${bearer.host}/team/app`, '--username', USER, '--password-stdin'], PASSWORD],
      // Another spelling of the saved address: the same one is refused before the registry is asked.
      [
        [
          'registry',
          'add',
          'again',
          basic.url.replace('127.0.0.1', 'localhost'),
          '--username',
          USER,
          '--password-stdin',
        ],
        PASSWORD,
      ],
      [
        ['doctor', 'basic', '--username', USER, '--password-stdin', '--file', path.join(root, 'none.json')],
        PASSWORD,
      ],
    ];
    for (const [args, input] of runs) {
      const result = await cli.run(args, input);
      const printed = `${result.stdout}\n${result.stderr}`;
      expect(result.code, printed).toBe(1);
      // doctor sums the refusal up in its own words; the others pass the registry's text on.
      if (args[0] !== 'doctor') expect(printed, `berth ${args.join(' ')}`).toContain('[redacted]');
      expectNoSecret(printed, `berth ${args.join(' ')}`);
    }
    expectNoSecret(cli.transcript.join('\n'), 'the CLI transcript');
  });
});
