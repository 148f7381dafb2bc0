import { useRef, useState } from 'react';
import type { ErrorInfo } from '../../../shared/errors.js';
import { formatBytes } from '../../lib/format.js';
import { isValidTag } from '../../../shared/reference.js';
import { call, errorInfo, hasFileDialog, uploadArchive } from '../../api.js';
import { Dialog, DialogActions } from '../../components/dialog.js';
import { useNavigation } from '../../navigation.js';
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
    ? 'Choose the archive to load.'
    : (repositoryNameProblem(repositoryName)?.replace('destination repository', 'repository') ??
      (tagName && !isValidTag(tagName)
        ? 'A tag is letters, digits, _ . and -, up to 128 characters, not starting with . or -.'
        : undefined));
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
    <Dialog title="Load an image archive" onClose={cancel} wide>
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          void start();
        }}
      >
        <p className="muted">
          Pushes the images of an archive into <strong>{connection}</strong>: a Docker archive from docker
          save or podman save, or an OCI archive, either also gzip-compressed (.tar.gz). Each image keeps the
          tags it has in the archive. An OCI archive keeps every digest; a Docker archive holds its layers
          uncompressed, so its digests will be new.
        </p>
        {hasFileDialog ? (
          <div className="field">
            <span>Archive</span>
            <div className="file-choice">
              <button type="button" className="button small" disabled={busy} onClick={() => void choose()}>
                Choose file…
              </button>
              <span className={pickedName ? 'file-name' : 'muted'}>{pickedName ?? 'No file chosen'}</span>
            </div>
          </div>
        ) : (
          <label className="field">
            <span>Archive</span>
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
            <span>Repository</span>
            <input
              className="input"
              required
              spellCheck={false}
              placeholder="team/app"
              disabled={busy}
              value={targetRepository}
              onChange={(event) => setTargetRepository(event.target.value)}
            />
          </label>
          <label className="field">
            <span>Tag (optional)</span>
            <input
              className="input"
              spellCheck={false}
              placeholder="the archive’s own tags"
              disabled={busy}
              value={tag}
              onChange={(event) => setTag(event.target.value)}
            />
          </label>
        </div>
        <p className="field-note">A tag here names the image of an archive that holds only one image.</p>
        {sent !== undefined && total !== undefined && (
          <div className="upload-progress" role="status">
            <span>
              Uploading {pickedName}: {formatBytes(sent)} of {formatBytes(total)}
            </span>
            <ProgressBar fraction={total ? sent / total : undefined} label={`Uploading ${pickedName}`} />
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
            {sent !== undefined ? 'Uploading…' : busy ? 'Starting…' : 'Load'}
          </button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
