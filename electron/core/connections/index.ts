// Saved connections as every front door uses them: add one (checked first, secret to the keychain),
// remove one, find one by name, and check or probe a registry with a login before it is saved. Offers
// addConnection, removeConnection, savedConnection, checkConnection and probeConnection.
export {
  basicCredential,
  checkConnection,
  probeConnection,
  withTrustedCertificate,
  type LoginSecret,
} from './check.js';
export { deleteTagOf } from './delete-tag.js';
export {
  addConnection,
  type AddedConnection,
  type CheckedConnection,
  destinationIn,
  imageIn,
  removeConnection,
  repositoryIn,
  savedConnection,
  type InConnection,
  type NewConnection,
  type RemovedConnection,
  type RunCheck,
} from './operations.js';
export {
  CHECK_CONCURRENCY,
  CHECK_DEADLINE_MS,
  CHECK_TIMEOUTS,
  checkWithin,
  forEachBounded,
} from './background-check.js';
