// What the registry servers refuse, and how they fail. `servers.create` takes from the renderer (and the
// CLI) certificate names that openssl would read as syntax, an address that is not one, files that are
// no certificate: each is refused at the door (the contract) and again by the core, which keeps nothing.
// An engine that is down, a certificate gone, a keychain that does not answer: a typed error, nothing lost.
import { createPrivateKey, randomUUID, X509Certificate } from 'node:crypto';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CredentialStore, keytarKeychain } from '../../electron/core/credentials/index.js';
import { DockerEngine, resolveEngine } from '../../electron/core/docker/index.js';
import { BerthError } from '../../electron/core/registry/errors.js';
import {
  ContainerRuntime,
  ProcessRuntime,
  RegistryServers,
} from '../../electron/core/registry-server/index.js';
import { SettingsStore } from '../../electron/core/settings/index.js';
import { validateInput } from '../../shared/contract/index.js';
import { makeCA, makeServerCert, type IssuedCertificate } from '../fixtures/certs.js';
import { startDockerd } from '../fixtures/dockerd.js';
import { startKeyring, type KeyringHandle } from '../fixtures/keyring.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';

let keyring: KeyringHandle;
let root: string;
let dataDir: string;
let servers: RegistryServers;
let issued: IssuedCertificate;
let other: IssuedCertificate;
let port = 15_000;

beforeAll(async () => {
  keyring = await startKeyring();
  keyring.useInThisProcess();
  root = await makeTempDir('server-inputs');
  dataDir = path.join(root, 'berth');
  servers = new RegistryServers({
    dataDir,
    settings: new SettingsStore(dataDir),
    credentials: new CredentialStore(keytarKeychain(), { service: `BerthTest-inputs-${randomUUID()}` }),
    runtimes: { process: new ProcessRuntime() },
  });
  const ca = await makeCA(path.join(root, 'ca'));
  issued = await makeServerCert(ca, path.join(root, 'certs'), { names: ['localhost'], ips: ['127.0.0.1'] });
  other = await makeServerCert(ca, path.join(root, 'certs'), { names: ['other'], ips: [], name: 'other' });
});

afterAll(async () => {
  await keyring?.stop();
  if (root) await removeDir(root);
});

/** A new server that is never started: what create writes is all these tests look at. */
function create(name: string, extra: Omit<Parameters<RegistryServers['create']>[0], 'name'>) {
  return servers.create({ name, port: port++, start: false, ...extra });
}

async function refusal(promise: Promise<unknown>): Promise<BerthError> {
  const error = await promise.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(BerthError);
  expect((error as BerthError).code).toBe('INVALID_INPUT');
  return error as BerthError;
}

async function serverFolders(): Promise<string[]> {
  return readdir(servers.serversDir).catch(() => []);
}

function contractProblem(input: unknown): string {
  const outcome = validateInput('servers.create', input);
  if (outcome.ok) throw new Error(`servers.create accepted ${JSON.stringify(input)}`);
  return outcome.error.message;
}

describe('servers.create refuses what it must not write', () => {
  it('puts only DNS names and IP addresses in a new certificate ($ENV::, commas and new lines are openssl syntax)', async () => {
    for (const name of ['$ENV::HOME', 'a, DNS:evil.example', 'a\n[ext]', 'a b']) {
      const error = await refusal(
        create('names', { tls: { mode: 'self-signed', names: ['localhost', name] } }),
      );
      expect(error.message).toBe(`"${name}" is not a DNS name or an IP address`);
      expect(contractProblem({ name: 'names', tls: { mode: 'self-signed', names: [name] } })).toMatch(
        /a certificate name is a DNS name/,
      );
    }
    expect(await serverFolders()).not.toContain('names');

    await create('names', {
      tls: { mode: 'self-signed', names: ['registry.test', '*.example.test', '::1'] },
    });
    const certificate = new X509Certificate(
      await readFile(path.join(servers.serversDir, 'names', 'tls', 'server.crt')),
    );
    expect(certificate.subjectAltName).toBe(
      'DNS:registry.test, DNS:*.example.test, IP Address:0:0:0:0:0:0:0:1',
    );
  });

  it('listens only on an IP address', async () => {
    for (const bind of ['localhost', '127.0.0.1\nhttp:', '0.0.0.0:80']) {
      const error = await refusal(create('bind', { bind, tls: { mode: 'none' } }));
      expect(error.message).toBe(`"${bind}" is not an IP address to listen on`);
      expect(contractProblem({ name: 'bind', bind })).toMatch(/listen on an IP address/);
    }
    expect(await serverFolders()).not.toContain('bind');
    expect(validateInput('servers.create', { name: 'bind', bind: '::' }).ok).toBe(true);
  });

  it('copies an existing certificate only when it is a PEM certificate with its own key', async () => {
    const secret = path.join(root, 'not-a-certificate.txt');
    await writeFile(secret, 'password=hunter2hunter2\n');
    const attempts: Array<[string, string, RegExp]> = [
      [secret, issued.keyFile, /not-a-certificate\.txt holds no PEM certificate$/],
      [issued.certFile, secret, /not-a-certificate\.txt holds no unencrypted PEM private key$/],
      [issued.certFile, other.keyFile, /other\.key is not the key of the certificate in .*server\.crt$/],
      [
        path.join(root, 'missing.crt'),
        issued.keyFile,
        /^cannot read the certificate file .*missing\.crt: ENOENT/,
      ],
    ];
    for (const [certFile, keyFile, message] of attempts) {
      const error = await refusal(create('existing', { tls: { mode: 'existing', certFile, keyFile } }));
      expect(error.message).toMatch(message);
      expect(await serverFolders()).not.toContain('existing');
    }

    await create('existing', {
      tls: { mode: 'existing', certFile: issued.certFile, keyFile: issued.keyFile },
    });
    const tlsDir = path.join(servers.serversDir, 'existing', 'tls');
    expect(await readFile(path.join(tlsDir, 'server.crt'), 'utf8')).toBe(issued.certPem);
    const key = await readFile(path.join(tlsDir, 'server.key'), 'utf8');
    expect(new X509Certificate(issued.certPem).checkPrivateKey(createPrivateKey(key))).toBe(true);
  });
});

