import { useState } from 'react';
import type { FixResult, Recheck, Step, StepId } from '../../../shared/contract/doctor.js';
import type { ConnectionView } from '../../../shared/contract/index.js';
import { call } from '../../api.js';
import { CommandLine } from '../../components/copy-button.js';
import { Dialog, DialogButtons } from '../../components/dialog.js';
import { ErrorView, Loading } from '../../components/error-view.js';
import { useAsync } from '../../hooks/use-async.js';
import {
  applicableFix,
  firstBroken,
  fixResultText,
  fixText,
  STATUS_MARKS,
  statusLabel,
  stepDetailLines,
  stepTitle,
} from '../../lib/diagnosis.js';
import { useT, type Translate } from '../../i18n/index.js';
import { common } from '../../i18n/messages.js';
import { panel as m } from './messages.js';
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
  const t = useT();
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
    <Dialog title={t(m.title, { host })} onClose={onClose} wide>
      <div className="form diagnose">
        {isRunning && <Loading label={shown ? t(m.runningAgain) : t(m.walking, { host })} />}
        {diagnosis.status === 'error' && <ErrorView error={diagnosis.error} onRetry={runAgain} />}
        {shown && !isRunning && (
          <p className={broken ? 'note danger' : 'note passed'} role="status">
            {broken
              ? t(m.firstBroken, { title: stepTitle(t, broken) })
              : t.rich(m.noBroken, {
                  address: <span translate="no">{`${shown.scheme}://${shown.host}`}</span>,
                })}
          </p>
        )}
        {shown && (
          <ol className="checklist" aria-label={t(m.steps)} aria-busy={isRunning}>
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
            {t(common.close)}
          </button>
          <button type="button" className="button primary" disabled={isRunning} onClick={runAgain}>
            {t(m.runAgain)}
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
function recheckText(t: Translate, recheck: Recheck): string {
  if (recheck.passes) return t(recheck.ok ? m.recheckPasses : m.recheckPassesMore);
  if (recheck.status === 'skipped')
    return recheck.broken
      ? t(m.recheckNotReached, { title: stepTitle(t, recheck.broken) })
      : t(m.recheckNotReachedEarlier);
  return t(recheck.status === 'fail' ? m.recheckFails : m.recheckWarns);
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
  const t = useT();
  const action = useAction();
  const [isUnsaved, setIsUnsaved] = useState(false);
  const offer = step.status === 'ok' ? undefined : step.fix;
  const oneClick = applicableFix(offer, t);
  const title = stepTitle(t, step);
  const outcome = applied && fixResultText(t, applied);

  async function apply() {
    if (!oneClick) return;
    // The fix as the request takes it: what to do, not the words it was said in.
    const { text, action: fixAction, value } = oneClick.fix;
    const fix = { text, action: fixAction, ...(value === undefined ? {} : { value }) };
    const result = await action.run('apply', () =>
      call('doctor.applyFix', { host, ...(connection ? { connection } : {}), fix }),
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
    <li
      className={`step ${step.status}`}
      aria-label={t(m.stepLabel, { title, status: statusLabel(t, step.status) })}
    >
      <span className="step-mark" aria-hidden="true">
        {STATUS_MARKS[step.status]}
      </span>
      <div className="step-body">
        <div className="step-title">
          <strong>{title}</strong>
          {step.status !== 'skipped' && (
            <span className="step-time">{t(m.milliseconds, { ms: step.ms })}</span>
          )}
        </div>
        {stepDetailLines(t, step).map((line) => (
          <p key={line} className="step-detail">
            {line}
          </p>
        ))}
        {offer && (
          <div className="note step-fix">
            <p>
              <span className="fix-label">{t(m.fix)}</span>
              {fixText(t, step)}
            </p>
            {oneClick && !applied?.done && (
              <button
                type="button"
                className="button small primary"
                disabled={action.busy}
                onClick={() => void apply()}
              >
                {action.busy ? t(m.applying) : oneClick.label}
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
                  {t(m.logIn)}
                </button>
                {isUnsaved && (
                  <p className="warning" role="status">
                    {t.rich(m.unsaved, { host: <span translate="no">{host}</span> })}
                  </p>
                )}
                <CommandLine command={`berth login ${connection ?? host}`} label={t(m.copyLogin)} />
              </>
            )}
            {action.error && <ErrorView error={action.error} />}
            {applied && outcome && (
              <p className={applied.done ? 'success' : 'warning'} role="status">
                {applied.recheck
                  ? t(m.appliedAndRechecked, {
                      message: outcome.message,
                      recheck: recheckText(t, applied.recheck),
                    })
                  : outcome.message}
              </p>
            )}
            {applied?.elevation && (
              <>
                <p className="muted">{outcome?.elevation}</p>
                <CommandLine command={applied.elevation.command} label={t(m.copyCommand)} />
              </>
            )}
          </div>
        )}
      </div>
    </li>
  );
}
