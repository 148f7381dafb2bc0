import { useEffect, useId, useRef, useState } from 'react';
import type { ServerView } from '../../../shared/contract/servers.js';
import { call } from '../../api.js';
import { Dialog, DialogButtons } from '../../components/dialog.js';
import { ErrorView, Loading } from '../../components/error-view.js';
import { useAsync } from '../../hooks/use-async.js';
import { searchLog } from '../../lib/registry-server.js';

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
    <Dialog title={`Logs of ${server.name}`} onClose={onClose} wide>
      <div className="form">
        <div className="toolbar wrap">
          <label className="check">
            Last
            <select
              className="input select"
              value={lines}
              aria-label="Lines to show"
              onChange={(event) => setLines(Number(event.target.value))}
            >
              {LINE_CHOICES.map((count) => (
                <option key={count} value={count}>
                  {count}
                </option>
              ))}
            </select>
            lines
          </label>
          <input
            type="search"
            className="input server-log-search"
            placeholder="Search the log"
            aria-label="Search the log"
            aria-describedby={countId}
            value={query}
            onChange={(event) => setQuery(event.target.value)}
          />
          <span className="spacer" />
          <span id={countId} className="muted small" role="status">
            {text === undefined
              ? ''
              : query.trim()
                ? `${found.lines.length} of ${found.total} lines match`
                : `${found.total} lines · new lines appear as the registry writes them`}
          </span>
        </div>
        {text === undefined && logs.status !== 'error' && <Loading label="Reading the log…" />}
        {logs.status === 'error' && <ErrorView error={logs.error} onRetry={reload} />}
        {text !== undefined &&
          (!text ? (
            <p className="muted">The log is empty: the registry has not written anything yet.</p>
          ) : found.lines.length === 0 ? (
            <p className="muted" role="status">
              No line contains “{query.trim()}”.
            </p>
          ) : (
            <pre ref={outputRef} className="server-log" aria-label="Log" tabIndex={0} onScroll={onScroll}>
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
            Close
          </button>
        </DialogButtons>
      </div>
    </Dialog>
  );
}
