// `berth login/logout/registry add/list` with the OS keychain: a private gnome-keyring through the real
// keytar in the CLI process, real docker-registry instances (htpasswd over TLS, token auth). Every
// line the CLI prints and the settings file are searched for the secrets at the end.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CredentialStore, keytarKeychain } from '../../electron/core/credentials/index.js';
import { SettingsStore } from '../../electron/core/settings/index.js';
import { BerthCli, CLI } from '../fixtures/berth-cli.js';
import { pushImage } from '../fixtures/images.js';
import { startKeyring, type KeyringHandle } from '../fixtures/keyring.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';
import { requestRefreshToken } from '../fixtures/token-server.js';

const SERVICE = `BerthTest-cli-${randomUUID()}`;
const PASSWORD = 'wonderland-pass';
const WRONG = 'not-the-password';
let keyring: KeyringHandle;
let basic: RegistryHandle;
let token: RegistryHandle;
let root: string;
let dataDir: string;
let credentials: CredentialStore;
let cli: BerthCli;
const refreshTokens: string[] = [];

beforeAll(async () => {
  keyring = await startKeyring();
  keyring.useInThisProcess();
  credentials = new CredentialStore(keytarKeychain(), { service: SERVICE });
  root = await makeTempDir('cli-credentials');
  dataDir = path.join(root, 'berth');
  cli = new BerthCli(() => keyring.env({ BERTH_DATA_DIR: dataDir, BERTH_KEYCHAIN_SERVICE: SERVICE }));
  [basic, token] = await Promise.all([
    startRegistry({ auth: 'htpasswd', tls: true }),
    startRegistry({ auth: 'token', tls: true, token: { rotateRefreshTokens: true } }),
  ]);
  await Promise.all([pushImage(basic, 'team/app', '1.0'), pushImage(token, 'team/app', '1.0')]);
});

afterAll(async () => {
  await Promise.all([basic?.stop(), token?.stop()]);
  await keyring?.stop();
  await removeDir(root);
});

const berth = (args: string[], input?: string, env?: NodeJS.ProcessEnv) => cli.run(args, input, env);

