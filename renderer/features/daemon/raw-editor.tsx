import { useState } from 'react';
import type { DaemonConfigState, DaemonJsonProblem } from '../../../shared/contract/index.js';
import { useT } from '../../i18n/index.js';
import { caretLine, checkedAgainst } from './daemon-logic.js';
import { raw as m, save } from './messages.js';
import { ReviewAndSave } from './save-dialog.js';
import { usePreview } from './use-daemon.js';
import { useEntryText } from './entry-text.js';

/** Where a JSON error is: its message, line and column, and that line with a caret under the column. */
export function JsonProblemView({ problem }: { problem: DaemonJsonProblem }) {
  const t = useT();
  return (
    <div className="daemon-json-problem">
      <p>{t(m.position, { line: problem.line, column: problem.column })}</p>
      <pre aria-label={t(m.lineOfFile, { line: problem.line })}>
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
  const t = useT();
  const daemonText = useEntryText();
  const [text, setText] = useState(state.text);
  const preview = usePreview(state.fingerprint, { kind: 'text', text });
  const value = preview?.value;
  const edited = text !== state.text;
  const canSave = Boolean(value && value.changed && value.problems.length === 0);
  return (
    <section className="daemon-raw" aria-label={t(m.region)}>
      <label className="field">
        <span translate="no">daemon.json</span>
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
          <p className="entry-error small">{t(m.asOnDisk)}</p>
        ) : !preview ? (
          <p className="muted small">{t(m.checking)}</p>
        ) : preview.error ? (
          <p className="entry-error small">{preview.error.message}</p>
        ) : value && value.problems.length > 0 ? (
          <div className="error-view">
            <p className="error-message">
              {value.jsonProblem
                ? daemonText.said(value.jsonProblem.said, value.jsonProblem.message)
                : t(save.wouldRefuse)}
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
              <p className="small success">
                {t.rich(m.noProblem, {
                  against: <span translate="no">{checkedAgainst(value.checked)}</span>,
                })}
              </p>
              {value.checked && value.checked.unchecked.length > 0 && (
                <div className="warning small">
                  <p>{t(m.notChecked)}</p>
                  <ul aria-label={t(m.notCheckedList)}>
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
          daemonText.notes(value).map((note) => (
            <p key={note} className="note small">
              {note}
            </p>
          ))}
      </div>
      <div className="toolbar">
        <button type="button" className="button" disabled={!edited} onClick={() => setText(state.text)}>
          {t(m.discardEdits)}
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
