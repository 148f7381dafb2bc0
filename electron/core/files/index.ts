// Writing files safely: a cross-process file lock (with stale-owner detection) and atomic replacement.
// Offers withFileLock, updateFile, replaceAtomically and the lock's helpers.
export {
  isProcessAlive,
  lockFileOf,
  replaceAtomically,
  updateFile,
  withFileLock,
  withFileLockSync,
  writeTarget,
  type LockOptions,
} from './locked-file.js';
export { ChosenFiles, type ChosenFile } from './chosen-files.js';
