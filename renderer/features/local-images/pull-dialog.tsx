import { useState } from 'react';
import type { ConnectionView } from '../../../shared/contract/index.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import { call, errorInfo } from '../../api.js';
import { Dialog, DialogActions } from '../../components/dialog.js';
import { useAsync } from '../../hooks/use-async.js';
import { imageReference } from './image-rows.js';
import { ConnectionField, UnreachableNote, useReachabilityGuard } from '../../components/connection-field.js';

interface PullDialogProps {
  connections: readonly ConnectionView[];
  onClose: () => void;
  /** The pull job started: its ID, to follow its progress. */
  onStarted: (jobId: string) => void;
}

/** Pull `repository:tag` (optionally one platform) from a saved registry into the local engine. */
export function PullDialog({ connections, onClose, onStarted }: PullDialogProps) {
  const [connectionName, setConnectionName] = useState(connections[0]?.name ?? '');
  const [repository, setRepository] = useState('');
  const [tag, setTag] = useState('latest');
  const [platform, setPlatform] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo>();
  const connection = connections.find((candidate) => candidate.name === connectionName);
  const guard = useReachabilityGuard(connection?.name);
  const suggestions = useSuggestions(connection?.name, repository.trim());
  const target = connection ? imageReference(connection.host, repository, tag) : undefined;

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
    <Dialog title="Pull an image" onClose={onClose}>
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
          <span>Repository</span>
          <input
            required
            autoFocus
            list="pull-repositories"
            spellCheck={false}
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
            <span>Tag</span>
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
            <span>Platform (optional)</span>
            <input
              spellCheck={false}
              placeholder="linux/arm64"
              value={platform}
              onChange={(event) => setPlatform(event.target.value)}
            />
          </label>
        </div>
        {target && 'reference' in target && (
          <p className="muted small">
            The engine pulls <code className="break">{target.reference}</code>
            {platform.trim() ? ` for ${platform.trim()}` : ''}; progress shows on this page and in Transfers.
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
                ? 'Choose the registry to pull from first.'
                : !repository.trim()
                  ? 'Type the repository to pull first, such as team/app.'
                  : target && 'problem' in target
                    ? target.problem
                    : guard.problem
            }
          >
            {busy ? 'Starting…' : 'Pull'}
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
