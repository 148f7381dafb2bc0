export { CleanupView } from './cleanup-view.js';
