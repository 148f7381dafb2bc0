// How daemon.json looks to the settings page: entries checked with dockerd's rules, the position of a
// JSON error, and a proposed change turned into the whole new text with its diff. Pure: text in, data out.
import { createTwoFilesPatch } from 'diff';
import type {
  DaemonChangeInput,
  DaemonEntryCheck,
  DaemonJsonProblem,
  DaemonPreview,
} from '../../../shared/contract/index.js';
import {
  changedSettings,
  checkDockerdFile,
  EXPLANATIONS,
  INSECURE_KEY,
  InvalidDaemonJsonError,
  MIRRORS_KEY,
  parseDaemonJson,
  setRegistryList,
  validateInsecureRegistry,
  validateMirror,
  type DaemonDocument,
  type EngineFacts,
  type RegistryKey,
  type Rules,
} from '../daemon-config/index.js';
import { sayDaemonPhrase as sayDaemon } from '../daemon-config/index.js';
import type { Phrase } from '../../../shared/contract/phrase.js';

export type CheckedLists = { insecureRegistries: DaemonEntryCheck[]; registryMirrors: DaemonEntryCheck[] };

export function checkEntry(key: RegistryKey, entry: string, rules: Rules): DaemonEntryCheck {
  const verdict = (key === MIRRORS_KEY ? validateMirror : validateInsecureRegistry)(entry, rules);
  if (!verdict.ok) return { entry, ok: false, reason: verdict.reason, said: verdict.said };
  const warning = verdict.warning ? { warning: verdict.warning, warningSaid: verdict.warningSaid } : {};
  return { entry, ok: true, value: verdict.value, ...warning };
}

export function checkLists(document: DaemonDocument, rules: Rules): CheckedLists {
  return {
    insecureRegistries: document.insecureRegistries.map((entry) => checkEntry(INSECURE_KEY, entry, rules)),
    registryMirrors: document.registryMirrors.map((entry) => checkEntry(MIRRORS_KEY, entry, rules)),
  };
}

/** The error's line and column with the text of that line, so the page can point at it. */
export function jsonProblem(error: InvalidDaemonJsonError, text: string): DaemonJsonProblem {
  const lineText = (text.replace(/^\uFEFF/, '').split('\n')[error.line - 1] ?? '').replace(/\r$/, '');
  return { message: error.message, said: error.said, line: error.line, column: error.column, lineText };
}

/** Parses like dockerd; an invalid file comes back as its problem instead of a throw. */
export function parseOrProblem(
  file: string,
  text: string,
): { document: DaemonDocument; problem?: undefined } | { document?: undefined; problem: DaemonJsonProblem } {
  try {
    return { document: parseDaemonJson(file, text) };
  } catch (error) {
    if (error instanceof InvalidDaemonJsonError) return { problem: jsonProblem(error, text) };
    throw error;
  }
}

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((entry, i) => entry === b[i]);

/**
 * The file with both lists replaced, every other key and its formatting kept. A list that did not
 * change is not touched, so a key the file does not have is not added.
 */
function withLists(
  file: string,
  text: string,
  lists: { insecureRegistries: string[]; registryMirrors: string[] },
) {
  let document = parseDaemonJson(file, text);
  let result = document.text;
  for (const [key, values] of [
    [INSECURE_KEY, lists.insecureRegistries],
    [MIRRORS_KEY, lists.registryMirrors],
  ] as const) {
    const current = key === INSECURE_KEY ? document.insecureRegistries : document.registryMirrors;
    if (sameList(current, values)) continue;
    result = setRegistryList(document, key, values);
    document = parseDaemonJson(file, result);
  }
  return result;
}

/**
 * What a change would write, checked as dockerd would read it (the engine's version and command line, where
 * Berth could learn them), with its diff against `current`.
 */
export function previewChange(
  file: string,
  current: string,
  change: DaemonChangeInput,
  rules: Rules,
  engine: EngineFacts = {},
): DaemonPreview {
  const before = current.replace(/^\uFEFF/, '');
  const text = change.kind === 'lists' ? withLists(file, before, change) : change.text;
  const diff =
    text === before ? '' : createTwoFilesPatch(file, file, before, text, 'on disk', 'after this change');
  // Over a file dockerd cannot read, every setting the new text has is one it would start running with.
  const changedKeys = changedSettings(parseOrProblem(file, before).document ? before : '', text);
  const parsed = parseOrProblem(file, text);
  if (!parsed.document) {
    const { problem } = parsed;
    return {
      text,
      diff,
      changed: text !== before,
      jsonProblem: problem,
      problems: [`line ${problem.line}, column ${problem.column}: ${problem.message}`],
      notes: [],
      changedKeys,
    };
  }
  const lists = checkLists(parsed.document, rules);
  // What is written keeps the byte-order mark the file has (serialize), and dockerd reads those bytes.
  const written = current.startsWith('\uFEFF') && !text.startsWith('\uFEFF') ? `\uFEFF${text}` : text;
  // A blank text left as it was is a missing (or empty) file that nothing is written to.
  const dockerd = checkDockerdFile(text === before && before.trim() === '' ? '{}' : written, engine);
  const problems = [
    ...dockerd.problems,
    ...lists.insecureRegistries.flatMap((check) => (check.ok ? [] : [`${INSECURE_KEY}: ${check.reason}`])),
    ...lists.registryMirrors.flatMap((check) => (check.ok ? [] : [`${MIRRORS_KEY}: ${check.reason}`])),
  ];
  const notes = [
    ...dockerd.notes,
    ...[...lists.insecureRegistries, ...lists.registryMirrors].flatMap((check) =>
      check.warning ? [check.warning] : [],
    ),
  ];
  // The notes as phrases too, while every one has one (dockerd's own notes are English only so far).
  const notesSaid: Phrase[] | undefined = dockerd.notes.length
    ? undefined
    : [...lists.insecureRegistries, ...lists.registryMirrors].flatMap((check) =>
        check.warningSaid ? [check.warningSaid] : [],
      );
  for (const key of [INSECURE_KEY, MIRRORS_KEY] as const) {
    const list = key === INSECURE_KEY ? parsed.document.insecureRegistries : parsed.document.registryMirrors;
    if (parsed.document.present[key] && list.length === 0 && text !== before) {
      notes.push(EXPLANATIONS.emptied(key));
      notesSaid?.push(sayDaemon('emptied', { key }).phrase);
    }
  }
  if (parsed.document.registryMirrors.length) {
    notes.push(EXPLANATIONS.mirrors);
    notesSaid?.push(sayDaemon('mirrorsHubOnly').phrase);
  }
  const checked = { against: dockerd.checkedAgainst, unchecked: dockerd.unchecked };
  return {
    text,
    diff,
    changed: text !== before,
    problems,
    notes,
    ...(notesSaid ? { notesSaid } : {}),
    lists,
    changedKeys,
    checked,
  };
}
