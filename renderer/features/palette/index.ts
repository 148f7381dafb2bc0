export { CommandPalette, type PaletteItem } from './command-palette.js';
export { ShortcutsDialog } from './shortcuts-dialog.js';
export { useShortcuts } from './use-shortcuts.js';
