import { stat } from 'node:fs/promises';
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import type { DaemonBackup, DaemonEngineView, DaemonSaveResult } from '../../../shared/contract/index.js';
import {
  applyDaemonFile,
  ConcurrentChangeError,
  confirmsExactly,
  expectedLive,
  isWritable,
  learnEngine,
  listBackups,
  readPodmanRegistries,
  loadDaemonConfig,
  locateDaemonConfig,
  notesForAdding,
  notePhrasesForAdding,
  readDaemonFile,
  replaceInvalidDaemonConfig,
  restoreBackup,
  writeDaemonConfig,
  type EngineFacts,
  type Rules,
  type WriteOutcome,
} from '../daemon-config/index.js';
import { BerthError } from '../errors.js';
import type { BerthServices } from '../services.js';
import { checkEntry, checkLists, parseOrProblem, previewChange } from './daemon-view.js';
import type { Handlers } from './types.js';

type DaemonHandlers = Pick<
  Handlers,
  | 'daemon.read'
  | 'daemon.validate'
  | 'daemon.preview'
  | 'daemon.save'
  | 'daemon.apply'
  | 'daemon.podmanRegistries'
  | 'daemon.backup'
  | 'daemon.restore'
>;

/** The engine's unix socket, or why Berth cannot read its settings through it. */
function engineSocket(services: BerthServices): { host: string; socketPath?: string; problem?: string } {
  let endpoint;
  try {
    endpoint = services.engine().endpoint;
  } catch (error) {
    return { host: 'none', problem: (error as Error).message };
  }
  if (endpoint.transport.kind === 'unix')
    return { host: endpoint.host, socketPath: endpoint.transport.socketPath };
  return {
    host: endpoint.host,
    problem: `the engine is at ${endpoint.host}: Berth reads and reloads a local dockerd over its unix socket only`,
  };
}

type EngineView = DaemonEngineView & { socketPath?: string; facts: EngineFacts };

/**
 * Which engine, which of dockerd's rule generations it follows, and its registry settings now; with its
 * version and command line (kept in the main process), which decide what a file may hold.
 */
async function engineView(services: BerthServices): Promise<EngineView> {
  const { host, socketPath, problem } = engineSocket(services);
  const engine = await learnEngine(socketPath, { problem });
  return socketPath ? { host, socketPath, ...engine } : { host, ...engine };
}

/** The rules the engine checks mirror URLs by (a mirror test checks each against them first). */
export async function mirrorRules(services: BerthServices): Promise<Rules> {
  return (await engineView(services)).rules;
}

async function describeBackup(file: string): Promise<DaemonBackup> {
  const { mtime } = await stat(file);
  return { path: file, name: path.basename(file), modified: mtime.toISOString() };
}

/** A backup named by the page must be one Berth made of this file: no other file is read or restored. */
async function knownBackup(file: string, backup: string): Promise<string> {
  if (!(await listBackups(file)).includes(backup))
    throw new BerthError('NOT_FOUND', `${backup} is not a backup of ${file}`, {
      hint: 'Reload the page: the list of backups may have changed.',
    });
  return backup;
}

/** The file as read now; refuses when it is no longer what the page showed. */
async function unchangedFile(file: string, fingerprint: string) {
  const raw = await readDaemonFile(file);
  if (raw.fingerprint !== fingerprint) throw new ConcurrentChangeError(file);
  return raw;
}

const keyList = (keys: readonly string[]) => (keys.length ? keys.join(', ') : 'none');

/** Why a save's confirmation does not fit the keys it changes. */
function unconfirmedMessage(changed: readonly string[], confirmed: readonly string[]): string {
  if (!changed.length)
    return `not saved: the confirmation names ${keyList(confirmed)}, but this change only touches the registry lists`;
  return `not saved: this change also sets ${keyList(changed)}, which change how dockerd runs; the confirmation names ${keyList(confirmed)}`;
}

function toSaveResult(outcome: WriteOutcome): DaemonSaveResult {
  if (outcome.written) return { written: true, file: outcome.file, backup: outcome.backup };
  return {
    written: false,
    backup: outcome.backup,
    elevation: {
      command: outcome.needsElevation.command,
      explanation: outcome.needsElevation.explanation,
      stagedFile: outcome.stagedFile,
    },
  };
}

