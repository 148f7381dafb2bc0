import { useEffect, useId, useRef, useState } from 'react';
import type { ServerView } from '../../../shared/contract/servers.js';
import { call } from '../../api.js';
import { Dialog, DialogButtons } from '../../components/dialog.js';
import { ErrorView, Loading } from '../../components/error-view.js';
import { useAsync } from '../../hooks/use-async.js';
import { searchLog } from '../../lib/registry-server.js';
import { useT } from '../../i18n/index.js';
import { common } from '../../i18n/messages.js';
import { logs as m } from './messages.js';

const LINE_CHOICES = [100, 500, 2000];
/** How often the log is read again while the dialog is open. */
const FOLLOW_MS = 2000;
/** Within this many pixels of the end counts as "at the bottom": the view follows new lines. */
const BOTTOM_SLACK_PX = 24;

/**
 * The tail of the registry's own log (what Distribution printed), newest at the bottom. It is read again
 * every two seconds; while the view is at the bottom it follows the new lines, and scrolled up it stays
 * put. The search keeps the lines that contain the words and marks them.
 */
export function LogsDialog({ server, onClose }: { server: ServerView; onClose: () => void }) {
  const [lines, setLines] = useState(100);
  const [query, setQuery] = useState('');
  const logs = useAsync(`${server.name}\n${lines}`, () => call('servers.logs', { name: server.name, lines }));
  const { reload } = logs;
  const text = logs.status === 'done' ? logs.value.text : logs.lastValue?.text;
  const outputRef = useRef<HTMLPreElement>(null);
  const isAtBottom = useRef(true);
  const countId = useId();
  const t = useT();

  useEffect(() => {
    const timer = setInterval(reload, FOLLOW_MS);
    return () => clearInterval(timer);
  }, [reload]);

  const found = searchLog(text ?? '', query);
  const shownKey = `${text ?? ''}\n${query}`;
  useEffect(() => {
    const output = outputRef.current;
    if (output && isAtBottom.current) output.scrollTop = output.scrollHeight;
  }, [shownKey]);

  function onScroll() {
    const output = outputRef.current;
    if (!output) return;
    isAtBottom.current = output.scrollHeight - output.scrollTop - output.clientHeight <= BOTTOM_SLACK_PX;
  }

  return (
    <Dialog title={t(m.title, { name: server.name })} onClose={onClose} wide>
      <div className="form">
        <div className="toolbar wrap">
          <label className="check">
            {t(m.last)}
            <select
              className="input select"
              value={lines}
              aria-label={t(m.linesToShow)}
              onChange={(event) => setLines(Number(event.target.value))}
            >
              {LINE_CHOICES.map((count) => (
                <option key={count} value={count}>
                  {count}
                </option>
              ))}
            </select>
            {t(m.lines)}
          </label>
          <input
            type="search"
            className="input server-log-search"
            placeholder={t(m.search)}
            aria-label={t(m.search)}
            aria-describedby={countId}
            value={query}
            onChange={(event) => setQuery(event.target.value)}
          />
          <span className="spacer" />
          <span id={countId} className="muted small" role="status">
            {text === undefined
              ? ''
              : query.trim()
                ? t(m.matching, { found: found.lines.length, total: found.total })
                : t(m.following, { total: found.total })}
          </span>
        </div>
        {text === undefined && logs.status !== 'error' && <Loading label={t(m.reading)} />}
        {logs.status === 'error' && <ErrorView error={logs.error} onRetry={reload} />}
        {text !== undefined &&
          (!text ? (
            <p className="muted">{t(m.empty)}</p>
          ) : found.lines.length === 0 ? (
            <p className="muted" role="status">
              {t.rich(m.noMatch, { query: <span translate="no">{query.trim()}</span> })}
            </p>
          ) : (
            <pre
              ref={outputRef}
              className="server-log"
              aria-label={t(m.log)}
              tabIndex={0}
              onScroll={onScroll}
            >
              {found.lines.map((line) => (
                <span key={line.number} className="server-log-line">
                  {line.parts.map((part, index) =>
                    part.isMatch ? <mark key={index}>{part.text}</mark> : part.text,
                  )}
                  {'\n'}
                </span>
              ))}
            </pre>
          ))}
        <DialogButtons>
          <span className="spacer" />
          <button type="button" className="button primary" onClick={onClose}>
            {t(common.close)}
          </button>
        </DialogButtons>
      </div>
    </Dialog>
  );
}
