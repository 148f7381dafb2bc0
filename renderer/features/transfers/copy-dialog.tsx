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
import { useT } from '../../i18n/index.js';
import { useFormat } from '../../i18n/format.js';
import { common } from '../../i18n/messages.js';
import { shortDigest } from '../../lib/format.js';
import { dialogs } from './messages.js';
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
  const t = useT();
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
  const problem = repositoryNameProblem(t, repositoryName)
    ? repositoryNameProblem(t, repositoryName)
    : isSingle && !tagName
      ? t(dialogs.tagMissing)
      : isSingle && !isValidTag(tagName)
        ? // The request would take a digest as the reference: the copy would then land with no tag at all.
          t(dialogs.tagInvalid)
        : tags.length > MAX_CHOSEN_TAGS
          ? t(dialogs.tooManyTags, { count: tags.length, max: MAX_CHOSEN_TAGS })
          : isSubset && picked.length === 0
            ? t(dialogs.pickPlatform)
            : isSameAsSource && destination
              ? t(dialogs.sameAsSource)
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

  const title = isSingle
    ? t(dialogs.copyOne, { name: `${repository}:${tags[0]}` })
    : t(dialogs.copyMany, { count: tags.length, repository });
  const b = (chunks: React.ReactNode[]) => <strong translate="no">{chunks}</strong>;
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
          {t.rich(dialogs.from, { b, connection })}
          {source && (
            <>
              {' '}
              <code>
                {source.host}/{repository}
                {isSingle ? `:${tags[0]}` : ''}
              </code>
              {isSingle ? '' : ` ${t(dialogs.tagsCount, { count: tags.length })}`}
            </>
          )}
        </p>
        {connections.status === 'error' && (
          <ErrorView error={connections.error} onRetry={connections.reload} />
        )}
        <ConnectionField
          label={t(dialogs.destinationRegistry)}
          connections={saved}
          value={destination?.name ?? ''}
          onChange={setDestinationName}
          disabled={isLocked}
        />
        <UnreachableNote guard={guard} role="destination" />
        <div className="field-row">
          <label className="field">
            <span>{t(dialogs.repository)}</span>
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
              <span>{t(dialogs.tag)}</span>
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
            {t.rich(dialogs.eachTagKeepsName, {
              tags:
                tags.length > 12 ? (
                  t.rich(dialogs.andMore, {
                    list: <span translate="no">{tags.slice(0, 12).join(', ')}</span>,
                    count: tags.length - 12,
                  })
                ) : (
                  <span translate="no">{tags.join(', ')}</span>
                ),
            })}
          </p>
        )}
        {platforms.length > 1 && (
          <fieldset className="segmented copy-platforms">
            <legend className="visually-hidden">{t(dialogs.platforms)}</legend>
            <label>
              <input
                type="radio"
                name="platform-choice"
                disabled={isLocked}
                checked={!isSubset}
                onChange={() => setIsSubset(false)}
              />
              {t(dialogs.allPlatforms, { count: platforms.length })}
            </label>
            <label>
              <input
                type="radio"
                name="platform-choice"
                disabled={isLocked}
                checked={isSubset}
                onChange={() => setIsSubset(true)}
              />
              {t(dialogs.somePlatforms)}
            </label>
            {isSubset && (
              <div className="platform-picks" role="group" aria-label={t(dialogs.platformsToCopy)}>
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
        {connections.status === 'loading' && <Loading label={t(dialogs.loadingConnections)} />}
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
              ? t(dialogs.starting)
              : failed.length > 0
                ? t(common.retry)
                : isSingle
                  ? t(dialogs.startCopy)
                  : t(dialogs.copyTagsButton, { count: tags.length })}
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
  const t = useT();
  if (plan.status === 'error') return <ErrorView error={plan.error} onRetry={plan.reload} />;
  if (plan.status !== 'done') return <Loading label={t(dialogs.checkingPlan)} />;
  return (
    <>
      <PlanSummary plan={plan.value} />
      <ReferrersChoice found={plan.value.referrers} {...referrers} />
    </>
  );
}

function PlanSummary({ plan }: { plan: CopyPreview }) {
  const t = useT();
  const format = useFormat();
  const b = (chunks: React.ReactNode[]) => <strong>{chunks}</strong>;
  const digest = <code>{shortDigest(plan.digest)}</code>;
  if (plan.isUnchanged)
    return (
      <p className="copy-plan" role="status">
        {t.rich(plan.referrers.count > 0 ? dialogs.unchangedImageReferrers : dialogs.unchangedImage, {
          digest,
        })}
      </p>
    );
  const count = (action: CopyPreview['blobs'][number]['action']) =>
    plan.blobs.filter((blob) => blob.action === action).length;
  return (
    <div className="copy-plan" role="status" aria-label={t(dialogs.copyPlan)}>
      <ul>
        <li>
          {t.rich(dialogs.toTransfer, {
            b,
            count: count('transfer'),
            size: format.size(plan.bytesToTransfer),
          })}
        </li>
        <li>{t.rich(dialogs.toMount, { b, count: count('mount') })}</li>
        <li>{t.rich(dialogs.alreadyThere, { b, count: count('exists') })}</li>
        {count('foreign') > 0 && <li>{t.rich(dialogs.foreign, { b, count: count('foreign') })}</li>}
      </ul>
      <span className="muted">
        {plan.newIndex
          ? t.rich(dialogs.newIndex, {
              platforms: <span translate="no">{plan.platforms.join(', ')}</span>,
              digest,
            })
          : t.rich(dialogs.digestKept, { digest })}
      </span>
    </div>
  );
}
