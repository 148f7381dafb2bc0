// Where a registry's bytes are: usage read once per digest (usage.ts), the storage scan job (scan.ts)
// with its counting (figures.ts), and for registries of the user's own their storage folder (own-*.ts).
export {
  reachable,
  totalBytes,
  UsageReader,
  type ManifestUsage,
  type RepositoryUsage,
  type TagUsage,
  type UsageProgress,
} from './usage.js';
export { countFigures, type Figures } from './figures.js';
export { collectableBlobs } from './own-disk.js';
export { ownRegistryAt } from './own-registry.js';
export {
  MAX_SCANNED_REPOSITORIES,
  scanStorage,
  type OwnRegistryAccess,
  type StorageDeps,
  type StorageInput,
} from './scan.js';
