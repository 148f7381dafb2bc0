// Reading the settings file without zod: every command reads it, also those that never write (`berth
// inspect`, `berth tags`, `berth cp`), and building the zod schemas of schema.ts cost them ≈ 30–45 ms. These
// readers answer exactly what the schemas' `safeParse` answers — the parsed value with its defaults, or the
// first issue with zod's path and message — and test/unit/settings-read.test.ts compares the two over a
// generated corpus of valid and broken settings. The schemas stay the truth: writes, the app and the
// contract use them; a change there is made here too, and the comparison fails until it is.
import type { CleanupRule } from '../../../shared/prune.js';
import { DEFAULT_PROTECTED, parseDuration, REPOSITORY_GLOB, TAG_GLOB } from '../../../shared/prune.js';
import { LANGUAGES, type Language } from '../../../shared/languages.js';
import { REGISTRY_KINDS } from '../../../shared/registry-kinds.js';
import { isRecord } from '../../../shared/records.js';
import { BOOKMARK_LIMIT, CLEANUP_RULE_LIMIT, HELPER_NAME, RECENT_LIMIT, SETTINGS_VERSION } from './limits.js';
import type { Place, SavedConnection, Settings } from './schema.js';

type Path = (string | number)[];

/** The first thing wrong, as zod reports it (`issue.path`, `issue.message`). */
export interface SettingsIssue {
  path: Path;
  message: string;
}

export type ReadResult<T> = { success: true; data: T } | { success: false; issue: SettingsIssue };

/** As `settingsSchemas().settings.safeParse(value)`, with its first issue. */
export function readSettings(value: unknown): ReadResult<Settings> {
  return attempt(() => settings(value, []));
}

/** As `settingsSchemas().savedConnection.safeParse(value)`, with its first issue. */
export function readSavedConnection(value: unknown): ReadResult<SavedConnection> {
  return attempt(() => savedConnection(value, []));
}

/** As `CleanupRuleSchema.safeParse(value)` (shared/contract/prune.ts), with its first issue. */
export function readCleanupRule(value: unknown): ReadResult<CleanupRule> {
  return attempt(() => cleanupRule(value, []));
}

class Invalid extends Error {
  constructor(readonly issue: SettingsIssue) {
    super(issue.message);
  }
}

function attempt<T>(read: () => T): ReadResult<T> {
  try {
    return { success: true, data: read() };
  } catch (error) {
    if (error instanceof Invalid) return { success: false, issue: error.issue };
    throw error;
  }
}

function fail(path: Path, message: string): never {
  throw new Invalid({ path: [...path], message });
}

type Json = Record<string, unknown>;

function settings(value: unknown, path: Path): Settings {
  const input = object(value, path);
  const out: Json = {};
  field(out, input, 'schemaVersion', path, (v, at) => {
    if (v !== SETTINGS_VERSION) fail(at, `Invalid input: expected ${SETTINGS_VERSION}`);
    return v;
  });
  defaulted(
    out,
    input,
    'connections',
    path,
    () => [],
    (v, at) => array(v, at, savedConnection),
  );
  optional(out, input, 'engine', path, (v, at) => minLength(string(v, at), 1, at));
  optional(out, input, 'bookmarks', path, (v, at) => array(v, at, place, BOOKMARK_LIMIT));
  optional(out, input, 'recent', path, (v, at) => array(v, at, place, RECENT_LIMIT));
  optional(out, input, 'cleanupRules', path, (v, at) => array(v, at, cleanupRule, CLEANUP_RULE_LIMIT));
  // `.optional().catch(undefined)`: a language Berth cannot use reads as absent (a key holding undefined).
  if ('language' in input)
    out.language = LANGUAGES.includes(input.language as Language) ? input.language : undefined;
  return out as Settings;
}

