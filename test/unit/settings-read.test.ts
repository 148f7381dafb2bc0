// The settings file is read without zod (electron/core/settings/read-settings.ts) and written with the zod
// schemas: the readers must answer what the schemas answer — the same value with the same defaults, or the
// same first issue (its path and message make the "settings file is damaged" error) — for every settings
// object, valid or broken. Compared here over a generated corpus: each field of a full settings object
// replaced by each value of a pool (wrong types, empty and over-long strings, bad patterns, unknown kinds,
// bad URLs, out-of-range numbers, lists at and past their limits, extra keys, nulls, arrays for objects …),
// removed, and combined at random.
import { describe, expect, it } from 'vitest';
import { CleanupRuleSchema } from '../../shared/contract/prune.js';
import { settingsSchemas } from '../../electron/core/settings/index.js';
import {
  readCleanupRule,
  readSavedConnection,
  readSettings,
  type ReadResult,
} from '../../electron/core/settings/read-settings.js';

type Path = (string | number)[];

const fullConnection = () => ({
  name: 'hub',
  host: 'docker.io',
  insecureHttp: false,
  tls: { caFile: '/ca.pem', certFile: '/cert.pem', keyFile: '/key.pem', skipVerify: true },
  username: 'me',
  credentialHelper: 'ecr-login',
  kind: 'dockerhub',
  apiUrl: 'https://api.example.com/v4',
  ui: { pinnedRepositories: ['library/nginx'], lastRepository: 'library/nginx', color: '#aabbcc' },
  timeoutSeconds: 30,
});

const fullRule = () => ({
  name: 'nightly',
  connection: 'hub',
  repositories: 'team/*',
  keep: 3,
  match: 'v*',
  olderThan: '30d',
  protect: ['latest', 'release-?'],
});

const fullSettings = () => ({
  schemaVersion: 1,
  connections: [fullConnection(), { name: 'bare', host: '127.0.0.1:5000' }],
  engine: 'unix:///var/run/docker.sock',
  bookmarks: [
    { connection: 'hub', repository: 'library/nginx', reference: 'latest' },
    { connection: 'hub', repository: 'library/redis' },
  ],
  recent: [{ connection: 'bare', repository: 'app', reference: 'sha256:' + 'a'.repeat(64) }],
  cleanupRules: [fullRule(), { name: 'old', connection: 'bare', repositories: 'app', olderThan: '2w' }],
  language: 'zh-CN',
});

class Weird {
  name = 'x';
}

/** Values put in place of each field: every type, and the edges of every check a field has. */
const POOL: unknown[] = [
  undefined,
  null,
  true,
  false,
  0,
  -0,
  1,
  -1,
  1.5,
  0.0001,
  3,
  100,
  10_000,
  10_001,
  86_400,
  86_401,
  2 ** 53,
  1e20,
  -1e20,
  NaN,
  Infinity,
  -Infinity,
  '',
  ' ',
  '\t',
  'a',
  ' padded ',
  'x'.repeat(100),
  'x'.repeat(101),
  ' ' + 'x'.repeat(100) + ' ',
  'x'.repeat(129),
  'x'.repeat(256),
  'generic',
  'ghcr',
  'Ghcr',
  'nexus',
  'en',
  'zh-CN',
  'zh-cn',
  'fr',
  'system',
  'https://gitlab.example.com',
  'HTTP://gitlab.example.com/api',
  ' https://trimmed.example.com ',
  'https://exa\nmple.com',
  'https://tab\t.example.com',
  'http:example.com',
  'https:/path',
  'ftp://files.example.com',
  'mailto:me@example.com',
  'not a url',
  '//no-scheme.example.com',
  '#aabbcc',
  '#AABBCC',
  '#aabbc',
  '#aabbccd',
  'aabbcc',
  'ecr-login',
  'desktop.exe',
  '-rf',
  '../../bin/sh',
  'a b',
  '30d',
  '12h',
  ' 90m ',
  '2w',
  '99999y',
  '0d',
  '-1d',
  'v*',
  'main-?',
  'bad pattern',
  'team/app',
  'team/*',
  'Team/App',
  'a\u0001b',
  '\u0007',
  'latest',
  [],
  [1],
  [''],
  ['latest'],
  ['bad pattern'],
  [null],
  [{}],
  {},
  { pinnedRepositories: [] },
  { pinnedRepositories: 'a' },
  { caFile: 1 },
  { extra: true },
  new Date(0),
  new Weird(),
  Object.create(null),
];

/** Every path in `value` that holds an object, an array or a leaf. */
function pathsOf(value: unknown, at: Path = []): Path[] {
  const paths: Path[] = [at];
  if (Array.isArray(value)) value.forEach((item, index) => paths.push(...pathsOf(item, [...at, index])));
  else if (typeof value === 'object' && value !== null)
    for (const [key, item] of Object.entries(value)) paths.push(...pathsOf(item, [...at, key]));
  return paths;
}