export const daemonHandlers: DaemonHandlers = {
  'daemon.read': async (_input, { services }) => {
    const location = locateDaemonConfig();
    const [raw, engine, backupFiles, writable] = await Promise.all([
      readDaemonFile(location.file),
      engineView(services),
      listBackups(location.file),
      isWritable(location.file),
    ]);
    const parsed = parseOrProblem(location.file, raw.text);
    const { socketPath: _socketPath, facts: _facts, ...engineForPage } = engine;
    return {
      file: location.file,
      exists: raw.exists,
      flavour: location.flavour,
      reason: location.reason,
      reasonCode: location.reasonCode,
      isWritable: writable,
      fingerprint: raw.fingerprint,
      text: raw.text.replace(/^\uFEFF/, ''),
      lists: parsed.document && checkLists(parsed.document, engine.rules),
      invalid: parsed.problem && {
        ...parsed.problem,
        hint: 'dockerd will refuse to start with this file. Fix it in the raw JSON tab or restore a backup; Berth will not write over it unless you say so.',
      },
      expected:
        parsed.document &&
        expectedLive(
          {
            file: location.file,
            exists: raw.exists,
            fingerprint: raw.fingerprint,
            document: parsed.document,
          },
          engine.rules,
        ),
      engine: engineForPage,
      backups: await Promise.all(backupFiles.map(describeBackup)),
    };
  },

  'daemon.validate': async ({ key, entry }, { services }) => {
    const { rules } = await engineView(services);
    const check = checkEntry(key, entry.trim(), rules);
    return {
      ...check,
      notes: check.ok ? notesForAdding(key, check.value!) : [],
      notesSaid: check.ok ? notePhrasesForAdding(key, check.value!) : [],
    };
  },

  'daemon.preview': async ({ fingerprint, change }, { services }) => {
    const { file } = locateDaemonConfig();
    const raw = await unchangedFile(file, fingerprint);
    if (change.kind === 'lists' && parseOrProblem(file, raw.text).problem)
      throw new BerthError('CONFIG', `${file} is not valid JSON, so its lists cannot be edited`, {
        hint: 'Fix the file in the raw JSON tab, or restore a backup.',
      });
    const engine = await engineView(services);
    return previewChange(file, raw.text, change, engine.rules, engine.facts);
  },

  'daemon.save': async ({ fingerprint, text, replaceInvalid, confirmKeys }, { services }) => {
    const { file } = locateDaemonConfig();
    const raw = await unchangedFile(file, fingerprint);
    const engine = await engineView(services);
    const preview = previewChange(file, raw.text, { kind: 'text', text }, engine.rules, engine.facts);
    if (preview.problems.length)
      throw new BerthError('INVALID_INPUT', `not saved: ${preview.problems.join('; ')}`, {
        hint: 'dockerd would refuse this file. Correct it and save again; nothing was written.',
      });
    const invalid = Boolean(parseOrProblem(file, raw.text).problem);
    if (invalid && !replaceInvalid)
      throw new BerthError('CONFIG', `${file} is not valid JSON; Berth does not write over it unasked`, {
        hint: 'Choose "Replace the invalid file" to write this text over it (a backup is kept), or restore a backup.',
      });
    // The page edits registry settings; any other key changes how dockerd runs (as root), so it is
    // written only when the user confirmed exactly the keys this text changes.
    if (!confirmsExactly(preview.changedKeys, confirmKeys))
      throw new BerthError('INVALID_INPUT', unconfirmedMessage(preview.changedKeys, confirmKeys), {
        hint: 'Review the change again and confirm the settings it lists; nothing was written.',
      });
    if (invalid) return toSaveResult(await replaceInvalidDaemonConfig(file, fingerprint, text));
    const loaded = await loadDaemonConfig(file);
    if (loaded.fingerprint !== fingerprint) throw new ConcurrentChangeError(file);
    return toSaveResult(await writeDaemonConfig(loaded, text));
  },

  'daemon.podmanRegistries': async () => readPodmanRegistries(),

  'daemon.apply': async (_input, { services }) => {
    const location = locateDaemonConfig();
    const { socketPath, problem } = engineSocket(services);
    if (!socketPath)
      throw new BerthError('CONFIG', `there is no local engine to reload: ${problem}`, {
        hint: 'Start dockerd, then Reload this page and Apply again.',
      });
    // The app gets the next step in its own words: Apply and Reload are buttons here, not commands.
    const { appHint, ...result } = await applyDaemonFile(location.file, socketPath, {
      pidFile: location.pidFile,
    });
    return appHint ? { ...result, hint: appHint } : result;
  },

  'daemon.backup': async ({ path: backupPath }) => {
    const { file } = locateDaemonConfig();
    const backup = await describeBackup(await knownBackup(file, backupPath));
    const [current, saved] = await Promise.all([readDaemonFile(file), readDaemonFile(backup.path)]);
    const diff = createTwoFilesPatch(
      file,
      file,
      current.text,
      saved.text,
      'on disk',
      `backup ${backup.name}`,
    );
    return { backup, text: saved.text, diff };
  },

  'daemon.restore': async ({ path: backupPath, fingerprint }) => {
    const { file } = locateDaemonConfig();
    await unchangedFile(file, fingerprint);
    return toSaveResult(
      await restoreBackup(file, await knownBackup(file, backupPath), { expectedFingerprint: fingerprint }),
    );
  },
};