function savedConnection(value: unknown, path: Path): SavedConnection {
  const input = object(value, path);
  const out: Json = {};
  field(out, input, 'name', path, (v, at) =>
    maxLength(
      minLength(string(v, at), 1, at, 'a connection needs a name'),
      100,
      at,
      'a connection name is at most 100 characters',
    ),
  );
  field(out, input, 'host', path, (v, at) => minLength(string(v, at), 1, at, 'the registry host is missing'));
  defaulted(out, input, 'insecureHttp', path, () => false, boolean);
  defaulted(out, input, 'tls', path, () => ({}), tlsOptions);
  optional(out, input, 'username', path, (v, at) => minLength(string(v, at), 1, at, 'the username is empty'));
  optional(out, input, 'credentialHelper', path, (v, at) =>
    maxLength(
      matches(
        string(v, at),
        HELPER_NAME,
        at,
        'a credential helper is named by a plain word such as ecr-login or gcloud',
      ),
      100,
      at,
    ),
  );
  defaulted(
    out,
    input,
    'kind',
    path,
    () => 'generic',
    (v, at) => oneOf(v, REGISTRY_KINDS, at),
  );
  optional(out, input, 'apiUrl', path, apiUrl);
  defaulted(out, input, 'ui', path, () => ({ pinnedRepositories: [] }), connectionUi);
  optional(out, input, 'timeoutSeconds', path, (v, at) => {
    const seconds = number(v, at);
    if (!(seconds > 0)) fail(at, 'Too small: expected number to be >0');
    if (seconds > 86_400) fail(at, 'Too big: expected number to be <=86400');
    return seconds;
  });
  return out as SavedConnection;
}

function tlsOptions(value: unknown, path: Path): Json {
  const input = object(value, path);
  const out: Json = {};
  optional(out, input, 'caFile', path, string);
  optional(out, input, 'certFile', path, string);
  optional(out, input, 'keyFile', path, string);
  optional(out, input, 'skipVerify', path, boolean);
  return out;
}

