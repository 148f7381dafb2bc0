export { ServersPage } from './servers-page.js';
export { GarbageDialog } from './garbage-dialog.js';
