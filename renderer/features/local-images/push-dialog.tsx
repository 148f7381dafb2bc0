import { useState } from 'react';
import type { ConnectionView } from '../../../shared/contract/index.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import { call, errorInfo } from '../../api.js';
import { Dialog, DialogActions } from '../../components/dialog.js';
import { ConnectionField, UnreachableNote, useReachabilityGuard } from '../../components/connection-field.js';
import { useT } from '../../i18n/index.js';
import { imageReference, isSameName, pushDefaults, type ImageRow } from './image-rows.js';
import { dialogs } from './messages.js';

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
  const t = useT();
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
  const target = connection ? imageReference(t, connection.host, repository, tag) : undefined;
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
    <Dialog title={t(dialogs.pushTitle, { name: row.name ?? row.image.id.slice(7, 19) })} onClose={onClose}>
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          void start();
        }}
      >
        <ConnectionField
          label={t(dialogs.toRegistry)}
          connections={connections}
          value={connectionName}
          onChange={setConnectionName}
        />
        <UnreachableNote guard={guard} role="destination" />
        <div className="field-row">
          <label className="field">
            <span>{t(dialogs.repository)}</span>
            <input
              required
              autoFocus
              spellCheck={false}
              translate="no"
              placeholder="team/app"
              value={repository}
              onChange={(event) => setRepository(event.target.value)}
            />
          </label>
          <label className="field narrow">
            <span>{t(dialogs.tag)}</span>
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
            {t.rich(
              isOwnName
                ? dialogs.enginePushesOwn
                : keepTag
                  ? dialogs.enginePushesKeep
                  : dialogs.enginePushesTemporary,
              { reference: <code className="break">{reference}</code> },
            )}
          </p>
        )}
        {!isOwnName && (
          <label className="check">
            <input type="checkbox" checked={keepTag} onChange={(event) => setKeepTag(event.target.checked)} />
            {t(dialogs.keepTag)}
          </label>
        )}
        <DialogActions error={error} onCancel={onClose}>
          <button
            type="submit"
            className="button primary"
            disabled={busy || !reference || Boolean(guard.problem)}
            title={
              !connection
                ? t(dialogs.chooseRegistryPush)
                : target && 'problem' in target
                  ? target.problem
                  : guard.problem
            }
          >
            {t(busy ? dialogs.starting : dialogs.push)}
          </button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
