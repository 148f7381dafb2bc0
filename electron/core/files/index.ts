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