describe('berth registry add and login with the keychain (htpasswd over TLS)', () => {
  it('does not save a connection or a secret when the password is wrong', async () => {
    const add = ['registry', 'add', 'local', `https://${basic.host}`, '--ca-file', basic.caFile!];
    const result = await berth([...add, '--username', 'alice', '--password-stdin'], WRONG);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/username or password was refused/);
    expect(await credentials.has(basic.host, 'alice')).toBe(false);
    expect(JSON.parse((await berth(['registry', 'list', '--json'])).stdout)).toEqual([]);
  });

  it('stores the checked password in the keychain, and the next command needs no password', async () => {
    const add = ['registry', 'add', 'local', `https://${basic.host}`, '--ca-file', basic.caFile!];
    const result = await berth([...add, '--username', 'alice', '--password-stdin', '--json'], PASSWORD);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ credentialsChecked: true, hasCredential: true });
    expect(await credentials.get(basic.host, 'alice')).toMatchObject({ kind: 'password', secret: PASSWORD });

    const listed = JSON.parse((await berth(['registry', 'list', '--json'])).stdout);
    expect(listed).toEqual([
      expect.objectContaining({
        name: 'local',
        username: 'alice',
        kind: 'distribution',
        hasCredential: true,
      }),
    ]);
    expect((await berth(['registry', 'list'])).stdout).toMatch(/local\s+.*alice\s+keychain \(password\)/);

    const tags = await berth(['tags', `${basic.host}/team/app`, '--json']);
    expect(tags.code).toBe(0);
    expect(JSON.parse(tags.stdout).tags).toEqual(['1.0']);
  });

  it('logout removes the secret, and the next command asks for a login again', async () => {
    const result = await berth(['logout', 'local']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`removed alice's credential from the keychain`);
    expect(await credentials.has(basic.host, 'alice')).toBe(false);

    const tags = await berth(['tags', `${basic.host}/team/app`]);
    expect(tags.code).toBe(1);
    expect(tags.stderr).toContain(
      `warning: alice's secret for ${basic.host} is not in the keychain; log in: berth login local`,
    );
    expect(tags.stderr).toMatch(/needs a login/);
    expect((await berth(['registry', 'list'])).stdout).toMatch(/alice\s+missing: berth login/);
  });

  it('login keeps a refused password out and stores an accepted one for the saved username', async () => {
    const refused = await berth(['login', 'local', '--password-stdin'], WRONG);
    expect(refused.code).toBe(1);
    expect(await credentials.has(basic.host, 'alice')).toBe(false);

    const accepted = await berth(['login', 'local', '--password-stdin'], `${PASSWORD}\n`);
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toContain(`Login Succeeded: alice at ${basic.host}.`);
    expect(accepted.stdout).toContain(
      `stored in the OS keychain (service "${SERVICE}", entry "${basic.host}/alice")`,
    );
    expect(await credentials.get(basic.host, 'alice')).toMatchObject({ secret: PASSWORD });
    expect((await berth(['tags', `${basic.host}/team/app`])).code).toBe(0);
  });

  it('reads the username and password at a terminal without echoing the password', async () => {
    await berth(['logout', 'local']);
    const session = await loginAtTerminal(
      ['login', basic.host, '--username', 'alice'],
      [['Password for alice: ', PASSWORD]],
    );
    expect(session.code).toBe(0);
    expect(session.output).toContain('Login Succeeded');
    expect(session.output).not.toContain(PASSWORD);
    expect(await credentials.get(basic.host, 'alice')).toMatchObject({ secret: PASSWORD });

    await berth(['logout', 'local']);
    const asked = await loginAtTerminal(
      ['login', 'https://' + basic.host, '--username', 'alice', '--token'],
      [['Password or access token for alice: ', PASSWORD]],
    );
    expect(asked.code).toBe(0);
    expect(asked.output).not.toContain(PASSWORD);
    expect(await credentials.get(basic.host, 'alice')).toMatchObject({ kind: 'access-token' });
  });

  it('per-call --username/--password-stdin still override the keychain', async () => {
    const result = await berth(
      ['tags', `${basic.host}/team/app`, '--username', 'alice', '--password-stdin'],
      WRONG,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/refused/);
  });
});

