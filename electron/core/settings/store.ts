import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type Conf from 'conf';
import { isDockerHubHost } from '../../../shared/reference.js';
import { isRecord } from '../../../shared/records.js';
import { withFileLockSync } from '../files/index.js';
import { BerthError, ConfigError } from '../errors.js';
import type { CleanupRule } from '../../../shared/prune.js';
import type { Language } from '../../../shared/languages.js';
import { migrateSettings } from './migrations.js';
import { defaultDataDir } from './paths.js';
import { BOOKMARK_LIMIT, CLEANUP_RULE_LIMIT, RECENT_LIMIT, SETTINGS_VERSION } from './limits.js';
import { readCleanupRule, readSavedConnection, readSettings } from './read-settings.js';
import {
  settingsSchemas,
  type Place,
  type SavedConnection,
  type SavedConnectionInput,
  type Settings,
} from './schema.js';

/**
 * The options the settings file is opened with, by `conf` in the CLI and host and by electron-store
 * (a `conf` subclass) in the app, so all three read and write the same `<dataDir>/config.json`:
 * electron-store's default `name` and conf's default `configName` are both `config`.
 */
export function settingsFileOptions(dataDir: string) {
  return {
    cwd: dataDir,
    fileExtension: 'json',
    // Never replace a file Berth cannot read: SettingsStore reports it and keeps a copy.
    clearInvalidConfig: false,
    // Connection names and hosts contain dots (`ghcr.io`); keys are plain keys.
    accessPropertiesByDotNotation: false,
    // No secret is in the file, but usernames and hosts are nobody else's business.
    configFileMode: 0o600,
  } as const;
}

export type SettingsFileOptions = ReturnType<typeof settingsFileOptions>;

/** The part of `conf`/electron-store the store uses: the whole object, read and written atomically. */
export interface SettingsBackend {
  store: Record<string, unknown>;
}

export type OpenSettingsBackend = (options: SettingsFileOptions) => SettingsBackend;

/**
 * The CLI's and the browser host's backend: the file is read as `conf` reads it (a missing file is an
 * empty object and its folder is made; JSON that does not parse throws its SyntaxError), and `conf` itself
 * — with ajv, semver and the rest, 140 modules — is loaded with the first write. A command that only
 * reads settings (`berth inspect`, `berth tags`) does not load it.
 */
class ConfOnWrite implements SettingsBackend {
  private conf: SettingsBackend | undefined;
  private readonly file: string;

  constructor(private readonly options: SettingsFileOptions) {
    this.file = path.resolve(options.cwd, `config.${options.fileExtension}`);
  }

  get store(): Record<string, unknown> {
    if (this.conf) return this.conf.store;
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      mkdirSync(path.dirname(this.file), { recursive: true });
      return Object.create(null) as Record<string, unknown>;
    }
    return Object.assign(Object.create(null) as Record<string, unknown>, JSON.parse(text));
  }

  set store(value: Record<string, unknown>) {
    if (!this.conf) {
      // Synchronous like every settings call: require() of an ES module (Node 22.12 and later).
      const { default: ConfClass } = createRequire(import.meta.url)('conf') as { default: typeof Conf };
      this.conf = new ConfClass<Record<string, unknown>>(this.options);
    }
    this.conf.store = value;
  }
}

const openConf: OpenSettingsBackend = (options) => new ConfOnWrite(options);

interface Loaded {
  settings: Settings;
  /** Set when the file cannot be written safely; reads still work (possibly empty). */
  problem?: ConfigError;
  /** Cleanup rules in the file that Berth cannot use (edited by hand): never run, kept as written. */
  unreadableRules?: UnreadableCleanupRule[];
}

/** A saved cleanup rule that does not read as one (a hand edit: `keep: -1`, `olderThan: "99999y"`, …). */
export interface UnreadableCleanupRule {
  /** Its name, when it has a usable one. */
  name?: string;
  /** Its connection, when it names one. */
  connection?: string;
  /** What is wrong, as a sentence fragment: `keep: keep 0 or more tags`. */
  problem: string;
  /** The entry as the file holds it, written back unchanged. */
  entry: unknown;
}

/**
 * Saved connections in `<dataDir>/config.json`. Every call reads the file, so the app and the CLI see
 * each other's changes. Older formats are migrated in memory and written in the current format on the
 * next change. A damaged file is copied to `config.json.corrupt-<time>` and never overwritten: Berth
 * then runs read-only (no saved connections) and refuses changes with an error naming both files.
 */
export class SettingsStore {
  readonly path: string;
  private backend: SettingsBackend | undefined;

  constructor(
    readonly dataDir = defaultDataDir(),
    private readonly deps: { open?: OpenSettingsBackend; now?: () => Date } = {},
  ) {
    this.path = path.join(dataDir, 'config.json');
  }

