import { useEffect, useState } from 'react';
import type { RepositoryAt } from '../../../shared/contract/common.js';
import type { SyncPreview } from '../../../shared/jobs.js';
import { call } from '../../api.js';
import { ErrorView, Loading } from '../../components/error-view.js';
import { useAsync } from '../../hooks/use-async.js';
import { useT, type Message, type Translate } from '../../i18n/index.js';
import { useFormat } from '../../i18n/format.js';
import { dialogs } from './messages.js';
import { ReferrersChoice } from './referrers-choice.js';

export interface SyncPlanInput {
  source: RepositoryAt;
  destination: RepositoryAt;
  /** A tag pattern (`v1.*`); none = every tag. */
  tags?: string;
  /** Exactly these tags. */
  only?: string[];
  /** Signatures and attestations go too (the `sha256-…` index tags are then not tags of their own). */
  referrers?: boolean;
}

/** The sync plan for `input`, asked of both registries once the form has settled for a moment. */
export function useSyncPlan(input: SyncPlanInput | undefined) {
  const key = useSettled(input ? JSON.stringify(input) : '', 300);
  return useAsync(key || undefined, () => call('sync.plan', JSON.parse(key!) as SyncPlanInput));
}

/** Whether the signatures and attestations go too, and who says so (the dialog holds the choice). */
export interface ReferrersToggle {
  isOff: boolean;
  onChange: (isOff: boolean) => void;
  disabled?: boolean;
}

/**
 * What a sync or a copy of several tags will do (`useSyncPlan`): how many tags it writes, how many are
 * already there, and the bytes to transfer (a layer several tags share is counted once, as it moves
 * once); the signatures and attestations found, with the choice to bring them.
 */
export function SyncPlanView({
  plan,
  count,
  noun = 'copy',
  referrers,
}: {
  plan: ReturnType<typeof useSyncPlan>;
  /** The tags chosen, when they were. */
  count?: number;
  noun?: 'copy' | 'sync';
  referrers: ReferrersToggle;
}) {
  const t = useT();
  if (plan.status === 'error') return <ErrorView error={plan.error} onRetry={plan.reload} />;
  if (plan.status !== 'done')
    return <Loading label={count ? t(dialogs.checkingTags, { count }) : t(dialogs.listingTags)} />;
  return (
    <>
      <SyncPlanSummary
        plan={plan.value}
        noun={noun}
        withReferrers={!referrers.isOff && plan.value.referrers.count > 0}
      />
      <ReferrersChoice found={plan.value.referrers} {...referrers} />
    </>
  );
}

function SyncPlanSummary({
  plan,
  noun,
  withReferrers,
}: {
  plan: SyncPreview;
  noun: 'copy' | 'sync';
  withReferrers: boolean;
}) {
  const t = useT();
  const format = useFormat();
  const b = (chunks: React.ReactNode[]) => <strong>{chunks}</strong>;
  const tags = plan.tags.length;
  const planLabel = t(noun === 'sync' ? dialogs.syncPlan : dialogs.copyPlan);
  const notPreviewed = plan.notPreviewed ? (
    <span className="muted">
      {t(noun === 'sync' ? dialogs.notPreviewedSync : dialogs.notPreviewedCopy, {
        checked: plan.tags.length + plan.unchanged.length,
        more: plan.notPreviewed,
      })}{' '}
    </span>
  ) : null;
  if (!tags && !plan.notPreviewed)
    return (
      <p className="copy-plan" role="status" aria-label={planLabel}>
        {t(withReferrers ? dialogs.allThereReferrers : dialogs.allThere, { count: plan.unchanged.length })}
      </p>
    );
  const size = format.size(plan.bytesToTransfer);
  return (
    <div className="copy-plan" role="status" aria-label={planLabel}>
      <p className="copy-plan-total">
        {plan.unchanged.length > 0
          ? t.rich(dialogs.planTotalSkipped, { b, size, count: tags, unchanged: plan.unchanged.length })
          : t.rich(dialogs.planTotal, { b, size, count: tags })}
      </p>
      <ul>
        <li>{t.rich(dialogs.layersToTransfer, { b, count: plan.blobs.transfer })}</li>
        <li>{t.rich(dialogs.toMount, { b, count: plan.blobs.mount })}</li>
        <li>{t.rich(dialogs.alreadyThere, { b, count: plan.blobs.exists })}</li>
        {plan.blobs.foreign > 0 && <li>{t.rich(dialogs.foreign, { b, count: plan.blobs.foreign })}</li>}
      </ul>
      {notPreviewed}
      <span className="muted">
        {plan.bytesTotal > plan.bytesToTransfer
          ? `${t(dialogs.inAll, { size: format.size(plan.bytesTotal) })} `
          : ''}
        {t(dialogs.sharedOnce)}
      </span>
    </div>
  );
}

/** Distribution's repository-name grammar, as the contract checks it. */
const REPOSITORY_NAME = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;

/**
 * Why a destination repository name would be refused, in words; undefined when it is fine. `missing` says
 * an empty name's problem (the destination repository, or a load's repository).
 */
export function repositoryNameProblem(
  t: Translate,
  name: string,
  missing: Message = dialogs.repositoryMissing,
): string | undefined {
  if (!name) return t(missing);
  if (name.length > 255 || !REPOSITORY_NAME.test(name)) return t(dialogs.repositoryInvalid);
  return undefined;
}

/** `value` once it has stopped changing for `delayMs` (undefined before that). */
export function useSettled(value: string, delayMs: number): string | undefined {
  const [settled, setSettled] = useState<string>();
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}
