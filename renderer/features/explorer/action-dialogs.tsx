import { useState } from 'react';
import type { ImageInspection } from '../../../shared/image.js';
import { call } from '../../api.js';
import { Dialog, DialogActions } from '../../components/dialog.js';
import { ErrorView, Loading } from '../../components/error-view.js';
import { useAction } from '../../hooks/use-action.js';
import { useAsync } from '../../hooks/use-async.js';
import { shortDigest } from '../../lib/format.js';

interface ActionProps {
  connection: string;
  repository: string;
  tag: string;
  image: ImageInspection;
  onClose: () => void;
  /** The action finished: what to tell the user, and the tag to show next (none: the tag is gone). */
  onDone: (message: string, nextTag: string | undefined) => void;
}

function usePreview(connection: string, repository: string, digest: string) {
  return useAsync(`${connection}\n${repository}\n${digest}`, () =>
    call('registry.deleteImagePreview', { connection, repository, digest }),
  );
}

export function RetagDialog({ connection, repository, tag, image, onClose, onDone }: ActionProps) {
  const [targetTag, setTargetTag] = useState('');
  const [targetRepository, setTargetRepository] = useState('');
  const { busy, error, run } = useAction();
  const target = targetRepository.trim();
  return (
    <Dialog
      title={`Retag ${repository}:${tag}`}
      onClose={onClose}
      busy={
        busy ? 'The new tag is being written: this closes by itself once the registry answers.' : undefined
      }
    >
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          void run('retag', async () => {
            const result = await call('registry.retag', {
              connection,
              repository,
              reference: image.digest,
              targetTag: targetTag.trim(),
              ...(target && target !== repository ? { targetRepository: target } : {}),
            });
            const where = target && target !== repository ? `${target}:` : '';
            onDone(
              `Tagged ${shortDigest(result.digest)} as ${where}${targetTag.trim()}.`,
              where ? tag : targetTag.trim(),
            );
          });
        }}
      >
        <p className="muted">
          Adds a tag pointing at <code>{shortDigest(image.digest)}</code>; nothing is downloaded.
        </p>
        <label className="field">
          <span>New tag</span>
          <input
            required
            autoFocus
            value={targetTag}
            onChange={(event) => setTargetTag(event.target.value)}
          />
        </label>
        <label className="field">
          <span>Repository (optional)</span>
          <input
            value={targetRepository}
            placeholder={repository}
            spellCheck={false}
            onChange={(event) => setTargetRepository(event.target.value)}
          />
        </label>
        <DialogActions error={error} onCancel={onClose}>
          <button
            type="submit"
            className="button primary"
            disabled={busy || !targetTag.trim()}
            title={targetTag.trim() ? undefined : 'Type the new tag first.'}
          >
            {busy ? 'Retagging…' : 'Retag'}
          </button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

export function DeleteTagDialog({ connection, repository, tag, image, onClose, onDone }: ActionProps) {
  const preview = usePreview(connection, repository, image.digest);
  const siblings = preview.status === 'done' ? preview.value.tags.filter((other) => other !== tag) : [];
  const { busy, error, run } = useAction();
  return (
    <Dialog
      title={`Delete tag ${tag}?`}
      onClose={onClose}
      busy={busy ? 'The tag is being deleted: wait for the registry to answer.' : undefined}
    >
      <div className="form">
        <p>
          Removes the tag <strong>{tag}</strong> from <strong>{repository}</strong>. The image{' '}
          <code>{shortDigest(image.digest)}</code> stays.
        </p>
        {preview.status === 'loading' && <Loading label="Looking for other tags on this image…" />}
        {preview.status === 'done' && (
          <p className="note" role="note">
            {siblings.length
              ? `Other tags on the same image survive: ${siblings.join(', ')}.`
              : 'No other tag points at this image; it stays reachable by digest.'}
          </p>
        )}
        <DialogActions error={error} onCancel={onClose}>
          <button
            type="button"
            className="button danger"
            disabled={busy}
            onClick={() =>
              void run('delete-tag', async () => {
                const result = await call('registry.deleteTag', { connection, repository, tag });
                const kept = siblings.length ? ` ${siblings.join(', ')} still point at it.` : '';
                onDone(`Deleted tag ${result.tag}.${kept} ${result.note}`, undefined);
              })
            }
          >
            {busy ? 'Deleting…' : 'Delete tag'}
          </button>
        </DialogActions>
      </div>
    </Dialog>
  );
}

export function DeleteImageDialog({ connection, repository, image, onClose, onDone }: ActionProps) {
  const preview = usePreview(connection, repository, image.digest);
  const { busy, error, run } = useAction();
  return (
    <Dialog
      title="Delete image by digest?"
      onClose={onClose}
      wide
      busy={busy ? 'The image is being deleted: wait for the registry to answer.' : undefined}
    >
      <div className="form">
        <p>
          Deletes the image <code className="break">{image.digest}</code> from <strong>{repository}</strong>.
        </p>
        {preview.status === 'loading' && <Loading label="Finding every tag that goes with it…" />}
        {preview.status === 'error' && <ErrorView error={preview.error} onRetry={preview.reload} />}
        {preview.status === 'done' && (
          <>
            <p className="note danger" role="note">
              {preview.value.tags.length
                ? `These tags go with it: ${preview.value.tags.join(', ')}.`
                : 'No tag points at this digest.'}
            </p>
            {!preview.value.canDelete && (
              <p className="warning">
                This registry does not allow deleting images. Whoever runs it can turn deletion on (for a
                Distribution registry, storage.delete.enabled: true in its configuration).
              </p>
            )}
          </>
        )}
        <DialogActions error={error} onCancel={onClose}>
          <button
            type="button"
            className="button danger"
            disabled={busy || preview.status !== 'done' || !preview.value.canDelete}
            onClick={() =>
              void run('delete-image', async () => {
                const result = await call('registry.deleteImage', {
                  connection,
                  repository,
                  digest: image.digest,
                });
                const tags = result.removedTags.length
                  ? ` and its tags ${result.removedTags.join(', ')}`
                  : '';
                onDone(`Deleted ${shortDigest(result.digest)}${tags}. ${result.note}`, undefined);
              })
            }
          >
            {busy ? 'Deleting…' : 'Delete image'}
          </button>
        </DialogActions>
      </div>
    </Dialog>
  );
}
