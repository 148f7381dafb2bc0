import { useState } from 'react';
import type { DockerImportResult, DockerLoginView } from '../../../shared/contract/index.js';
import { call } from '../../api.js';
import { Dialog, DialogActions, DoneActions } from '../../components/dialog.js';
import { ErrorView, Loading } from '../../components/error-view.js';
import { useAction } from '../../hooks/use-action.js';
import { useAsync } from '../../hooks/use-async.js';
import './import-docker.css';

function describeSource(login: DockerLoginView): string {
  // The badge beside the host says Docker or Podman; Podman has several files, so its path is shown.
  if (login.source === 'config-file') return login.tool === 'podman' ? `in ${login.file}` : 'in config.json';
  const helper = `docker-credential-${login.helper} (${login.source})`;
  return login.tool === 'podman' ? `${helper}, named in ${login.file}` : helper;
}

type HelperChoice = 'ask' | 'copy';

/**
 * Offers the logins the Docker CLI has and saves the chosen ones as connections. The list never holds a
 * secret: the main process reads each one from Docker only when the user asked to copy it.
 */
export function ImportDockerDialog({ onClose, onImported }: { onClose: () => void; onImported: () => void }) {
  const found = useAsync('docker-logins', () => call('connections.dockerLogins', {}));
  const [chosen, setChosen] = useState<Set<string>>();
  const [copySecrets, setCopySecrets] = useState(false);
  // A helper's login is asked for each time unless the user chose to copy it (a cloud token expires).
  const [helperChoice, setHelperChoice] = useState<HelperChoice>('ask');
  const [results, setResults] = useState<DockerImportResult[]>();
  const action = useAction();

  const importable = found.status === 'done' ? found.value.logins.filter((l) => !l.savedAs) : [];
  // Every login not saved yet is ticked until the user changes the choice.
  const selected = chosen ?? new Set(importable.map((l) => l.host));

  function toggle(host: string, on: boolean) {
    const next = new Set(selected);
    if (on) next.add(host);
    else next.delete(host);
    setChosen(next);
  }

  const helperHosts = new Set(importable.filter((l) => l.helper).map((l) => l.host));
  const chosenHelpers = [...selected].filter((host) => helperHosts.has(host));
  const chosenFiles = [...selected].filter((host) => !helperHosts.has(host));

  async function runImport() {
    const answer = await action.run('import', async () => {
      // Logins in files follow the copy box; those a helper holds follow the helper choice.
      const fromFiles = chosenFiles.length
        ? (await call('connections.importDocker', { hosts: chosenFiles, copySecrets })).results
        : [];
      const fromHelpers = chosenHelpers.length
        ? (
            await call('connections.importDocker', {
              hosts: chosenHelpers,
              copySecrets: helperChoice === 'copy',
              askHelpers: helperChoice === 'ask',
            })
          ).results
        : [];
      return [...fromFiles, ...fromHelpers];
    });
    if (!answer) return;
    setResults(answer);
    if (answer.some((r) => r.outcome === 'imported')) onImported();
  }

  if (results) {
    return (
      <Dialog title="Imported from Docker and Podman" onClose={onClose}>
        <div className="form">
          <ul className="docker-results" aria-label="Import results">
            {results.map((result) => (
              <li key={result.host}>
                <strong>{result.host}</strong>
                {result.outcome === 'imported' && (
                  <span className="docker-outcome ok">
                    Imported as {result.connection}
                    {result.askHelper
                      ? `, signed in through docker-credential-${result.askHelper}`
                      : result.secretCopied
                        ? ', password copied to the keychain'
                        : ', username only'}
                  </span>
                )}
                {result.outcome === 'skipped' && (
                  <span className="docker-outcome muted">Skipped: already saved as {result.connection}</span>
                )}
                {result.outcome === 'failed' && result.error && <ErrorView error={result.error} />}
              </li>
            ))}
          </ul>
          <DoneActions onDone={onClose} />
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog
      title="Import from Docker and Podman"
      onClose={onClose}
      busy={
        action.busy ? 'The logins are being saved: this shows what was imported once it is done.' : undefined
      }
    >
      <div className="form">
        {found.status === 'loading' && <Loading label="Reading Docker's and Podman's logins…" />}
        {found.status === 'error' && <ErrorView error={found.error} onRetry={found.reload} />}
        {found.status === 'done' && (
          <>
            {found.value.problems.map((problem) => (
              <ErrorView key={problem.message} error={problem} />
            ))}
            {found.value.logins.length === 0 ? (
              // Plain text, not the state line: the path and the command wrap with the sentence.
              <p className="docker-empty">
                Docker has no logins in <code>{found.value.configPath}</code>, nor Podman in{' '}
                {found.value.podmanFiles.map((file, index) => (
                  <span key={file}>
                    {index > 0 && ' or '}
                    <code>{file}</code>
                  </span>
                ))}
                . Run <code>docker login</code> or <code>podman login</code>, then open this again.
              </p>
            ) : (
              <>
                <p className="muted">
                  Logins found in Docker&apos;s <code>{found.value.configPath}</code> and Podman&apos;s
                  auth.json:
                </p>
                <ul className="docker-logins" aria-label="Docker logins">
                  {found.value.logins.map((login) => (
                    <li key={login.host}>
                      <label className="check">
                        <input
                          type="checkbox"
                          disabled={Boolean(login.savedAs) || action.busy}
                          checked={!login.savedAs && selected.has(login.host)}
                          onChange={(event) => toggle(login.host, event.target.checked)}
                        />
                        <span className="docker-login">
                          <span className="docker-login-title">
                            <strong>{login.host}</strong>
                            <span className="badge">{login.tool === 'podman' ? 'Podman' : 'Docker'}</span>
                            {login.helper && !login.savedAs && (
                              <span className="docker-helper-mode">
                                {helperChoice === 'ask' ? 'asks the helper each time' : 'copies the password'}
                              </span>
                            )}
                          </span>
                          <span className="muted">
                            {login.username} · {describeSource(login)}
                          </span>
                        </span>
                        {login.savedAs && <span className="docker-saved">Saved as {login.savedAs}</span>}
                      </label>
                    </li>
                  ))}
                </ul>
                {importable.some((l) => l.helper) && (
                  <fieldset className="docker-helper-choice">
                    <legend>Logins a credential helper holds</legend>
                    <label className="check">
                      <input
                        type="radio"
                        name="helper-choice"
                        checked={helperChoice === 'ask'}
                        disabled={action.busy}
                        onChange={() => setHelperChoice('ask')}
                      />
                      Ask the helper each time
                    </label>
                    <label className="check">
                      <input
                        type="radio"
                        name="helper-choice"
                        checked={helperChoice === 'copy'}
                        disabled={action.busy}
                        onChange={() => setHelperChoice('copy')}
                      />
                      Copy today&apos;s password into Berth&apos;s keychain
                    </label>
                    <p className="field-note">
                      Asked each time, the helper gives Berth the login whenever a connection needs it and
                      Berth stores nothing: a cloud registry&apos;s short-lived token keeps working. A copy
                      stops working when that token expires.
                    </p>
                  </fieldset>
                )}
                {importable.some((l) => !l.helper) && (
                  <>
                    <label className="check">
                      <input
                        type="checkbox"
                        checked={copySecrets}
                        disabled={action.busy}
                        onChange={(event) => setCopySecrets(event.target.checked)}
                      />
                      Copy the passwords into Berth&apos;s keychain
                    </label>
                    <p className="field-note">
                      Berth reads each password or token from Docker&apos;s or Podman&apos;s file now and
                      stores it in your system keychain, so the connection signs in by itself; the file keeps
                      its copy. Unticked, Berth saves the address and username only, and you add the password
                      with Edit connection.
                    </p>
                  </>
                )}
              </>
            )}
          </>
        )}
        <DialogActions error={action.error} onCancel={onClose}>
          <button
            type="button"
            className="button primary"
            disabled={action.busy || selected.size === 0}
            title={selected.size === 0 ? 'Tick at least one login to import.' : undefined}
            onClick={() => void runImport()}
          >
            {action.busy ? 'Importing…' : `Import ${selected.size || ''}`.trim()}
          </button>
        </DialogActions>
      </div>
    </Dialog>
  );
}
