// The app shell's words (renderer/app.tsx, renderer/navigation.tsx): page names, the welcome, the sidebar's
// toggle and the language menu.
import { defineMessages } from './i18n/index.js';

export const app = defineMessages({
  pageExplorer: { id: 'app.pageExplorer', defaultMessage: 'Registries' },
  pageTransfers: { id: 'app.pageTransfers', defaultMessage: 'Transfers' },
  pageLocalImages: { id: 'app.pageLocalImages', defaultMessage: 'Local images' },
  pageDaemon: { id: 'app.pageDaemon', defaultMessage: 'Docker daemon' },
  pageServers: { id: 'app.pageServers', defaultMessage: 'Your registries' },
  pageStorage: { id: 'app.pageStorage', defaultMessage: 'Storage' },
  /** A search palette command: `{page}` is a page's name. */
  goTo: { id: 'app.goTo', defaultMessage: 'Go to {page}' },
  addConnectionCommand: { id: 'app.addConnectionCommand', defaultMessage: 'Add connection…' },
  importDocker: { id: 'app.importDocker', defaultMessage: 'Import from Docker…' },
  keyboardShortcuts: { id: 'app.keyboardShortcuts', defaultMessage: 'Keyboard shortcuts' },
  welcomeTitle: { id: 'app.welcomeTitle', defaultMessage: 'Every registry you use, at a glance' },
  welcomeText: {
    id: 'app.welcomeText',
    defaultMessage:
      'Browse repositories and tags, inspect images across platforms, retag and clean up — without pulling a byte.',
  },
  addConnection: { id: 'app.addConnection', defaultMessage: 'Add connection' },
  expandSidebar: { id: 'app.expandSidebar', defaultMessage: 'Expand sidebar' },
  collapseSidebar: { id: 'app.collapseSidebar', defaultMessage: 'Collapse sidebar' },
  /** Said when the settings file refused the choice; the language has switched anyway. */
  languageNotRemembered: {
    id: 'app.languageNotRemembered',
    defaultMessage: 'Switched, but Berth could not remember it for the next start: {reason}',
  },
});
