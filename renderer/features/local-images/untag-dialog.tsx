import { useState } from 'react';
import type { ErrorInfo } from '../../../shared/errors.js';
import { call, errorInfo } from '../../api.js';
import { Dialog, DialogActions } from '../../components/dialog.js';
import { useT } from '../../i18n/index.js';
import { useFormat } from '../../i18n/format.js';
import type { ImageRow } from './image-rows.js';
import { dialogs, localImages } from './messages.js';

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
  const t = useT();
  const format = useFormat();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo>();
  const id = row.image.id.slice(7, 19);

  async function remove() {
    setBusy(true);
    setError(undefined);
    try {
      const result = await call('engine.untag', { name: row.name });
      onDone(
        t(result.deleted.length ? localImages.untaggedDeleted : localImages.untagged, { name: row.name, id }),
      );
    } catch (failure) {
      setError(errorInfo(failure));
      setBusy(false);
    }
  }

  return (
    <Dialog title={t(dialogs.untagTitle, { name: row.name })} onClose={onClose}>
      <div className="form">
        <p>
          {t.rich(dialogs.untagText, {
            b: (chunks) => (
              <strong className="break" translate="no">
                {chunks}
              </strong>
            ),
            name: row.name,
            id: <code>{id}</code>,
            command: <code>docker rmi</code>,
          })}
        </p>
        {row.otherTags.length ? (
          <p className="note" role="note">
            {t.rich(dialogs.stays, { tags: <span translate="no">{format.list(row.otherTags)}</span> })}
          </p>
        ) : (
          <p className="note danger" role="note">
            {t(dialogs.lastTag, { size: format.size(row.image.size) })}
          </p>
        )}
        <DialogActions error={error} onCancel={onClose}>
          <button type="button" className="button danger" disabled={busy} onClick={() => void remove()}>
            {t(busy ? dialogs.removing : dialogs.removeTag)}
          </button>
        </DialogActions>
      </div>
    </Dialog>
  );
}
