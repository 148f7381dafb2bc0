// The Docker daemon's registry settings (daemon.json): find the file, parse and validate it, plan and
// apply edits (insecure registries, mirrors) with backups and elevation, and check what the running
// engine actually uses. Offers the editor, the validators and the mirror test job.
export { locateDaemonConfig, type DaemonConfigLocation, type DaemonFlavour } from './locate.js';
export {
  parseDaemonJson,
  setRegistryList,
  InvalidDaemonJsonError,
  INSECURE_KEY,
  MIRRORS_KEY,
  type DaemonDocument,
  type RegistryKey,
} from './document.js';
export { changedSettings, confirmsExactly } from './settings-diff.js';
export {
  validateInsecureRegistry,
  validateMirror,
  rulesForVersion,
  parseCidr,
  type Rules,
  type Verdict,
} from './validate.js';
export {
  loadDaemonConfig,
  readDaemonFile,
  isWritable,
  replaceInvalidDaemonConfig,
  writeDaemonConfig,
  readBackup,
  restoreBackup,
  listBackups,
  elevationPlan,
  ConcurrentChangeError,
  CHANGED_EXIT_CODE,
  type LoadedConfig,
  type WriteOutcome,
  type ElevationPlan,
} from './file.js';
export {
  planEdit,
  checkEntries,
  notesForAdding,
  notePhrasesForAdding,
  EXPLANATIONS,
  type EditPlan,
  type EditOperation,
} from './editor.js';
export { applyDaemonConfig, expectedLive, compareLive, type ApplyResult, type ApplyTarget } from './apply.js';
export { readLiveRegistryConfig, readDockerdCommandLine, type LiveRegistryConfig } from './engine-info.js';
export { checkDockerdFile, flagsGiven, type EngineFacts, type FileCheck } from './check-file.js';
export { testMirror, type MirrorCheck } from './mirrors.js';
export { runMirrorTest, type MirrorResult, type MirrorTestInput } from './mirror-test-job.js';
export { applyDaemonFile, learnEngine, type LearntEngine } from './operations.js';
export {
  parseRegistriesConf,
  mergeRegistriesConf,
  locateRegistriesConf,
  readPodmanRegistries,
  type RegistriesConfFile,
} from './podman-registries.js';
export { DAEMON_PHRASES, say as sayDaemonPhrase, type DaemonPhraseKey } from './phrases.js';
