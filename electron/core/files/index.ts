export {
  lockFileOf,
  replaceAtomically,
  updateFile,
  withFileLock,
  writeTarget,
  type LockOptions,
} from './locked-file.js';
