import { memo, useState } from 'react';
import type { ErrorInfo } from '../../../shared/errors.js';
import type { JobItem, JobSnapshot } from '../../../shared/jobs.js';
import { call, errorInfo } from '../../api.js';
import { ErrorView } from '../../components/error-view.js';
import { useNow } from '../../hooks/use-now.js';
import { useT } from '../../i18n/index.js';
import { formatSize } from '../../i18n/format.js';
import { common } from '../../i18n/messages.js';
import { describeError } from '../../i18n/errors.js';
import { shortDigest } from '../../lib/format.js';
import {
  connectionForHost,
  describeAmount,
  describeItems,
  describeJobError,
  describeTags,
  formatAgo,
  formatDuration,
  formatExactTime,
  formatEta,
  formatRate,
  itemFraction,
  itemNote,
  itemOutcome,
  itemStateLabel,
  jobFraction,
  jobTitle,
  statusLabel,
  titleMessage,
  titleParts,
  type NamedHost,
} from './job-math.js';
import { ProgressBar } from './progress-bar.js';
import { Sparkline } from './sparkline.js';
import { card } from './messages.js';
import { INTERRUPTED } from './job-store.js';
import { removeJobs } from './use-jobs.js';

const STATUS_TONES = {
  running: undefined,
  succeeded: 'ok',
  failed: 'bad',
  cancelled: 'muted',
  interrupted: 'muted',
} as const;

/**
 * One job: its bar and numbers, Cancel or Retry, and (expanded) a bar per blob and manifest. Memoized:
 * the store keeps a job's snapshot and rates as they are until an event for that job arrives, so a
 * frame redraws only the jobs that moved.
 */
export const JobCard = memo(function JobCard({
  job,
  rates,
  connections,
}: {
  job: JobSnapshot;
  rates: readonly number[];
  /** Saved connections: a registry one of them names is shown by the connection's name. */
  connections: readonly NamedHost[];
}) {
  const t = useT();
  const [isExpanded, setIsExpanded] = useState(false);
  const [actionError, setActionError] = useState<ErrorInfo>();
  const isRunning = job.status === 'running';
  const itemsId = `job-items-${job.id}`;
  const digest = resultDigest(job);
  const summary = [describeTags(t, job), describeItems(t, job)].filter(Boolean).join(' · ');
  const title = jobTitle(t, job);
  const status = statusLabel(t, job.status);

  async function act(action: () => Promise<unknown>) {
    setActionError(undefined);
    try {
      await action();
    } catch (error) {
      setActionError(errorInfo(error));
    }
  }

  return (
    <li className={`job-card ${job.status}`} aria-label={t(card.cardLabel, { status, title })}>
      <div className="job-head">
        <span className={`job-status ${job.status}`}>{status}</span>
        <JobTitle job={job} connections={connections} />
        {/* A mirror test and a storage scan move no bytes, and an earlier session's rates are gone: no rate to draw. */}
        {job.kind !== 'mirror-test' && job.kind !== 'storage' && !job.isRestored && (
          <Sparkline samples={rates} isRunning={isRunning} />
        )}
        <div className="job-actions">
          <button
            type="button"
            className="button ghost small"
            aria-expanded={isExpanded}
            aria-controls={itemsId}
            onClick={() => setIsExpanded((value) => !value)}
          >
            {t(isExpanded ? card.hideDetails : card.details)}
          </button>
          {isRunning ? (
            <button
              type="button"
              className="button small"
              onClick={() => void act(() => call('jobs.cancel', { id: job.id }))}
            >
              {t(common.cancel)}
            </button>
          ) : (
            // An earlier session's job, or one that used its input up (an uploaded archive), has none left to run again.
            job.status !== 'succeeded' &&
            !job.isRestored &&
            !job.isOneShot && (
              <button
                type="button"
                className="button small"
                onClick={() =>
                  void act(async () => {
                    await call('jobs.retry', { id: job.id });
                    // The retry takes this card's place.
                    removeJobs([job.id]);
                  })
                }
              >
                {t(common.retry)}
              </button>
            )
          )}
        </div>
      </div>
      <ProgressBar
        fraction={jobFraction(job)}
        label={t(card.progressOf, { title })}
        tone={STATUS_TONES[job.status]}
      />
      <p className="job-stats">
        <span>{describeAmount(t, job)}</span>
        {isRunning && (job.kind === 'mirror-test' || job.kind === 'storage') ? null : isRunning ? (
          <>
            <span>{formatRate(t, job.overall.rate)}</span>
            <span>{t(card.left, { eta: formatEta(t, job.overall.etaSeconds) })}</span>
          </>
        ) : null}
        <JobTimes job={job} />
        {summary && <span>{summary}</span>}
        {digest && (
          <span>{t.rich(card.digest, { digest: <code title={digest}>{shortDigest(digest)}</code> })}</span>
        )}
      </p>
      {job.status === 'failed' && job.error && (
        <ErrorView
          error={describeJobError(job.error, connections)}
          connection={job.error.registry && connectionForHost(job.error.registry, connections)?.name}
        />
      )}
      {job.status === 'interrupted' && <InterruptedNote error={job.error} />}
      {job.status === 'cancelled' && (
        <p className="muted small">
          {t(
            job.kind === 'copy' || job.kind === 'sync'
              ? card.cancelledCopy
              : job.kind === 'save'
                ? card.cancelledSave
                : job.kind === 'load'
                  ? card.cancelledLoad
                  : card.cancelled,
          )}
        </p>
      )}
      {actionError && <ErrorView error={actionError} />}
      {isExpanded && (
        <ul className="job-items" id={itemsId} aria-label={t(card.itemsOf, { title })}>
          {job.items.length === 0 && <li className="muted small">{t(card.readingSource)}</li>}
          {job.items.map((item) => (
            <ItemRow key={item.id} item={item} status={job.status} />
          ))}
        </ul>
      )}
    </li>
  );
});

