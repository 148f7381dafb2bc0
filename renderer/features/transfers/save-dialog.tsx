import { useState } from 'react';
import type { ImageInspection } from '../../../shared/image.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import { MAX_CHOSEN_TAGS, type SaveSummary } from '../../../shared/jobs.js';
import { call, errorInfo } from '../../api.js';
import { Dialog, DialogActions } from '../../components/dialog.js';
import { ErrorView } from '../../components/error-view.js';
import { useAsync } from '../../hooks/use-async.js';
import { useT, type Message } from '../../i18n/index.js';
import { common } from '../../i18n/messages.js';
import { useNavigation } from '../../navigation.js';
import { dialogs } from './messages.js';
import './transfers.css';

type Format = SaveSummary['format'];

const FORMATS: Array<{ format: Format; name: Message; when: Message }> = [
  { format: 'docker', name: dialogs.dockerArchive, when: dialogs.dockerArchiveWhen },
  { format: 'oci', name: dialogs.ociArchive, when: dialogs.ociArchiveWhen },
  { format: 'oci-dir', name: dialogs.ociFolder, when: dialogs.ociFolderWhen },
];

/** The file a save suggests: the repository's last part and the tag, in the suggested folder. */
function suggestedPath(folder: string, repository: string, tags: string[], format: Format): string {
  const base = repository.split('/').at(-1) ?? 'images';
  const name = tags.length === 1 ? `${base}-${tags[0]}` : `${base}-${tags.length}-tags`;
  const separator = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  return `${folder.replace(/[\\/]+$/, '')}${separator}${name}${format === 'oci-dir' ? '' : '.tar'}`;
}

/**
 * Saves one tag, or the chosen tags of a repository, to a file on the machine Berth runs on: the format
 * (with a sentence on when to use which), the platform an index becomes in a Docker archive, and the path —
 * typed, or chosen with the system's dialog where the app has one. A file that exists is replaced only
 * after the user says so. The save runs as a job on Transfers.
 */
export function SaveDialog({
  connection,
  repository,
  tags,
  image,
  onClose,
}: {
  connection: string;
  repository: string;
  tags: string[];
  /** The image shown, when there is one: an index's platforms can be picked for a Docker archive. */
  image?: ImageInspection;
  onClose: () => void;
}) {
  const t = useT();
  const navigation = useNavigation();
  const target = useAsync('save-target', () => call('save.target', {}));
  const [format, setFormat] = useState<Format>('docker');
  const [typedPath, setTypedPath] = useState<string>();
  const platforms = (image?.platforms ?? []).filter((entry) => !entry.attestationFor);
  const defaultPlatform =
    platforms.find((entry) => entry.platform === 'linux/amd64')?.platform ?? platforms[0]?.platform;
  const [platform, setPlatform] = useState(defaultPlatform);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo>();
  // The path the user agreed may be replaced; a new path or format asks again.
  const [replacing, setReplacing] = useState<string>();

  const folder = target.status === 'done' ? target.value.folder : undefined;
  const output = typedPath ?? (folder ? suggestedPath(folder, repository, tags, format) : '');
  const isIndexChoice = format === 'docker' && platforms.length > 1;
  const problem = !output.trim()
    ? t(dialogs.nameFile)
    : tags.length > MAX_CHOSEN_TAGS
      ? t(dialogs.tooManySave, { count: tags.length, max: MAX_CHOSEN_TAGS })
      : undefined;
  const isConfirming = replacing !== undefined && replacing === `${format}\n${output.trim()}`;

  async function choose() {
    try {
      const chosen = await call('save.choose', {
        defaultPath: output.trim() || (folder ?? '/'),
        isFolder: format === 'oci-dir',
      });
      if (chosen.path) {
        setTypedPath(chosen.path);
        // The system dialog asked about replacing already.
        setReplacing(`${format}\n${chosen.path}`);
      }
    } catch (failure) {
      setError(errorInfo(failure));
    }
  }

  async function start() {
    setBusy(true);
    setError(undefined);
    try {
      const path = output.trim();
      if (!isConfirming) {
        const { exists } = await call('save.check', { output: path, format });
        if (exists) {
          setReplacing(`${format}\n${path}`);
          setBusy(false);
          return;
        }
      }
      await call('jobs.start', {
        kind: 'save',
        images: tags.map((tag) => ({ connection, repository, reference: tag })),
        output: path,
        format,
        ...(isIndexChoice && platform ? { platforms: [platform] } : {}),
        ...(isConfirming ? { force: true } : {}),
      });
      onClose();
      navigation.go({ page: 'transfers' });
    } catch (failure) {
      setError(errorInfo(failure));
      setBusy(false);
    }
  }

  const title =
    tags.length === 1
      ? t(dialogs.saveOne, { name: `${repository}:${tags[0]}` })
      : t(dialogs.saveMany, { count: tags.length, repository });
  return (
    <Dialog title={title} onClose={onClose} wide>
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          if (!problem && !busy) void start();
        }}
      >
        <p className="muted">
          {t.rich(dialogs.saveIntro, { b: (chunks) => <strong translate="no">{chunks}</strong>, connection })}
        </p>
        <fieldset className="save-formats">
          <legend className="field-label">{t(dialogs.format)}</legend>
          {FORMATS.map((entry) => (
            <label key={entry.format} className="save-format">
              <input
                type="radio"
                name="save-format"
                value={entry.format}
                checked={format === entry.format}
                onChange={() => setFormat(entry.format)}
              />
              <span>
                <strong>{t(entry.name)}</strong>
                <span className="muted small">{t(entry.when)}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {isIndexChoice && (
          <label className="field">
            <span>{t(dialogs.platform)}</span>
            <select className="input" value={platform} onChange={(event) => setPlatform(event.target.value)}>
              {platforms.map((entry) => (
                <option key={entry.digest} value={entry.platform}>
                  {entry.platform}
                </option>
              ))}
            </select>
          </label>
        )}
        {isIndexChoice && <p className="field-note">{t(dialogs.onePlatform, { count: platforms.length })}</p>}
        {format === 'docker' && tags.length > 1 && <p className="field-note">{t(dialogs.amd64Each)}</p>}
        <div className="field-row save-path">
          <label className="field">
            <span>{t(format === 'oci-dir' ? dialogs.folder : dialogs.file)}</span>
            <input
              className="input"
              spellCheck={false}
              value={output}
              onChange={(event) => setTypedPath(event.target.value)}
            />
          </label>
          {target.status === 'done' && target.value.canChoose && (
            <button type="button" className="button" onClick={() => void choose()}>
              {t(dialogs.choose)}
            </button>
          )}
        </div>
        <p className="field-note">
          {t(
            target.status === 'done' && !target.value.canChoose
              ? dialogs.pathOnMachine
              : dialogs.appearsComplete,
          )}
        </p>
        {target.status === 'error' && <ErrorView error={target.error} onRetry={target.reload} />}
        {isConfirming && (
          <p className="warning" role="alert">
            {t.rich(dialogs.exists, { path: <span translate="no">{output.trim()}</span> })}
          </p>
        )}
        <DialogActions error={error} onCancel={onClose}>
          <button type="submit" className="button primary" disabled={busy || !!problem} title={problem}>
            {t(busy ? dialogs.starting : isConfirming ? dialogs.replace : common.save)}
          </button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
