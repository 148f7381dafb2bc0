import { useState } from 'react';
import type { DaemonChangeInput, DaemonSaveResult } from '../../../shared/contract/index.js';
import { call } from '../../api.js';
import { CommandLine } from '../../components/copy-button.js';
import { Dialog, DialogActions, DoneActions } from '../../components/dialog.js';
import { ErrorView, Loading } from '../../components/error-view.js';
import { useAsync } from '../../hooks/use-async.js';
import { diffLines } from './daemon-logic.js';
import { useAction } from '../../hooks/use-action.js';

/** A unified diff, added and removed lines coloured (and marked + / - for who cannot see colour). */
export function DiffView({ diff, label }: { diff: string; label: string }) {
  return (
    <pre className="daemon-diff" role="region" aria-label={label} tabIndex={0}>
      {diffLines(diff).map((line, index) => (
        <span key={index} className={`diff-${line.kind}`}>
          {line.text}
          {'\n'}
        </span>
      ))}
    </pre>
  );
}

/** The command as a shell would read it, each argument quoted where needed. */
function shellLine(argv: string[]): string {
  return argv
    .map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`))
    .join(' ');
}

/** What happened: written (with its backup), or the elevated command that would write it. */
export function SaveOutcome({ result, file }: { result: DaemonSaveResult; file: string }) {
  if (result.written)
    return (
      <p className="note" role="status">
        Saved {file}.{result.backup ? ` The previous file is kept as ${result.backup}.` : ''} Apply to make
        dockerd use it.
      </p>
    );
  return (
    <div className="notice daemon-elevation" role="status">
      <p>
        <strong>Not written: administrator rights are needed.</strong> {result.elevation.explanation}
      </p>
      <p className="small">
        Berth wrote the new content to <code>{result.elevation.stagedFile}</code>. This command copies the
        current file to the backup, then that staged file over {file} — it is all that runs. Run it in a
        terminal:
      </p>
      <CommandLine command={shellLine(result.elevation.command)} label="Copy the command" />
    </div>
  );
}

/**
 * The settings besides the registry lists that a change touches, and the box that confirms them. They
 * change how dockerd runs, and some of them (runtimes, hosts, authorization plugins) run programs as root.
 */
function OtherSettingsWarning({
  keys,
  confirmed,
  onConfirm,
}: {
  keys: string[];
  confirmed: boolean;
  onConfirm: (confirmed: boolean) => void;
}) {
  return (
    <div className="warning daemon-settings-warning" role="group" aria-labelledby="daemon-settings-title">
      <p id="daemon-settings-title">
        <strong>
          This also changes {keys.length === 1 ? 'a setting' : `${keys.length} settings`} besides the registry
          lists
        </strong>
      </p>
      <ul aria-label="Other settings this save changes">
        {keys.map((key) => (
          <li key={key}>
            <code>{key}</code>
          </li>
        ))}
      </ul>
      <p className="small">
        These change how dockerd runs, not only which registries it trusts. Some (such as runtimes, hosts or
        authorization-plugins) make dockerd start programs as root. Save them only if you wrote them and mean
        them.
      </p>
      <label className="check">
        <input type="checkbox" checked={confirmed} onChange={(event) => onConfirm(event.target.checked)} />
        Change {keys.length === 1 ? 'this dockerd setting' : 'these dockerd settings'} too
      </label>
    </div>
  );
}

/**
 * The diff of a change before it is written; Save writes exactly that text (after a backup). Over a file
 * that is not valid JSON only when `replacesInvalid` says the user chose to replace it, and a change to
 * settings other than the registry lists only once the user confirmed them.
 */
export function SaveDialog({
  file,
  fingerprint,
  change,
  replacesInvalid,
  onClose,
}: {
  file: string;
  fingerprint: string;
  change: DaemonChangeInput;
  replacesInvalid: boolean;
  /** `saved` says whether anything was written (or staged), so the page reads the file again. */
  onClose: (saved: boolean) => void;
}) {
  const preview = useAsync(JSON.stringify(change), () => call('daemon.preview', { fingerprint, change }));
  const { busy, error, run } = useAction();
  const [result, setResult] = useState<DaemonSaveResult>();
  const [confirmed, setConfirmed] = useState(false);
  const value = preview.status === 'done' ? preview.value : undefined;
  const otherKeys = value?.changedKeys ?? [];
  const blocked =
    !value || !value.changed || value.problems.length > 0 || (otherKeys.length > 0 && !confirmed);
  return (
    <Dialog
      title="Review changes to daemon.json"
      onClose={() => onClose(Boolean(result))}
      wide
      busy={busy ? 'daemon.json is being saved: this shows the outcome once it is written.' : undefined}
    >
      <div className="form">
        <p className="small muted break">{file}</p>
        {preview.status === 'loading' && <Loading label="Preparing the diff…" />}
        {preview.status === 'error' && <ErrorView error={preview.error} />}
        {value && !value.changed && (
          <p className="state-line empty">Nothing to change: the file already says this.</p>
        )}
        {value?.changed && <DiffView diff={value.diff} label="Changes to daemon.json" />}
        {value && value.problems.length > 0 && (
          <div className="error-view" role="alert">
            <p className="error-message">dockerd would refuse this file:</p>
            <ul className="daemon-problems">
              {value.problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          </div>
        )}
        {value?.notes.map((note) => (
          <p key={note} className="note small">
            {note}
          </p>
        ))}
        {otherKeys.length > 0 && !result && (
          <OtherSettingsWarning keys={otherKeys} confirmed={confirmed} onConfirm={setConfirmed} />
        )}
        {replacesInvalid && !result && (
          <p className="warning">
            The file on disk is not valid JSON. Saving replaces all of it with this text; a backup of the
            invalid file is kept.
          </p>
        )}
        {result && <SaveOutcome result={result} file={file} />}
        {result ? (
          <DoneActions onDone={() => onClose(true)} />
        ) : (
          <DialogActions error={error} onCancel={() => onClose(false)}>
            <button
              type="button"
              className="button primary"
              disabled={blocked || busy}
              title={
                !value
                  ? undefined
                  : !value.changed
                    ? 'Nothing to save: the file already says this.'
                    : value.problems.length > 0
                      ? 'dockerd would refuse this file: fix the problems listed above first.'
                      : otherKeys.length > 0 && !confirmed
                        ? 'Confirm the change to the other settings above first.'
                        : undefined
              }
              onClick={() =>
                void run('save', async () => {
                  const saved = await call('daemon.save', {
                    fingerprint,
                    text: value!.text,
                    replaceInvalid: replacesInvalid,
                    confirmKeys: otherKeys,
                  });
                  setResult(saved);
                })
              }
            >
              {busy ? 'Saving…' : replacesInvalid ? 'Replace the invalid file' : 'Save with backup'}
            </button>
          </DialogActions>
        )}
      </div>
    </Dialog>
  );
}

/** "Review and save…", and the save dialog it opens for `change` until that closes. */
export function ReviewAndSave({
  disabled,
  onSaved,
  ...dialog
}: {
  disabled: boolean;
  file: string;
  fingerprint: string;
  change: DaemonChangeInput;
  replacesInvalid: boolean;
  onSaved: () => void;
}) {
  const [isReviewing, setIsReviewing] = useState(false);
  return (
    <>
      <button
        type="button"
        className="button primary"
        disabled={disabled}
        onClick={() => setIsReviewing(true)}
      >
        Review and save…
      </button>
      {isReviewing && (
        <SaveDialog
          {...dialog}
          onClose={(saved) => {
            setIsReviewing(false);
            if (saved) onSaved();
          }}
        />
      )}
    </>
  );
}
