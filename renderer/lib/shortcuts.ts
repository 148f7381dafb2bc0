/**
 * The app's keyboard shortcuts as plain data: which key press means what, and the list the `?` dialog
 * shows. A shortcut never fires while the user types into a field (a `/` or `?` there is text), nor with
 * a modifier it does not use (Ctrl+/ is not /).
 */

import { shortcuts as m } from '../features/palette/messages.js';
import type { Translate } from '../i18n/index.js';

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
export function shortcutList(t: Translate, mod: string): ShortcutGroup[] {
  // Key names as the keyboard prints them (kept in the catalogue: some keyboards print their own).
  const [home, end, enter, space, shift, esc, tab] = [
    m.keyHome,
    m.keyEnd,
    m.keyEnter,
    m.keySpace,
    m.keyShift,
    m.keyEsc,
    m.keyTab,
  ].map((key) => t(key)) as [string, string, string, string, string, string, string];
  return [
    {
      title: t(m.anywhere),
      shortcuts: [
        { chords: [['/']], does: t(m.focusFilter) },
        { chords: [[mod, 'K']], does: t(m.search) },
        { chords: [['?']], does: t(m.showShortcuts) },
      ],
    },
    {
      title: t(m.lists),
      shortcuts: [
        { chords: [['↑'], ['↓']], does: t(m.move) },
        { chords: [[home], [end]], does: t(m.firstLast) },
        { chords: [[enter]], does: t(m.openRow) },
        { chords: [['→']], does: t(m.openGroup) },
        { chords: [['←']], does: t(m.closeGroup) },
        { chords: [['↓']], does: t(m.intoList) },
        { chords: [[space]], does: t(m.toggleRow) },
        {
          chords: [
            [shift, '↑'],
            [shift, '↓'],
          ],
          does: t(m.selectRange),
        },
        { chords: [[mod, 'A']], does: t(m.selectAll) },
        { chords: [[esc]], does: t(m.clearSelection) },
      ],
    },
    {
      title: t(m.dialogs),
      shortcuts: [
        { chords: [[enter]], does: t(m.mainAction) },
        { chords: [[esc]], does: t(m.cancel) },
        { chords: [[tab], [shift, tab]], does: t(m.nextField) },
      ],
    },
  ];
}