describe('berth login against a token-auth registry', () => {
  it('does not store a refused password and stores an accepted one', async () => {
    const add = await berth(['registry', 'add', 'tok', `https://${token.host}`, '--ca-file', token.caFile!]);
    expect(add.code).toBe(0);
    const refused = await berth(['login', 'tok', '--username', 'alice', '--password-stdin'], WRONG);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/token server .* refused user "alice"/);
    expect(await credentials.has(token.host, 'alice')).toBe(false);

    const accepted = await berth(
      ['login', 'tok', '--username', 'alice', '--password-stdin', '--json'],
      PASSWORD,
    );
    expect(accepted.code).toBe(0);
    expect(JSON.parse(accepted.stdout)).toMatchObject({ authScheme: 'bearer', storedIn: 'keychain' });
    expect((await berth(['tags', `${token.host}/team/app`])).code).toBe(0);
  });

  it('stores the refresh token the token server rotates, so the next run still works', async () => {
    const first = await requestRefreshToken(token.tokenServer!, token.dispatcher, 'alice', PASSWORD);
    refreshTokens.push(first);
    await credentials.save(token.host, 'alice', first, 'identity-token');
    expect((await berth(['tags', `${token.host}/team/app`])).code).toBe(0);
    const second = await credentials.get(token.host, 'alice');
    expect(second).toMatchObject({ kind: 'identity-token' });
    expect(second!.secret).not.toBe(first);
    refreshTokens.push(second!.secret);
    // The first token was retired by the server: only the stored new one can work.
    const again = await berth(['tags', `${token.host}/team/app`, '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).tags).toEqual(['1.0']);
  });
});

describe('when the keychain or the settings cannot be used', () => {
  it('login and registry add report that no Secret Service is running, and write nothing', async () => {
    const dir = path.join(root, 'no-keychain');
    await mkdir(dir, { recursive: true });
    new SettingsStore(dir).save({ name: 'local', host: basic.host, tls: { caFile: basic.caFile } });
    const settingsBefore = await readFile(path.join(dir, 'config.json'), 'utf8');
    const env = {
      BERTH_DATA_DIR: dir,
      DBUS_SESSION_BUS_ADDRESS: `unix:path=${path.join(root, 'no-bus-here')}`,
    };
    const login = await berth(['login', 'local', '--username', 'alice', '--password-stdin'], PASSWORD, env);
    expect(login.code).toBe(1);
    expect(login.stderr).toMatch(
      /^berth: no Secret Service is running, so Berth could not read the credential/,
    );
    expect(login.stderr).toMatch(
      /^hint: Install and start gnome-keyring or KWallet.* or unlock your keyring/m,
    );

    // Another spelling of the saved address: the same one is refused before the keychain is asked.
    const other = `https://${basic.host.replace('127.0.0.1', 'localhost')}`;
    const add = ['registry', 'add', 'other', other, '--ca-file', basic.caFile!];
    const added = await berth([...add, '--username', 'alice', '--password-stdin'], PASSWORD, env);
    expect(added.code).toBe(1);
    expect(added.stderr).toMatch(
      /^berth: no Secret Service is running, so Berth could not read the credential/,
    );
    expect(await readFile(path.join(dir, 'config.json'), 'utf8')).toBe(settingsBefore);
  });

  it('a damaged settings file is reported with its backup, commands still run, and changes are refused', async () => {
    const dir = path.join(root, 'damaged');
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, 'config.json');
    await writeFile(file, '{"schemaVersion":1,"connections":[{"name":');
    const env = { BERTH_DATA_DIR: dir };
    const list = await berth(['registry', 'list'], undefined, env);
    expect(list.code).toBe(0);
    expect(list.stderr).toContain(`warning: Berth's settings file ${file} is damaged`);
    expect(list.stderr).toMatch(/a copy is in .*config\.json\.corrupt-/);
    expect(list.stdout).toContain('No saved registries');
    const login = await berth(
      ['login', `https://${basic.host}`, '--username', 'bob', '--password-stdin'],
      PASSWORD,
      env,
    );
    expect(login.code).toBe(1);
    expect(login.stderr).toMatch(/^berth: Berth's settings file .* is damaged/m);
    expect(await credentials.has(basic.host, 'bob')).toBe(false);
    expect(await readFile(file, 'utf8')).toBe('{"schemaVersion":1,"connections":[{"name":');
  });
});

describe('secrets on disk and on screen', () => {
  it('never appear in the settings file or in any line the CLI printed', async () => {
    const settings = await readFile(path.join(dataDir, 'config.json'), 'utf8');
    const printed = cli.transcript.join('\n');
    expect(printed.length).toBeGreaterThan(1000);
    for (const secret of [PASSWORD, WRONG, ...refreshTokens]) {
      expect(settings).not.toContain(secret);
      expect(printed).not.toContain(secret);
    }
  });
});

/**
 * Runs berth in a pseudo-terminal (util-linux `script`), answering each prompt once it is shown —
 * typing before the prompt would be echoed by the terminal before berth turns echo off.
 */
async function loginAtTerminal(
  args: string[],
  answers: [prompt: string, answer: string][],
): Promise<{ code: number; output: string }> {
  const quote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;
  const command = [process.execPath, CLI, ...args].map(quote).join(' ');
  const child = spawn('script', ['-qefc', command, '/dev/null'], {
    env: keyring.env({ BERTH_DATA_DIR: dataDir, BERTH_KEYCHAIN_SERVICE: SERVICE, TERM: 'dumb' }),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const closed = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
  let seen = 0;
  for (const [prompt, answer] of answers) {
    const deadline = Date.now() + 15_000;
    while (!output.slice(seen).includes(prompt)) {
      if (Date.now() > deadline) throw new Error(`no prompt "${prompt}" in: ${output}`);
      await sleep(20);
    }
    seen = output.length;
    child.stdin.write(`${answer}\r`);
  }
  const code = await closed;
  child.stdin.end();
  cli.transcript.push(output);
  return { code, output };
}
