// Image archives: saving images from registries to a Docker archive or an OCI image layout (save.ts), and
// loading a Docker archive or an OCI layout (folder or tar) into a repository (load.ts), with the formats'
// names and safe-name rules in one place (formats.ts).
export * from './formats.js';
export { checkOutput } from './archive-writer.js';
export { dockerRepoTag, saveImages, type SaveDeps, type SaveInput } from './save.js';
export type { SaveSummary } from '../../../shared/jobs.js';
export {
  loadArchive,
  tagsAtDestination,
  NEW_DIGESTS_NOTE,
  type LoadInput,
  type LoadDeps,
  type LoadSummary,
} from './load.js';
export { ChosenFiles, type ChosenFile } from '../files/index.js';
export { tagOfName, type LoadPlan } from './load-plan.js';
