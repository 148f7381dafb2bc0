import { useEffect, useState } from 'react';
import type { RepositoryAt } from '../../../shared/contract/common.js';
import type { SyncPreview } from '../../../shared/jobs.js';
import { call } from '../../api.js';
import { ErrorView, Loading } from '../../components/error-view.js';
import { useAsync } from '../../hooks/use-async.js';
import { formatBytes } from '../../lib/format.js';
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
  if (plan.status === 'error') return <ErrorView error={plan.error} onRetry={plan.reload} />;
  if (plan.status !== 'done')
    return (
      <Loading
        label={count ? `Checking what ${count} tags need to move…` : 'Listing the tags and what they need…'}
      />
    );
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
  const tags = plan.tags.length;
  const notPreviewed = plan.notPreviewed ? (
    <span className="muted">
      Only the first {plan.tags.length + plan.unchanged.length} tags by name were checked; {plan.notPreviewed}{' '}
      more are left out of these figures and are checked as the {noun} runs.{' '}
    </span>
  ) : null;
  if (!tags && !plan.notPreviewed)
    return (
      <p className="copy-plan" role="status" aria-label={`${capitalize(noun)} plan`}>
        {plan.unchanged.length === 1
          ? 'The destination already has this tag exactly'
          : `The destination already has all ${plan.unchanged.length} tags exactly`}
        :{' '}
        {withReferrers
          ? 'only signatures and attestations it lacks are written.'
          : 'nothing will be written.'}
      </p>
    );
  return (
    <div className="copy-plan" role="status" aria-label={`${capitalize(noun)} plan`}>
      <p className="copy-plan-total">
        <strong>{formatBytes(plan.bytesToTransfer)}</strong> to transfer for{' '}
        <strong>
          {tags} {tags === 1 ? 'tag' : 'tags'}
        </strong>
        {plan.unchanged.length > 0 && <> ({plan.unchanged.length} already there, skipped)</>}
      </p>
      <ul>
        <li>
          <strong>{plan.blobs.transfer}</strong>{' '}
          {plan.blobs.transfer === 1 ? 'layer or config' : 'layers and configs'} to transfer
        </li>
        <li>
          <strong>{plan.blobs.mount}</strong> to mount
        </li>
        <li>
          <strong>{plan.blobs.exists}</strong> already there
        </li>
        {plan.blobs.foreign > 0 && (
          <li>
            <strong>{plan.blobs.foreign}</strong> foreign (stay where they are)
          </li>
        )}
      </ul>
      {notPreviewed}
      <span className="muted">
        {plan.bytesTotal > plan.bytesToTransfer
          ? `${formatBytes(plan.bytesTotal)} in all, the rest already at the destination. `
          : ''}
        A layer several tags share is counted and moved once; digests are kept.
      </span>
    </div>
  );
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Distribution's repository-name grammar, as the contract checks it. */
const REPOSITORY_NAME = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;

/** Why a destination repository name would be refused, in words; undefined when it is fine. */
export function repositoryNameProblem(name: string): string | undefined {
  if (!name) return 'The destination repository is missing.';
  if (name.length > 255 || !REPOSITORY_NAME.test(name))
    return 'A repository name is lower-case letters and digits in parts separated by /, with . _ or - inside a part (team/app, infra/base-image).';
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
