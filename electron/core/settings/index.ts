// Berth's saved settings: the schema of connections, the settings file and its migrations, registry
// addresses and kinds, and trusted CA certificates. Offers SettingsStore, the schemas and the helpers.
export { defaultDataDir } from './paths.js';
export { parseRegistryUrl } from './address.js';
export {
  classifyRegistry,
  gitLabApiFromRealm,
  detectRegistryKind,
  kindFromHost,
  type RegistryFingerprint,
} from './detect-kind.js';
export { migrateSettings, type MigrationResult } from './migrations.js';
export {
  BOOKMARK_LIMIT,
  HELPER_NAME,
  RECENT_LIMIT,
  REGISTRY_KINDS,
  SETTINGS_VERSION,
  settingsSchemas,
  type Place,
  type RegistryKind,
  type SavedConnection,
  type SavedConnectionInput,
  type Settings,
} from './schema.js';
export {
  SettingsStore,
  settingsFileOptions,
  type OpenSettingsBackend,
  type SettingsBackend,
  type SettingsFileOptions,
} from './store.js';
export { readSettings, type SettingsIssue } from './read-settings.js';
export { trustCertificate, type TrustedCertificate } from './trusted-cas.js';
