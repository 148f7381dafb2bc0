import { useState } from 'react';
import type { DaemonApplyResult, DaemonConfigState } from '../../../shared/contract/index.js';
import { call } from '../../api.js';
import { ErrorView } from '../../components/error-view.js';
import { useJobs } from '../transfers/index.js';
import { verificationRows } from './daemon-logic.js';
import { useAction } from '../../hooks/use-action.js';
import { useT } from '../../i18n/index.js';
import { engine as m } from './messages.js';

const ROW_LABELS = { cidrs: m.rowCidrs, hosts: m.rowHosts, mirrors: m.rowMirrors } as const;

function Values({ values }: { values: string[] | undefined }) {
  const t = useT();
  if (values === undefined) return <span className="muted">{t(m.unknown)}</span>;
  if (!values.length) return <span className="muted">{t(m.none)}</span>;
  return (
    <ul className="daemon-values">
      {values.map((value) => (
        <li key={value}>
          <code>{value}</code>
        </li>
      ))}
    </ul>
  );
}

/**
 * Reload and verify: Apply asks dockerd to re-read daemon.json (SIGHUP), then the table shows what the
 * file asks for next to what the engine reports in /info.
 */
export function EngineCheck({
  state,
  hasUnsavedChanges,
  isReading,
  onApplied,
}: {
  state: DaemonConfigState;
  hasUnsavedChanges: boolean;
  /**
   * The page is reading the file again (right after a save). Apply waits for it: a changed file remounts
   * this section, and a reload answered meanwhile would lose what the engine said.
   */
  isReading: boolean;
  onApplied: () => void;
}) {
  const t = useT();
  const { busy, error, run } = useAction();
  const [result, setResult] = useState<DaemonApplyResult>();
  const live = result?.live ?? state.engine.live;
  const rows = verificationRows(result?.expected ?? state.expected, live);
  // Without an engine there is nothing to reload; the file can still be edited (dockerd reads it when it
  // starts).
  const noEngine = !state.engine.live && state.engine.problem !== undefined;
  return (
    <section className="daemon-section" aria-labelledby="daemon-verify-heading">
      <div className="daemon-section-heading">
        <h2 id="daemon-verify-heading">{t(m.heading)}</h2>
        {noEngine && (
          <p id="daemon-apply-reason" className="muted small daemon-apply-reason">
            {t.rich(state.engine.host.startsWith('unix://') ? m.noDockerd : m.notLocal, {
              host: <span translate="no">{state.engine.host}</span>,
            })}
          </p>
        )}
        <button
          type="button"
          className="button primary"
          aria-describedby={noEngine ? 'daemon-apply-reason' : undefined}
          disabled={busy || isReading || Boolean(state.invalid) || noEngine}
          onClick={() =>
            void run('apply', async () => {
              setResult(await call('daemon.apply', {}));
              onApplied();
            })
          }
        >
          {t(busy ? m.reloading : m.apply)}
        </button>
      </div>
      <p className="muted small">
        {t.rich(m.checkedWith, {
          where: noEngine ? t(m.noEngine) : <span translate="no">{state.engine.host}</span>,
          version: live?.serverVersion ?? 'none',
          rules: state.engine.rules,
        })}
      </p>
      {noEngine && !result && (
        <p className="note" role="status">
          {t(m.noEngineNote)}
        </p>
      )}
      {hasUnsavedChanges && <p className="warning small">{t(m.unsaved)}</p>}
      {error && <ErrorView error={error} />}
      {result && (
        <div className={result.applied ? 'note' : 'note danger'} role="status">
          <p>{result.message}</p>
          {!result.applied && result.hint && <p className="error-hint">{result.hint}</p>}
          {result.differences.length > 0 && (
            <ul className="daemon-problems">
              {result.differences.map((difference) => (
                <li key={difference}>{difference}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <table className="table daemon-verify" aria-label={t(m.compared)}>
        <thead>
          <tr>
            <th scope="col">{t(m.setting)}</th>
            <th scope="col">{t(m.fileSays)}</th>
            <th scope="col">{t(m.engineReports)}</th>
            <th scope="col">{t(m.match)}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.kind}>
              <th scope="row">{t(ROW_LABELS[row.kind])}</th>
              <td>
                <Values values={row.file} />
              </td>
              <td>
                <Values values={row.engine} />
              </td>
              <td>
                {row.matches === undefined ? (
                  <span className="muted">—</span>
                ) : row.matches ? (
                  <span className="success">{t(m.matches)}</span>
                ) : (
                  <span className="entry-error">{t(m.differs)}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

const TLS_LABELS = { valid: m.tlsValid, 'plain-http': m.tlsPlain, failed: m.tlsFailed } as const;

/**
 * Each mirror resolved, connected and asked for /v2/, with the time it took. The test runs as a job, so
 * it shows in Transfers too; the table is the finished job's result.
 */
export function MirrorTest({ mirrors }: { mirrors: string[] }) {
  const t = useT();
  const { busy, error, run } = useAction();
  const [jobId, setJobId] = useState<string>();
  const { jobs } = useJobs();
  const job = jobId === undefined ? undefined : jobs.find((candidate) => candidate.id === jobId);
  const isTesting = busy || (jobId !== undefined && job?.status !== 'succeeded' && !job?.error);
  const checks = job?.kind === 'mirror-test' && job.status === 'succeeded' ? job.result : undefined;
  return (
    <section className="daemon-section" aria-labelledby="daemon-mirror-test-heading">
      <div className="daemon-section-heading">
        <h2 id="daemon-mirror-test-heading">{t(m.mirrorTest)}</h2>
        <button
          type="button"
          className="button"
          disabled={isTesting || mirrors.length === 0}
          onClick={() =>
            void run('mirror-test', async () =>
              setJobId((await call('jobs.start', { kind: 'mirror-test', mirrors })).id),
            )
          }
        >
          {t(isTesting ? m.testing : m.testMirrors)}
        </button>
      </div>
      {mirrors.length === 0 && <p className="state-line empty">{t(m.noMirrors)}</p>}
      {isTesting && <p className="state-line muted">{t(m.testingNote)}</p>}
      {error && <ErrorView error={error} />}
      {job?.error && <ErrorView error={job.error} />}
      {checks && (
        <table className="table" aria-label={t(m.results)}>
          <thead>
            <tr>
              <th scope="col">{t(m.mirror)}</th>
              <th scope="col">{t(m.result)}</th>
              <th scope="col" className="numeric">
                {t(m.latency)}
              </th>
              <th scope="col">{t(m.tls)}</th>
            </tr>
          </thead>
          <tbody>
            {checks.map((check) => (
              <tr key={check.url}>
                <td>
                  <code>{check.url}</code>
                </td>
                <td>
                  {check.ok ? (
                    <span className="success">
                      {t(m.reachable, { status: check.status ?? '', apiVersion: check.apiVersion ?? 'none' })}
                    </span>
                  ) : (
                    <>
                      <span className="entry-error">{check.problem}</span>
                      {(check.appHint ?? check.hint) && (
                        <span className="muted"> {check.appHint ?? check.hint}</span>
                      )}
                    </>
                  )}
                </td>
                <td className="numeric">
                  {check.latencyMs === undefined ? '—' : t(m.milliseconds, { ms: check.latencyMs })}
                </td>
                <td>{t(TLS_LABELS[check.tls])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
