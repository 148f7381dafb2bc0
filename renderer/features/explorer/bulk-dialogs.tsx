import { useEffect, useRef, useState } from 'react';
import type { ErrorInfo } from '../../../shared/errors.js';
import { call, errorInfo } from '../../api.js';
import { Dialog, DialogActions, DialogButtons } from '../../components/dialog.js';
import { ErrorView, Loading } from '../../components/error-view.js';
import { useAsync } from '../../hooks/use-async.js';
import { shortDigest } from '../../lib/format.js';

const DELETION_DISABLED =
  'This registry does not allow deleting images. Whoever runs it can turn deletion on (for a ' +
  'Distribution registry, storage.delete.enabled: true in its configuration); until then nothing can ' +
  'be deleted here.';
const GC_NOTE =
  'The disk space comes back only when the registry collects garbage; until then the layers stay ' +
  'stored. For a registry of your own: Your registries → Collect garbage.';

/** What deleting every tagged image does not reach: images no tag names. */
const LEFT_BEHIND_NOTE =
  'Images that no tag names stay too: the platform images inside a multi-platform image, and ' +
  'signatures or SBOMs attached to an image. Garbage collection that also removes untagged images ' +
  'takes them away.';

const STILL_DELETING =
  'Deleting is under way: press “Stop after this one” to stop, or wait until it is done to close this.';

interface Outcome {
  name: string;
  error?: ErrorInfo;
}

/**
 * Runs one request per item, in order, with progress: a bulk delete is many small deletes, and the
 * user sees which one is running, which went and which failed (with the registry's words). Stopping
 * (or closing the dialog) lets the current request finish and starts no other.
 */
function useBatch() {
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);
  const [current, setCurrent] = useState<string>();
  const [phase, setPhase] = useState<'ready' | 'running' | 'done'>('ready');
  const stopped = useRef(false);
  useEffect(
    () => () => {
      stopped.current = true;
    },
    [],
  );

  async function run(items: readonly string[], each: (item: string) => Promise<unknown>) {
    setPhase('running');
    const results: Outcome[] = [];
    for (const item of items) {
      if (stopped.current) break;
      setCurrent(item);
      try {
        await each(item);
        results.push({ name: item });
      } catch (failure) {
        results.push({ name: item, error: errorInfo(failure) });
      }
      setOutcomes([...results]);
    }
    setCurrent(undefined);
    setPhase('done');
    return results;
  }

  return {
    outcomes,
    current,
    phase,
    run,
    stop: () => {
      stopped.current = true;
    },
  };
}

function Progress({ done, total, current }: { done: number; total: number; current?: string }) {
  return (
    <div className="batch-part" role="status">
      <progress className="delete-progress" max={total} value={done} aria-label="Deleted so far" />
      <p>
        {done} of {total} done{current ? ` · deleting ${current}…` : ''}
      </p>
    </div>
  );
}

function BatchActions({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <DialogButtons>
      <span className="spacer" />
      <button type="button" className="button" onClick={onClick}>
        {label}
      </button>
    </DialogButtons>
  );
}

function Summary({
  outcomes,
  total,
  what,
}: {
  outcomes: Outcome[];
  /** How many there were to delete: fewer outcomes means the user stopped. */
  total: number;
  what: (name: string) => string;
}) {
  const failed = outcomes.filter((outcome) => outcome.error);
  const deleted = outcomes.length - failed.length;
  return (
    <div className="batch-part">
      <p role="status">
        Deleted {deleted} of {total}
        {failed.length ? `; ${failed.length} failed` : ''}
        {outcomes.length < total ? `; stopped before the other ${total - outcomes.length}` : ''}.
      </p>
      {!!failed.length && (
        <ul className="delete-groups" aria-label="Failed">
          {failed.map((outcome) => (
            <li key={outcome.name} className="delete-result failed">
              <div className="tag-names">{what(outcome.name)}</div>
              <ErrorView error={outcome.error!} />
            </li>
          ))}
        </ul>
      )}
      <p className="muted">{GC_NOTE}</p>
    </div>
  );
}

