// Image archives: loading a Docker archive or an OCI layout (folder or tar) into a repository, with the
// archive formats' names in one place (formats.ts).
export * from './formats.js';
export {
  loadArchive,
  tagsAtDestination,
  NEW_DIGESTS_NOTE,
  type LoadInput,
  type LoadDeps,
  type LoadSummary,
} from './load.js';
export { ChosenFiles, type ChosenFile } from './chosen-files.js';
export { tagOfName, type LoadPlan } from './load-plan.js';
