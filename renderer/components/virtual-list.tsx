import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useRef, useState } from 'react';

/**
 * A keyboard-navigable, virtualized listbox: ↑ ↓ Home End PageUp PageDown move, Enter picks. Only the
 * visible rows are in the DOM, so ten thousand tags cost what twenty do. `onNearEnd` asks for more.
 */
export function VirtualList({
  label,
  items,
  selected,
  onPick,
  onNearEnd,
  rowHeight = 28,
}: {
  label: string;
  items: readonly string[];
  selected: string | undefined;
  onPick: (item: string) => void;
  onNearEnd?: () => void;
  rowHeight?: number;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const id = useId();
  const [active, setActive] = useState(() => Math.max(0, selected ? items.indexOf(selected) : 0));
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  const rows = virtualizer.getVirtualItems();
  const lastVisible = rows.at(-1)?.index ?? 0;

  useEffect(() => {
    if (onNearEnd && items.length && lastVisible >= items.length - 20) onNearEnd();
  }, [lastVisible, items.length, onNearEnd]);

  useEffect(() => {
    if (active >= items.length) setActive(Math.max(0, items.length - 1));
  }, [items.length, active]);

  function move(to: number) {
    const next = Math.min(items.length - 1, Math.max(0, to));
    setActive(next);
    virtualizer.scrollToIndex(next);
  }

  function onKeyDown(event: React.KeyboardEvent) {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 280) / rowHeight) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(active + 1),
      ArrowUp: () => move(active - 1),
      Home: () => move(0),
      End: () => move(items.length - 1),
      PageDown: () => move(active + page),
      PageUp: () => move(active - page),
      Enter: () => items[active] !== undefined && onPick(items[active]),
      ' ': () => items[active] !== undefined && onPick(items[active]),
    };
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
      tabIndex={0}
      aria-activedescendant={items.length ? `${id}-${active}` : undefined}
      onKeyDown={onKeyDown}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {rows.map((row) => {
          const item = items[row.index]!;
          return (
            <div
              key={item}
              id={`${id}-${row.index}`}
              role="option"
              aria-selected={item === selected}
              className={row.index === active ? 'row active' : 'row'}
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                right: 0,
                height: rowHeight,
                transform: `translateY(${row.start}px)`,
              }}
              onClick={() => {
                setActive(row.index);
                onPick(item);
              }}
            >
              {item}
            </div>
          );
        })}
      </div>
    </div>
  );
}
