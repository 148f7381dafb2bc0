export { DeleteImageDialog, DeleteTagDialog, RetagDialog } from './action-dialogs.js';
export { ExplorerPage, type ExplorerSelection } from './explorer-page.js';
export { ImageView, type ImageAction } from './image-view.js';
export { RepositoryPane } from './repository-pane.js';
export { TagPane } from './tag-pane.js';
