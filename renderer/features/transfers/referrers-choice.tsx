import type { ReferrersPreview } from '../../../shared/jobs.js';
import { describeReferrerKinds, referrerKind } from '../../../shared/manifest.js';
import { formatBytes, shortDigest } from '../../lib/format.js';

/**
 * Whether a copy brings the image's signatures and attestations along: yes unless the user unticked
 * it, or they could not be read (a copy asked to bring them would then fail on the same problem). While
 * the plan is still loading it is yes: the copy finds them itself.
 */
export function referrersWanted(isOff: boolean, found: ReferrersPreview | undefined): boolean {
  return !isOff && !found?.problem;
}

const SHOWN = 6;

/**
 * The signatures, SBOMs and attestations found for the image (and its platforms, and each other), with
 * a checkbox to copy them too: on by default, absent when there are none.
 */
export function ReferrersChoice({
  found,
  isOff,
  onChange,
  disabled,
}: {
  found: ReferrersPreview;
  isOff: boolean;
  onChange: (isOff: boolean) => void;
  disabled?: boolean;
}) {
  if (found.problem)
    return (
      <p className="field-note copy-referrers-problem" role="status">
        Signatures and attestations could not be read, so they are not copied: {found.problem}
      </p>
    );
  if (!found.count) return null;
  return (
    <div className="copy-referrers">
      <label className="check">
        <input
          type="checkbox"
          disabled={disabled}
          checked={!isOff}
          onChange={(event) => onChange(!event.target.checked)}
        />
        Copy signatures and attestations ({found.count}, {formatBytes(found.bytes)})
      </label>
      <ul className="copy-referrers-list" aria-label="Signatures and attestations found">
        {found.items.slice(0, SHOWN).map((item) => (
          <li key={item.digest}>
            <span>{referrerKind({ artifactType: item.artifactType, mediaType: item.artifactType })}</span>
            <code title={item.artifactType}>{shortDigest(item.digest)}</code>
            <span className="muted">{formatBytes(item.size)}</span>
          </li>
        ))}
        {found.items.length > SHOWN && <li className="muted">and {found.items.length - SHOWN} more</li>}
      </ul>
      <span className="muted">
        {describeReferrerKinds(found.kinds)}; copied with the same digests, so signatures still verify.
      </span>
    </div>
  );
}