  /** Why the settings are read-only right now, if they are. */
  get problem(): ConfigError | undefined {
    return this.load().problem;
  }

  list(): SavedConnection[] {
    return this.load().settings.connections;
  }

  get(name: string): SavedConnection | undefined {
    return this.list().find((c) => c.name === name);
  }

  findByHost(host: string): SavedConnection | undefined {
    const hub = isDockerHubHost(host);
    return this.list().find((c) => c.host === host || (hub && isDockerHubHost(c.host)));
  }

  /** Adds or replaces (by name) a connection. */
  save(connection: SavedConnectionInput): SavedConnection {
    // zod, built now: a write checks with the schemas themselves (a read uses read-settings.ts).
    const parsed = settingsSchemas().savedConnection.safeParse(connection);
    if (!parsed.success) {
      // One clause per field, never the schema's raw dump.
      const fields = parsed.error.issues.map(
        (issue) => `${issue.path.join('.') || 'connection'}: ${issue.message}`,
      );
      throw new BerthError(
        'INVALID_INPUT',
        `cannot save the connection "${connection.name}": ${fields.join('; ')}`,
        {
          hint: 'Correct the fields named and save again; nothing was written.',
        },
      );
    }
    const valid = parsed.data;
    return this.change((settings) => {
      const others = settings.connections.filter((c) => c.name !== valid.name);
      const clash = others.find((c) => c.host === valid.host);
      if (clash)
        throw new ConfigError(
          `${valid.host} is already saved as "${clash.name}"`,
          `Edit "${clash.name}" instead, or remove it first.`,
        );
      this.write({ ...settings, connections: [...others, valid] });
      return valid;
    });
  }

  /** The engine address chosen in Berth, if any. */
  engine(): string | undefined {
    return this.load().settings.engine;
  }

  /** Remembers the engine chosen in Berth for the next start. */
  setEngine(address: string): void {
    this.change((settings) => this.write({ ...settings, engine: address }));
  }

  /** The interface language picked in the app, if any (absent: follow the OS locale). */
  language(): Language | undefined {
    return this.load().settings.language;
  }

  /** Remembers the interface language; `undefined` goes back to following the OS locale. */
  setLanguage(language: Language | undefined): void {
    this.change((settings) => {
      const { language: _previous, ...rest } = settings;
      this.write(language === undefined ? rest : { ...rest, language });
    });
  }

  /**
   * Removes a connection. `placesTo`: it is being renamed to that name, and its bookmarks and recent
   * places move there instead of going with it.
   */
  remove(name: string, options: { placesTo?: string } = {}): boolean {
    return this.change((settings) => {
      const kept = settings.connections.filter((c) => c.name !== name);
      if (kept.length === settings.connections.length) return false;
      // Its bookmarks and recent places go with it: a place names the connection, and a later one
      // saved under the same name may be another registry.
      const { placesTo } = options;
      const moved = (places: Place[]) =>
        placesTo === undefined
          ? places.filter((place) => place.connection !== name)
          : places.map((place) => (place.connection === name ? { ...place, connection: placesTo } : place));
      this.write(
        {
          ...settings,
          connections: kept,
          ...(settings.bookmarks ? { bookmarks: moved(settings.bookmarks) } : {}),
          ...(settings.recent ? { recent: moved(settings.recent) } : {}),
          // Cleanup rules delete tags: one must never run against another registry saved later under the
          // same name, so they go with their connection (and follow it when it is renamed).
          ...(settings.cleanupRules
            ? {
                cleanupRules:
                  placesTo === undefined
                    ? settings.cleanupRules.filter((rule) => rule.connection !== name)
                    : settings.cleanupRules.map((rule) =>
                        rule.connection === name ? { ...rule, connection: placesTo } : rule,
                      ),
              }
            : {}),
        },
        (unreadable) =>
          placesTo === undefined
            ? unreadable.filter((rule) => rule.connection !== name)
            : unreadable.map((rule) =>
                rule.connection === name && isRecord(rule.entry)
                  ? { ...rule, connection: placesTo, entry: { ...rule.entry, connection: placesTo } }
                  : rule,
              ),
      );
      return true;
    });
  }

  /** Starred places and the recently opened ones (most recent first). */
  places(): { bookmarks: Place[]; recent: Place[] } {
    const { bookmarks = [], recent = [] } = this.load().settings;
    return { bookmarks, recent };
  }

  /** Stars or unstars a place (a repository, or an image by tag or digest). */
  setStarred(place: Place, isStarred: boolean): void {
    this.change((settings) => {
      const others = (settings.bookmarks ?? []).filter((entry) => !samePlace(entry, place));
      const bookmarks = isStarred ? [...others, plainPlace(place)] : others;
      if (bookmarks.length > BOOKMARK_LIMIT)
        throw new ConfigError(
          `Berth keeps at most ${BOOKMARK_LIMIT} starred repositories and images`,
          'Unstar some you no longer use, then star this one again.',
        );
      this.write({ ...settings, bookmarks });
    });
  }

