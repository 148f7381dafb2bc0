import { useState } from 'react';
import type { ErrorInfo } from '../../../shared/errors.js';
import { call, errorInfo } from '../../api.js';
import { Dialog, DialogActions } from '../../components/dialog.js';
import { useT } from '../../i18n/index.js';
import { common } from '../../i18n/messages.js';
import { removal as m } from './messages.js';

/** Forgetting a connection also deletes its secret from the keychain; the registry is untouched. */
export function RemoveConnectionDialog({
  name,
  onClose,
  onRemoved,
}: {
  name: string;
  onClose: () => void;
  onRemoved: () => void;
}) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo>();
  async function remove() {
    setBusy(true);
    setError(undefined);
    try {
      await call('connections.remove', { name });
      onRemoved();
    } catch (failure) {
      setError(errorInfo(failure));
      setBusy(false);
    }
  }
  return (
    <Dialog title={t(m.title, { name })} onClose={onClose}>
      <div className="form">
        <p>{t.rich(m.text, { name, b: (chunks) => <strong translate="no">{chunks}</strong> })}</p>
        <DialogActions error={error} onCancel={onClose}>
          <button type="button" className="button danger" disabled={busy} onClick={() => void remove()}>
            {busy ? t(m.removing) : t(common.remove)}
          </button>
        </DialogActions>
      </div>
    </Dialog>
  );
}
