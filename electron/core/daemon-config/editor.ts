import { createTwoFilesPatch } from 'diff';
import type { Phrase } from '../../../shared/contract/phrase.js';
import { BerthError } from '../errors.js';
import { say } from './phrases.js';
import { INSECURE_KEY, MIRRORS_KEY, setRegistryList, type RegistryKey } from './document.js';
import type { LoadedConfig } from './file.js';
import { parseCidr, validateInsecureRegistry, validateMirror, type Rules, type Verdict } from './validate.js';

export interface EditPlan {
  key: RegistryKey;
  before: string[];
  after: string[];
  changed: boolean;
  /** The whole new file text (other keys untouched). */
  text: string;
  /** Unified diff of the file, to show before saving. */
  diff: string;
  /** What the user should know about this change. */
  notes: string[];
  /** The same notes as phrases. */
  notesSaid: Phrase[];
}

export type EditOperation = { action: 'add' | 'remove'; key: RegistryKey; value: string };

export const EXPLANATIONS = {
  mirrors: say('mirrorsHubOnly').text,
  portless: (host: string) => say('portless', { host }).text,
  loopback: say('loopback').text,
  emptied: (key: string) => say('emptied', { key }).text,
} as const;

/** The notes of `notesForAdding` as phrases, for the app. */
export function notePhrasesForAdding(key: RegistryKey, value: string): Phrase[] {
  if (key === MIRRORS_KEY) return [say('mirrorsHubOnly').phrase];
  if (isLoopback(value)) return [say('loopback').phrase];
  if (!parseCidr(value) && !/:\d+$/.test(value)) return [say('portless', { host: value }).phrase];
  return [];
}

function isLoopback(entry: string): boolean {
  const host = entry.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host === '::1') return true;
  const cidr = parseCidr(entry);
  if (cidr) return cidr.startsWith('127.') && Number(cidr.split('/')[1]) >= 8;
  return /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * What to tell someone adding a valid entry (normalised) to a list, in the app's daemon page and in
 * `berth daemon add-…` alike: mirrors serve Docker Hub only, loopback needs no entry, a host without a port
 * is that port only.
 */
export function notesForAdding(key: RegistryKey, value: string): string[] {
  if (key === MIRRORS_KEY) return [EXPLANATIONS.mirrors];
  if (isLoopback(value)) return [EXPLANATIONS.loopback];
  if (!parseCidr(value) && !/:\d+$/.test(value)) return [EXPLANATIONS.portless(value)];
  return [];
}

/** Checks every entry of both lists with dockerd's rules: what the daemon would refuse, and why. */
export function checkEntries(
  loaded: LoadedConfig,
  rules: Rules,
): { key: RegistryKey; entry: string; verdict: Verdict }[] {
  return [
    ...loaded.document.insecureRegistries.map((entry) => ({
      key: INSECURE_KEY,
      entry,
      verdict: validateInsecureRegistry(entry, rules),
    })),
    ...loaded.document.registryMirrors.map((entry) => ({
      key: MIRRORS_KEY,
      entry,
      verdict: validateMirror(entry, rules),
    })),
  ] as { key: RegistryKey; entry: string; verdict: Verdict }[];
}

/** Plans one add or remove: validated like dockerd, normalised, with the diff and the notes to show. */
export function planEdit(loaded: LoadedConfig, operation: EditOperation, rules: Rules = 'modern'): EditPlan {
  const { key } = operation;
  const isMirrors = key === MIRRORS_KEY;
  const before = isMirrors ? loaded.document.registryMirrors : loaded.document.insecureRegistries;
  const validate = isMirrors ? validateMirror : validateInsecureRegistry;
  const notes: string[] = [];
  const notesSaid: Phrase[] = [];
  const verdict = validate(operation.value, rules);
  const normalize = (entry: string) => {
    const result = validate(entry, rules);
    return result.ok ? result.value : entry;
  };
  let after: string[];
  if (operation.action === 'add') {
    if (!verdict.ok)
      throw new BerthError('INVALID_INPUT', verdict.reason, {
        hint: isMirrors
          ? 'A mirror is an http:// or https:// URL.'
          : 'Use host[:port] or a CIDR such as 10.0.0.0/8, without http:// or a path.',
      });
    if (verdict.warning) notes.push(verdict.warning);
    if (verdict.warningSaid) notesSaid.push(verdict.warningSaid);
    const exists = before.some((entry) => normalize(entry) === verdict.value);
    after = exists ? before : [...before, verdict.value];
    if (exists) {
      const already = say('alreadyIn', { value: verdict.value, key });
      notes.push(already.text);
      notesSaid.push(already.phrase);
    }
    notes.push(...notesForAdding(key, verdict.value));
    notesSaid.push(...notePhrasesForAdding(key, verdict.value));
  } else {
    const target = verdict.ok ? verdict.value : operation.value;
    after = before.filter((entry) => entry !== operation.value && normalize(entry) !== target);
    if (after.length === before.length) {
      throw new BerthError(
        'INVALID_INPUT',
        `${operation.value} is not in ${key} (${before.length ? before.join(', ') : 'the list is empty'})`,
      );
    }
    if (after.length === 0) {
      const emptied = say('emptied', { key });
      notes.push(emptied.text);
      notesSaid.push(emptied.phrase);
    }
  }
  const changed =
    after.length !== before.length ||
    after.some((entry, i) => entry !== before[i]) ||
    !loaded.document.present[key];
  const text = changed ? setRegistryList(loaded.document, key, after) : loaded.document.text;
  const diff = changed
    ? createTwoFilesPatch(
        loaded.file,
        loaded.file,
        loaded.document.text,
        text,
        'on disk',
        'after this change',
      )
    : '';
  return { key, before, after, changed, text, diff, notes, notesSaid };
}
