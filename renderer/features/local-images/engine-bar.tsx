import { useState } from 'react';
import type { EngineStatus } from '../../../shared/docker.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import type { EngineList } from '../../../shared/contract/index.js';
import { ErrorView } from '../../components/error-view.js';
import { candidateLabel, describeEngine, engineProblem } from './engine-state.js';

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
    <section className="engine-bar" aria-label="Engine">
      <span className={`status-dot ${isRunning ? 'ok' : 'bad'}`} aria-hidden="true" />
      <div className="engine-text">
        <strong>{isRunning && status ? describeEngine(status) : 'Not available'}</strong>
        {status && (
          <span className="muted small">
            <code>{status.address.host}</code> · {status.address.reason}
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
            <span>Engine</span>
            <select
              className="input select"
              value={choice}
              onChange={(event) => setChoice(event.target.value)}
            >
              {list.candidates.map((candidate) => (
                <option key={candidate.host} value={candidate.host}>
                  {candidateLabel(candidate)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="button" disabled={switching || !choice || choice === current}>
            {switching ? 'Switching…' : 'Use'}
          </button>
        </form>
      )}
      {switchError && <ErrorView error={switchError} />}
      {notRemembered && (
        <p className="warning" role="status">
          Berth uses this engine until it quits, but cannot remember it for the next start: {notRemembered}
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
  const problem = engineProblem(status, list.candidates);
  if (!problem) return null;
  return (
    <section className="engine-problem" aria-labelledby="engine-problem-title">
      <h2 id="engine-problem-title">{problem.title}</h2>
      <p>{problem.message}</p>
      <p className="muted small">Why this address: {status.address.reason}.</p>
      {problem.fixes.length > 0 && (
        <div className="note engine-fix" role="note" aria-label="How to fix it">
          <h3>How to fix it</h3>
          <ul>
            {problem.fixes.map((fix) => (
              <li key={fix}>{withCode(fix)}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="toolbar">
        <button type="button" className="button primary" onClick={onCheck}>
          Check again
        </button>
        <span className="muted small">or choose another engine above.</span>
      </div>
    </section>
  );
}

/** The core writes commands in backticks: show them as code. */
function withCode(text: string): React.ReactNode[] {
  return text.split('`').map((part, index) => (index % 2 ? <code key={index}>{part}</code> : part));
}
