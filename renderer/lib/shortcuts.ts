/**
 * The app's keyboard shortcuts as plain data: which key press means what, and the list the `?` dialog
 * shows. A shortcut never fires while the user types into a field (a `/` or `?` there is text), nor with
 * a modifier it does not use (Ctrl+/ is not /).
 */

export type ShortcutAction = 'focus-filter' | 'open-palette' | 'show-shortcuts';

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/**
 * The action a key press asks for, if any. `isTyping`: the focus is in a text field. Ctrl/Cmd+K types
 * nothing, so it works from a field too, as it does in editors and browsers.
 */
export function shortcutFor(press: KeyPress, isTyping: boolean): ShortcutAction | undefined {
  const isCommand = press.ctrlKey || press.metaKey;
  if (isCommand && !press.altKey && !press.shiftKey && press.key.toLowerCase() === 'k') return 'open-palette';
  // Shift stays allowed: it is how `?` (and on some layouts `/`) is typed at all.
  if (isTyping || isCommand || press.altKey) return undefined;
  if (press.key === '/') return 'focus-filter';
  if (press.key === '?') return 'show-shortcuts';
  return undefined;
}

export interface ShortcutGroup {
  title: string;
  /** `chords`: each is keys pressed together; several chords are alternatives (↑ or ↓). */
  shortcuts: { chords: string[][]; does: string }[];
}

/** What the `?` dialog lists; `mod` is Ctrl, or ⌘ on a Mac. */
export function shortcutList(mod: string): ShortcutGroup[] {
  return [
    {
      title: 'Anywhere',
      shortcuts: [
        { chords: [['/']], does: 'Focus the filter of the current screen' },
        { chords: [[mod, 'K']], does: 'Search repositories in every registry, and commands' },
        { chords: [['?']], does: 'Show these shortcuts' },
      ],
    },
    {
      title: 'Repository and tag lists',
      shortcuts: [
        { chords: [['↑'], ['↓']], does: 'Move through the list' },
        { chords: [['Home'], ['End']], does: 'First or last row' },
        { chords: [['Enter']], does: 'Open the row' },
        { chords: [['→']], does: 'Repositories: open a namespace group, then into its first row' },
        { chords: [['←']], does: 'Repositories: close a group, or from inside it to its row' },
        { chords: [['↓']], does: 'From a filter: into its list' },
        { chords: [['Space']], does: 'Tags: select or unselect the row' },
        {
          chords: [
            ['Shift', '↑'],
            ['Shift', '↓'],
          ],
          does: 'Tags: select a range',
        },
        { chords: [[mod, 'A']], does: 'Tags: select every tag shown' },
        { chords: [['Esc']], does: 'Tags: clear the selection' },
      ],
    },
    {
      title: 'Dialogs',
      shortcuts: [
        { chords: [['Enter']], does: 'Run the main action' },
        { chords: [['Esc']], does: 'Cancel' },
        { chords: [['Tab'], ['Shift', 'Tab']], does: 'Next or previous field (stays inside the dialog)' },
      ],
    },
  ];
}
