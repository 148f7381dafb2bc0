// The daemon.* requests through the real browser host, on a temp daemon.json (BERTH_DAEMON_CONFIG) and
// with no engine behind DOCKER_HOST: every bad input gets a clear error and the file keeps its bytes.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DaemonConfigState, DaemonPreview, DaemonSaveResult } from '../../shared/contract/index.js';
import { BerthHost } from '../fixtures/berth-host.js';
import { makeTempDir, removeDir, runCommand } from '../fixtures/process.js';

let root: string;
let dir: string;
let file: string;
let host: BerthHost;

const ORIGINAL = '{\n\t"debug": true,\n\t"insecure-registries": ["old.example:5000"]\n}\n';

beforeAll(async () => {
  root = await makeTempDir('daemon-api');
  dir = path.join(root, 'etc');
  file = path.join(dir, 'daemon.json');
  host = await BerthHost.start({
    ...process.env,
    BERTH_DATA_DIR: path.join(root, 'data'),
    BERTH_DAEMON_CONFIG: file,
    BERTH_DOCKERD_PIDFILE: path.join(root, 'no-such.pid'),
    DOCKER_HOST: `unix://${path.join(root, 'no-engine.sock')}`,
  });
  await host.logIn();
});

afterAll(async () => {
  await host?.stop();
  if (root) await removeDir(root);
});

beforeEach(async () => {
  await removeDir(dir);
  await runCommand('mkdir', ['-p', dir]);
  await writeFile(file, ORIGINAL);
});

async function read(): Promise<DaemonConfigState> {
  const answer = await host.call<DaemonConfigState>('daemon.read', {});
  expect(answer.body.ok).toBe(true);
  return answer.body.value;
}

const backups = async () => (await readdir(dir)).filter((name) => name.includes('.berth-backup-'));

