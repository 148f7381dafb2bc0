// A "More" menu button for a toolbar's rarely used actions (WAI-ARIA menu button pattern): the button
// says it opens a menu and whether it is open; Enter, Space or ↓ opens it on the first action, ↑ on the
// last; ↑ ↓ Home End move, Escape closes it back onto the button, Tab and a click elsewhere close it.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useT } from '../i18n/index.js';
import { common } from '../i18n/messages.js';

export interface MenuAction {
  /** What the item shows. */
  label: string;
  /** Its accessible name when the label alone is not enough (names the repository or tag). */
  ariaLabel?: string;
  title?: string;
  isDanger?: boolean;
  onSelect: () => void;
}

export function MoreMenu({
  actions,
  label,
  isSmall = false,
  placement = 'below',
}: {
  actions: readonly MenuAction[];
  /** The button's accessible name and the menu's: "More tag actions". */
  label: string;
  isSmall?: boolean;
  /** `above` for a bar at the bottom of a pane, where a menu below would leave the window. */
  placement?: 'below' | 'above';
}) {
  const t = useT();
  const [isOpen, setIsOpen] = useState(false);
  const [focusOn, setFocusOn] = useState<'first' | 'last'>('first');
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const items = () => [...(root.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];

  useEffect(() => {
    if (!isOpen) return;
    const list = items();
    (focusOn === 'first' ? list[0] : list.at(-1))?.focus();
    const closeOutside = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setIsOpen(false);
    };
    document.addEventListener('pointerdown', closeOutside);
    return () => document.removeEventListener('pointerdown', closeOutside);
  }, [isOpen, focusOn]);

  function open(at: 'first' | 'last') {
    setFocusOn(at);
    setIsOpen(true);
  }

  function close() {
    setIsOpen(false);
    button.current?.focus();
  }

  function onButtonKey(event: KeyboardEvent) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      open(event.key === 'ArrowDown' ? 'first' : 'last');
    }
  }

  function onMenuKey(event: KeyboardEvent) {
    const list = items();
    const at = list.indexOf(document.activeElement as HTMLElement);
    const move = (index: number) => {
      event.preventDefault();
      list[(index + list.length) % list.length]?.focus();
    };
    if (event.key === 'ArrowDown') move(at + 1);
    else if (event.key === 'ArrowUp') move(at - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(list.length - 1);
    else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close();
    } else if (event.key === 'Tab') setIsOpen(false);
  }

  return (
    <div className="more-menu" ref={root}>
      <button
        ref={button}
        type="button"
        className={`button${isSmall ? ' small' : ''}`}
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={isOpen}
        aria-controls={isOpen ? menuId : undefined}
        onClick={() => (isOpen ? setIsOpen(false) : open('first'))}
        onKeyDown={onButtonKey}
      >
        {t(common.more)}
        <span className="more-menu-caret" aria-hidden="true">
          ▾
        </span>
      </button>
      {isOpen && (
        <div id={menuId} role="menu" aria-label={label} className={`menu ${placement}`} onKeyDown={onMenuKey}>
          {actions.map((action) => (
            <button
              key={action.label}
              type="button"
              role="menuitem"
              tabIndex={-1}
              className={`menu-item${action.isDanger ? ' danger' : ''}`}
              aria-label={action.ariaLabel}
              title={action.title}
              onClick={() => {
                // Back on the button first: a dialog the action opens returns the focus there.
                close();
                action.onSelect();
              }}
            >
              {action.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
