import { useState } from 'react';
import type { DockerImportResult, DockerLoginView } from '../../../shared/contract/index.js';
import { call } from '../../api.js';
import { Dialog, DialogActions, DoneActions } from '../../components/dialog.js';
import { ErrorView, Loading } from '../../components/error-view.js';
import { useAction } from '../../hooks/use-action.js';
import { useAsync } from '../../hooks/use-async.js';
import './import-docker.css';

function describeSource(login: DockerLoginView): string {
  if (login.source === 'config-file') return 'in config.json';
  return `docker-credential-${login.helper} (${login.source})`;
}

/**
 * Offers the logins the Docker CLI has and saves the chosen ones as connections. The list never holds a
 * secret: the main process reads each one from Docker only when the user asked to copy it.
 */
export function ImportDockerDialog({ onClose, onImported }: { onClose: () => void; onImported: () => void }) {
  const found = useAsync('docker-logins', () => call('connections.dockerLogins', {}));
  const [chosen, setChosen] = useState<Set<string>>();
  const [copySecrets, setCopySecrets] = useState(false);
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

  async function runImport() {
    const answer = await action.run('import', () =>
      call('connections.importDocker', { hosts: [...selected], copySecrets }),
    );
    if (!answer) return;
    setResults(answer.results);
    if (answer.results.some((r) => r.outcome === 'imported')) onImported();
  }

  if (results) {
    return (
      <Dialog title="Imported from Docker" onClose={onClose}>
        <div className="form">
          <ul className="docker-results" aria-label="Import results">
            {results.map((result) => (
              <li key={result.host}>
                <strong>{result.host}</strong>
                {result.outcome === 'imported' && (
                  <span className="docker-outcome ok">
                    Imported as {result.connection}
                    {result.secretCopied ? ', password copied to the keychain' : ', username only'}
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
      title="Import from Docker"
      onClose={onClose}
      busy={
        action.busy ? 'The logins are being saved: this shows what was imported once it is done.' : undefined
      }
    >
      <div className="form">
        {found.status === 'loading' && <Loading label="Reading Docker's logins…" />}
        {found.status === 'error' && <ErrorView error={found.error} onRetry={found.reload} />}
        {found.status === 'done' && (
          <>
            {found.value.problems.map((problem) => (
              <ErrorView key={problem.message} error={problem} />
            ))}
            {found.value.logins.length === 0 ? (
              // Plain text, not the state line: the path and the command wrap with the sentence.
              <p className="docker-empty">
                Docker has no logins in <code>{found.value.configPath}</code>. Run <code>docker login</code>,
                then open this again.
              </p>
            ) : (
              <>
                <p className="muted">
                  Logins found in <code>{found.value.configPath}</code>:
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
                          <strong>{login.host}</strong>
                          <span className="muted">
                            {login.username} · {describeSource(login)}
                          </span>
                        </span>
                        {login.savedAs && <span className="docker-saved">Saved as {login.savedAs}</span>}
                      </label>
                    </li>
                  ))}
                </ul>
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
                  Berth reads each password or token from Docker now and stores it in your system keychain, so
                  the connection signs in by itself; Docker keeps its copy. Unticked, Berth saves the address
                  and username only, and you add the password with Edit connection.
                </p>
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
