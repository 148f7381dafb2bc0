import { useRef, useState } from 'react';
import type { ErrorInfo } from '../../../shared/errors.js';
import { useT } from '../../i18n/index.js';
import { useFormat } from '../../i18n/format.js';
import { isValidTag } from '../../../shared/reference.js';
import { call, errorInfo, hasFileDialog, uploadArchive } from '../../api.js';
import { Dialog, DialogActions } from '../../components/dialog.js';
import { useNavigation } from '../../navigation.js';
import { dialogs } from './messages.js';
import { ProgressBar } from './progress-bar.js';
import { repositoryNameProblem } from './sync-plan.js';
import './transfers.css';

/** An archive the user picked: a token already (the desktop app's dialog), or a file still to upload. */
type Picked = { kind: 'token'; file: string; name: string } | { kind: 'upload'; file: File };

/**
 * "Load from file…": an image archive (docker save, podman save, an OCI archive) pushed into a repository of
 * this connection, as `berth load` does, as a job on the Transfers page. In the browser the file is uploaded
 * to Berth first, with its progress here.
 */
export function LoadDialog({
  connection,
  repository,
  onClose,
}: {
  connection: string;
  repository: string;
  onClose: () => void;
}) {
  const t = useT();
  const format = useFormat();
  const navigation = useNavigation();
  const [picked, setPicked] = useState<Picked>();
  const [targetRepository, setTargetRepository] = useState(repository);
  const [tag, setTag] = useState('');
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<number>();
  const [error, setError] = useState<ErrorInfo>();
  const upload = useRef<AbortController | undefined>(undefined);

  const repositoryName = targetRepository.trim();
  const tagName = tag.trim();
  const problem = !picked
    ? t(dialogs.chooseArchive)
    : (repositoryNameProblem(t, repositoryName, dialogs.repositoryMissingPlain) ??
      (tagName && !isValidTag(tagName) ? t(dialogs.loadTagInvalid) : undefined));
  const pickedName = picked?.kind === 'token' ? picked.name : picked?.file.name;

  async function choose() {
    setError(undefined);
    try {
      const chosen = await call('archive.choose', {});
      if (chosen.file && chosen.name) setPicked({ kind: 'token', file: chosen.file, name: chosen.name });
    } catch (failure) {
      setError(errorInfo(failure));
    }
  }

  async function start() {
    if (!picked || problem) return;
    setBusy(true);
    setError(undefined);
    try {
      let file: string;
      if (picked.kind === 'upload') {
        const controller = new AbortController();
        upload.current = controller;
        setSent(0);
        ({ file } = await uploadArchive(picked.file, setSent, controller.signal));
      } else file = picked.file;
      await call('jobs.start', {
        kind: 'load',
        file,
        destination: { connection, repository: repositoryName, ...(tagName ? { reference: tagName } : {}) },
      });
      onClose();
      navigation.go({ page: 'transfers' });
    } catch (failure) {
      // A chosen file's token is spent by the attempt: it is chosen again.
      if (picked.kind === 'token') setPicked(undefined);
      setError(errorInfo(failure));
      setBusy(false);
      setSent(undefined);
    } finally {
      upload.current = undefined;
    }
  }

  function cancel() {
    upload.current?.abort();
    onClose();
  }

  const total = picked?.kind === 'upload' ? picked.file.size : undefined;
  return (
    <Dialog title={t(dialogs.loadTitle)} onClose={cancel} wide>
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          void start();
        }}
      >
        <p className="muted">
          {t.rich(dialogs.loadIntro, { b: (chunks) => <strong translate="no">{chunks}</strong>, connection })}
        </p>
        {hasFileDialog ? (
          <div className="field">
            <span>{t(dialogs.archive)}</span>
            <div className="file-choice">
              <button type="button" className="button small" disabled={busy} onClick={() => void choose()}>
                {t(dialogs.chooseFile)}
              </button>
              {pickedName ? (
                <span className="file-name" translate="no">
                  {pickedName}
                </span>
              ) : (
                <span className="muted">{t(dialogs.noFile)}</span>
              )}
            </div>
          </div>
        ) : (
          <label className="field">
            <span>{t(dialogs.archive)}</span>
            <input
              className="input"
              type="file"
              accept=".tar,.tar.gz,.tgz,.gz,application/x-tar,application/gzip"
              disabled={busy}
              onChange={(event) => {
                const file = event.target.files?.[0];
                setPicked(file ? { kind: 'upload', file } : undefined);
              }}
            />
          </label>
        )}
        <div className="field-row">
          <label className="field">
            <span>{t(dialogs.repository)}</span>
            <input
              className="input"
              required
              spellCheck={false}
              translate="no"
              placeholder="team/app"
              disabled={busy}
              value={targetRepository}
              onChange={(event) => setTargetRepository(event.target.value)}
            />
          </label>
          <label className="field">
            <span>{t(dialogs.tagOptional)}</span>
            <input
              className="input"
              spellCheck={false}
              placeholder={t(dialogs.ownTags)}
              disabled={busy}
              value={tag}
              onChange={(event) => setTag(event.target.value)}
            />
          </label>
        </div>
        <p className="field-note">{t(dialogs.tagNote)}</p>
        {sent !== undefined && total !== undefined && (
          <div className="upload-progress" role="status">
            <span>
              {t.rich(dialogs.uploadingFile, {
                name: <span translate="no">{pickedName}</span>,
                done: format.size(sent),
                total: format.size(total),
              })}
            </span>
            <ProgressBar
              fraction={total ? sent / total : undefined}
              label={t(dialogs.uploadingLabel, { name: pickedName ?? '' })}
            />
          </div>
        )}
        {picked && problem && (
          <p className="field-note" role="status">
            {problem}
          </p>
        )}
        <DialogActions error={error} onCancel={cancel}>
          <button
            type="submit"
            className="button primary"
            disabled={busy || Boolean(problem)}
            title={problem}
          >
            {t(sent !== undefined ? dialogs.uploading : busy ? dialogs.starting : dialogs.load)}
          </button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
