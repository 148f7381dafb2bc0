import { useState } from 'react';
import type { DaemonConfigState, DaemonJsonProblem } from '../../../shared/contract/index.js';
import { caretLine, checkedClaim } from './daemon-logic.js';
import { ReviewAndSave } from './save-dialog.js';
import { usePreview } from './use-daemon.js';

/** Where a JSON error is: its message, line and column, and that line with a caret under the column. */
export function JsonProblemView({ problem }: { problem: DaemonJsonProblem }) {
  return (
    <div className="daemon-json-problem">
      <p>
        Line {problem.line}, column {problem.column}
      </p>
      <pre aria-label={`Line ${problem.line} of the file`}>
        {problem.lineText}
        {'\n'}
        <span className="caret">{caretLine(problem.lineText, problem.column)}</span>
      </pre>
    </div>
  );
}

/**
 * The whole file as text. Every other key stays as typed; the text is checked like dockerd reads it
 * (strict JSON, known keys and their types, flags on dockerd's command line, both lists) before it can
 * be saved, and the page says what that check did not cover.
 */
export function RawEditor({ state, onSaved }: { state: DaemonConfigState; onSaved: () => void }) {
  const [text, setText] = useState(state.text);
  const preview = usePreview(state.fingerprint, { kind: 'text', text });
  const value = preview?.value;
  const edited = text !== state.text;
  const canSave = Boolean(value && value.changed && value.problems.length === 0);
  return (
    <section className="daemon-raw" aria-label="Raw JSON">
      <label className="field">
        <span>daemon.json</span>
        <textarea
          className="input daemon-raw-text"
          value={text}
          spellCheck={false}
          rows={18}
          aria-invalid={value ? value.problems.length > 0 : undefined}
          aria-describedby="daemon-raw-status"
          onChange={(event) => setText(event.target.value)}
        />
      </label>
      <div id="daemon-raw-status" aria-live="polite">
        {!edited && state.invalid ? (
          <p className="entry-error small">
            This is the file as it is on disk, with the error shown above. Correct it here, then review and
            save: that replaces the invalid file (a backup of it is kept).
          </p>
        ) : !preview ? (
          <p className="muted small">Checking…</p>
        ) : preview.error ? (
          <p className="entry-error small">{preview.error.message}</p>
        ) : value && value.problems.length > 0 ? (
          <div className="error-view">
            <p className="error-message">
              {value.jsonProblem ? value.jsonProblem.message : 'dockerd would refuse this file:'}
            </p>
            {value.jsonProblem ? (
              <JsonProblemView problem={value.jsonProblem} />
            ) : (
              <ul className="daemon-problems">
                {value.problems.map((problem) => (
                  <li key={problem}>{problem}</li>
                ))}
              </ul>
            )}
          </div>
        ) : (
          value && (
            <>
              <p className="small success">{checkedClaim(value.checked)}</p>
              {value.checked && value.checked.unchecked.length > 0 && (
                <div className="warning small">
                  <p>Not checked:</p>
                  <ul aria-label="Not checked">
                    {value.checked.unchecked.map((item) => (
                      <li key={item}>{item}</li>
                    ))}
                  </ul>
                </div>
              )}
            </>
          )
        )}
        {value?.problems.length === 0 &&
          value.notes.map((note) => (
            <p key={note} className="note small">
              {note}
            </p>
          ))}
      </div>
      <div className="toolbar">
        <button type="button" className="button" disabled={!edited} onClick={() => setText(state.text)}>
          Discard edits
        </button>
        <span className="spacer" />
        <ReviewAndSave
          disabled={!canSave}
          file={state.file}
          fingerprint={state.fingerprint}
          change={{ kind: 'text', text }}
          replacesInvalid={Boolean(state.invalid)}
          onSaved={onSaved}
        />
      </div>
    </section>
  );
}
