import { useState } from 'react';
import type { ServerView } from '../../../shared/contract/servers.js';
import { call } from '../../api.js';
import { Dialog, DialogActions } from '../../components/dialog.js';
import { useAction } from '../../hooks/use-action.js';

/** Stops the registry and deletes Berth's files for it; the stored images stay unless asked. */
export function RemoveServerDialog({
  server,
  onClose,
  onRemoved,
}: {
  server: ServerView;
  onClose: () => void;
  onRemoved: () => void;
}) {
  const [deleteData, setDeleteData] = useState(false);
  const action = useAction();

  async function remove() {
    const removed = await action.run('remove', () =>
      call('servers.remove', { name: server.name, ...(deleteData ? { deleteData: true } : {}) }),
    );
    if (removed) onRemoved();
  }

  return (
    <Dialog title={`Remove ${server.name}?`} onClose={onClose}>
      <div className="form">
        {server.isUnreadable ? (
          <p>
            Berth stops what it finds running as <strong>{server.name}</strong> and deletes its folder{' '}
            {server.folder}. Its server.json cannot be read, so a saved connection, a keychain entry and a
            storage folder elsewhere stay for you to remove.
          </p>
        ) : (
          <p>
            Berth stops <strong>{server.name}</strong>, deletes its configuration, certificates and users, and
            forgets its saved connection and keychain entry.
          </p>
        )}
        <label className="check danger">
          <input
            type="checkbox"
            checked={deleteData}
            onChange={(event) => setDeleteData(event.target.checked)}
          />
          Also delete the stored images in {server.storageDir}
        </label>
        {!deleteData && <p className="muted">The stored images stay in {server.storageDir}.</p>}
        <DialogActions error={action.error} onCancel={onClose}>
          <button
            type="button"
            className="button danger"
            disabled={action.busy}
            onClick={() => void remove()}
          >
            {action.busy ? 'Removing…' : 'Remove'}
          </button>
        </DialogActions>
      </div>
    </Dialog>
  );
}
