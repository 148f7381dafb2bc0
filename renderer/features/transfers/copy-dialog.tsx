import { useEffect, useState } from 'react';
import type { ImageInspection } from '../../../shared/image.js';
import type { CopyPreview } from '../../../shared/jobs.js';
import { isValidTag } from '../../../shared/reference.js';
import { call, errorInfo } from '../../api.js';
import { Dialog, DialogActions } from '../../components/dialog.js';
import { ErrorView, Loading } from '../../components/error-view.js';
import { useAsync } from '../../hooks/use-async.js';
import { formatBytes, shortDigest } from '../../lib/format.js';
import { useNavigation } from '../../navigation.js';
import { copyKey, startCopies, type CopyStartInput, type StartFailure } from './copy-starts.js';
import './transfers.css';

/**
 * Copy (or promote) one tag, or several tags of a repository, to any saved connection: the destination
 * repository and tag default to the source's; an index can be narrowed to some platforms. Starting
 * opens Transfers, where the jobs run on while the user goes elsewhere.
 */
export function CopyDialog({
  connection,
  repository,
  tags,
  image,
  onClose,
}: {
  connection: string;
  repository: string;
  tags: string[];
  /** The image shown, when there is one: its platforms can be picked. */
  image?: ImageInspection;
  onClose: () => void;
}) {
  const navigation = useNavigation();
  const connections = useAsync('connections', () => call('connections.list', {}));
  const saved = connections.status === 'done' ? connections.value.connections : [];
  const source = saved.find((entry) => entry.name === connection);
  const [destinationName, setDestinationName] = useState<string>();
  const destination =
    saved.find((entry) => entry.name === destinationName) ??
    saved.find((entry) => entry.name !== connection) ??
    source;
  const [targetRepository, setTargetRepository] = useState(repository);
  const [targetTag, setTargetTag] = useState(tags[0] ?? '');
  const platforms = (image?.platforms ?? []).filter((entry) => !entry.attestationFor);
  const [isSubset, setIsSubset] = useState(false);
  const [picked, setPicked] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [started, setStarted] = useState<ReadonlyMap<string, string>>(new Map());
  const [failed, setFailed] = useState<StartFailure[]>([]);
  // Once some copies run, the form stays as they were started, so a retry starts the same copies.
  const isLocked = started.size > 0;

  const isSingle = tags.length === 1;
  const repositoryName = targetRepository.trim();
  const tagName = targetTag.trim();
  const chosenPlatforms = isSubset ? picked : undefined;
  const isSameAsSource =
    source?.host === destination?.host && repositoryName === repository && (!isSingle || tagName === tags[0]);
  const problem = !repositoryName
    ? 'The destination repository is missing.'
    : isSingle && !tagName
      ? 'The destination tag is missing.'
      : isSingle && !isValidTag(tagName)
        ? // The request would take a digest as the reference: the copy would then land with no tag at all.
          'A tag is up to 128 letters, digits, _ . and -: a digest would leave the copy without a tag.'
        : isSubset && picked.length === 0
          ? 'Pick at least one platform, or copy all of them.'
          : isSameAsSource && destination
            ? 'That is the source itself: pick another registry, repository or tag.'
            : undefined;

  const jobs: CopyStartInput[] =
    source && destination
      ? tags.map((tag) => ({
          kind: 'copy' as const,
          source: { connection: source.name, repository, reference: tag },
          destination: {
            connection: destination.name,
            repository: repositoryName,
            reference: isSingle ? tagName : tag,
          },
          ...(chosenPlatforms ? { platforms: chosenPlatforms } : {}),
        }))
      : [];
  const preview = isSingle && !problem ? jobs[0] : undefined;

  async function start() {
    setBusy(true);
    const round = await startCopies(jobs, started, (job) => call('jobs.start', job), errorInfo);
    setStarted(round.started);
    setFailed(round.failed);
    setBusy(false);
    if (round.failed.length === 0) {
      onClose();
      navigation.go({ page: 'transfers' });
    }
  }

  const title = isSingle ? `Copy ${repository}:${tags[0]}` : `Copy ${tags.length} tags of ${repository}`;
  return (
    <Dialog title={title} onClose={onClose} wide>
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          if (!problem && jobs.length) void start();
        }}
      >
        <p className="muted">
          From <strong>{connection}</strong>
          {source && (
            <>
              {' '}
              <code>
                {source.host}/{repository}
                {isSingle ? `:${tags[0]}` : ` (${tags.length} tags)`}
              </code>
            </>
          )}
        </p>
        {connections.status === 'error' && (
          <ErrorView error={connections.error} onRetry={connections.reload} />
        )}
        <label className="field">
          <span>Destination registry</span>
          <select
            className="input select"
            disabled={isLocked}
            value={destination?.name ?? ''}
            onChange={(event) => setDestinationName(event.target.value)}
          >
            {saved.map((entry) => (
              <option key={entry.name} value={entry.name}>
                {entry.name} ({entry.host})
              </option>
            ))}
          </select>
        </label>
        <div className="field-row">
          <label className="field">
            <span>Repository</span>
            <input
              className="input"
              required
              disabled={isLocked}
              value={targetRepository}
              onChange={(event) => setTargetRepository(event.target.value)}
            />
          </label>
          {isSingle && (
            <label className="field">
              <span>Tag</span>
              <input
                className="input"
                required
                disabled={isLocked}
                value={targetTag}
                onChange={(event) => setTargetTag(event.target.value)}
              />
            </label>
          )}
        </div>
        {!isSingle && <p className="field-note">Each tag keeps its name: {tags.join(', ')}.</p>}
        {platforms.length > 1 && (
          <fieldset className="segmented copy-platforms">
            <legend className="visually-hidden">Platforms</legend>
            <label>
              <input
                type="radio"
                name="platform-choice"
                disabled={isLocked}
                checked={!isSubset}
                onChange={() => setIsSubset(false)}
              />
              All {platforms.length} platforms (the index keeps its digest)
            </label>
            <label>
              <input
                type="radio"
                name="platform-choice"
                disabled={isLocked}
                checked={isSubset}
                onChange={() => setIsSubset(true)}
              />
              Only some platforms (a new index with its own digest)
            </label>
            {isSubset && (
              <div className="platform-picks" role="group" aria-label="Platforms to copy">
                {platforms.map((entry) => (
                  <label key={entry.digest} className="check">
                    <input
                      type="checkbox"
                      disabled={isLocked}
                      checked={picked.includes(entry.platform)}
                      onChange={(event) =>
                        setPicked((current) =>
                          event.target.checked
                            ? [...current, entry.platform]
                            : current.filter((platform) => platform !== entry.platform),
                        )
                      }
                    />
                    <code>{entry.platform}</code>
                  </label>
                ))}
              </div>
            )}
          </fieldset>
        )}
        {connections.status === 'loading' && <Loading label="Loading connections…" />}
        {problem ? (
          <p className="field-note" role="status">
            {problem}
          </p>
        ) : (
          preview && (
            <CopyPlanView
              input={{
                source: preview.source,
                destination: preview.destination,
                ...(preview.platforms ? { platforms: preview.platforms } : {}),
              }}
            />
          )
        )}
        {!isSingle && failed.length > 0 && (
          <StartFailures
            failures={failed}
            host={destination?.host ?? ''}
            startedCount={started.size}
            total={jobs.length}
          />
        )}
        <DialogActions error={isSingle ? failed[0]?.error : undefined} onCancel={onClose}>
          <button
            type="submit"
            className="button primary"
            disabled={busy || Boolean(problem) || !jobs.length}
            title={problem}
          >
            {busy
              ? 'Starting…'
              : failed.length > 0
                ? isSingle
                  ? 'Retry'
                  : `Retry ${failed.length} failed`
                : isSingle
                  ? 'Start copy'
                  : `Start ${tags.length} copies`}
          </button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** Which copies did not start and why; the others already run in Transfers. */
