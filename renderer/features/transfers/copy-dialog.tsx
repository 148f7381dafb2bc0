import { useState } from 'react';
import type { ImageInspection } from '../../../shared/image.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import { MAX_CHOSEN_TAGS, type CopyPreview } from '../../../shared/jobs.js';
import { isValidTag } from '../../../shared/reference.js';
import { call, errorInfo } from '../../api.js';
import { ConnectionField, UnreachableNote } from '../../components/connection-field.js';
import { Dialog, DialogActions } from '../../components/dialog.js';
import { ErrorView, Loading } from '../../components/error-view.js';
import { useAsync } from '../../hooks/use-async.js';
import { formatBytes, shortDigest } from '../../lib/format.js';
import { useNavigation } from '../../navigation.js';
import { startCopies, type CopyStartInput } from './copy-starts.js';
import { ReferrersChoice, referrersWanted } from './referrers-choice.js';
import {
  repositoryNameProblem,
  SyncPlanView,
  useSettled,
  useSyncPlan,
  type ReferrersToggle,
  type SyncPlanInput,
} from './sync-plan.js';
import './transfers.css';
import { useDestination } from './use-destination.js';

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
  const { connections, saved, source, destination, setDestinationName, guard } = useDestination(connection);
  const [targetRepository, setTargetRepository] = useState(repository);
  const [targetTag, setTargetTag] = useState(tags[0] ?? '');
  const platforms = (image?.platforms ?? []).filter((entry) => !entry.attestationFor);
  const [isSubset, setIsSubset] = useState(false);
  const [picked, setPicked] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [started, setStarted] = useState<ReadonlyMap<string, string>>(new Map());
  const [failed, setFailed] = useState<Array<{ error: ErrorInfo }>>([]);
  const [isReferrersOff, setReferrersOff] = useState(false);
  // Once some copies run, the form stays as they were started, so a retry starts the same copies.
  const isLocked = started.size > 0;

  const isSingle = tags.length === 1;
  const repositoryName = targetRepository.trim();
  const tagName = targetTag.trim();
  const chosenPlatforms = isSubset ? picked : undefined;
  const isSameAsSource =
    source?.host === destination?.host && repositoryName === repository && (!isSingle || tagName === tags[0]);
  const problem = repositoryNameProblem(repositoryName)
    ? repositoryNameProblem(repositoryName)
    : isSingle && !tagName
      ? 'The destination tag is missing.'
      : isSingle && !isValidTag(tagName)
        ? // The request would take a digest as the reference: the copy would then land with no tag at all.
          'A tag is up to 128 letters, digits, _ . and -: a digest would leave the copy without a tag.'
        : tags.length > MAX_CHOSEN_TAGS
          ? `${tags.length} tags are chosen; one copy takes up to ${MAX_CHOSEN_TAGS}, named in one request. Sync the repository instead: it copies every tag, or those a pattern matches, with no limit.`
          : isSubset && picked.length === 0
            ? 'Pick at least one platform, or copy all of them.'
            : isSameAsSource && destination
              ? 'That is the source itself: pick another registry, repository or tag.'
              : undefined;

  // One tag is a copy job; several are one sync job of exactly those tags (shared layers move once).
  const jobs: CopyStartInput[] =
    source && destination && isSingle
      ? [
          {
            kind: 'copy' as const,
            source: { connection: source.name, repository, reference: tags[0]! },
            destination: { connection: destination.name, repository: repositoryName, reference: tagName },
            ...(chosenPlatforms ? { platforms: chosenPlatforms } : {}),
          },
        ]
      : [];
  const many: SyncPlanInput | undefined =
    source && destination && !isSingle
      ? {
          source: { connection: source.name, repository },
          destination: { connection: destination.name, repository: repositoryName },
          only: tags,
        }
      : undefined;
  // A destination known down would only fail the plan's questions: its note says why instead.
  const preview = isSingle && !problem && !guard.down ? jobs[0] : undefined;
  const copyPlan = useCopyPlan(
    preview && {
      source: preview.source,
      destination: preview.destination,
      ...(preview.platforms ? { platforms: preview.platforms } : {}),
    },
  );
  const manyPlan = useSyncPlan(
    many && !problem && !guard.down ? { ...many, referrers: !isReferrersOff } : undefined,
  );
  const found = isSingle
    ? copyPlan.status === 'done'
      ? copyPlan.value.referrers
      : undefined
    : manyPlan.status === 'done'
      ? manyPlan.value.referrers
      : undefined;
  const withReferrers = referrersWanted(isReferrersOff, found);
  const referrersToggle: ReferrersToggle = {
    isOff: isReferrersOff,
    onChange: setReferrersOff,
    disabled: isLocked || busy,
  };
  const canStart = !problem && !guard.problem && (isSingle ? jobs.length > 0 : many !== undefined);

  async function start() {
    setBusy(true);
    if (many) {
      try {
        await call('jobs.start', { kind: 'sync', ...many, referrers: withReferrers });
        onClose();
        navigation.go({ page: 'transfers' });
      } catch (failure) {
        setFailed([{ error: errorInfo(failure) }]);
        setBusy(false);
      }
      return;
    }
    const round = await startCopies(
      jobs.map((job) => (withReferrers ? { ...job, referrers: true } : job)),
      started,
      (job) => call('jobs.start', job),
      errorInfo,
    );
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
          if (canStart) void start();
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
        <ConnectionField
          label="Destination registry"
          connections={saved}
          value={destination?.name ?? ''}
          onChange={setDestinationName}
          disabled={isLocked}
        />
        <UnreachableNote guard={guard} role="destination" />
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
        {!isSingle && (
          <p className="field-note">
            Each tag keeps its name:{' '}
            {tags.length > 12
              ? `${tags.slice(0, 12).join(', ')} and ${tags.length - 12} more`
              : tags.join(', ')}
            . They are copied as one job, followed in Transfers.
          </p>
        )}
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
          <>
            {preview && <CopyPlanView plan={copyPlan} referrers={referrersToggle} />}
            {many && !guard.down && (
              <SyncPlanView plan={manyPlan} count={tags.length} referrers={referrersToggle} />
            )}
          </>
        )}
        <DialogActions error={failed[0]?.error} onCancel={onClose}>
          <button
            type="submit"
            className="button primary"
            disabled={busy || !canStart}
            title={problem ?? guard.problem}
          >
            {busy
              ? 'Starting…'
              : failed.length > 0
                ? 'Retry'
                : isSingle
                  ? 'Start copy'
                  : `Copy ${tags.length} tags`}
          </button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** What the copy will do, asked of both registries once the form has settled for a moment. */
function useCopyPlan(input: Omit<CopyStartInput, 'kind' | 'referrers'> | undefined) {
  const key = useSettled(input ? JSON.stringify(input) : '', 300);
  return useAsync(key || undefined, () => call('copy.plan', JSON.parse(key!) as NonNullable<typeof input>));
}

function CopyPlanView({
  plan,
  referrers,
}: {
  plan: ReturnType<typeof useCopyPlan>;
  referrers: ReferrersToggle;
}) {
  if (plan.status === 'error') return <ErrorView error={plan.error} onRetry={plan.reload} />;
  if (plan.status !== 'done') return <Loading label="Checking what needs to move…" />;
  return (
    <>
      <PlanSummary plan={plan.value} />
      <ReferrersChoice found={plan.value.referrers} {...referrers} />
    </>
  );
}

function PlanSummary({ plan }: { plan: CopyPreview }) {
  if (plan.isUnchanged)
    return (
      <p className="copy-plan" role="status">
        The destination tag already names this exact image ({shortDigest(plan.digest)}):{' '}
        {plan.referrers.count > 0
          ? 'only signatures and attestations it lacks are written.'
          : 'nothing will be written.'}
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
