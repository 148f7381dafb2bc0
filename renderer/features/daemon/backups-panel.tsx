import { useState } from 'react';
import type { DaemonBackup, DaemonConfigState, DaemonSaveResult } from '../../../shared/contract/index.js';
import { call } from '../../api.js';
import { Dialog, DialogActions, DoneActions } from '../../components/dialog.js';
import { ErrorView, Loading } from '../../components/error-view.js';
import { useAsync } from '../../hooks/use-async.js';
import { backupTime } from './daemon-logic.js';
import { DiffView, SaveOutcome } from './save-dialog.js';
import { useAction } from '../../hooks/use-action.js';

/** The backups Berth made of this file, newest first: preview one against the file, put one back. */
export function BackupsPanel({ state, onRestored }: { state: DaemonConfigState; onRestored: () => void }) {
  const [previewing, setPreviewing] = useState<DaemonBackup>();
  const [restoring, setRestoring] = useState<DaemonBackup>();
  if (state.backups.length === 0)
    return (
      <p className="state-line empty">
        No backups yet. Berth keeps one beside the file each time it saves or restores it.
      </p>
    );
  return (
    <section className="daemon-backups" aria-label="Backups">
      <table className="table" aria-label="Backups of daemon.json">
        <thead>
          <tr>
            <th scope="col">Saved</th>
            <th scope="col">File</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
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
                    aria-label={`Preview ${backup.name}`}
                    onClick={() => setPreviewing(backup)}
                  >
                    Preview
                  </button>
                  <button
                    type="button"
                    className="button small"
                    aria-label={`Restore ${backup.name}`}
                    onClick={() => setRestoring(backup)}
                  >
                    Restore…
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
  const loaded = useBackup(backup, fingerprint);
  return (
    <div className="section">
      <h3>What restoring {backup.name} would change</h3>
      {loaded.status === 'loading' && <Loading label="Reading the backup…" />}
      {loaded.status === 'error' && <ErrorView error={loaded.error} />}
      {loaded.status === 'done' &&
        (loaded.value.diff.includes('@@') ? (
          <DiffView diff={loaded.value.diff} label={`Differences between daemon.json and ${backup.name}`} />
        ) : (
          <p className="state-line empty">The backup is the same as the file.</p>
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
  const loaded = useBackup(backup, state.fingerprint);
  const { busy, error, run } = useAction();
  const [result, setResult] = useState<DaemonSaveResult>();
  return (
    <Dialog
      title={`Restore ${backup.name}`}
      onClose={() => onClose(Boolean(result))}
      wide
      busy={busy ? 'The backup is being restored: this shows the outcome once it is written.' : undefined}
    >
      <div className="form">
        <p className="small muted">
          The backup from {backupTime(backup.modified)} replaces {state.file}; the file as it is now is backed
          up first. Apply afterwards to make dockerd use it.
        </p>
        {loaded.status === 'loading' && <Loading label="Reading the backup…" />}
        {loaded.status === 'error' && <ErrorView error={loaded.error} />}
        {loaded.status === 'done' && loaded.value.diff.includes('@@') && (
          <DiffView diff={loaded.value.diff} label="Changes the restore makes" />
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
              {busy ? 'Restoring…' : 'Restore this backup'}
            </button>
          </DialogActions>
        )}
      </div>
    </Dialog>
  );
}
