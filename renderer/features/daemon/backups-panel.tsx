import { useState } from 'react';
import type { DaemonBackup, DaemonConfigState, DaemonSaveResult } from '../../../shared/contract/index.js';
import { call } from '../../api.js';
import { Dialog, DialogActions, DoneActions } from '../../components/dialog.js';
import { ErrorView, Loading } from '../../components/error-view.js';
import { useAsync } from '../../hooks/use-async.js';
import { backupTime } from './daemon-logic.js';
import { DiffView, SaveOutcome } from './save-dialog.js';
import { useAction } from '../../hooks/use-action.js';
import { useT } from '../../i18n/index.js';
import { backups as m } from './messages.js';

/** The backups Berth made of this file, newest first: preview one against the file, put one back. */
export function BackupsPanel({ state, onRestored }: { state: DaemonConfigState; onRestored: () => void }) {
  const t = useT();
  const [previewing, setPreviewing] = useState<DaemonBackup>();
  const [restoring, setRestoring] = useState<DaemonBackup>();
  if (state.backups.length === 0) return <p className="state-line empty">{t(m.none)}</p>;
  return (
    <section className="daemon-backups" aria-label={t(m.region)}>
      <table className="table" aria-label={t(m.table)}>
        <thead>
          <tr>
            <th scope="col">{t(m.saved)}</th>
            <th scope="col">{t(m.file)}</th>
            <th scope="col">
              <span className="visually-hidden">{t(m.actions)}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {state.backups.map((backup) => (
            <tr key={backup.path} aria-selected={previewing?.path === backup.path}>
              <td>{backupTime(backup.modified)}</td>
              <td className="break">
                <code>{backup.name}</code>
              </td>
              <td>
                <div className="row-actions">
                  <button
                    type="button"
                    className="button small"
                    aria-label={t(m.previewLabel, { name: backup.name })}
                    onClick={() => setPreviewing(backup)}
                  >
                    {t(m.preview)}
                  </button>
                  <button
                    type="button"
                    className="button small"
                    aria-label={t(m.restoreLabel, { name: backup.name })}
                    onClick={() => setRestoring(backup)}
                  >
                    {t(m.restore)}
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {previewing && <BackupDiff backup={previewing} fingerprint={state.fingerprint} />}
      {restoring && (
        <RestoreDialog
          state={state}
          backup={restoring}
          onClose={(restored) => {
            setRestoring(undefined);
            setPreviewing(undefined);
            if (restored) onRestored();
          }}
        />
      )}
    </section>
  );
}

function useBackup(backup: DaemonBackup, fingerprint: string) {
  return useAsync(`${backup.path}\n${fingerprint}`, () => call('daemon.backup', { path: backup.path }));
}

function BackupDiff({ backup, fingerprint }: { backup: DaemonBackup; fingerprint: string }) {
  const t = useT();
  const loaded = useBackup(backup, fingerprint);
  return (
    <div className="section">
      <h3>{t.rich(m.wouldChange, { name: <span translate="no">{backup.name}</span> })}</h3>
      {loaded.status === 'loading' && <Loading label={t(m.reading)} />}
      {loaded.status === 'error' && <ErrorView error={loaded.error} />}
      {loaded.status === 'done' &&
        (loaded.value.diff.includes('@@') ? (
          <DiffView diff={loaded.value.diff} label={t(m.differences, { name: backup.name })} />
        ) : (
          <p className="state-line empty">{t(m.same)}</p>
        ))}
    </div>
  );
}

function RestoreDialog({
  state,
  backup,
  onClose,
}: {
  state: DaemonConfigState;
  backup: DaemonBackup;
  onClose: (restored: boolean) => void;
}) {
  const t = useT();
  const loaded = useBackup(backup, state.fingerprint);
  const { busy, error, run } = useAction();
  const [result, setResult] = useState<DaemonSaveResult>();
  return (
    <Dialog
      title={t(m.restoreTitle, { name: backup.name })}
      onClose={() => onClose(Boolean(result))}
      wide
      busy={busy ? t(m.restoringBusy) : undefined}
    >
      <div className="form">
        <p className="small muted">
          {t.rich(m.restoreExplained, {
            time: backupTime(backup.modified),
            file: <span translate="no">{state.file}</span>,
          })}
        </p>
        {loaded.status === 'loading' && <Loading label={t(m.reading)} />}
        {loaded.status === 'error' && <ErrorView error={loaded.error} />}
        {loaded.status === 'done' && loaded.value.diff.includes('@@') && (
          <DiffView diff={loaded.value.diff} label={t(m.restoreChanges)} />
        )}
        {result && <SaveOutcome result={result} file={state.file} />}
        {result ? (
          <DoneActions onDone={() => onClose(true)} />
        ) : (
          <DialogActions error={error} onCancel={() => onClose(false)}>
            <button
              type="button"
              className="button primary"
              disabled={busy || loaded.status !== 'done'}
              onClick={() =>
                void run('restore', async () =>
                  setResult(
                    await call('daemon.restore', { path: backup.path, fingerprint: state.fingerprint }),
                  ),
                )
              }
            >
              {t(busy ? m.restoring : m.restoreThis)}
            </button>
          </DialogActions>
        )}
      </div>
    </Dialog>
  );
}
