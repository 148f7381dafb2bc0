import { useState } from 'react';
import type { FixResult, Recheck, Step, StepId } from '../../../shared/contract/doctor.js';
import type { ConnectionView } from '../../../shared/contract/index.js';
import { call } from '../../api.js';
import { CommandLine } from '../../components/copy-button.js';
import { Dialog, DialogButtons } from '../../components/dialog.js';
import { ErrorView, Loading } from '../../components/error-view.js';
import { useAsync } from '../../hooks/use-async.js';
import { applicableFix, detailLines, firstBroken, STATUS_MARKS } from '../../lib/diagnosis.js';
import { EditConnectionDialog } from '../connections/index.js';
import { useAction } from '../../hooks/use-action.js';
import './diagnose.css';

/**
 * The path a pull takes to `host`, step by step (name, TCP, TLS, /v2/, credential, Docker; for Docker Hub its rate limit),
 * stopping at the first broken one, with the fix — one click where Berth can apply it. Logging in needs
 * a password, so that fix opens the saved connection's Edit dialog and runs again once it is saved.
 */
export function DiagnosePanel({
  host,
  connection: initialConnection,
  onFixed,
  onClose,
}: {
  host: string;
  connection?: string;
  /** A fix changed a saved connection (its CA, its scheme, its credential). */
  onFixed: () => void;
  onClose: () => void;
}) {
  const [round, setRound] = useState(0);
  // Saving the Edit dialog may rename the connection; the next run asks about the new name.
  const [connection, setConnection] = useState(initialConnection);
  const [editing, setEditing] = useState<ConnectionView>();
  const diagnosis = useAsync(`${host}\n${connection ?? ''}\n${round}`, () =>
    call('doctor.run', { host, ...(connection ? { connection } : {}) }),
  );
  const [applied, setApplied] = useState<Partial<Record<StepId, FixResult>>>({});
  // Running again keeps the last result on screen until the new one arrives.
  const shown = diagnosis.lastValue;
  const isRunning = diagnosis.status === 'loading';
  const broken = shown && firstBroken(shown);

  function runAgain() {
    setApplied({});
    setRound((value) => value + 1);
  }

  return (
    <Dialog title={`Diagnose ${host}`} onClose={onClose} wide>
      <div className="form diagnose">
        {isRunning && <Loading label={shown ? 'Running again…' : `Walking the path to ${host}…`} />}
        {diagnosis.status === 'error' && <ErrorView error={diagnosis.error} onRetry={runAgain} />}
        {shown && !isRunning && (
          <p className={broken ? 'note danger' : 'note passed'} role="status">
            {broken
              ? `First broken step: ${broken.title}.`
              : `No broken step: ${shown.scheme}://${shown.host} answers as a registry.`}
          </p>
        )}
        {shown && (
          <ol className="checklist" aria-label="Steps" aria-busy={isRunning}>
            {shown.steps.map((step) => (
              <StepRow
                key={step.id}
                step={step}
                host={host}
                connection={connection}
                applied={applied[step.id]}
                onApplied={(result) => {
                  setApplied((previous) => ({ ...previous, [step.id]: result }));
                  if (result.done) onFixed();
                }}
                onLogIn={setEditing}
              />
            ))}
          </ol>
        )}
        <DialogButtons>
          <span className="spacer" />
          <button type="button" className="button ghost" onClick={onClose}>
            Close
          </button>
          <button type="button" className="button primary" disabled={isRunning} onClick={runAgain}>
            Run again
          </button>
        </DialogButtons>
      </div>
      {editing && (
        <EditConnectionDialog
          connection={editing}
          onClose={() => setEditing(undefined)}
          onSaved={(saved) => {
            setEditing(undefined);
            setConnection(saved.name);
            onFixed();
            runAgain();
          }}
        />
      )}
    </Dialog>
  );
}

/** What the run right after a fix said about its step. */
function recheckText(recheck: Recheck): string {
  if (recheck.passes)
    return `Checked again: this step now passes.${recheck.ok ? '' : ' Run again to see the next one.'}`;
  if (recheck.status === 'skipped')
    return `Checked again: not reached, "${recheck.broken?.title ?? 'an earlier step'}" fails first.`;
  return `Checked again: this step still ${recheck.status === 'fail' ? 'fails' : 'warns'}.`;
}

function StepRow({
  step,
  host,
  connection,
  applied,
  onApplied,
  onLogIn,
}: {
  step: Step;
  host: string;
  connection: string | undefined;
  applied: FixResult | undefined;
  onApplied: (result: FixResult) => void;
  /** Opens the Edit dialog of the saved connection the step is about. */
  onLogIn: (saved: ConnectionView) => void;
}) {
  const action = useAction();
  const [isUnsaved, setIsUnsaved] = useState(false);
  const marks = STATUS_MARKS[step.status];
  const offer = step.status === 'ok' ? undefined : step.fix;
  const oneClick = applicableFix(offer);

  async function apply() {
    if (!oneClick) return;
    const result = await action.run('apply', () =>
      call('doctor.applyFix', { host, ...(connection ? { connection } : {}), fix: oneClick.fix }),
    );
    if (result) onApplied(result);
  }

  async function logIn() {
    const listed = await action.run('login', () => call('connections.list', {}));
    if (!listed) return;
    const saved = listed.connections.find((candidate) =>
      connection ? candidate.name === connection : candidate.host === host,
    );
    if (saved) onLogIn(saved);
    else setIsUnsaved(true);
  }

  return (
    <li className={`step ${step.status}`} aria-label={`${step.title}: ${marks.label}`}>
      <span className="step-mark" aria-hidden="true">
        {marks.mark}
      </span>
      <div className="step-body">
        <div className="step-title">
          <strong>{step.title}</strong>
          {step.status !== 'skipped' && <span className="step-time">{step.ms} ms</span>}
        </div>
        {detailLines(step.detail).map((line) => (
          <p key={line} className="step-detail">
            {line}
          </p>
        ))}
        {offer && (
          <div className="note step-fix">
            <p>
              <span className="fix-label">Fix</span>
              {offer.text}
            </p>
            {oneClick && !applied?.done && (
              <button
                type="button"
                className="button small primary"
                disabled={action.busy}
                onClick={() => void apply()}
              >
                {action.busy ? 'Applying…' : oneClick.label}
              </button>
            )}
            {offer.action === 'login' && (
              <>
                <button
                  type="button"
                  className="button small primary"
                  disabled={action.busy}
                  onClick={() => void logIn()}
                >
                  Log in…
                </button>
                {isUnsaved && (
                  <p className="warning" role="status">
                    {host} is not a saved connection: add it with its username and password, or log in from a
                    terminal.
                  </p>
                )}
                <CommandLine command={`berth login ${connection ?? host}`} label="Copy the login command" />
              </>
            )}
            {action.error && <ErrorView error={action.error} />}
            {applied && (
              <p className={applied.done ? 'success' : 'warning'} role="status">
                {applied.message}
                {applied.recheck ? ` ${recheckText(applied.recheck)}` : ''}
              </p>
            )}
            {applied?.elevation && (
              <>
                <p className="muted">{applied.elevation.explanation}</p>
                <CommandLine command={applied.elevation.command} label="Copy the command" />
              </>
            )}
          </div>
        )}
      </div>
    </li>
  );
}
