import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import {
  selectAll,
  selectOne,
  selectRange,
  toggle,
  EMPTY_SELECTION,
  type Selection,
} from './list-selection.js';

/** How one row looks when it is more than its item's text (the repository tree's groups and leaves). */
export interface RowLook {
  content: ReactNode;
  /** The accessible name, when the text shown is not the whole item (a leaf shows `app` of `team/app`). */
  label?: string;
  /** A row that folds others away (a namespace group). */
  isExpanded?: boolean;
  className?: string;
}

/** A list whose rows can be chosen several at a time (the tag table). */
export interface MultiSelect {
  selection: Selection;
  onChange: (selection: Selection) => void;
}

/**
 * A keyboard-navigable, virtualized listbox: ↑ ↓ Home End PageUp PageDown move, Enter picks, ← → go
 * to `onSideKey`. Only the
 * visible rows are in the DOM, so ten thousand tags cost what twenty do. `onNearEnd` asks for more.
 *
 * With `multi` the rows are a multi-selection the way file managers do it: a click or Enter picks one
 * row (and selects only it), Ctrl/Cmd-click and Space toggle, Shift-click and Shift+↑/↓ select a range
 * from the anchor, Ctrl/Cmd+A selects every row shown, Escape clears.
 *
 * `describe` adds a line of details under each row's name (its description for a screen reader; the
 * name stays the item), and `onVisibleChange` hears which items are on screen, overscan left out, so
 * the details can be fetched for those rows only.
 */
