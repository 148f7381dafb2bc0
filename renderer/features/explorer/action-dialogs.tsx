import { useState } from 'react';
import type { ImageInspection } from '../../../shared/image.js';
import { call } from '../../api.js';
import { Dialog, DialogActions } from '../../components/dialog.js';
import { ErrorView, Loading } from '../../components/error-view.js';
import { useAction } from '../../hooks/use-action.js';
import { useAsync } from '../../hooks/use-async.js';
import { useFormat } from '../../i18n/format.js';
import { useT } from '../../i18n/index.js';
import { shortDigest } from '../../lib/format.js';
import { dialogs as words } from './messages.js';

/** Repository and tag names in a sentence: data, never translated. */
const name = (chunks: React.ReactNode[]) => <strong translate="no">{chunks}</strong>;
const code = (chunks: React.ReactNode[]) => <code>{chunks}</code>;

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
  const t = useT();
  const [targetTag, setTargetTag] = useState('');
  const [targetRepository, setTargetRepository] = useState('');
  const { busy, error, run } = useAction();
  const target = targetRepository.trim();
  return (
    <Dialog
      title={t(words.retagTitle, { reference: `${repository}:${tag}` })}
      onClose={onClose}
      busy={busy ? t(words.retagBusy) : undefined}
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
              t(words.tagged, { digest: shortDigest(result.digest), target: `${where}${targetTag.trim()}` }),
              where ? tag : targetTag.trim(),
            );
          });
        }}
      >
        <p className="muted">{t.rich(words.retagIntro, { digest: shortDigest(image.digest), code })}</p>
        <label className="field">
          <span>{t(words.newTag)}</span>
          <input
            required
            autoFocus
            value={targetTag}
            onChange={(event) => setTargetTag(event.target.value)}
          />
        </label>
        <label className="field">
          <span>{t(words.repositoryOptional)}</span>
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
            title={targetTag.trim() ? undefined : t(words.typeNewTag)}
          >
            {busy ? t(words.retagging) : t(words.retag)}
          </button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

export function DeleteTagDialog({ connection, repository, tag, image, onClose, onDone }: ActionProps) {
  const t = useT();
  const format = useFormat();
  const preview = usePreview(connection, repository, image.digest);
  const siblings = preview.status === 'done' ? preview.value.tags.filter((other) => other !== tag) : [];
  const { busy, error, run } = useAction();
  return (
    <Dialog
      title={t(words.deleteTagTitle, { tag })}
      onClose={onClose}
      busy={busy ? t(words.deleteTagBusy) : undefined}
    >
      <div className="form">
        <p>
          {t.rich(words.deleteTagIntro, {
            tag,
            repository,
            digest: shortDigest(image.digest),
            b: name,
            code,
          })}
        </p>
        {preview.status === 'loading' && <Loading label={t(words.lookingForSiblings)} />}
        {preview.status === 'done' && (
          <p className="note" role="note">
            {siblings.length
              ? t(words.siblingsSurvive, { tags: format.list(siblings) })
              : t(words.noSiblings)}
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
                const gc =
                  result.method === 'vendor-tag-delete' && result.vendor
                    ? t(words.vendorTagDeleteHint, { vendor: result.vendor })
                    : t(words.gcHint);
                onDone(
                  siblings.length
                    ? t(words.deletedTagKept, { tag: result.tag, tags: format.list(siblings), gc })
                    : t(words.deletedTag, { tag: result.tag, gc }),
                  undefined,
                );
              })
            }
          >
            {busy ? t(words.deleting) : t(words.deleteTag)}
          </button>
        </DialogActions>
      </div>
    </Dialog>
  );
}

export function DeleteImageDialog({ connection, repository, image, onClose, onDone }: ActionProps) {
  const t = useT();
  const format = useFormat();
  const preview = usePreview(connection, repository, image.digest);
  const { busy, error, run } = useAction();
  return (
    <Dialog
      title={t(words.deleteImageTitle)}
      onClose={onClose}
      wide
      busy={busy ? t(words.deleteImageBusy) : undefined}
    >
      <div className="form">
        <p>
          {t.rich(words.deleteImageIntro, {
            digest: image.digest,
            repository,
            b: name,
            code: (chunks) => <code className="break">{chunks}</code>,
          })}
        </p>
        {preview.status === 'loading' && <Loading label={t(words.findingTags)} />}
        {preview.status === 'error' && <ErrorView error={preview.error} onRetry={preview.reload} />}
        {preview.status === 'done' && (
          <>
            <p className="note danger" role="note">
              {preview.value.tags.length
                ? t(words.tagsGoWithIt, { tags: format.list(preview.value.tags) })
                : t(words.noTagOnDigest)}
            </p>
            {!preview.value.canDelete && (
              <p className="warning">
                {t.rich(words.deletionDisabledShort, { setting: <code>storage.delete.enabled: true</code> })}
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
                const digest = shortDigest(result.digest);
                const gc = t(words.gcHint);
                onDone(
                  result.removedTags.length
                    ? t(words.deletedImageAndTags, { digest, tags: format.list(result.removedTags), gc })
                    : t(words.deletedImage, { digest, gc }),
                  undefined,
                );
              })
            }
          >
            {busy ? t(words.deleting) : t(words.deleteImage)}
          </button>
        </DialogActions>
      </div>
    </Dialog>
  );
}
