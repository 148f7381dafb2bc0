import { useState } from 'react';
import type { ConnectionView } from '../../../shared/contract/index.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import { call, errorInfo } from '../../api.js';
import { Dialog, DialogActions } from '../../components/dialog.js';
import { ConnectionField, UnreachableNote, useReachabilityGuard } from '../../components/connection-field.js';
import { imageReference, isSameName, pushDefaults, type ImageRow } from './image-rows.js';

interface PushDialogProps {
  row: ImageRow;
  connections: readonly ConnectionView[];
  onClose: () => void;
  onStarted: (jobId: string) => void;
}

/**
 * Push a local image to a saved registry under the repository and tag chosen here. The engine pushes
 * by local name, so a new name is tagged first: for the push only (the push job removes it again), or
 * kept when asked.
 */
export function PushDialog({ row, connections, onClose, onStarted }: PushDialogProps) {
  const defaults = pushDefaults(row.name);
  const source = row.name ?? row.image.id;
  const [connectionName, setConnectionName] = useState(connections[0]?.name ?? '');
  const [repository, setRepository] = useState(defaults.repository);
  const [tag, setTag] = useState(defaults.tag);
  const [keepTag, setKeepTag] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo>();
  const connection = connections.find((candidate) => candidate.name === connectionName);
  const guard = useReachabilityGuard(connection?.name);
  const target = connection ? imageReference(connection.host, repository, tag) : undefined;
  const reference = target && 'reference' in target ? target.reference : undefined;
  const to =
    connection && target && 'reference' in target
      ? { connection: connection.name, repository: target.repository, reference: target.tag }
      : undefined;
  const isOwnName = Boolean(reference && row.name && isSameName(reference, row.name));

  async function start() {
    if (guard.problem || !connection || !reference || !to) return;
    setBusy(true);
    setError(undefined);
    try {
      const insecure = connection.insecureHttp ? { insecure: true } : {};
      const job = await call('jobs.start', {
        kind: 'push',
        source,
        ...(isOwnName ? {} : { to, ...(keepTag ? { keepName: true } : {}) }),
        ...insecure,
      });
      onStarted(job.id);
    } catch (failure) {
      setError(errorInfo(failure));
      setBusy(false);
    }
  }

  return (
    <Dialog title={`Push ${row.name ?? row.image.id.slice(7, 19)}`} onClose={onClose}>
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          void start();
        }}
      >
        <ConnectionField
          label="To registry"
          connections={connections}
          value={connectionName}
          onChange={setConnectionName}
        />
        <UnreachableNote guard={guard} role="destination" />
        <div className="field-row">
          <label className="field">
            <span>Repository</span>
            <input
              required
              autoFocus
              spellCheck={false}
              placeholder="team/app"
              value={repository}
              onChange={(event) => setRepository(event.target.value)}
            />
          </label>
          <label className="field narrow">
            <span>Tag</span>
            <input spellCheck={false} value={tag} onChange={(event) => setTag(event.target.value)} />
          </label>
        </div>
        {target && 'problem' in target && (
          <p className="field-note" role="alert">
            {target.problem}
          </p>
        )}
        {reference && (
          <p className="muted small">
            The engine pushes <code className="break">{reference}</code>.{' '}
            {isOwnName
              ? 'That is already the name of this image.'
              : keepTag
                ? 'Berth tags the image with that name first, and the tag stays.'
                : 'Berth tags the image with that name for the push and removes the tag afterwards.'}{' '}
            Progress shows on this page and in Transfers.
          </p>
        )}
        {!isOwnName && (
          <label className="check">
            <input type="checkbox" checked={keepTag} onChange={(event) => setKeepTag(event.target.checked)} />
            Keep the new tag on the local image
          </label>
        )}
        <DialogActions error={error} onCancel={onClose}>
          <button
            type="submit"
            className="button primary"
            disabled={busy || !reference || Boolean(guard.problem)}
            title={
              !connection
                ? 'Choose the registry to push to first.'
                : target && 'problem' in target
                  ? target.problem
                  : guard.problem
            }
          >
            {busy ? 'Starting…' : 'Push'}
          </button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