/**
 * Deletes the selected tags one by one, each with the core's tag delete, which never takes a sibling
 * tag along (a registry without tag deletes gets the tag repointed at a throwaway manifest first). The
 * confirmation groups the tags by the image they name and says which other tags on it survive.
 */
export function DeleteTagsDialog({
  connection,
  repository,
  tags,
  onClose,
  onDone,
}: {
  connection: string;
  repository: string;
  tags: string[];
  onClose: () => void;
  /** Something was deleted: list the tags again. */
  onDone: (message: string) => void;
}) {
  const preview = useAsync(`${connection}\n${repository}\n${tags.join(',')}`, () =>
    call('registry.deleteTagsPreview', { connection, repository, tags }),
  );
  const batch = useBatch();
  const present = preview.status === 'done' ? preview.value.groups.flatMap((group) => group.tags) : [];
  const title = `Delete ${tags.length} ${tags.length === 1 ? 'tag' : 'tags'} of ${repository}?`;

  async function start() {
    const outcomes = await batch.run(present, (tag) =>
      call('registry.deleteTag', { connection, repository, tag }),
    );
    const deleted = outcomes.filter((outcome) => !outcome.error).length;
    if (deleted) onDone(`Deleted ${deleted} ${deleted === 1 ? 'tag' : 'tags'} of ${repository}.`);
  }

  return (
    <Dialog
      title={title}
      onClose={batch.phase === 'running' ? batch.stop : onClose}
      wide
      busy={batch.phase === 'running' ? STILL_DELETING : undefined}
    >
      {batch.phase === 'ready' && (
        <div className="form">
          <p>
            Removes these tags from <strong>{repository}</strong>, one at a time. Other tags on the same
            images are not touched.
          </p>
          {preview.status === 'loading' && <Loading label="Looking up the image each tag names…" />}
          {preview.status === 'error' && <ErrorView error={preview.error} onRetry={preview.reload} />}
          {preview.status === 'done' && (
            <>
              <ul className="delete-groups" aria-label="Tags by image">
                {preview.value.groups.map((group) => (
                  <li key={group.digest}>
                    <div className="tag-names">{group.tags.join(', ')}</div>
                    <div className="muted" title={group.digest}>
                      {shortDigest(group.digest)}
                    </div>
                    <div role="note">
                      {group.survivors.length
                        ? `Kept (same image, not selected): ${group.survivors.join(', ')}.`
                        : 'No other tag names this image: it stays, reachable by digest only.'}
                    </div>
                  </li>
                ))}
              </ul>
              {!!preview.value.missing.length && (
                <p className="muted">Already gone: {preview.value.missing.join(', ')}.</p>
              )}
              {preview.value.canDelete ? (
                <p className="muted">{GC_NOTE}</p>
              ) : (
                <p className="warning" role="alert">
                  {DELETION_DISABLED}
                </p>
              )}
            </>
          )}
          <DialogActions onCancel={onClose}>
            <button
              type="button"
              className="button danger"
              disabled={preview.status !== 'done' || !preview.value.canDelete || !present.length}
              onClick={() => void start()}
            >
              Delete {present.length || tags.length} {(present.length || tags.length) === 1 ? 'tag' : 'tags'}
            </button>
          </DialogActions>
        </div>
      )}
      {batch.phase === 'running' && (
        <div className="form">
          <Progress done={batch.outcomes.length} total={present.length} current={batch.current} />
          <BatchActions label="Stop after this one" onClick={batch.stop} />
        </div>
      )}
      {batch.phase === 'done' && (
        <div className="form">
          <Summary outcomes={batch.outcomes} total={present.length} what={(tag) => tag} />
          <BatchActions label="Done" onClick={onClose} />
        </div>
      )}
    </Dialog>
  );
}