function get(value: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], value);
}

/** A copy of `value` with `path` set to `replacement` (or removed); the root path replaces the whole. */
function withValue(value: unknown, path: Path, replacement: unknown, remove = false): unknown {
  if (path.length === 0) return replacement;
  const copy = structuredClone(value);
  const parent = get(copy, path.slice(0, -1)) as Record<string | number, unknown>;
  const key = path[path.length - 1]!;
  if (remove && Array.isArray(parent)) parent.splice(key as number, 1);
  else if (remove) delete parent[key];
  else parent[key] = replacement;
  return copy;
}

/** The mutations of `base`: each path given each pool value, removed, given an extra key, and each list
 * grown to its limit and one past it. */
function mutations(base: unknown, limits: number[]): unknown[] {
  const corpus: unknown[] = [base];
  for (const path of pathsOf(base)) {
    for (const replacement of POOL) corpus.push(withValue(base, path, replacement));
    if (path.length) corpus.push(withValue(base, path, undefined, true));
    const current = get(base, path);
    if (Array.isArray(current) && current.length)
      for (const size of [0, ...limits, ...limits.map((limit) => limit + 1)])
        corpus.push(
          withValue(
            base,
            path,
            Array.from({ length: size }, () => structuredClone(current[0])),
          ),
        );
    if (typeof current === 'object' && current !== null && !Array.isArray(current))
      corpus.push(withValue(base, path, { ...current, unknownKey: 'kept?', __proto__: { polluted: true } }));
  }
  return corpus;
}

/** Random combinations of two to five mutations (a fixed seed: the same corpus on every run). */
function combinations(base: unknown, count: number, seed: number): unknown[] {
  let state = seed;
  const random = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;
  const corpus: unknown[] = [];
  for (let index = 0; index < count; index++) {
    let value = structuredClone(base);
    const steps = 2 + Math.floor(random() * 4);
    for (let step = 0; step < steps; step++) {
      const paths = pathsOf(value).filter((path) => path.length > 0);
      if (!paths.length) break;
      const path = pick(paths);
      value = random() < 0.15 ? withValue(value, path, undefined, true) : withValue(value, path, pick(POOL));
    }
    corpus.push(value);
  }
  return corpus;
}

interface ZodLike {
  safeParse(
    value: unknown,
  ):
    | { success: true; data: unknown }
    | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
}

/** Where the reader and the schema disagree, described. */
function differences(corpus: unknown[], schema: ZodLike, read: (value: unknown) => ReadResult<unknown>) {
  const found: string[] = [];
  for (const value of corpus) {
    const expected = schema.safeParse(value);
    const actual = read(value);
    const want = expected.success
      ? { success: true, data: expected.data }
      : {
          success: false,
          issue: { path: expected.error.issues[0]!.path, message: expected.error.issues[0]!.message },
        };
    try {
      expect(actual).toStrictEqual(want);
    } catch {
      found.push(`${shown(value)}\n  zod:    ${shown(want)}\n  reader: ${shown(actual)}`);
    }
  }
  return found;
}

function shown(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item === undefined
      ? '<undefined>'
      : typeof item === 'number' && !Number.isFinite(item)
        ? String(item)
        : item,
  ).slice(0, 600);
}

describe('reading settings without zod', () => {
  it('answers what the settings schema answers for every field of a settings object, broken in every way', () => {
    const base = fullSettings();
    const corpus = [...mutations(base, [20, 50, 100, 500]), ...combinations(base, 4000, 21)];
    expect(corpus.length).toBeGreaterThan(8_000);
    const valid = corpus.filter((value) => settingsSchemas().settings.safeParse(value).success).length;
    // Both outcomes are well represented, so neither half of the comparison is vacuous.
    expect(valid).toBeGreaterThan(500);
    expect(corpus.length - valid).toBeGreaterThan(5_000);
    expect(differences(corpus, settingsSchemas().settings, readSettings).slice(0, 5)).toEqual([]);
  });

  it('answers what the connection schema answers (a newer file’s connections are read one by one)', () => {
    const base = fullConnection();
    const corpus = [...mutations(base, []), ...combinations(base, 2000, 7)];
    expect(differences(corpus, settingsSchemas().savedConnection, readSavedConnection).slice(0, 5)).toEqual(
      [],
    );
  });

  it('answers what the contract’s cleanup rule schema answers (each saved rule is read alone)', () => {
    const base = fullRule();
    const corpus = [...mutations(base, [50]), ...combinations(base, 2000, 20)];
    corpus.push({ ...fullRule(), keep: undefined, olderThan: undefined }, { name: 'r', connection: 'c' });
    expect(differences(corpus, CleanupRuleSchema, readCleanupRule).slice(0, 5)).toEqual([]);
  });
});
