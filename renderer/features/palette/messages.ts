// The words of the command palette, the shortcuts dialog and renderer/lib/shortcuts.ts (the `?` list).
import { defineMessages } from '../../i18n/index.js';

export const palette = defineMessages({
  /** The results list's name: `{title}` is the palette's title (Search). */
  results: { id: 'palette.results', defaultMessage: '{title}: results' },
  starred: { id: 'palette.starred', defaultMessage: 'starred, ' },
  keys: {
    id: 'palette.keys',
    defaultMessage: '<kbd>↑</kbd> <kbd>↓</kbd> choose · <kbd>Enter</kbd> open · <kbd>Esc</kbd> close',
  },
  typeFirst: { id: 'palette.typeFirst', defaultMessage: 'Type what to open first.' },
  open: { id: 'palette.open', defaultMessage: 'Open' },
  shortcutsTitle: { id: 'palette.shortcutsTitle', defaultMessage: 'Keyboard shortcuts' },
  /** Between two alternative key chords (↑ or ↓). */
  or: { id: 'palette.or', defaultMessage: ' or ' },
  shortcutsWait: {
    id: 'palette.shortcutsWait',
    defaultMessage: 'Shortcuts wait while you type in a field; Esc always works.',
  },
});

/** The `?` dialog's list (renderer/lib/shortcuts.ts). */
export const shortcuts = defineMessages({
  anywhere: { id: 'palette.groupAnywhere', defaultMessage: 'Anywhere' },
  lists: { id: 'palette.groupLists', defaultMessage: 'Repository and tag lists' },
  dialogs: { id: 'palette.groupDialogs', defaultMessage: 'Dialogs' },
  focusFilter: { id: 'palette.focusFilter', defaultMessage: 'Focus the filter of the current screen' },
  search: { id: 'palette.search', defaultMessage: 'Search repositories in every registry, and commands' },
  showShortcuts: { id: 'palette.showShortcuts', defaultMessage: 'Show these shortcuts' },
  move: { id: 'palette.move', defaultMessage: 'Move through the list' },
  firstLast: { id: 'palette.firstLast', defaultMessage: 'First or last row' },
  openRow: { id: 'palette.openRow', defaultMessage: 'Open the row' },
  openGroup: {
    id: 'palette.openGroup',
    defaultMessage: 'Repositories: open a namespace group, then into its first row',
  },
  closeGroup: {
    id: 'palette.closeGroup',
    defaultMessage: 'Repositories: close a group, or from inside it to its row',
  },
  intoList: { id: 'palette.intoList', defaultMessage: 'From a filter: into its list' },
  toggleRow: { id: 'palette.toggleRow', defaultMessage: 'Tags: select or unselect the row' },
  selectRange: { id: 'palette.selectRange', defaultMessage: 'Tags: select a range' },
  selectAll: { id: 'palette.selectAll', defaultMessage: 'Tags: select every tag shown' },
  clearSelection: { id: 'palette.clearSelection', defaultMessage: 'Tags: clear the selection' },
  mainAction: { id: 'palette.mainAction', defaultMessage: 'Run the main action' },
  cancel: { id: 'palette.cancel', defaultMessage: 'Cancel' },
  nextField: {
    id: 'palette.nextField',
    defaultMessage: 'Next or previous field (stays inside the dialog)',
  },
  keyHome: { id: 'palette.keyHome', defaultMessage: 'Home' },
  keyEnd: { id: 'palette.keyEnd', defaultMessage: 'End' },
  keyEnter: { id: 'palette.keyEnter', defaultMessage: 'Enter' },
  keySpace: { id: 'palette.keySpace', defaultMessage: 'Space' },
  keyShift: { id: 'palette.keyShift', defaultMessage: 'Shift' },
  keyEsc: { id: 'palette.keyEsc', defaultMessage: 'Esc' },
  keyTab: { id: 'palette.keyTab', defaultMessage: 'Tab' },
});
