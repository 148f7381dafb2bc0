import {
  applyEdits,
  modify,
  parseTree,
  printParseErrorCode,
  type FormattingOptions,
  type ParseError,
} from 'jsonc-parser';
import type { Phrase, Said } from '../../../shared/contract/phrase.js';
import { BerthError } from '../errors.js';
import { DAEMON_PHRASES, say, type DaemonPhraseKey } from './phrases.js';

export const INSECURE_KEY = 'insecure-registries';
export const MIRRORS_KEY = 'registry-mirrors';
export type RegistryKey = typeof INSECURE_KEY | typeof MIRRORS_KEY;

/** daemon.json as text, with the two registry lists read out of it. */
export interface DaemonDocument {
  text: string;
  /** A UTF-8 byte-order mark dockerd accepts (v23+; 20.10 refuses it); kept when writing. */
  bom: boolean;
  insecureRegistries: string[];
  registryMirrors: string[];
  /** Whether each key is present at all (a missing key is not cleared by a reload). */
  present: Record<RegistryKey, boolean>;
  /** Keys written more than once: dockerd reads the last, and Berth will not edit such a list. */
  repeated: Record<RegistryKey, boolean>;
  formatting: FormattingOptions & { eol: string };
}

export class InvalidDaemonJsonError extends BerthError {
  /** The message as a phrase, for the app. */
  readonly said: Phrase;

  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    mistake: Said,
  ) {
    const said = say('notJson', { file, mistake, line, column });
    super('CONFIG', said.text, {
      hint: 'dockerd will refuse to start with this file. Fix it by hand or restore a backup; Berth will not write over it.',
    });
    this.said = said.phrase;
  }
}

/** jsonc-parser's error codes (`CommaExpected`) as the mistake a person would name (phrases `json<Code>`). */
export function jsonMistakeSaid(code: ParseError['error']): Said {
  const key = `json${printParseErrorCode(code)}`;
  return key in DAEMON_PHRASES
    ? say(key as DaemonPhraseKey, { brace: '}', bracket: ']' })
    : say('jsonNotJson');
}

export function jsonMistake(code: ParseError['error']): string {
  return jsonMistakeSaid(code).text;
}

function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

/**
 * Indentation and line ends as the file already has them, so an edit looks like the rest of it. One
 * level is the smallest indentation of any line, not the first one found: in `{"a":[\n    "x"\n  ]}`
 * (a one-line file after one edit) the first indented line is two levels deep, and taking it for one
 * level would double the indentation on every edit.
 */
function detectFormatting(text: string): DaemonDocument['formatting'] {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indents = [...text.matchAll(/\n([ \t]+)\S/g)].map((match) => match[1]!);
  if (indents[0]?.startsWith('\t')) return { insertSpaces: false, tabSize: 1, eol };
  const spaces = indents.filter((indent) => !indent.includes('\t')).map((indent) => indent.length);
  return { insertSpaces: true, tabSize: spaces.length ? Math.min(...spaces) : 2, eol };
}

function stringList(
  file: string,
  text: string,
  node: ReturnType<typeof parseTree>,
  key: RegistryKey,
): { values: string[]; present: boolean; repeated: boolean } {
  // encoding/json keeps the last of a repeated key, so that is the list dockerd uses.
  const properties = node?.children?.filter((child) => child.children?.[0]?.value === key) ?? [];
  const property = properties.at(-1);
  if (!property) return { values: [], present: false, repeated: false };
  const value = property.children?.[1];
  if (!value || value.type !== 'array' || value.children?.some((item) => item.type !== 'string')) {
    const { line, column } = position(text, value?.offset ?? property.offset);
    throw new InvalidDaemonJsonError(file, line, column, say('jsonListOfStrings', { key }));
  }
  return {
    values: (value.children ?? []).map((item) => item.value as string),
    present: true,
    repeated: properties.length > 1,
  };
}

/** Parses daemon.json strictly, as dockerd's encoding/json does (no comments, no trailing commas). */
export function parseDaemonJson(file: string, raw: Buffer | string): DaemonDocument {
  let text = typeof raw === 'string' ? raw : raw.toString('utf8');
  if (Buffer.isBuffer(raw) && (raw[0] === 0xff || raw[0] === 0xfe)) {
    throw new BerthError('CONFIG', `${file} is UTF-16; Berth edits UTF-8 files only`, {
      hint: 'Save the file as UTF-8 (dockerd reads both) and try again.',
    });
  }
  const bom = text.startsWith('\uFEFF');
  if (bom) text = text.slice(1);
  const formatting = detectFormatting(text);
  if (text.trim() === '') {
    return {
      text,
      bom,
      insecureRegistries: [],
      registryMirrors: [],
      present: { [INSECURE_KEY]: false, [MIRRORS_KEY]: false },
      repeated: { [INSECURE_KEY]: false, [MIRRORS_KEY]: false },
      formatting,
    };
  }
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, {
    disallowComments: true,
    allowTrailingComma: false,
    allowEmptyContent: false,
  });
  const first = errors[0];
  if (first) {
    const { line, column } = position(text, first.offset);
    throw new InvalidDaemonJsonError(file, line, column, jsonMistakeSaid(first.error));
  }
  if (tree?.type !== 'object') throw new InvalidDaemonJsonError(file, 1, 1, say('jsonTopLevel'));
  const insecure = stringList(file, text, tree, INSECURE_KEY);
  const mirrors = stringList(file, text, tree, MIRRORS_KEY);
  return {
    text,
    bom,
    insecureRegistries: insecure.values,
    registryMirrors: mirrors.values,
    present: { [INSECURE_KEY]: insecure.present, [MIRRORS_KEY]: mirrors.present },
    repeated: { [INSECURE_KEY]: insecure.repeated, [MIRRORS_KEY]: mirrors.repeated },
    formatting,
  };
}

/**
 * Replaces one registry list and nothing else: every other key, its order, the indentation and line
 * ends stay as they were (jsonc-parser's modify, as VS Code edits settings.json). An emptied list is
 * written as `[]`, because a key missing from the file is not cleared when dockerd reloads.
 */
export function setRegistryList(document: DaemonDocument, key: RegistryKey, values: string[]): string {
  // An edit would land on one copy while dockerd keeps reading the last one.
  if (document.repeated[key])
    throw new BerthError('CONFIG', `daemon.json has "${key}" more than once; dockerd reads only the last`, {
      hint: `Keep one "${key}" in the raw JSON tab (or by hand), then edit the list again; nothing was written.`,
    });
  const base = document.text.trim() === '' ? '{}' : document.text;
  const edits = modify(base, [key], values, { formattingOptions: document.formatting });
  let text = applyEdits(base, edits);
  if (document.text.trim() === '' && !text.endsWith(document.formatting.eol)) text += document.formatting.eol;
  return text;
}

export function serialize(document: Pick<DaemonDocument, 'bom'>, text: string): string {
  return document.bom ? `\uFEFF${text}` : text;
}