describe('daemon requests over the host', () => {
  it('reads the file, checks each entry, and says why the engine could not be asked', async () => {
    const state = await read();
    expect(state).toMatchObject({
      file,
      exists: true,
      reason: 'BERTH_DAEMON_CONFIG names this file',
      isWritable: true,
      text: ORIGINAL,
      lists: {
        insecureRegistries: [{ entry: 'old.example:5000', ok: true, value: 'old.example:5000' }],
        registryMirrors: [],
      },
      backups: [],
    });
    expect(state.engine.problem).toMatch(/cannot reach the Docker engine/);
    expect(state.invalid).toBeUndefined();
  });

  it('treats a missing file as empty and creates it on save, with nothing to back up', async () => {
    await removeDir(file);
    const state = await read();
    expect(state).toMatchObject({
      exists: false,
      text: '',
      lists: { insecureRegistries: [], registryMirrors: [] },
    });
    const preview = await host.call<DaemonPreview>('daemon.preview', {
      fingerprint: state.fingerprint,
      change: { kind: 'lists', insecureRegistries: ['registry.lan:5000'], registryMirrors: [] },
    });
    const saved = await host.call<DaemonSaveResult>('daemon.save', {
      fingerprint: state.fingerprint,
      text: preview.body.value.text,
    });
    expect(saved.body.value).toEqual({ written: true, file });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      'insecure-registries': ['registry.lan:5000'],
    });
    expect(await backups()).toEqual([]);
  });

  it('previews new lists with the other keys and the tabs kept, then saves with a backup', async () => {
    const { fingerprint } = await read();
    const preview = await host.call<DaemonPreview>('daemon.preview', {
      fingerprint,
      change: {
        kind: 'lists',
        insecureRegistries: ['old.example:5000', '10.0.0.0/8'],
        registryMirrors: ['https://mirror.example'],
      },
    });
    expect(preview.body.value.problems).toEqual([]);
    expect(preview.body.value.text).toBe(
      '{\n\t"debug": true,\n\t"insecure-registries": [\n\t\t"old.example:5000",\n\t\t"10.0.0.0/8"\n\t],\n\t"registry-mirrors": [\n\t\t"https://mirror.example"\n\t]\n}\n',
    );
    expect(preview.body.value.diff).toContain('+\t\t"10.0.0.0/8"');
    expect(await readFile(file, 'utf8')).toBe(ORIGINAL);

    const saved = await host.call<DaemonSaveResult>('daemon.save', {
      fingerprint,
      text: preview.body.value.text,
    });
    expect(saved.body.value).toMatchObject({ written: true, file });
    expect(await readFile(file, 'utf8')).toBe(preview.body.value.text);
    const [backup] = await backups();
    expect(await readFile(path.join(dir, backup!), 'utf8')).toBe(ORIGINAL);
  });

  it('refuses a save from a stale read, entries dockerd refuses, and text that is not JSON', async () => {
    const { fingerprint } = await read();
    await writeFile(file, '{"debug": false}\n');
    const stale = await host.call('daemon.save', { fingerprint, text: '{}\n' });
    expect(stale.body.error).toMatchObject({
      code: 'CONFIG',
      message: expect.stringMatching(/changed since you read it/),
    });

    const current = (await read()).fingerprint;
    const refused = await host.call('daemon.save', {
      fingerprint: current,
      text: '{"registry-mirrors": ["mirror.example"]}',
    });
    expect(refused.body.error).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(
        /registry-mirrors: invalid mirror: no scheme specified for "mirror.example"/,
      ),
    });
    const broken = await host.call<DaemonPreview>('daemon.preview', {
      fingerprint: current,
      change: { kind: 'text', text: '{\n  "debug": true\n  "x": 1\n}' },
    });
    expect(broken.body.value.jsonProblem).toMatchObject({ line: 3, column: 3, lineText: '  "x": 1' });
    expect(await readFile(file, 'utf8')).toBe('{"debug": false}\n');
    expect(await backups()).toEqual([]);
  });

  it('refuses a value of the wrong type, writing nothing, and says what its check could not cover', async () => {
    const { fingerprint } = await read();
    const typed = await host.call('daemon.save', {
      fingerprint,
      text: '{"debug": "yes"}\n',
      confirmKeys: ['debug'],
    });
    expect(typed.body.error).toMatchObject({
      code: 'INVALID_INPUT',
      message: 'not saved: debug: dockerd expects true or false, not a string',
    });
    expect(await readFile(file, 'utf8')).toBe(ORIGINAL);
    expect(await backups()).toEqual([]);

    // No engine answers here: the check names the release it assumed and what it could not read.
    const clean = await host.call<DaemonPreview>('daemon.preview', {
      fingerprint,
      change: { kind: 'text', text: '{"debug": false}\n' },
    });
    expect(clean.body.value.problems).toEqual([]);
    expect(clean.body.value.checked?.unchecked).toEqual([
      expect.stringMatching(/^the engine's version \(Berth could not ask it\)/),
      expect.stringMatching(/^whether a key is also a flag on dockerd's command line/),
    ]);
  });

  it('shows an invalid file where it breaks and replaces it only when told to, keeping its bytes in a backup', async () => {
    const corrupt = '{\n  "debug": true,\n}\n';
    await writeFile(file, corrupt);
    const state = await read();
    expect(state.lists).toBeUndefined();
    expect(state.invalid).toMatchObject({ line: 3, column: 1, lineText: '}' });
    expect(state.text).toBe(corrupt);

    const lists = await host.call('daemon.preview', {
      fingerprint: state.fingerprint,
      change: { kind: 'lists', insecureRegistries: ['a:1'], registryMirrors: [] },
    });
    expect(lists.body.error?.message).toMatch(/is not valid JSON, so its lists cannot be edited/);
    const unasked = await host.call('daemon.save', {
      fingerprint: state.fingerprint,
      text: '{"debug": true}\n',
    });
    expect(unasked.body.error?.message).toMatch(/not valid JSON; Berth does not write over it unasked/);
    expect(await readFile(file, 'utf8')).toBe(corrupt);

    const replaced = await host.call<DaemonSaveResult>('daemon.save', {
      fingerprint: state.fingerprint,
      text: '{"debug": true}\n',
      replaceInvalid: true,
      confirmKeys: ['debug'],
    });
    expect(replaced.body.value.written).toBe(true);
    expect(await readFile(file, 'utf8')).toBe('{"debug": true}\n');
    const [backup] = await backups();
    expect(await readFile(path.join(dir, backup!), 'utf8')).toBe(corrupt);
  });

  it('writes settings besides the registry lists only when the save confirms exactly those keys', async () => {
    const { fingerprint } = await read();
    const text =
      '{\n\t"debug": false,\n\t"insecure-registries": ["new.example:5000"],\n\t"runtimes": {"evil": {"path": "/tmp/x"}}\n}\n';
    const preview = await host.call<DaemonPreview>('daemon.preview', {
      fingerprint,
      change: { kind: 'text', text },
    });
    expect(preview.body.value.changedKeys).toEqual(['debug', 'runtimes']);

    for (const confirmKeys of [undefined, [], ['debug'], ['runtimes'], ['debug', 'runtimes', 'hosts']]) {
      const refused = await host.call('daemon.save', { fingerprint, text, confirmKeys });
      expect(refused.body.error).toMatchObject({
        code: 'INVALID_INPUT',
        message: expect.stringContaining(
          'this change also sets debug, runtimes, which change how dockerd runs',
        ),
      });
      expect(await readFile(file, 'utf8')).toBe(ORIGINAL);
    }
    expect(await backups()).toEqual([]);

    const saved = await host.call<DaemonSaveResult>('daemon.save', {
      fingerprint,
      text,
      confirmKeys: ['runtimes', 'debug'],
    });
    expect(saved.body.value).toMatchObject({ written: true, file });
    expect(await readFile(file, 'utf8')).toBe(text);

    // A confirmation with nothing to confirm is refused too: it was meant for another change.
    const lists = await read();
    const stale = await host.call('daemon.save', {
      fingerprint: lists.fingerprint,
      text: text.replace('new.example', 'newer.example'),
      confirmKeys: ['debug'],
    });
    expect(stale.body.error?.message).toMatch(
      /confirmation names debug, but this change only touches the registry lists/,
    );
    expect(await readFile(file, 'utf8')).toBe(text);
    const listsOnly = await host.call<DaemonSaveResult>('daemon.save', {
      fingerprint: lists.fingerprint,
      text: text.replace('new.example', 'newer.example'),
    });
    expect(listsOnly.body.value.written).toBe(true);
  });

  it('reads and restores only backups Berth made of this file', async () => {
    const { fingerprint } = await read();
    for (const name of [
      'daemon.json.berth-backup-x/../../../etc/passwd',
      '/etc/passwd',
      path.join(dir, 'other.json'),
    ]) {
      const preview = await host.call('daemon.backup', { path: name });
      expect(preview.body.error?.code).toBe('NOT_FOUND');
      const restore = await host.call('daemon.restore', { path: name, fingerprint });
      expect(restore.body.error?.code).toBe('NOT_FOUND');
    }
    expect(await readFile(file, 'utf8')).toBe(ORIGINAL);
  });

  it('stages the new file and proposes the elevated command where Berth may not write', async () => {
    const { fingerprint } = await read();
    // Root may write anywhere a mode allows, so the folder is made immutable instead.
    await runCommand('chattr', ['+i', dir]);
    let saved: DaemonSaveResult;
    try {
      saved = (
        await host.call<DaemonSaveResult>('daemon.save', {
          fingerprint,
          text: '{"debug": false}\n',
          confirmKeys: ['debug'],
        })
      ).body.value;
    } finally {
      await runCommand('chattr', ['-i', dir]);
    }
    expect(saved.written).toBe(false);
    if (saved.written) return;
    expect(saved.elevation.command.slice(0, 3)).toEqual(['pkexec', '/bin/sh', '-c']);
    // A temp name of its own, and the same "changed since you read it" check before anything is written.
    expect(saved.elevation.command[3]).toMatch(
      /mv '[^']*\/daemon\.json\.berth-[0-9a-f]{12}\.tmp' '[^']*\/daemon\.json'/,
    );
    expect(saved.elevation.command[3]).toContain('changed since you read it; nothing was written');
    expect(await readFile(saved.elevation.stagedFile, 'utf8')).toBe('{"debug": false}\n');
    expect(await readFile(file, 'utf8')).toBe(ORIGINAL);
    await removeDir(saved.elevation.stagedFile);
  });
});
