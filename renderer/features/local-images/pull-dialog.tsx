import { useState } from 'react';
import type { ConnectionView } from '../../../shared/contract/index.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import { call, errorInfo } from '../../api.js';
import { Dialog, DialogActions } from '../../components/dialog.js';
import { useAsync } from '../../hooks/use-async.js';
import { useT } from '../../i18n/index.js';
import { imageReference } from './image-rows.js';
import { dialogs } from './messages.js';
import { ConnectionField, UnreachableNote, useReachabilityGuard } from '../../components/connection-field.js';

interface PullDialogProps {
  connections: readonly ConnectionView[];
  onClose: () => void;
  /** The pull job started: its ID, to follow its progress. */
  onStarted: (jobId: string) => void;
}

/** Pull `repository:tag` (optionally one platform) from a saved registry into the local engine. */
export function PullDialog({ connections, onClose, onStarted }: PullDialogProps) {
  const t = useT();
  const [connectionName, setConnectionName] = useState(connections[0]?.name ?? '');
  const [repository, setRepository] = useState('');
  const [tag, setTag] = useState('latest');
  const [platform, setPlatform] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo>();
  const connection = connections.find((candidate) => candidate.name === connectionName);
  const guard = useReachabilityGuard(connection?.name);
  const suggestions = useSuggestions(connection?.name, repository.trim());
  const target = connection ? imageReference(t, connection.host, repository, tag) : undefined;

  async function start() {
    if (guard.problem || !connection || !target || !('reference' in target)) return;
    setBusy(true);
    setError(undefined);
    try {
      const { id } = await call('jobs.start', {
        kind: 'pull',
        image: { connection: connection.name, repository: target.repository, reference: target.tag },
        ...(platform.trim() ? { platform: platform.trim() } : {}),
        // Docker decides plain HTTP itself (daemon.json); Podman has to be told.
        ...(connection.insecureHttp ? { insecure: true } : {}),
      });
      onStarted(id);
    } catch (failure) {
      setError(errorInfo(failure));
      setBusy(false);
    }
  }

  return (
    <Dialog title={t(dialogs.pullTitle)} onClose={onClose}>
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          void start();
        }}
      >
        <ConnectionField connections={connections} value={connectionName} onChange={setConnectionName} />
        <UnreachableNote guard={guard} role="source" />
        <label className="field">
          <span>{t(dialogs.repository)}</span>
          <input
            required
            autoFocus
            list="pull-repositories"
            spellCheck={false}
            translate="no"
            placeholder="team/app"
            value={repository}
            onChange={(event) => setRepository(event.target.value)}
          />
          <datalist id="pull-repositories">
            {suggestions.repositories.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
        </label>
        <div className="field-row">
          <label className="field">
            <span>{t(dialogs.tag)}</span>
            <input
              list="pull-tags"
              spellCheck={false}
              value={tag}
              onChange={(event) => setTag(event.target.value)}
            />
            <datalist id="pull-tags">
              {suggestions.tags.map((name) => (
                <option key={name} value={name} />
              ))}
            </datalist>
          </label>
          <label className="field">
            <span>{t(dialogs.platformOptional)}</span>
            <input
              spellCheck={false}
              translate="no"
              placeholder="linux/arm64"
              value={platform}
              onChange={(event) => setPlatform(event.target.value)}
            />
          </label>
        </div>
        {target && 'reference' in target && (
          <p className="muted small">
            {t.rich(platform.trim() ? dialogs.enginePullsFor : dialogs.enginePulls, {
              reference: <code className="break">{target.reference}</code>,
              platform: <code>{platform.trim()}</code>,
            })}
          </p>
        )}
        {target && 'problem' in target && repository.trim() && (
          <p className="field-note" role="alert">
            {target.problem}
          </p>
        )}
        <DialogActions error={error} onCancel={onClose}>
          <button
            type="submit"
            className="button primary"
            disabled={busy || !target || !('reference' in target) || Boolean(guard.problem)}
            title={
              !connection
                ? t(dialogs.chooseRegistryPull)
                : !repository.trim()
                  ? t(dialogs.typeRepository)
                  : target && 'problem' in target
                    ? target.problem
                    : guard.problem
            }
          >
            {t(busy ? dialogs.starting : dialogs.pull)}
          </button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/**
 * Repositories (first page) and the tags of a repository the registry lists, offered while typing.
 * Registries that do not list (Docker Hub) offer nothing, and a failed listing only means no suggestions.
 */
function useSuggestions(connection: string | undefined, repository: string) {
  const repositories = useAsync(connection, () =>
    call('registry.listRepositories', { connection: connection!, pageSize: 500 }),
  );
  const names =
    repositories.status === 'done' && repositories.value.state === 'page' ? repositories.value.items : [];
  const isListed = names.includes(repository);
  const tags = useAsync(isListed ? `${connection}\n${repository}` : undefined, () =>
    call('registry.listTags', { connection: connection!, repository, pageSize: 500 }),
  );
  return { repositories: names, tags: tags.status === 'done' ? tags.value.items : [] };
}
