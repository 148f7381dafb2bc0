export { CopyDialog } from './copy-dialog.js';
export { SaveDialog } from './save-dialog.js';
export { SyncDialog } from './sync-dialog.js';
export { TransfersPage } from './transfers-page.js';
export { useJobs, useRunningJobCount } from './use-jobs.js';
export { LoadDialog } from './load-dialog.js';