/**
 * Deletes a whole repository the only way the Distribution API allows: every manifest a tag names, by
 * digest. The user types the repository's name to confirm.
 */
export function DeleteRepositoryDialog({
  connection,
  repository,
  onClose,
  onDone,
}: {
  connection: string;
  repository: string;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const preview = useAsync(`${connection}\n${repository}`, () =>
    call('registry.deleteRepositoryPreview', { connection, repository }),
  );
  const [typed, setTyped] = useState('');
  const batch = useBatch();
  const digests = preview.status === 'done' ? preview.value.digests : [];

  async function start() {
    const outcomes = await batch.run(digests, (digest) =>
      call('registry.deleteManifest', { connection, repository, digest }),
    );
    const deleted = outcomes.filter((outcome) => !outcome.error).length;
    if (deleted) onDone(`Deleted ${deleted} ${deleted === 1 ? 'image' : 'images'} of ${repository}.`);
  }

  return (
    <Dialog
      title={`Delete repository ${repository}?`}
      onClose={batch.phase === 'running' ? batch.stop : onClose}
      wide
      busy={batch.phase === 'running' ? STILL_DELETING : undefined}
    >
      {batch.phase === 'ready' && (
        <form
          className="form"
          onSubmit={(event) => {
            event.preventDefault();
            void start();
          }}
        >
          {preview.status === 'loading' && <Loading label="Counting tags and images…" />}
          {preview.status === 'error' && <ErrorView error={preview.error} onRetry={preview.reload} />}
          {preview.status === 'done' && (
            <>
              <p className="note danger" role="note">
                {preview.value.tags
                  ? `Deleting ${repository} removes all ${preview.value.tags} ` +
                    `${preview.value.tags === 1 ? 'tag' : 'tags'} ` +
                    `(${digests.length} ${digests.length === 1 ? 'image' : 'images'}). This cannot be undone.`
                  : `${repository} has no tags: there is nothing to delete.`}
              </p>
              {preview.value.canDelete ? (
                <>
                  <p className="muted">What stays afterwards:</p>
                  <ul className="muted delete-stays">
                    <li>
                      The name {repository} stays in the repository list, empty: registries delete images, not
                      repositories. Only its operator can remove the name, from the registry&apos;s storage.
                    </li>
                    <li>{GC_NOTE}</li>
                    <li>{LEFT_BEHIND_NOTE}</li>
                  </ul>
                </>
              ) : (
                <p className="warning" role="alert">
                  {DELETION_DISABLED}
                </p>
              )}
              {preview.value.canDelete && !!digests.length && (
                <label className="field">
                  <span>Type {repository} to confirm</span>
                  <input
                    autoFocus
                    value={typed}
                    spellCheck={false}
                    autoComplete="off"
                    onChange={(event) => setTyped(event.target.value)}
                  />
                </label>
              )}
            </>
          )}
          <DialogActions onCancel={onClose}>
            <button
              type="submit"
              className="button danger"
              disabled={
                preview.status !== 'done' ||
                !preview.value.canDelete ||
                !digests.length ||
                typed.trim() !== repository
              }
              title={typed.trim() !== repository ? `Type ${repository} exactly to confirm.` : undefined}
            >
              Delete repository
            </button>
          </DialogActions>
        </form>
      )}
      {batch.phase === 'running' && (
        <div className="form">
          <Progress
            done={batch.outcomes.length}
            total={digests.length}
            current={batch.current && shortDigest(batch.current)}
          />
          <BatchActions label="Stop after this one" onClick={batch.stop} />
        </div>
      )}
      {batch.phase === 'done' && (
        <div className="form">
          <Summary outcomes={batch.outcomes} total={digests.length} what={(digest) => digest} />
          <BatchActions label="Done" onClick={onClose} />
        </div>
      )}
    </Dialog>
  );
}