export function VirtualList({
  label,
  items,
  selected,
  onPick,
  onNearEnd,
  multi,
  describe,
  onVisibleChange,
  rowHeight = 28,
  look,
  onSideKey,
}: {
  label: string;
  items: readonly string[];
  selected: string | undefined;
  onPick: (item: string) => void;
  onNearEnd?: () => void;
  multi?: MultiSelect;
  describe?: (item: string) => ReactNode;
  onVisibleChange?: (items: readonly string[]) => void;
  rowHeight?: number;
  /** Draws a row other than as its item's text; the item is still what `onPick` receives. */
  look?: (item: string) => RowLook;
  /** ← or → on the active row (a tree folds and unfolds with them): the item to move to, if any. */
  onSideKey?: (item: string, key: 'ArrowLeft' | 'ArrowRight') => string | undefined;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const id = useId();
  const [active, setActive] = useState(() => Math.max(0, selected ? items.indexOf(selected) : 0));
  // TanStack Virtual's virtualizer is one mutable object whose answers change as the list scrolls, so
  // the compiler cannot memoize around it; this component reads it afresh each render and memoizes
  // nothing on it.
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer's API is mutable by design
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  const rows = virtualizer.getVirtualItems();
  const lastVisible = rows.at(-1)?.index ?? 0;
  const firstOnScreen = virtualizer.range?.startIndex ?? 0;
  const lastOnScreen = virtualizer.range?.endIndex ?? -1;

  useEffect(() => {
    onVisibleChange?.(items.slice(firstOnScreen, lastOnScreen + 1));
  }, [firstOnScreen, lastOnScreen, items, onVisibleChange]);

  useEffect(() => {
    if (onNearEnd && items.length && lastVisible >= items.length - 20) onNearEnd();
  }, [lastVisible, items.length, onNearEnd]);

  // A shorter list pulls the active row back inside it: set while rendering, not by an effect after.
  const lastIndex = Math.max(0, items.length - 1);
  if (active > lastIndex) setActive(lastIndex);

  // The keys move on from the row shown as open, also when it was opened from elsewhere (Go to
  // repository, a link) or its page arrived after it was chosen.
  const selectedIndex = selected === undefined ? -1 : items.indexOf(selected);
  const [followed, setFollowed] = useState({ selected, isFound: selectedIndex >= 0 });
  if (followed.selected !== selected || (!followed.isFound && selectedIndex >= 0)) {
    setFollowed({ selected, isFound: selectedIndex >= 0 });
    if (selectedIndex >= 0) setActive(selectedIndex);
  }
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex);
  }, [selectedIndex, virtualizer]);

  function move(to: number) {
    const next = Math.min(items.length - 1, Math.max(0, to));
    setActive(next);
    virtualizer.scrollToIndex(next);
  }

  function pick(index: number) {
    const item = items[index];
    if (item === undefined) return;
    multi?.onChange(selectOne(item));
    onPick(item);
  }

  /** Shift+↑/↓: move, and select from the anchor (the row the move started on, if none yet) to there. */
  function extend(to: number) {
    if (!multi) return;
    const next = Math.min(items.length - 1, Math.max(0, to));
    const { selection } = multi;
    const from = selection.anchor !== undefined && items.includes(selection.anchor) ? selection : undefined;
    multi.onChange(selectRange(from ?? { ...selection, anchor: items[active] }, items, items[next]!));
    move(next);
  }

  function onMultiKey(event: React.KeyboardEvent): boolean {
    if (!multi) return false;
    const isCommand = event.ctrlKey || event.metaKey;
    if (event.shiftKey && event.key === 'ArrowDown') extend(active + 1);
    else if (event.shiftKey && event.key === 'ArrowUp') extend(active - 1);
    else if (isCommand && event.key.toLowerCase() === 'a') multi.onChange(selectAll(items));
    else if (event.key === ' ' && items[active] !== undefined)
      multi.onChange(toggle(multi.selection, items[active]));
    else if (event.key === 'Escape' && multi.selection.chosen.size) multi.onChange(EMPTY_SELECTION);
    else return false;
    event.preventDefault();
    // Escape clears the selection here; it must not also close whatever surrounds the list.
    event.stopPropagation();
    return true;
  }

  function onKeyDown(event: React.KeyboardEvent) {
    if (onMultiKey(event)) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 280) / rowHeight) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(active + 1),
      ArrowUp: () => move(active - 1),
      Home: () => move(0),
      End: () => move(items.length - 1),
      PageDown: () => move(active + page),
      PageUp: () => move(active - page),
      Enter: () => pick(active),
      ' ': () => pick(active),
    };
    if (onSideKey && (event.key === 'ArrowLeft' || event.key === 'ArrowRight')) {
      const item = items[active];
      if (item === undefined) return;
      event.preventDefault();
      const to = onSideKey(item, event.key);
      if (to !== undefined && items.includes(to)) move(items.indexOf(to));
      return;
    }
    const action = keys[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  }

  return (
    <div
      ref={scrollRef}
      className="virtual-list"
      role="listbox"
      aria-label={label}
      aria-multiselectable={multi ? true : undefined}
      tabIndex={0}
      aria-activedescendant={items.length ? `${id}-${active}` : undefined}
      onKeyDown={onKeyDown}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {rows.map((row) => {
          const item = items[row.index]!;
          const drawn = look?.(item);
          return (
            <div
              key={item}
              id={`${id}-${row.index}`}
              role="option"
              aria-selected={multi ? multi.selection.chosen.has(item) : item === selected}
              aria-label={describe ? item : drawn?.label}
              aria-expanded={drawn?.isExpanded}
              title={item}
              aria-describedby={describe ? `${id}-${row.index}-details` : undefined}
              className={`${row.index === active ? 'row active' : 'row'}${describe ? ' described' : ''}${drawn?.className ? ` ${drawn.className}` : ''}`}
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                right: 0,
                height: rowHeight,
                transform: `translateY(${row.start}px)`,
              }}
              onClick={(event) => {
                setActive(row.index);
                if (multi && (event.ctrlKey || event.metaKey)) multi.onChange(toggle(multi.selection, item));
                else if (multi && event.shiftKey) multi.onChange(selectRange(multi.selection, items, item));
                else pick(row.index);
              }}
            >
              {describe ? (
                <>
                  <span className="row-name">{drawn?.content ?? <span translate="no">{item}</span>}</span>
                  <span id={`${id}-${row.index}-details`} className="row-details">
                    {describe(item)}
                  </span>
                </>
              ) : (
                (drawn?.content ?? <span translate="no">{item}</span>)
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
