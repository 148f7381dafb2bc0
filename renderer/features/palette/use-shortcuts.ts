import { useEffect, useEffectEvent } from 'react';
import { isTypingTarget } from '../../components/dialog-focus.js';
import { shortcutFor, type ShortcutAction } from '../../lib/shortcuts.js';

/** The screens' filter fields: named "Filter …" for people and screen readers, so found by that name. */
const FILTERS = 'input[aria-label^="Filter"]';

/** `/`: the filter of the pane holding the focus, else the screen's first one (the repositories'). */
function focusFilter(): boolean {
  const pane = document.activeElement?.closest('section');
  const filter =
    pane?.querySelector<HTMLInputElement>(FILTERS) ?? document.querySelector<HTMLInputElement>(FILTERS);
  if (!filter) return false;
  filter.focus();
  filter.select();
  return true;
}

/**
 * The app-wide shortcuts on the document: `/`, Ctrl/Cmd+K and `?`. None fires while a dialog is open
 * (it owns the keyboard then) or when a control already used the key.
 */
export function useShortcuts(run: (action: Exclude<ShortcutAction, 'focus-filter'>) => void) {
  const onAction = useEffectEvent(run);
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.isComposing || document.querySelector('dialog[open]')) return;
      const action = shortcutFor(event, isTypingTarget(document.activeElement));
      if (!action) return;
      if (action === 'focus-filter' && !focusFilter()) return;
      event.preventDefault();
      if (action !== 'focus-filter') onAction(action);
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}
