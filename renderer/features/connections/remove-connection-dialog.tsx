import { useState } from 'react';
import type { ErrorInfo } from '../../../shared/errors.js';
import { call, errorInfo } from '../../api.js';
import { Dialog } from '../../components/dialog.js';
import { ErrorView } from '../../components/error-view.js';

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
        {error && <ErrorView error={error} />}
        <div className="dialog-actions">
          <span className="spacer" />
          <button type="button" className="button ghost" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="button danger" disabled={busy} onClick={() => void remove()}>
            {busy ? 'Removing…' : 'Remove'}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
