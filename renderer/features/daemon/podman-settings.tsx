import type {
  DaemonConfigState,
  DaemonLiveSettings,
  PodmanRegistries,
  PodmanRegistryEntry,
} from '../../../shared/contract/index.js';
import { podmanReportFor } from './daemon-logic.js';
import { useT, type Translate } from '../../i18n/index.js';
import { useFormat } from '../../i18n/format.js';
import { JsonProblemView } from './raw-editor.js';
import { podman as m } from './messages.js';

const PODMAN_REASONS = { env: m.reasonEnv, user: m.reasonUser, system: m.reasonSystem } as const;

/** Why Podman reads these files, in the interface language (the core's English for an unknown code). */
function podmanReason(t: Translate, registries: PodmanRegistries): string {
  return registries.reasonCode ? t(PODMAN_REASONS[registries.reasonCode]) : registries.reason;
}

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
  const t = useT();
  const format = useFormat();
  const code = (chunks: React.ReactNode[]) => <code>{chunks}</code>;
  const live = state.engine.live;
  const isUnreadable = registries.problems.some((problem) => problem.line !== undefined);
  return (
    <>
      <dl className="summary daemon-summary">
        <div>
          <dt>{t(m.engine)}</dt>
          <dd>
            {t(m.engineValue, {
              version: live?.serverVersion ?? 'none',
              mode: live?.isRootless === undefined ? 'unknown' : live.isRootless ? 'rootless' : 'rootful',
            })}
          </dd>
        </div>
        <div>
          <dt>{t(m.address)}</dt>
          <dd className="break">
            <code>{state.engine.host}</code>
          </dd>
        </div>
        <div>
          <dt>{t(m.readFrom)}</dt>
          <dd className="break">
            {registries.files.length === 0 ? (
              t(m.noFiles)
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
        {t.rich(m.about, { code, reason: podmanReason(t, registries) })}
      </p>
      {registries.problems.map((problem) => (
        <div
          key={`${problem.file}:${problem.line ?? ''}:${problem.message}`}
          className="error-view"
          role="alert"
          aria-label={t(m.problemIn, { file: problem.file })}
        >
          <p className="error-message">
            {t.rich(m.problem, {
              file: <span translate="no">{problem.file}</span>,
              line: problem.line ? String(problem.line) : 'none',
              message: problem.message,
            })}
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
          <p className="error-hint">{t(m.problemHint)}</p>
        </div>
      ))}
      <section className="daemon-section" aria-labelledby="podman-registries-heading">
        <h2 id="podman-registries-heading">{t(m.registriesHeading)}</h2>
        <p className="muted small">
          {t.rich(m.shortNames, {
            code,
            where: registries.searchRegistries.length ? (
              <code>{format.list(registries.searchRegistries)}</code>
            ) : (
              t(m.nowhere)
            ),
          })}
        </p>
        {isUnreadable && registries.registries.length === 0 ? (
          <p className="state-line empty">{t(m.cannotList)}</p>
        ) : registries.registries.length === 0 ? (
          <p className="state-line empty">{t(m.noEntries)}</p>
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
  const t = useT();
  return (
    <table className="table daemon-podman" aria-label={t(m.table)}>
      <thead>
        <tr>
          <th scope="col">{t(m.registry)}</th>
          <th scope="col">{t(m.insecure)}</th>
          <th scope="col">{t(m.blocked)}</th>
          <th scope="col">{t(m.mirrors)}</th>
          <th scope="col">{t(m.reports)}</th>
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
                    {t.rich(m.from, { location: entry.location, code: (chunks) => <code>{chunks}</code> })}
                  </span>
                )}
              </th>
              <td>{t(entry.isInsecure ? m.insecureYes : m.no)}</td>
              <td>{entry.isBlocked ? <span className="entry-error">{t(m.blockedYes)}</span> : t(m.no)}</td>
              <td>
                {entry.mirrors.length === 0 ? (
                  <span className="muted">{t(m.none)}</span>
                ) : (
                  <ul className="daemon-values">
                    {entry.mirrors.map((mirror) => (
                      <li key={mirror.location}>
                        <code>{mirror.location}</code>
                        {mirror.isInsecure && <span className="muted">{t(m.mirrorInsecure)}</span>}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td>
                {report.kind === 'other' ? (
                  <span className="podman-other">
                    {t.rich(m.reportsOther, {
                      secure: report.isSecure ? 'yes' : 'no',
                      mirrors: report.mirrors.length ? report.mirrors.join(', ') : 'none',
                    })}
                  </span>
                ) : report.kind === 'not-listed' ? (
                  <span className="podman-other">{t(m.notListed)}</span>
                ) : report.kind === 'same' ? (
                  <span className="success">{t(m.same)}</span>
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
