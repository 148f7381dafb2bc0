import type { ReferrersPreview } from '../../../shared/jobs.js';
import { referrerKind, type ReferrerKind } from '../../../shared/manifest.js';
import { useT, type Translate } from '../../i18n/index.js';
import { useFormat } from '../../i18n/format.js';
import { common } from '../../i18n/messages.js';
import { shortDigest } from '../../lib/format.js';
import { dialogs } from './messages.js';

/**
 * Whether a copy brings the image's signatures and attestations along: yes unless the user unticked
 * it, or they could not be read (a copy asked to bring them would then fail on the same problem). While
 * the plan is still loading it is yes: the copy finds them itself.
 */
export function referrersWanted(isOff: boolean, found: ReferrersPreview | undefined): boolean {
  return !isOff && !found?.problem;
}

const SHOWN = 6;

/** `2 signatures, 1 SBOM`: referrers counted by artifactType, named as the image view names them. */
function describeKinds(t: Translate, kinds: Record<string, number>): string {
  const named = new Map<ReferrerKind, number>();
  for (const [artifactType, count] of Object.entries(kinds)) {
    const kind = referrerKind({ artifactType, mediaType: artifactType });
    named.set(kind, (named.get(kind) ?? 0) + count);
  }
  return [...named]
    .map(([kind, count]) => t(dialogs.referrerKindCount, { kind, count }))
    .join(t(common.listSeparator));
}

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
  const t = useT();
  const format = useFormat();
  if (found.problem)
    return (
      <p className="field-note copy-referrers-problem" role="status">
        {t.rich(dialogs.referrersProblem, { problem: <span translate="no">{found.problem}</span> })}
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
        {t(dialogs.copyReferrers, { count: found.count, size: format.size(found.bytes) })}
      </label>
      <ul className="copy-referrers-list" aria-label={t(dialogs.referrersFound)}>
        {found.items.slice(0, SHOWN).map((item) => (
          <li key={item.digest}>
            <span>
              {t(dialogs.referrerKind, {
                kind: referrerKind({ artifactType: item.artifactType, mediaType: item.artifactType }),
              })}
            </span>
            <code title={item.artifactType}>{shortDigest(item.digest)}</code>
            <span className="muted">{format.size(item.size)}</span>
          </li>
        ))}
        {found.items.length > SHOWN && (
          <li className="muted">{t(dialogs.referrersMore, { count: found.items.length - SHOWN })}</li>
        )}
      </ul>
      <span className="muted">{t(dialogs.referrersKept, { kinds: describeKinds(t, found.kinds) })}</span>
    </div>
  );
}
