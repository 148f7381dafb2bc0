// Docker's rule for a registry nobody configured (issue 15, item 16): dockerd treats 127.0.0.0/8 and ::1
// as insecure, trying HTTPS first and then plain HTTP, so `docker login 127.0.0.1:5000` works against a
// plain registry. Berth follows it for a bare host:port with no saved connection, and says it is plain HTTP.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SettingsStore } from '../../electron/core/settings/index.js';
import { BerthCli } from '../fixtures/berth-cli.js';
import { pushImage } from '../fixtures/images.js';
import { startKeyring, type KeyringHandle } from '../fixtures/keyring.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

const SERVICE = `BerthTest-loopback-${randomUUID()}`;
let keyring: KeyringHandle;
let plainWithLogin: RegistryHandle;
let plainOpen: RegistryHandle;
let tlsRegistry: RegistryHandle;
let root: string;

beforeAll(async () => {
  keyring = await startKeyring();
  root = await makeTempDir('loopback-scheme');
  [plainWithLogin, plainOpen, tlsRegistry] = await Promise.all([
    startRegistry({ auth: 'htpasswd' }),
    startRegistry(),
    startRegistry({ tls: true }),
  ]);
  await Promise.all([
    pushImage(plainWithLogin, 'team/app', '1'),
    pushImage(plainOpen, 'team/app', '1'),
    pushImage(tlsRegistry, 'team/app', '1'),
  ]);
}, 120_000);

afterAll(async () => {
  await Promise.all([plainWithLogin?.stop(), plainOpen?.stop(), tlsRegistry?.stop()]);
  await keyring?.stop();
  await removeDir(root);
});

/** A CLI with a data folder of its own: no saved connection for any host. */
function freshCli(name: string): { cli: BerthCli; dataDir: string } {
  const dataDir = path.join(root, name);
  const cli = new BerthCli(() =>
    keyring.env({ BERTH_DATA_DIR: dataDir, BERTH_KEYCHAIN_SERVICE: SERVICE, BERTH_TIMEOUT: '' }),
  );
  return { cli, dataDir };
}

describe("Docker's loopback rule for a bare host:port", () => {
  it('logs in to a plain-HTTP registry on 127.0.0.1 like docker login, and says it is plain HTTP', async () => {
    const { cli, dataDir } = freshCli('login');
    const login = await cli.run(
      ['login', plainWithLogin.host, '--username', 'alice', '--password-stdin'],
      'wonderland-pass',
    );
    expect(login.stderr).not.toMatch(/answers plain HTTP, not HTTPS/);
    expect(login.code).toBe(0);
    expect(login.stdout).toMatch(/Login Succeeded: alice/);
    expect(login.stderr).toMatch(`${plainWithLogin.host} answers plain HTTP`);
    expect(login.stdout).toMatch(/plain-HTTP connection/);
    const saved = new SettingsStore(dataDir).findByHost(plainWithLogin.host);
    expect(saved).toMatchObject({ host: plainWithLogin.host, insecureHttp: true, username: 'alice' });
    // The saved connection is used from then on, over HTTP, with the stored password.
    const tags = await cli.run(['tags', `${plainWithLogin.host}/team/app`]);
    expect(tags.code).toBe(0);
    expect(tags.stdout).toMatch(/^1$/m);
  });

  it('reads a plain-HTTP registry on 127.0.0.1 with no saved connection', async () => {
    const { cli } = freshCli('tags');
    const tags = await cli.run(['tags', `${plainOpen.host}/team/app`, '--json']);
    expect(tags.stderr).toMatch(`${plainOpen.host} answers plain HTTP`);
    expect(tags.code).toBe(0);
    expect((JSON.parse(tags.stdout) as { tags: string[] }).tags).toContain('1');
  });

  it('keeps HTTPS for a loopback registry that speaks TLS: no fallback past a certificate problem', async () => {
    const { cli } = freshCli('tls');
    const tags = await cli.run(['tags', `${tlsRegistry.host}/team/app`]);
    expect(tags.code).toBe(1);
    expect(tags.stderr).toMatch(/TLS certificate signed by an unknown authority/);
    expect(tags.stderr).not.toMatch(/plain HTTP/);
  });

  it('keeps a scheme the user wrote: https:// to a plain registry is refused, not downgraded', async () => {
    const { cli } = freshCli('explicit');
    const login = await cli.run(
      ['login', `https://${plainWithLogin.host}`, '--username', 'alice', '--password-stdin'],
      'wonderland-pass',
    );
    expect(login.code).toBe(1);
    expect(login.stderr).toMatch(/answers plain HTTP, not HTTPS/);
  });

  it('has the doctor walk a bare loopback host the way Docker reaches it', async () => {
    const { cli } = freshCli('doctor');
    const doctor = await cli.run([
      'doctor',
      plainOpen.host,
      '--json',
      '--file',
      path.join(root, 'none.json'),
    ]);
    const diagnosis = JSON.parse(doctor.stdout) as {
      scheme: string;
      steps: { id: string; status: string; detail: string }[];
    };
    expect(diagnosis.scheme).toBe('http');
    expect(diagnosis.steps.find((step) => step.id === 'tls')).toMatchObject({
      status: 'ok',
      detail: expect.stringMatching(/plain HTTP/),
    });
    expect(diagnosis.steps.find((step) => step.id === 'registry')?.status).toBe('ok');
  });
});
