import { useEffect, useRef, useState } from 'react';
import type { ErrorInfo } from '../../../shared/errors.js';
import { call, errorInfo } from '../../api.js';
import { Dialog, DialogActions, DialogButtons } from '../../components/dialog.js';
import { ErrorView, Loading } from '../../components/error-view.js';
import { useAsync } from '../../hooks/use-async.js';
import { useFormat } from '../../i18n/format.js';
import { useT } from '../../i18n/index.js';
import { common } from '../../i18n/messages.js';
import { shortDigest } from '../../lib/format.js';
import { dialogs as words } from './messages.js';

/** Why nothing can be deleted here, with the registry setting that allows it (a setting, not words). */
function DeletionDisabled() {
  const t = useT();
  return (
    <p className="warning" role="alert">
      {t.rich(words.deletionDisabled, { setting: <code>storage.delete.enabled: true</code> })}
    </p>
  );
}

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
  const t = useT();
  return (
    <div className="batch-part" role="status">
      <progress className="delete-progress" max={total} value={done} aria-label={t(words.deletedSoFar)} />
      <p>
        {current
          ? t.rich(words.progressCurrent, { done, total, current: <span translate="no">{current}</span> })
          : t(words.progress, { done, total })}
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
  const t = useT();
  const failed = outcomes.filter((outcome) => outcome.error);
  const deleted = outcomes.length - failed.length;
  return (
    <div className="batch-part">
      <p role="status">
        {t(words.summary, { deleted, total, failed: failed.length, left: total - outcomes.length })}
      </p>
      {!!failed.length && (
        <ul className="delete-groups" aria-label={t(words.failed)}>
          {failed.map((outcome) => (
            <li key={outcome.name} className="delete-result failed">
              <div className="tag-names" translate="no">
                {what(outcome.name)}
              </div>
              <ErrorView error={outcome.error!} />
            </li>
          ))}
        </ul>
      )}
      <p className="muted">{t(words.gcNote)}</p>
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
  const t = useT();
  const format = useFormat();
  const preview = useAsync(`${connection}\n${repository}\n${tags.join(',')}`, () =>
    call('registry.deleteTagsPreview', { connection, repository, tags }),
  );
  const batch = useBatch();
  const present = preview.status === 'done' ? preview.value.groups.flatMap((group) => group.tags) : [];
  const title = t(words.deleteTagsTitle, { count: tags.length, repository });

  async function start() {
    const outcomes = await batch.run(present, (tag) =>
      call('registry.deleteTag', { connection, repository, tag }),
    );
    const deleted = outcomes.filter((outcome) => !outcome.error).length;
    if (deleted) onDone(t(words.deletedTags, { count: deleted, repository }));
  }

  return (
    <Dialog
      title={title}
      onClose={batch.phase === 'running' ? batch.stop : onClose}
      wide
      busy={batch.phase === 'running' ? t(words.stillDeleting) : undefined}
    >
      {batch.phase === 'ready' && (
        <div className="form">
          <p>
            {t.rich(words.deleteTagsIntro, {
              repository,
              b: (chunks) => <strong translate="no">{chunks}</strong>,
            })}
          </p>
          {preview.status === 'loading' && <Loading label={t(words.lookingUpImages)} />}
          {preview.status === 'error' && <ErrorView error={preview.error} onRetry={preview.reload} />}
          {preview.status === 'done' && (
            <>
              <ul className="delete-groups" aria-label={t(words.tagsByImage)}>
                {preview.value.groups.map((group) => (
                  <li key={group.digest}>
                    <div className="tag-names" translate="no">
                      {format.list(group.tags)}
                    </div>
                    <div className="muted" title={group.digest} translate="no">
                      {shortDigest(group.digest)}
                    </div>
                    <div role="note">
                      {group.survivors.length
                        ? t(words.kept, { tags: format.list(group.survivors) })
                        : t(words.noOtherTag)}
                    </div>
                  </li>
                ))}
              </ul>
              {!!preview.value.missing.length && (
                <p className="muted">{t(words.alreadyGone, { tags: format.list(preview.value.missing) })}</p>
              )}
              {preview.value.canDelete ? <p className="muted">{t(words.gcNote)}</p> : <DeletionDisabled />}
            </>
          )}
          <DialogActions onCancel={onClose}>
            <button
              type="button"
              className="button danger"
              disabled={preview.status !== 'done' || !preview.value.canDelete || !present.length}
              onClick={() => void start()}
            >
              {t(words.deleteTags, { count: present.length || tags.length })}
            </button>
          </DialogActions>
        </div>
      )}
      {batch.phase === 'running' && (
        <div className="form">
          <Progress done={batch.outcomes.length} total={present.length} current={batch.current} />
          <BatchActions label={t(words.stopAfterThis)} onClick={batch.stop} />
        </div>
      )}
      {batch.phase === 'done' && (
        <div className="form">
          <Summary outcomes={batch.outcomes} total={present.length} what={(tag) => tag} />
          <BatchActions label={t(common.done)} onClick={onClose} />
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
  const t = useT();
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
    if (deleted) onDone(t(words.deletedImages, { count: deleted, repository }));
  }

  return (
    <Dialog
      title={t(words.deleteRepositoryTitle, { repository })}
      onClose={batch.phase === 'running' ? batch.stop : onClose}
      wide
      busy={batch.phase === 'running' ? t(words.stillDeleting) : undefined}
    >
      {batch.phase === 'ready' && (
        <form
          className="form"
          onSubmit={(event) => {
            event.preventDefault();
            void start();
          }}
        >
          {preview.status === 'loading' && <Loading label={t(words.countingTags)} />}
          {preview.status === 'error' && <ErrorView error={preview.error} onRetry={preview.reload} />}
          {preview.status === 'done' && (
            <>
              <p className="note danger" role="note">
                {preview.value.tags
                  ? t(words.deleteRepositoryWarning, {
                      repository,
                      tags: preview.value.tags,
                      images: digests.length,
                    })
                  : t(words.nothingToDelete, { repository })}
              </p>
              {preview.value.canDelete ? (
                <>
                  <p className="muted">{t(words.whatStays)}</p>
                  <ul className="muted delete-stays">
                    <li>{t(words.nameStays, { repository })}</li>
                    <li>{t(words.gcNote)}</li>
                    <li>{t(words.leftBehindNote)}</li>
                  </ul>
                </>
              ) : (
                <DeletionDisabled />
              )}
              {preview.value.canDelete && !!digests.length && (
                <label className="field">
                  <span>{t(words.typeToConfirm, { repository })}</span>
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
              title={typed.trim() !== repository ? t(words.typeExactly, { repository }) : undefined}
            >
              {t(words.deleteRepository)}
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
          <BatchActions label={t(words.stopAfterThis)} onClick={batch.stop} />
        </div>
      )}
      {batch.phase === 'done' && (
        <div className="form">
          <Summary outcomes={batch.outcomes} total={digests.length} what={(digest) => digest} />
          <BatchActions label={t(common.done)} onClick={onClose} />
        </div>
      )}
    </Dialog>
  );
}
