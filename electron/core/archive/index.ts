// Image archives: saving images from registries to a Docker archive or an OCI image layout (save.ts), with
// the formats' names and safe-name rules in one place (formats.ts).
export {
  ARCHIVE_FORMATS,
  archiveEntryName,
  ociBlobPath,
  type ArchiveFormat,
  type DockerArchiveImage,
} from './formats.js';
export { checkOutput } from './archive-writer.js';
export { dockerRepoTag, saveImages, type SaveDeps, type SaveInput } from './save.js';
export type { SaveSummary } from '../../../shared/jobs.js';
