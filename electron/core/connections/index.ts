export { removeConnection, savedConnection, type RemovedConnection } from './operations.js';
