import { useState } from 'react';
import type { ErrorInfo } from '../../../shared/errors.js';
import { call, errorInfo } from '../../api.js';
import { Dialog, DialogActions } from '../../components/dialog.js';

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
    <Dialog title={`Remove connection ${name}?`} onClose={onClose}>
      <div className="form">
        <p>
          Berth forgets <strong>{name}</strong> and deletes its password or token from your keychain. Nothing
          in the registry changes.
        </p>
        <DialogActions error={error} onCancel={onClose}>
          <button type="button" className="button danger" disabled={busy} onClick={() => void remove()}>
            {busy ? 'Removing…' : 'Remove'}
          </button>
        </DialogActions>
      </div>
    </Dialog>
  );
}