/**
 * Why an interrupted job did not finish. The core and the store give such a job one error (INTERRUPTED):
 * that is said in the app's words; any other through describeError.
 */
function InterruptedNote({ error }: { error?: ErrorInfo }) {
  const t = useT();
  if (!error || error.message === INTERRUPTED.message)
    return (
      <p className="muted small">
        {t(card.interrupted)} {error ? t(card.interruptedHint) : ''}
      </p>
    );
  const { message, hint } = describeError(t, error);
  return (
    <p className="muted small">
      {message} {hint}
    </p>
  );
}

/**
 * The title in the interface language, each reference in it shown by the name of the saved connection its
 * registry is on; an older Berth's English title split the same way.
 */
function JobTitle({ job, connections }: { job: JobSnapshot; connections: readonly NamedHost[] }) {
  const t = useT();
  const title = titleMessage(job);
  const reference = (text: string) => <TitleReferences text={text} connections={connections} />;
  return (
    <span className="job-title break">
      {title ? (
        t.rich(title.message, {
          ...title.values,
          source: reference(title.values.source),
          destination: reference(title.values.destination),
          rule: <span translate="no">{title.values.rule}</span>,
        })
      ) : (
        <TitleReferences text={job.title} connections={connections} />
      )}
    </span>
  );
}

function TitleReferences({ text, connections }: { text: string; connections: readonly NamedHost[] }) {
  return titleParts(text, connections).map((part, index) =>
    'text' in part ? (
      <span key={index} translate="no">
        {part.text}
      </span>
    ) : (
      <span key={index} className="job-ref" title={part.reference} translate="no">
        <span className="job-connection">{part.connection}</span> {part.path}
      </span>
    ),
  );
}

/** Started, finished and how long it took; each age with its exact time in a tooltip. */
function JobTimes({ job }: { job: JobSnapshot }) {
  const t = useT();
  const now = useNow(10_000);
  const finishedAt = job.status === 'running' ? undefined : job.finishedAt;
  return (
    <>
      <span>
        {t.rich(card.started, {
          when: (
            <time dateTime={new Date(job.startedAt).toISOString()} title={formatExactTime(t, job.startedAt)}>
              {formatAgo(t, job.startedAt, now)}
            </time>
          ),
        })}
      </span>
      {/* A Berth killed outright last wrote the job at its start: no "last seen" that says nothing new. */}
      {finishedAt !== undefined && (job.status !== 'interrupted' || finishedAt - job.startedAt >= 1000) && (
        <span>
          {t.rich(job.status === 'interrupted' ? card.lastSeen : card.finished, {
            when: (
              <time dateTime={new Date(finishedAt).toISOString()} title={formatExactTime(t, finishedAt)}>
                {formatAgo(t, finishedAt, now)}
              </time>
            ),
          })}
        </span>
      )}
      {finishedAt !== undefined && job.status !== 'interrupted' && (
        <span>{t(card.took, { duration: formatDuration(t, job, finishedAt) })}</span>
      )}
    </>
  );
}

function ItemRow({ item, status }: { item: JobItem; status: JobSnapshot['status'] }) {
  const t = useT();
  const label = itemStateLabel(t, item, status);
  const outcome = itemOutcome(item, status);
  const isCancelled = outcome === 'cancelled' || outcome === 'interrupted';
  const note = item.note === undefined ? undefined : itemNote(t, item.note);
  const tone = isCancelled
    ? 'muted'
    : item.state === 'failed'
      ? 'bad'
      : item.state === 'done'
        ? 'ok'
        : undefined;
  return (
    <li className="job-item">
      <code className="job-item-label" title={item.id}>
        {item.label}
      </code>
      <span className={`item-state ${isCancelled ? 'cancelled' : item.state}`}>{label}</span>
      <ProgressBar
        fraction={itemFraction(item)}
        label={item.label}
        tone={item.state === 'mounted' || item.state === 'skipped' ? 'muted' : tone}
      />
      <span className="job-item-bytes">
        {/* A storage scan's repository count rides on the sizes; its note says it in words. */}
        {item.bytesTotal !== undefined && item.kind !== 'repository'
          ? t(card.bytesOf, {
              done: formatSize(t.intl, item.bytesDone),
              total: formatSize(t.intl, item.bytesTotal),
            })
          : ''}
      </span>
      {note?.text && !isCancelled && (
        <span className="job-item-note muted small" {...(note.isTranslated ? {} : { translate: 'no' })}>
          {note.text}
        </span>
      )}
    </li>
  );
}

/** The digest a finished copy or pull names; sync, push and mirror-test results have none of their own. */
function resultDigest(job: JobSnapshot): string | undefined {
  return job.kind === 'copy' || job.kind === 'pull' ? job.result?.digest : undefined;
}