  /** Puts a place at the top of the recent list (at most RECENT_LIMIT kept). */
  /** The saved cleanup rules, by name. */
  cleanupRules(): CleanupRule[] {
    return [...(this.load().settings.cleanupRules ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  }

  /**
   * Cleanup rules the file holds that do not read as rules (edited by hand). They are never run and never
   * make the rest of the settings unreadable; the file keeps them as written until they are fixed there,
   * replaced by a rule of the same name, or removed.
   */
  unreadableCleanupRules(): { name?: string; problem: string }[] {
    return (this.load().unreadableRules ?? []).map(({ name, problem }) => ({
      ...(name !== undefined ? { name } : {}),
      problem,
    }));
  }

  /** Adds or replaces (by name; `previousName` renames) a cleanup rule of a saved connection. */
  saveCleanupRule(rule: CleanupRule, previousName?: string): CleanupRule {
    return this.change((settings) => {
      if (!settings.connections.some((connection) => connection.name === rule.connection))
        throw new BerthError('NOT_FOUND', `there is no saved connection named "${rule.connection}"`, {
          hint: 'A cleanup rule names a saved connection: add the registry first, or choose another.',
        });
      const rules = settings.cleanupRules ?? [];
      const others = rules.filter((entry) => entry.name !== rule.name && entry.name !== previousName);
      if (
        previousName !== undefined &&
        previousName !== rule.name &&
        rules.some((entry) => entry.name === rule.name)
      )
        throw new BerthError('INVALID_INPUT', `a cleanup rule named "${rule.name}" exists already`, {
          hint: 'Give the rule another name, or edit the one saved under that name.',
        });
      if (others.length >= CLEANUP_RULE_LIMIT)
        throw new BerthError('TOO_LARGE', `at most ${CLEANUP_RULE_LIMIT} cleanup rules are saved`, {
          hint: 'Remove a rule you no longer run first.',
        });
      this.write({ ...settings, cleanupRules: [...others, rule] }, (unreadable) =>
        unreadable.filter(
          (entry) => entry.name === undefined || (entry.name !== rule.name && entry.name !== previousName),
        ),
      );
      return rule;
    });
  }

  removeCleanupRule(name: string): boolean {
    return this.change((settings) => {
      const rules = settings.cleanupRules ?? [];
      const others = rules.filter((entry) => entry.name !== name);
      const unreadable = this.unreadableRules;
      const unreadableOthers = unreadable.filter((entry) => entry.name !== name);
      if (others.length === rules.length && unreadableOthers.length === unreadable.length) return false;
      this.write({ ...settings, cleanupRules: others }, () => unreadableOthers);
      return true;
    });
  }

  addRecent(place: Place): void {
    this.change((settings) => {
      const others = (settings.recent ?? []).filter((entry) => !samePlace(entry, place));
      this.write({ ...settings, recent: [plainPlace(place), ...others].slice(0, RECENT_LIMIT) });
    });
  }

  /**
   * Read-modify-write under the file's lock (files/locked-file.ts): the app, the browser host and the
   * CLI share the file, and a change made by one between another's read and write would be lost.
   */
  private change<T>(edit: (settings: Settings) => T): T {
    return withFileLockSync(this.path, () => edit(this.writable()));
  }

  private writable(): Settings {
    const { settings, problem } = this.load();
    if (problem)
      throw new ConfigError(`settings not changed: ${problem.message}`, problem.hint, problem.appHint);
    return settings;
  }

  /**
   * Writes the settings; the unreadable cleanup rules of the last load go back into the file as they
   * were (`unreadable` drops or changes some: a rule saved or removed under their name).
   */
  private write(
    settings: Settings,
    unreadable: (rules: UnreadableCleanupRule[]) => UnreadableCleanupRule[] = (rules) => rules,
  ): void {
    const valid = settingsSchemas().settings.parse(settings);
    const kept = unreadable(this.unreadableRules).map((rule) => rule.entry);
    this.backend!.store = kept.length
      ? { ...valid, cleanupRules: [...(valid.cleanupRules ?? []), ...kept] }
      : valid;
  }

  /** The unreadable cleanup rules as the last load found them. */
  private unreadableRules: UnreadableCleanupRule[] = [];

  private load(): Loaded {
    let raw: unknown;
    try {
      // conf reads (and, without defaults, never writes) the file when it is opened.
      this.backend ??= (this.deps.open ?? openConf)(settingsFileOptions(this.dataDir));
      raw = this.backend.store;
    } catch (error) {
      if (error instanceof SyntaxError) return this.damaged(`not valid JSON: ${error.message}`);
      throw new ConfigError(
        `cannot read Berth's settings file ${this.path}: ${(error as Error).message}`,
        'Check that the file and its folder are readable and writable by you.',
      );
    }
    const migrated = migrateSettings(raw);
    if (!migrated.ok && migrated.reason === 'newer') {
      return {
        settings: salvage(raw),
        problem: new ConfigError(
          `Berth's settings file ${this.path} was written by a newer Berth (format ${migrated.version}; this one knows up to ${SETTINGS_VERSION}), so it is read-only here`,
          'Update Berth to change saved connections.',
        ),
      };
    }
    if (!migrated.ok) return this.damaged(migrated.message);
    // A cleanup rule edited by hand into something that is no rule is set aside, not fatal: one bad rule
    // must not make every saved connection unavailable.
    const { settings: withUsableRules, unreadableRules } = setAsideUnreadableRules(migrated.settings);
    this.unreadableRules = unreadableRules;
    const parsed = readSettings(withUsableRules);
    if (!parsed.success) {
      this.unreadableRules = [];
      const { issue } = parsed;
      return this.damaged(`${issue.path.join('.') || 'settings'}: ${issue.message}`);
    }
    return { settings: parsed.data, ...(unreadableRules.length ? { unreadableRules } : {}) };
  }

  private damaged(reason: string): Loaded {
    this.unreadableRules = [];
    const backup = this.backUpDamagedFile();
    return {
      settings: { schemaVersion: SETTINGS_VERSION, connections: [] },
      problem: new ConfigError(
        `Berth's settings file ${this.path} is damaged (${reason}); a copy is in ${backup}. Saved connections are unavailable and changes are refused until the file is repaired or moved away`,
        'Repair the file, or move it away to start with empty settings; the copy keeps what was in it.',
      ),
    };
  }

  /** Copies the damaged file once: a copy with the same bytes is reused on later reads. */
  private backUpDamagedFile(): string {
    const bytes = readFileSync(this.path);
    const prefix = `${path.basename(this.path)}.corrupt-`;
    for (const name of readdirSync(this.dataDir)) {
      if (!name.startsWith(prefix)) continue;
      const existing = path.join(this.dataDir, name);
      if (readFileSync(existing).equals(bytes)) return existing;
    }
    const stamp = (this.deps.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
    const backup = path.join(this.dataDir, `${prefix}${stamp}`);
    copyFileSync(this.path, backup);
    return backup;
  }
}

function samePlace(a: Place, b: Place): boolean {
  return a.connection === b.connection && a.repository === b.repository && a.reference === b.reference;
}

function plainPlace(place: Place): Place {
  return {
    connection: place.connection,
    repository: place.repository,
    ...(place.reference ? { reference: place.reference } : {}),
  };
}

/** From a newer format: the connections this version still understands, for reading only. */
function salvage(raw: unknown): Settings {
  const list = (raw as { connections?: unknown }).connections;
  const connections = (Array.isArray(list) ? list : []).flatMap((entry: unknown) => {
    const parsed = readSavedConnection(entry);
    return parsed.success ? [parsed.data] : [];
  });
  return { schemaVersion: SETTINGS_VERSION, connections };
}

/**
 * The settings with only the cleanup rules that read as rules (each name once, at most CLEANUP_RULE_LIMIT),
 * and the others with what is wrong with each. A `cleanupRules` that is not a list is left to the schema.
 */
function setAsideUnreadableRules(settings: unknown): {
  settings: unknown;
  unreadableRules: UnreadableCleanupRule[];
} {
  if (!isRecord(settings) || !Array.isArray(settings.cleanupRules)) return { settings, unreadableRules: [] };
  const usable: CleanupRule[] = [];
  const unreadableRules: UnreadableCleanupRule[] = [];
  for (const entry of settings.cleanupRules as unknown[]) {
    const name = isRecord(entry) && typeof entry.name === 'string' ? entry.name.slice(0, 100) : undefined;
    const connection = isRecord(entry) && typeof entry.connection === 'string' ? entry.connection : undefined;
    const aside = (problem: string) =>
      unreadableRules.push({
        ...(name !== undefined ? { name } : {}),
        ...(connection !== undefined ? { connection } : {}),
        problem,
        entry,
      });
    const parsed = readCleanupRule(entry);
    if (!parsed.success) {
      const { issue } = parsed;
      aside(`${issue.path.join('.') || 'rule'}: ${issue.message}`);
    } else if (usable.some((rule) => rule.name === parsed.data.name))
      aside(`another rule named "${parsed.data.name}" comes before it`);
    else if (usable.length >= CLEANUP_RULE_LIMIT) aside(`more than ${CLEANUP_RULE_LIMIT} rules are saved`);
    else usable.push(parsed.data);
  }
  return { settings: { ...settings, cleanupRules: usable }, unreadableRules };
}
