import { useEffect, useRef, useState } from 'react';
import type { ServerView } from '../../../shared/contract/servers.js';
import { call } from '../../api.js';
import { Dialog, DialogButtons } from '../../components/dialog.js';
import { ErrorView, Loading } from '../../components/error-view.js';
import { useAsync } from '../../hooks/use-async.js';

const LINE_CHOICES = [100, 500, 2000];

/** The tail of the registry's own log (what Distribution printed), newest at the bottom. */
export function LogsDialog({ server, onClose }: { server: ServerView; onClose: () => void }) {
  const [lines, setLines] = useState(100);
  const logs = useAsync(`${server.name}\n${lines}`, () => call('servers.logs', { name: server.name, lines }));
  const outputRef = useRef<HTMLPreElement>(null);
  useEffect(() => {
    const output = outputRef.current;
    if (output) output.scrollTop = output.scrollHeight;
  }, [logs.status]);

  return (
    <Dialog title={`Logs of ${server.name}`} onClose={onClose} wide>
      <div className="form">
        <div className="toolbar">
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
          <span className="spacer" />
          <button type="button" className="button small" onClick={logs.reload}>
            Refresh
          </button>
        </div>
        {logs.status === 'loading' && <Loading label="Reading the log…" />}
        {logs.status === 'error' && <ErrorView error={logs.error} onRetry={logs.reload} />}
        {logs.status === 'done' &&
          (logs.value.text ? (
            <pre ref={outputRef} className="server-log" aria-label="Log" tabIndex={0}>
              {logs.value.text}
            </pre>
          ) : (
            <p className="muted">The log is empty: the registry has not written anything yet.</p>
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