function connectionUi(value: unknown, path: Path): Json {
  const input = object(value, path);
  const out: Json = {};
  defaulted(
    out,
    input,
    'pinnedRepositories',
    path,
    () => [],
    (v, at) => array(v, at, string),
  );
  optional(out, input, 'lastRepository', path, string);
  optional(out, input, 'color', path, (v, at) => matches(string(v, at), /^#[0-9a-f]{6}$/i, at));
  return out;
}

/** `z.string().url()` and http(s) only; the value comes back trimmed, without tabs and line breaks. */
function apiUrl(value: unknown, path: Path): string {
  const trimmed = string(value, path).trim();
  if (!URL.canParse(trimmed)) fail(path, 'Invalid URL');
  const url = trimmed.replace(/[\t\n\r]/g, '');
  if (!/^https?:\/\//i.test(url)) fail(path, 'the API address starts with https:// or http://');
  return url;
}

function place(value: unknown, path: Path): Place {
  const input = object(value, path);
  const out: Json = {};
  field(out, input, 'connection', path, (v, at) => minLength(string(v, at), 1, at));
  field(out, input, 'repository', path, (v, at) => minLength(string(v, at), 1, at));
  optional(out, input, 'reference', path, (v, at) => minLength(string(v, at), 1, at));
  return out as Place;
}

const TAG_PATTERN_MESSAGE = 'a tag pattern is letters, digits, _ . - with * and ? wildcards (v*, main-*)';

function cleanupRule(value: unknown, path: Path): CleanupRule {
  const input = object(value, path);
  const out: Json = {};
  field(out, input, 'name', path, (v, at) =>
    matches(
      maxLength(
        minLength(string(v, at).trim(), 1, at, 'a rule needs a name'),
        100,
        at,
        'a rule name is at most 100 characters',
      ),
      /^[^\p{Cc}]+$/u,
      at,
      'a rule name has no control characters',
    ),
  );
  field(out, input, 'connection', path, (v, at) =>
    maxLength(
      minLength(string(v, at).trim(), 1, at, 'name a saved connection'),
      100,
      at,
      'a connection name is at most 100 characters',
    ),
  );
  field(out, input, 'repositories', path, (v, at) =>
    matches(
      string(v, at).trim(),
      REPOSITORY_GLOB,
      at,
      'repositories are a name like team/app or a pattern like team/*',
    ),
  );
  optional(out, input, 'keep', path, (v, at) => {
    const keep = number(v, at);
    if (!Number.isSafeInteger(keep)) fail(at, 'keep a whole number of tags');
    if (keep < 0) fail(at, 'keep 0 or more tags');
    if (keep > 10_000) fail(at, 'keep at most 10,000 tags');
    return keep;
  });
  optional(out, input, 'match', path, tagPattern);
  optional(out, input, 'olderThan', path, (v, at) => {
    const text = string(v, at).trim();
    if (parseDuration(text) === undefined)
      fail(at, 'an age is a number and a unit: 90m, 12h, 30d or 2w (up to ten years)');
    return text;
  });
  defaulted(
    out,
    input,
    'protect',
    path,
    () => [...DEFAULT_PROTECTED],
    (v, at) => array(v, at, tagPattern, 50, 'at most 50 protected patterns'),
  );
  if (out.keep === undefined && out.olderThan === undefined)
    fail([...path, 'keep'], 'say what to keep: the newest N tags, tags younger than an age, or both');
  return out as unknown as CleanupRule;
}

function tagPattern(value: unknown, path: Path): string {
  return matches(string(value, path).trim(), TAG_GLOB, path, TAG_PATTERN_MESSAGE);
}

// ——— zod's behaviour for each kind of field ———

type Reader<T> = (value: unknown, path: Path) => T;

/** A required key. */
function field(out: Json, input: Json, key: string, path: Path, read: Reader<unknown>): void {
  out[key] = read(input[key], [...path, key]);
}

/** `.optional()`: an absent key stays absent; a key holding undefined stays, holding undefined. */
function optional(out: Json, input: Json, key: string, path: Path, read: Reader<unknown>): void {
  if (!(key in input)) return;
  const value = input[key];
  out[key] = value === undefined ? undefined : read(value, [...path, key]);
}

/** `.default(…)`: undefined (absent or not) becomes the default, which is not validated. */
function defaulted(
  out: Json,
  input: Json,
  key: string,
  path: Path,
  fallback: () => unknown,
  read: Reader<unknown>,
): void {
  const value = input[key];
  out[key] = value === undefined ? fallback() : read(value, [...path, key]);
}

function object(value: unknown, path: Path): Json {
  if (!isRecord(value)) fail(path, expected('object', value));
  return value as Json;
}

function array<T>(value: unknown, path: Path, read: Reader<T>, max?: number, tooMany?: string): T[] {
  if (!Array.isArray(value)) fail(path, expected('array', value));
  // zod checks a list's length before its items (and reads none of a list too long).
  if (max !== undefined && value.length > max)
    fail(path, tooMany ?? `Too big: expected array to have <=${max} items`);
  return (value as unknown[]).map((item, index) => read(item, [...path, index]));
}

function string(value: unknown, path: Path): string {
  if (typeof value !== 'string') fail(path, expected('string', value));
  return value;
}

function number(value: unknown, path: Path): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(path, expected('number', value));
  return value;
}

function boolean(value: unknown, path: Path): boolean {
  if (typeof value !== 'boolean') fail(path, expected('boolean', value));
  return value;
}

function oneOf<T extends string>(value: unknown, options: readonly T[], path: Path): T {
  if (!options.includes(value as T))
    fail(
      path,
      `Invalid option: expected one of ${options.map((option) => JSON.stringify(option)).join('|')}`,
    );
  return value as T;
}

// zod measures a string in code points (a surrogate pair is one, a lone surrogate too), not UTF-16 units.

function minLength(text: string, min: number, path: Path, message?: string): string {
  if (text.length < min || (text.length < min * 2 && codePoints(text) < min))
    fail(path, message ?? `Too small: expected string to have >=${min} characters`);
  return text;
}

function maxLength(text: string, max: number, path: Path, message?: string): string {
  // A code point is at most two units: past twice the bound no count is needed (a 50 MB name is refused at once).
  if (text.length > max && (text.length > max * 2 || codePoints(text) > max))
    fail(path, message ?? `Too big: expected string to have <=${max} characters`);
  return text;
}

function codePoints(text: string): number {
  let count = text.length;
  for (let index = 0; index < text.length - 1; index++)
    if ((text.charCodeAt(index) & 0xfc00) === 0xd800 && (text.charCodeAt(index + 1) & 0xfc00) === 0xdc00) {
      count--;
      index++;
    }
  return count;
}

function matches(text: string, pattern: RegExp, path: Path, message?: string): string {
  pattern.lastIndex = 0;
  if (!pattern.test(text)) fail(path, message ?? `Invalid string: must match pattern ${String(pattern)}`);
  return text;
}

/** zod's English message for a value of the wrong type. */
function expected(type: string, value: unknown): string {
  return `Invalid input: expected ${type}, received ${typeName(value)}`;
}

function typeName(value: unknown): string {
  if (typeof value === 'number')
    return Number.isNaN(value) ? 'NaN' : Number.isFinite(value) ? 'number' : String(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') {
    const prototype = Object.getPrototypeOf(value) as unknown;
    const { constructor } = value as { constructor?: { name: string } };
    if (prototype !== Object.prototype && constructor) return constructor.name;
  }
  return typeof value;
}
