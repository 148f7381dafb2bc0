// What a registry's bytes are used by: manifests read once per digest, and the blobs they reach.
export {
  reachable,
  totalBytes,
  UsageReader,
  type ManifestUsage,
  type RepositoryUsage,
  type TagUsage,
  type UsageProgress,
} from './usage.js';
