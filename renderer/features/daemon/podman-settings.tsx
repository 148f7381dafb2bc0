import type {
  DaemonConfigState,
  DaemonLiveSettings,
  PodmanRegistries,
  PodmanRegistryEntry,
} from '../../../shared/contract/index.js';
import { podmanReportFor } from './daemon-logic.js';
import { JsonProblemView } from './raw-editor.js';

/**
 * The engine is Podman: it never reads daemon.json, so the page shows what it does read — the
 * `[[registry]]` entries of registries.conf and its drop-ins — read-only, and offers no reload (Podman
 * reads the files again at every pull or push).
 */
export function PodmanSettings({
  state,
  registries,
}: {
  state: DaemonConfigState;
  registries: PodmanRegistries;
}) {
  const live = state.engine.live;
  const isUnreadable = registries.problems.some((problem) => problem.line !== undefined);
  return (
    <>
      <dl className="summary daemon-summary">
        <div>
          <dt>Engine</dt>
          <dd>
            Podman{live?.serverVersion ? ` ${live.serverVersion}` : ''}
            {live?.isRootless === undefined ? '' : live.isRootless ? ' (rootless)' : ' (rootful)'}
          </dd>
        </div>
        <div>
          <dt>Address</dt>
          <dd className="break">
            <code>{state.engine.host}</code>
          </dd>
        </div>
        <div>
          <dt>Settings read from</dt>
          <dd className="break">
            {registries.files.length === 0 ? (
              'no registries.conf: Podman uses its built-in defaults'
            ) : (
              <ul className="daemon-values">
                {registries.files.map((file) => (
                  <li key={file}>
                    <code>{file}</code>
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      </dl>
      <p className="note" role="note">
        Podman keeps its registry settings in <code>registries.conf</code>, not in dockerd&apos;s daemon.json:
        the system file <code>/etc/containers/registries.conf</code> with the drop-ins in{' '}
        <code>registries.conf.d/</code>, or a user&apos;s own{' '}
        <code>~/.config/containers/registries.conf</code>. Berth read the files listed above:{' '}
        {registries.reason}. It shows them read-only; edit them in a text editor. Podman reads them again at
        every pull and push, so there is nothing to reload.
      </p>
      {registries.problems.map((problem) => (
        <div
          key={`${problem.file}:${problem.line ?? ''}:${problem.message}`}
          className="error-view"
          role="alert"
          aria-label={`Problem in ${problem.file}`}
        >
          <p className="error-message">
            {problem.file}
            {problem.line ? `, line ${problem.line}` : ''}: {problem.message}.
          </p>
          {problem.line !== undefined && problem.column !== undefined && (
            <JsonProblemView
              problem={{
                message: problem.message,
                line: problem.line,
                column: problem.column,
                lineText: problem.lineText ?? '',
              }}
            />
          )}
          <p className="error-hint">
            Podman refuses to pull or push until this is fixed: correct the file in a text editor, then press
            Reload.
          </p>
        </div>
      ))}
      <section className="daemon-section" aria-labelledby="podman-registries-heading">
        <h2 id="podman-registries-heading">Registries in registries.conf</h2>
        <p className="muted small">
          Short names such as <code>alpine</code> are looked up in:{' '}
          {registries.searchRegistries.length ? (
            registries.searchRegistries.map((name, index) => (
              <span key={name}>
                {index > 0 && ', '}
                <code>{name}</code>
              </span>
            ))
          ) : (
            <span>nowhere (a full name is needed)</span>
          )}
          .
        </p>
        {isUnreadable && registries.registries.length === 0 ? (
          <p className="state-line empty">The entries cannot be listed until the file above is fixed.</p>
        ) : registries.registries.length === 0 ? (
          <p className="state-line empty">
            No [[registry]] entries: every registry is reached over HTTPS with its certificate checked, and
            without mirrors.
          </p>
        ) : (
          <RegistriesTable entries={registries.registries} live={live} />
        )}
      </section>
    </>
  );
}

function RegistriesTable({
  entries,
  live,
}: {
  entries: PodmanRegistryEntry[];
  live: DaemonLiveSettings | undefined;
}) {
  return (
    <table className="table daemon-podman" aria-label="Podman registries">
      <thead>
        <tr>
          <th scope="col">Registry</th>
          <th scope="col">Insecure</th>
          <th scope="col">Blocked</th>
          <th scope="col">Mirrors</th>
          <th scope="col">Podman reports</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => {
          const report = podmanReportFor(entry, live);
          return (
            <tr key={entry.prefix}>
              <th scope="row" title={entry.file}>
                <code>{entry.prefix}</code>
                {entry.location && entry.location !== entry.prefix && (
                  <span className="muted">
                    {' '}
                    from <code>{entry.location}</code>
                  </span>
                )}
              </th>
              <td>{entry.isInsecure ? 'yes — plain HTTP or unchecked TLS' : 'no'}</td>
              <td>{entry.isBlocked ? <span className="entry-error">yes — pulls refused</span> : 'no'}</td>
              <td>
                {entry.mirrors.length === 0 ? (
                  <span className="muted">none</span>
                ) : (
                  <ul className="daemon-values">
                    {entry.mirrors.map((mirror) => (
                      <li key={mirror.location}>
                        <code>{mirror.location}</code>
                        {mirror.isInsecure && <span className="muted"> (insecure)</span>}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td>
                {report.kind === 'other' ? (
                  <span className="podman-other">{report.text}</span>
                ) : report.kind === 'same' ? (
                  <span className="success">the same</span>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
