import { useState } from 'react';
import type { ErrorInfo } from '../../../shared/errors.js';
import { call, errorInfo } from '../../api.js';
import { Dialog, DialogActions } from '../../components/dialog.js';
import { formatBytes } from '../../lib/format.js';
import type { ImageRow } from './image-rows.js';

/**
 * Removes one local tag, never forced. Its consequence depends on the other names of the image, so the
 * dialog says which it is before anything happens.
 */
export function UntagDialog({
  row,
  onClose,
  onDone,
}: {
  row: ImageRow & { name: string };
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo>();
  const id = row.image.id.slice(7, 19);

  async function remove() {
    setBusy(true);
    setError(undefined);
    try {
      const result = await call('engine.untag', { name: row.name });
      const deleted = result.deleted.length ? ` The image ${id} was deleted with it.` : '';
      onDone(`Removed the tag ${row.name}.${deleted}`);
    } catch (failure) {
      setError(errorInfo(failure));
      setBusy(false);
    }
  }

  return (
    <Dialog title={`Remove tag ${row.name}?`} onClose={onClose}>
      <div className="form">
        <p>
          Removes the name <strong className="break">{row.name}</strong> from the local image{' '}
          <code>{id}</code>, like <code>docker rmi</code> without force. Registries are not touched.
        </p>
        {row.otherTags.length ? (
          <p className="note" role="note">
            The image stays: it is still tagged {row.otherTags.join(', ')}.
          </p>
        ) : (
          <p className="note danger" role="note">
            This is the image’s last tag, so the engine deletes the image ({formatBytes(row.image.size)}) with
            it. If a container uses the image, the engine refuses and nothing changes; Berth does not force
            it.
          </p>
        )}
        <DialogActions error={error} onCancel={onClose}>
          <button type="button" className="button danger" disabled={busy} onClick={() => void remove()}>
            {busy ? 'Removing…' : 'Remove tag'}
          </button>
        </DialogActions>
      </div>
    </Dialog>
  );
}
