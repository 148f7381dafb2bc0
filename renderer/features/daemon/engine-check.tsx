import { useState } from 'react';
import type { DaemonApplyResult, DaemonConfigState } from '../../../shared/contract/index.js';
import { call } from '../../api.js';
import { ErrorView } from '../../components/error-view.js';
import { useJobs } from '../transfers/index.js';
import { verificationRows } from './daemon-logic.js';
import { useAction } from '../../hooks/use-action.js';

function Values({ values }: { values: string[] | undefined }) {
  if (values === undefined) return <span className="muted">unknown</span>;
  if (!values.length) return <span className="muted">none</span>;
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
        <h2 id="daemon-verify-heading">The running engine</h2>
        {noEngine && (
          <p id="daemon-apply-reason" className="muted small daemon-apply-reason">
            {state.engine.host.startsWith('unix://')
              ? `Apply needs a running dockerd: none answers at ${state.engine.host}.`
              : `Apply reloads only a dockerd on this machine, reached through its socket; ${state.engine.host} is not one.`}
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
          {busy ? 'Reloading…' : 'Apply (reload dockerd)'}
        </button>
      </div>
      <p className="muted small">
        {noEngine ? 'no engine' : state.engine.host}
        {live?.serverVersion ? ` · dockerd ${live.serverVersion}` : ''} · checked with dockerd&apos;s{' '}
        {state.engine.rules === 'legacy' ? 'pre-23 rules' : 'current rules'}. insecure-registries and
        registry-mirrors reload without a restart.
      </p>
      {noEngine && !result && (
        <p className="note" role="status">
          No Docker engine answers, so Berth cannot reload it or read what it uses now. You can still edit and
          save daemon.json: dockerd reads it when it starts. Start dockerd, then press Reload.
        </p>
      )}
      {hasUnsavedChanges && (
        <p className="warning small">Apply reloads the file as saved: review and save your changes first.</p>
      )}
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
      <table className="table daemon-verify" aria-label="File and engine compared">
        <thead>
          <tr>
            <th scope="col">Setting</th>
            <th scope="col">daemon.json says (saved)</th>
            <th scope="col">Engine reports</th>
            <th scope="col">Match</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.label}>
              <th scope="row">{row.label}</th>
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
                  <span className="success">matches</span>
                ) : (
                  <span className="entry-error">differs</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/**
 * Each mirror resolved, connected and asked for /v2/, with the time it took. The test runs as a job, so
 * it shows in Transfers too; the table is the finished job's result.
 */
export function MirrorTest({ mirrors }: { mirrors: string[] }) {
  const { busy, error, run } = useAction();
  const [jobId, setJobId] = useState<string>();
  const { jobs } = useJobs();
  const job = jobId === undefined ? undefined : jobs.find((candidate) => candidate.id === jobId);
  const isTesting = busy || (jobId !== undefined && job?.status !== 'succeeded' && !job?.error);
  const checks = job?.kind === 'mirror-test' && job.status === 'succeeded' ? job.result : undefined;
  return (
    <section className="daemon-section" aria-labelledby="daemon-mirror-test-heading">
      <div className="daemon-section-heading">
        <h2 id="daemon-mirror-test-heading">Mirror test</h2>
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
          {isTesting ? 'Testing…' : 'Test mirrors'}
        </button>
      </div>
      {mirrors.length === 0 && <p className="state-line empty">No mirrors to test.</p>}
      {isTesting && <p className="state-line muted">Testing; the test also shows in Transfers.</p>}
      {error && <ErrorView error={error} />}
      {job?.error && <ErrorView error={job.error} />}
      {checks && (
        <table className="table" aria-label="Mirror test results">
          <thead>
            <tr>
              <th scope="col">Mirror</th>
              <th scope="col">Result</th>
              <th scope="col" className="numeric">
                Latency
              </th>
              <th scope="col">TLS</th>
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
                      reachable (HTTP {check.status}
                      {check.apiVersion ? `, ${check.apiVersion}` : ''})
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
                <td className="numeric">{check.latencyMs === undefined ? '—' : `${check.latencyMs} ms`}</td>
                <td>{check.tls === 'plain-http' ? 'plain HTTP' : check.tls}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
