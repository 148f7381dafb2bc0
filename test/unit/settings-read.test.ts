// The settings file is read without zod (electron/core/settings/read-settings.ts) and written with the zod
// schemas: the readers must answer what the schemas answer — the same value with the same defaults, or the
// same first issue (its path and message make the "settings file is damaged" error) — for every settings
// object, valid or broken. Compared here over a generated corpus: each field of a full settings object
// replaced by each value of a pool (wrong types, empty and over-long strings, bad patterns, unknown kinds,
// bad URLs, out-of-range numbers, lists at and past their limits, extra keys, nulls, arrays for objects …),
// removed, and combined at random.
import { describe, expect, it } from 'vitest';
import { combinations, mutations } from '../fixtures/mutations.js';
import { CleanupRuleSchema } from '../../shared/contract/prune.js';
import { settingsSchemas } from '../../electron/core/settings/index.js';
import {
  readCleanupRule,
  readSavedConnection,
  readSettings,
  type ReadResult,
} from '../../electron/core/settings/read-settings.js';

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
