export { AddConnectionDialog, EditConnectionDialog } from './connection-dialog.js';
export { ConnectionSidebar } from './connection-sidebar.js';
export { useConnections } from './use-connections.js';
export { RemoveConnectionDialog } from './remove-connection-dialog.js';
export { ImportDockerDialog } from './import-docker-dialog.js';
export { ConnectionStatusBar } from './connection-status.js';
export { ConnectionOverview } from './connection-overview.js';
