import { useState } from 'react';
import type { DockerImportResult, DockerLoginView } from '../../../shared/contract/index.js';
import { call } from '../../api.js';
import { Dialog, DialogActions, DoneActions } from '../../components/dialog.js';
import { ErrorView, Loading } from '../../components/error-view.js';
import { useAction } from '../../hooks/use-action.js';
import { useAsync } from '../../hooks/use-async.js';
import { useT, type Translate } from '../../i18n/index.js';
import { importing as m } from './messages.js';
import './import-docker.css';

function describeSource(t: Translate, login: DockerLoginView): string {
  // The badge beside the host says Docker or Podman; Podman has several files, so its path is shown.
  if (login.source === 'config-file')
    return t(m.inFile, { file: login.tool === 'podman' ? login.file : 'config.json' });
  const facts = { helper: login.helper, source: login.source, file: login.file };
  return t(login.tool === 'podman' ? m.helperSourcePodman : m.helperSource, facts);
}

type HelperChoice = 'ask' | 'copy';

/**
 * Offers the logins the Docker CLI has and saves the chosen ones as connections. The list never holds a
 * secret: the main process reads each one from Docker only when the user asked to copy it.
 */
export function ImportDockerDialog({ onClose, onImported }: { onClose: () => void; onImported: () => void }) {
  const t = useT();
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
      <Dialog title={t(m.doneTitle)} onClose={onClose}>
        <div className="form">
          <ul className="docker-results" aria-label={t(m.results)}>
            {results.map((result) => (
              <li key={result.host}>
                <strong translate="no">{result.host}</strong>
                {result.outcome === 'imported' && (
                  <span className="docker-outcome ok">
                    {result.askHelper
                      ? t(m.importedAsHelper, { connection: result.connection, helper: result.askHelper })
                      : t(result.secretCopied ? m.importedAsCopied : m.importedAsUsername, {
                          connection: result.connection,
                        })}
                  </span>
                )}
                {result.outcome === 'skipped' && (
                  <span className="docker-outcome muted">
                    {t(m.skipped, { connection: result.connection })}
                  </span>
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
    <Dialog title={t(m.title)} onClose={onClose} busy={action.busy ? t(m.busy) : undefined}>
      <div className="form">
        {found.status === 'loading' && <Loading label={t(m.reading)} />}
        {found.status === 'error' && <ErrorView error={found.error} onRetry={found.reload} />}
        {found.status === 'done' && (
          <>
            {found.value.problems.map((problem) => (
              <ErrorView key={problem.message} error={problem} />
            ))}
            {found.value.logins.length === 0 ? (
              // Plain text, not the state line: the path and the command wrap with the sentence.
              <p className="docker-empty">
                {t.rich(m.none, {
                  configPath: found.value.configPath,
                  code: (chunks) => <code>{chunks}</code>,
                  podmanFiles: found.value.podmanFiles.map((file, index) => (
                    <span key={file}>
                      {index > 0 && t(m.or)}
                      <code>{file}</code>
                    </span>
                  )),
                })}
              </p>
            ) : (
              <>
                <p className="muted">
                  {t.rich(m.foundIn, {
                    configPath: found.value.configPath,
                    code: (chunks) => <code>{chunks}</code>,
                  })}
                </p>
                <ul className="docker-logins" aria-label={t(m.loginsLabel)}>
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
                            <strong translate="no">{login.host}</strong>
                            <span className="badge" translate="no">
                              {login.tool === 'podman' ? 'Podman' : 'Docker'}
                            </span>
                            {login.helper && !login.savedAs && (
                              <span className="docker-helper-mode">
                                {t(helperChoice === 'ask' ? m.asksHelper : m.copiesPassword)}
                              </span>
                            )}
                          </span>
                          <span className="muted">
                            <span translate="no">{login.username}</span> · {describeSource(t, login)}
                          </span>
                        </span>
                        {login.savedAs && (
                          <span className="docker-saved">{t(m.savedAs, { connection: login.savedAs })}</span>
                        )}
                      </label>
                    </li>
                  ))}
                </ul>
                {importable.some((l) => l.helper) && (
                  <fieldset className="docker-helper-choice">
                    <legend>{t(m.helperLegend)}</legend>
                    <label className="check">
                      <input
                        type="radio"
                        name="helper-choice"
                        checked={helperChoice === 'ask'}
                        disabled={action.busy}
                        onChange={() => setHelperChoice('ask')}
                      />
                      {t(m.askEachTime)}
                    </label>
                    <label className="check">
                      <input
                        type="radio"
                        name="helper-choice"
                        checked={helperChoice === 'copy'}
                        disabled={action.busy}
                        onChange={() => setHelperChoice('copy')}
                      />
                      {t(m.copyToday)}
                    </label>
                    <p className="field-note">{t(m.helperNote)}</p>
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
                      {t(m.copyPasswords)}
                    </label>
                    <p className="field-note">{t(m.copyNote)}</p>
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
            title={selected.size === 0 ? t(m.tickOne) : undefined}
            onClick={() => void runImport()}
          >
            {action.busy ? t(m.importing) : t(m.importButton, { count: selected.size })}
          </button>
        </DialogActions>
      </div>
    </Dialog>
  );
}
