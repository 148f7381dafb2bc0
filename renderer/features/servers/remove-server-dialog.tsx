import { useState } from 'react';
import type { ServerView } from '../../../shared/contract/servers.js';
import { call } from '../../api.js';
import { Dialog, DialogActions } from '../../components/dialog.js';
import { useAction } from '../../hooks/use-action.js';
import { useT } from '../../i18n/index.js';
import { common } from '../../i18n/messages.js';
import { data } from './data.js';
import { remove as m } from './messages.js';

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
  const t = useT();
  const bold = (chunks: React.ReactNode[]) => <strong translate="no">{chunks}</strong>;

  async function remove() {
    const removed = await action.run('remove', () =>
      call('servers.remove', { name: server.name, ...(deleteData ? { deleteData: true } : {}) }),
    );
    if (removed) onRemoved();
  }

  return (
    <Dialog title={t(m.title, { name: server.name })} onClose={onClose}>
      <div className="form">
        {server.isUnreadable ? (
          <p>{t.rich(m.unreadable, { name: server.name, folder: data(server.folder), b: bold })}</p>
        ) : (
          <p>{t.rich(m.readable, { name: server.name, b: bold })}</p>
        )}
        <label className="check danger">
          <input
            type="checkbox"
            checked={deleteData}
            onChange={(event) => setDeleteData(event.target.checked)}
          />
          {t.rich(m.deleteData, { folder: data(server.storageDir) })}
        </label>
        {!deleteData && <p className="muted">{t.rich(m.keepData, { folder: data(server.storageDir) })}</p>}
        <DialogActions error={action.error} onCancel={onClose}>
          <button
            type="button"
            className="button danger"
            disabled={action.busy}
            onClick={() => void remove()}
          >
            {action.busy ? t(m.removing) : t(common.remove)}
          </button>
        </DialogActions>
      </div>
    </Dialog>
  );
}
