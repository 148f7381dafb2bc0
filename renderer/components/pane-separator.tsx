import { useRef, useState } from 'react';
import { useT } from '../i18n/index.js';
import { widthForKey } from '../lib/pane-layout.js';
import { components as m } from './messages.js';

/**
 * The line between two side-by-side panes, which resizes the pane on its left: drag it, or focus it and
 * press ←/→ (Shift for bigger steps), Home/End for the narrowest and widest; a double click resets it.
 * A focusable `separator` with its value, as WAI-ARIA's window splitter pattern describes.
 */
export function PaneSeparator({
  label,
  width,
  min,
  max,
  onResize,
}: {
  /** What it resizes: "Resize repositories". */
  label: string;
  width: number;
  min: number;
  max: number;
  /** A new width, or undefined to go back to the default. */
  onResize: (width: number | undefined) => void;
}) {
  const t = useT();
  const drag = useRef<{ x: number; width: number }>(undefined);
  const [isDragging, setIsDragging] = useState(false);

  function start(event: React.PointerEvent<HTMLDivElement>) {
    if (event.button !== 0) return;
    event.preventDefault(); // no text selection while dragging
    event.currentTarget.setPointerCapture(event.pointerId);
    event.currentTarget.focus();
    drag.current = { x: event.clientX, width };
    setIsDragging(true);
  }

  function move(event: React.PointerEvent<HTMLDivElement>) {
    if (!drag.current) return;
    onResize(drag.current.width + event.clientX - drag.current.x);
  }

  function stop() {
    drag.current = undefined;
    setIsDragging(false);
  }

  function press(event: React.KeyboardEvent<HTMLDivElement>) {
    const next = widthForKey(event.key, event.shiftKey, width, { min, max });
    if (next === undefined) return;
    event.preventDefault();
    onResize(next);
  }

  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuenow={width}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      title={t(m.resizeTitle)}
      className={isDragging ? 'pane-separator dragging' : 'pane-separator'}
      onPointerDown={start}
      onPointerMove={move}
      onPointerUp={stop}
      onPointerCancel={stop}
      onKeyDown={press}
      onDoubleClick={() => onResize(undefined)}
    />
  );
}