function StartFailures({
  failures,
  host,
  startedCount,
  total,
}: {
  failures: StartFailure[];
  /** The destination connection's host, to show each copy's destination as a reference. */
  host: string;
  startedCount: number;
  total: number;
}) {
  return (
    <div className="copy-start-failures" role="alert">
      <p>
        {startedCount} of {total} copies started and run in Transfers; {failures.length} could not start:
      </p>
      <ul aria-label="Copies that did not start">
        {failures.map(({ job, error }) => (
          <li key={copyKey(job)}>
            <code>
              {host}/{job.destination.repository}:{job.destination.reference}
            </code>
            <ErrorView error={error} />
          </li>
        ))}
      </ul>
    </div>
  );
}

/** What the copy will do, asked of both registries once the form has settled for a moment. */
function CopyPlanView({ input }: { input: Omit<CopyStartInput, 'kind'> }) {
  const key = useSettled(JSON.stringify(input), 300);
  const plan = useAsync(key, () => call('copy.plan', JSON.parse(key!) as typeof input));
  if (plan.status === 'error') return <ErrorView error={plan.error} onRetry={plan.reload} />;
  if (plan.status !== 'done') return <Loading label="Checking what needs to move…" />;
  return <PlanSummary plan={plan.value} />;
}

function PlanSummary({ plan }: { plan: CopyPreview }) {
  if (plan.isUnchanged)
    return (
      <p className="copy-plan" role="status">
        The destination tag already names this exact image ({shortDigest(plan.digest)}): nothing will be
        written.
      </p>
    );
  const count = (action: CopyPreview['blobs'][number]['action']) =>
    plan.blobs.filter((blob) => blob.action === action).length;
  return (
    <div className="copy-plan" role="status" aria-label="Copy plan">
      <ul>
        <li>
          <strong>{count('transfer')}</strong> to transfer ({formatBytes(plan.bytesToTransfer)})
        </li>
        <li>
          <strong>{count('mount')}</strong> to mount
        </li>
        <li>
          <strong>{count('exists')}</strong> already there
        </li>
        {count('foreign') > 0 && (
          <li>
            <strong>{count('foreign')}</strong> foreign (stay where they are)
          </li>
        )}
      </ul>
      <span className="muted">
        {plan.newIndex
          ? `A new index for ${plan.platforms.join(', ')}: digest ${shortDigest(plan.digest)}`
          : `Digest ${shortDigest(plan.digest)} is kept`}
      </span>
    </div>
  );
}

/** `value` once it has stopped changing for `delayMs` (undefined before that). */
function useSettled(value: string, delayMs: number): string | undefined {
  const [settled, setSettled] = useState<string>();
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}
