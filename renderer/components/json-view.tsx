import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef } from 'react';
import { jsonLines, MAX_LINE_CHARS, tokenizeJsonLine } from '../lib/json-lines.js';
import { useT } from '../i18n/index.js';
import { CopyButton } from './copy-button.js';
import { components as m } from './messages.js';
import './json-view.css';

const LINE_HEIGHT = 18;

/**
 * JSON as a registry served it, with line numbers and highlighting, and a button that copies the exact
 * text. Only the lines on screen are in the DOM and only they are tokenized, so a 1 MB manifest opens
 * as fast as a small one.
 */
export function JsonView({ text, label, copyLabel }: { text: string; label: string; copyLabel: string }) {
  const t = useT();
  const scrollRef = useRef<HTMLDivElement>(null);
  const { lines, isReformatted, longest, cutLines } = useMemo(() => jsonLines(text), [text]);
  // TanStack Virtual's virtualizer is mutable by design; this component reads it afresh each render.
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer's API is mutable by design
  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => LINE_HEIGHT,
    overscan: 20,
  });
  const gutter = String(lines.length).length;
  return (
    <div className="json-view">
      <div className="json-view-bar">
        <span className="muted small">
          {t(m.jsonLines, { count: lines.length })}
          {isReformatted ? t(m.jsonReformatted) : ''}
          {cutLines ? t(m.jsonCut, { count: cutLines, max: t.intl.formatNumber(MAX_LINE_CHARS) }) : ''}
        </span>
        <CopyButton text={text} label={copyLabel} />
      </div>
      <div
        ref={scrollRef}
        className="json-scroll"
        role="region"
        aria-label={label}
        tabIndex={0}
        style={{ ['--gutter' as string]: `${gutter + 2}ch` }}
      >
        <div
          className="json-lines"
          style={{ height: virtualizer.getTotalSize(), minWidth: `calc(${gutter + 4 + longest}ch + 24px)` }}
        >
          {virtualizer.getVirtualItems().map((row) => (
            <div
              key={row.index}
              className="json-line"
              style={{ height: LINE_HEIGHT, transform: `translateY(${row.start}px)` }}
            >
              <span className="json-line-number" aria-hidden="true">
                {row.index + 1}
              </span>
              <code>
                {tokenizeJsonLine(lines[row.index]!).map((token, index) =>
                  token.kind === 'space' || token.kind === 'other' ? (
                    token.text
                  ) : (
                    <span key={index} className={`json-${token.kind}`}>
                      {token.text}
                    </span>
                  ),
                )}
              </code>
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
