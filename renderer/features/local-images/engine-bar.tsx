import { useState } from 'react';
import type { EngineStatus } from '../../../shared/docker.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import type { EngineList } from '../../../shared/contract/index.js';
import { ErrorView } from '../../components/error-view.js';
import { useT } from '../../i18n/index.js';
import { addressReason, candidateLabel, describeEngine, engineProblem } from './engine-state.js';
import { engine as words } from './messages.js';

interface EngineBarProps {
  /** Undefined while unknown, or when the configured address cannot be used at all. */
  status?: EngineStatus;
  list?: EngineList;
  switching: boolean;
  switchError?: ErrorInfo;
  /** Why the engine switched to is used for this run only. */
  notRemembered?: string;
  onUse: (host: string) => void;
}

/** Which engine Berth talks to, why that one, and a switch to the others it found. */
export function EngineBar({ status, list, switching, switchError, notRemembered, onUse }: EngineBarProps) {
  const t = useT();
  const isRunning = status?.state === 'running';
  const current = list?.current?.host;
  // Switching waits for the button: arrow keys on a closed select change it one option at a time.
  const [choice, setChoice] = useState(current ?? list?.candidates[0]?.host ?? '');
  // The engine in use changed (a switch, a check): the choice follows it, set while rendering.
  const [shownCurrent, setShownCurrent] = useState(current);
  if (shownCurrent !== current) {
    setShownCurrent(current);
    if (current) setChoice(current);
  }
  return (
    <section className="engine-bar" aria-label={t(words.engine)}>
      <span className={`status-dot ${isRunning ? 'ok' : 'bad'}`} aria-hidden="true" />
      <div className="engine-text">
        {isRunning && status ? (
          <strong translate="no">{describeEngine(status)}</strong>
        ) : (
          <strong>{t(words.notAvailable)}</strong>
        )}
        {status && (
          <span className="muted small">
            <code>{status.address.host}</code> · {addressReason(t, status.address.reason)}
          </span>
        )}
      </div>
      <span className="spacer" />
      {list && (
        <form
          className="engine-switch"
          onSubmit={(event) => {
            event.preventDefault();
            onUse(choice);
          }}
        >
          <label>
            <span>{t(words.engine)}</span>
            <select
              className="input select"
              value={choice}
              onChange={(event) => setChoice(event.target.value)}
            >
              {list.candidates.map((candidate) => (
                <option key={candidate.host} value={candidate.host}>
                  {candidateLabel(t, candidate)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="button" disabled={switching || !choice || choice === current}>
            {t(switching ? words.switching : words.use)}
          </button>
        </form>
      )}
      {switchError && <ErrorView error={switchError} />}
      {notRemembered !== undefined && (
        <p className="warning" role="status">
          {t(words.notRemembered, { why: notRemembered || t(words.settingsNotWritten) })}
        </p>
      )}
    </section>
  );
}

/** The engine cannot be used: what is wrong, in the core's words, and how to fix it. */
export function EngineProblemView({
  status,
  list,
  onCheck,
}: {
  status: EngineStatus;
  list: EngineList;
  onCheck: () => void;
}) {
  const t = useT();
  const problem = engineProblem(t, status, list.candidates);
  if (!problem) return null;
  return (
    <section className="engine-problem" aria-labelledby="engine-problem-title">
      <h2 id="engine-problem-title">{problem.title}</h2>
      <p>{problem.message}</p>
      <p className="muted small">
        {t(words.whyAddress, { reason: addressReason(t, status.address.reason) })}
      </p>
      {problem.fixes.length > 0 && (
        <div className="note engine-fix" role="note" aria-label={t(words.howToFix)}>
          <h3>{t(words.howToFix)}</h3>
          <ul>
            {problem.fixes.map((fix) => (
              <li key={fix}>{withCode(fix)}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="toolbar">
        <button type="button" className="button primary" onClick={onCheck}>
          {t(words.checkAgain)}
        </button>
        <span className="muted small">{t(words.orChoose)}</span>
      </div>
    </section>
  );
}

/** The core writes commands in backticks: show them as code. */
function withCode(text: string): React.ReactNode[] {
  return text.split('`').map((part, index) => (index % 2 ? <code key={index}>{part}</code> : part));
}
