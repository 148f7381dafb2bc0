import { useState } from 'react';
import type { DaemonChangeInput, DaemonSaveResult } from '../../../shared/contract/index.js';
import { call } from '../../api.js';
import { CommandLine } from '../../components/copy-button.js';
import { Dialog, DialogActions, DoneActions } from '../../components/dialog.js';
import { ErrorView, Loading } from '../../components/error-view.js';
import { useAsync } from '../../hooks/use-async.js';
import { diffLines } from './daemon-logic.js';
import { useAction } from '../../hooks/use-action.js';
import { useT } from '../../i18n/index.js';
import { save as m } from './messages.js';
import { useEntryText } from './entry-text.js';

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
  const t = useT();
  const data = (value: string) => <span translate="no">{value}</span>;
  if (result.written)
    return (
      <p className="note" role="status">
        {t.rich(m.saved, {
          file: data(file),
          hasBackup: result.backup ? 'yes' : 'no',
          backup: data(result.backup ?? ''),
        })}
      </p>
    );
  return (
    <div className="notice daemon-elevation" role="status">
      <p>
        <strong>{t(m.notWritten)}</strong> {result.elevation.explanation}
      </p>
      <p className="small">
        {t.rich(m.staged, {
          code: (chunks) => <code>{chunks}</code>,
          staged: result.elevation.stagedFile,
          file: data(file),
        })}
      </p>
      <CommandLine command={shellLine(result.elevation.command)} label={t(m.copyCommand)} />
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
  const t = useT();
  return (
    <div className="warning daemon-settings-warning" role="group" aria-labelledby="daemon-settings-title">
      <p id="daemon-settings-title">
        <strong>{t(m.otherSettings, { count: keys.length })}</strong>
      </p>
      <ul aria-label={t(m.otherSettingsList)}>
        {keys.map((key) => (
          <li key={key}>
            <code>{key}</code>
          </li>
        ))}
      </ul>
      <p className="small">{t(m.otherSettingsWhy)}</p>
      <label className="check">
        <input type="checkbox" checked={confirmed} onChange={(event) => onConfirm(event.target.checked)} />
        {t(m.otherSettingsConfirm, { count: keys.length })}
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
  const t = useT();
  const daemonText = useEntryText();
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
      title={t(m.reviewTitle)}
      onClose={() => onClose(Boolean(result))}
      wide
      busy={busy ? t(m.savingBusy) : undefined}
    >
      <div className="form">
        <p className="small muted break" translate="no">
          {file}
        </p>
        {preview.status === 'loading' && <Loading label={t(m.preparing)} />}
        {preview.status === 'error' && <ErrorView error={preview.error} />}
        {value && !value.changed && <p className="state-line empty">{t(m.nothingToChange)}</p>}
        {value?.changed && <DiffView diff={value.diff} label={t(m.diffLabel)} />}
        {value && value.problems.length > 0 && (
          <div className="error-view" role="alert">
            <p className="error-message">{t(m.wouldRefuse)}</p>
            <ul className="daemon-problems">
              {value.problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          </div>
        )}
        {daemonText.notes(value ?? {}).map((note) => (
          <p key={note} className="note small">
            {note}
          </p>
        ))}
        {otherKeys.length > 0 && !result && (
          <OtherSettingsWarning keys={otherKeys} confirmed={confirmed} onConfirm={setConfirmed} />
        )}
        {replacesInvalid && !result && <p className="warning">{t(m.replacesInvalid)}</p>}
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
                    ? t(m.nothingToSave)
                    : value.problems.length > 0
                      ? t(m.fixProblemsFirst)
                      : otherKeys.length > 0 && !confirmed
                        ? t(m.confirmFirst)
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
              {t(busy ? m.saving : replacesInvalid ? m.replaceInvalid : m.saveWithBackup)}
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
  const t = useT();
  const [isReviewing, setIsReviewing] = useState(false);
  return (
    <>
      <button
        type="button"
        className="button primary"
        disabled={disabled}
        onClick={() => setIsReviewing(true)}
      >
        {t(m.reviewAndSave)}
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