describe('servers.list while a container engine is down', () => {
  it('lists every server, the container one as unknown with why, and starts it with a clear error', async () => {
    const dockerd = await startDockerd();
    const listing = new RegistryServers({
      dataDir: path.join(root, 'engine-down'),
      settings: new SettingsStore(path.join(root, 'engine-down')),
      credentials: new CredentialStore(keytarKeychain(), { service: `BerthTest-inputs-${randomUUID()}` }),
      runtimes: {
        process: new ProcessRuntime(),
        container: new ContainerRuntime({
          engine: () => new DockerEngine(resolveEngine({ chosen: dockerd.host })),
        }),
      },
    });
    try {
      await listing.create({
        name: 'boxed',
        port: port++,
        runtime: 'container',
        tls: { mode: 'none' },
        start: false,
      });
    } finally {
      await dockerd.stop();
    }
    await listing.create({ name: 'plain', port: port++, tls: { mode: 'none' }, start: false });

    const views = await listing.list();
    expect(views.map(({ name, state }) => ({ name, state }))).toEqual([
      { name: 'boxed', state: 'unknown' },
      { name: 'plain', state: 'stopped' },
    ]);
    expect(views[0]!.problem).toMatch(
      /^No container engine is running at unix:\/\/.*docker\.sock\. Start the engine/,
    );
    expect(views[1]!.problem).toBeUndefined();
    const error = await listing.start('boxed').then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(BerthError);
    expect((error as BerthError).code).toBe('NETWORK');
  });
});

describe('servers.trustInDocker without the certificate it would install', () => {
  it('says which file is missing and writes nothing into certs.d', async () => {
    await create('lost-ca', { tls: { mode: 'self-signed', names: ['localhost'] } });
    const caFile = path.join(servers.serversDir, 'lost-ca', 'tls', 'ca.crt');
    await rm(caFile);
    const certsDRoot = path.join(root, 'certs.d');
    const error = await servers.trustInDocker('lost-ca', { host: 'lost-ca.test:5000', certsDRoot }).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(BerthError);
    expect((error as BerthError).code).toBe('CONFIG');
    expect((error as BerthError).message).toBe(
      `cannot read lost-ca's certificate ${caFile}: ENOENT: no such file or directory, open '${caFile}'`,
    );
    expect(await readdir(certsDRoot).catch(() => [])).toEqual([]);
  });
});

describe('servers.changePassword when the keychain does not answer', () => {
  // Last in this file: the keyring stays locked from here on.
  it('changes nothing: htpasswd keeps the old password that the keychain still holds', async () => {
    const created = await create('keys', {
      tls: { mode: 'none' },
      user: { name: 'alice', password: 'alice-first-pass' },
    });
    const htpasswd = path.join(servers.serversDir, 'keys', 'htpasswd');
    const before = await readFile(htpasswd, 'utf8');
    await keyring.lock();

    const error = await servers.changePassword('keys', 'alice', 'alice-second-pass').then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(BerthError);
    expect((error as BerthError).code).toBe('KEYCHAIN');
    expect((error as BerthError).message).toContain(`${created.host}/alice`);
    expect(await readFile(htpasswd, 'utf8')).toBe(before);
  });
});

describe('a server whose server.json is corrupt', () => {
  it('is listed as unknown with the parse error, the file and a hint, and removing it keeps data/', async () => {
    const created = await create('corrupt', { tls: { mode: 'none' } });
    const specFile = path.join(created.folder, 'server.json');
    await writeFile(specFile, '{"name": "corrupt", "runtime": ');
    await writeFile(path.join(created.storageDir, 'kept'), 'images');

    const listed = (await servers.list()).find((server) => server.name === 'corrupt');
    expect(listed).toMatchObject({ state: 'unknown', isUnreadable: true, folder: created.folder });
    expect(listed?.problem).toContain(specFile);
    expect(listed?.problem).toMatch(/JSON/);
    expect(listed?.problem).toContain('berth server rm corrupt');
    // The app shows the same problem with its own next step: the card's button, not a command.
    expect(listed?.appProblem).toContain('remove corrupt with Remove… on its card');
    expect(listed?.appProblem).not.toMatch(/berth /);
    // Its folder is not written over by a new server of the same name.
    await refusal(create('corrupt', {}));

    const removed = await servers.remove('corrupt');
    expect(removed.keptStorage).toBe(created.storageDir);
    expect(await readdir(created.folder)).toEqual(['data']);
    expect(await readFile(path.join(created.storageDir, 'kept'), 'utf8')).toBe('images');
    expect((await servers.list()).map((server) => server.name)).not.toContain('corrupt');
  });

  it('is removed with its data when asked', async () => {
    const created = await create('corrupt-all', { tls: { mode: 'none' } });
    await writeFile(path.join(created.folder, 'server.json'), 'null');
    expect((await servers.list()).find((server) => server.name === 'corrupt-all')?.state).toBe('unknown');
    await servers.remove('corrupt-all', { deleteData: true });
    expect(await serverFolders()).not.toContain('corrupt-all');
  });
});
