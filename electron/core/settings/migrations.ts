import { isDockerHubHost } from '../../../shared/reference.js';
import { SETTINGS_VERSION } from './limits.js';

type Json = Record<string, unknown>;

/**
 * One step per format version: `MIGRATIONS[n]` turns a version-n file into version n+1. Each step works
 * on plain JSON (the file as found); the result is validated against the current schema afterwards.
 */
const MIGRATIONS: Record<number, (settings: Json) => Json> = {
  // v0: the first CLI's file — `{ connections: [...] }` with no version and no UI preferences, and
  // Docker Hub possibly saved under one of its aliases.
  0: (settings) => ({
    ...settings,
    schemaVersion: 1,
    connections: (Array.isArray(settings.connections) ? settings.connections : []).map((entry: unknown) => {
      if (!isObject(entry)) return entry;
      const host = typeof entry.host === 'string' && isDockerHubHost(entry.host) ? 'docker.io' : entry.host;
      return { ...entry, host, ui: isObject(entry.ui) ? entry.ui : { pinnedRepositories: [] } };
    }),
  }),
};

export type MigrationResult =
  | { ok: true; settings: Json; fromVersion: number }
  | { ok: false; reason: 'newer'; version: number }
  | { ok: false; reason: 'invalid'; message: string };

/** Brings a settings object of any known version to the current one (in memory; the caller writes it). */
export function migrateSettings(raw: unknown): MigrationResult {
  if (!isObject(raw))
    return { ok: false, reason: 'invalid', message: 'the file does not hold a JSON object' };
  const found = raw.schemaVersion ?? 0;
  if (typeof found !== 'number' || !Number.isInteger(found) || found < 0) {
    return {
      ok: false,
      reason: 'invalid',
      message: `schemaVersion ${JSON.stringify(found)} is not a version`,
    };
  }
  if (found > SETTINGS_VERSION) return { ok: false, reason: 'newer', version: found };
  let settings = raw;
  for (let version = found; version < SETTINGS_VERSION; version++) {
    const step = MIGRATIONS[version];
    if (!step) return { ok: false, reason: 'invalid', message: `no migration from version ${version}` };
    settings = step(settings);
  }
  return { ok: true, settings, fromVersion: found };
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
