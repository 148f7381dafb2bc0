export {
  basicCredential,
  checkConnection,
  probeConnection,
  withTrustedCertificate,
  type LoginSecret,
} from './check.js';
export {
  addConnection,
  removeConnection,
  savedConnection,
  type NewConnection,
  type RemovedConnection,
  type RunCheck,
} from './operations.js';
