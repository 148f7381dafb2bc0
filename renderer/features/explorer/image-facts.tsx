import { useId, type ReactNode } from 'react';
import type { ImageInspection } from '../../../shared/image.js';
import { isDockerHubHost } from '../../../shared/reference.js';
import { CopyButton } from '../../components/copy-button.js';
import { useFormat } from '../../i18n/format.js';
import { useT } from '../../i18n/index.js';
import { describeMediaType } from './media-types.js';
import { image as words } from './messages.js';

/** One fact: the value is named by its term, so a screen reader (and a test) finds "Size" by name. */
function Fact({
  term,
  title,
  className,
  children,
}: {
  term: string;
  title?: string;
  className?: string;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <div className={className} title={title}>
      <dt id={id}>{term}</dt>
      <dd aria-labelledby={id}>{children}</dd>
    </div>
  );
}

/**
 * The image's facts at a glance: media type, size by the one rule, layers, created. On Docker Hub an
 * index's platforms are added up only when asked (`onAddUpPlatforms`): each manifest read is a pull.
 */
export function ImageSummary({
  image,
  onAddUpPlatforms,
}: {
  image: ImageInspection;
  onAddUpPlatforms: () => void;
}) {
  const isIndexSize = image.kind === 'index' && image.selected !== undefined;
  const platformCount = image.platforms.filter(
    (entry) => !entry.attestationFor && entry.os !== 'unknown',
  ).length;
  const canAddUp = isIndexSize && image.allPlatformsSize === undefined && isDockerHubHost(image.registry);
  const t = useT();
  const format = useFormat();
  // The one size rule (shared/image-size.ts): an image's own; an index's shown platform, and all platforms once added up.
  const size = !image.configDigest
    ? '—'
    : image.kind !== 'index' || !image.selected
      ? format.size(image.totalSize)
      : image.allPlatformsSize === undefined
        ? t(words.sizeOfPlatform, { platform: image.selected.platform, size: format.size(image.totalSize) })
        : t(words.sizeOfAllPlatforms, {
            platform: image.selected.platform,
            size: format.size(image.totalSize),
            all: format.size(image.allPlatformsSize),
          });
  return (
    <dl className="summary image-summary">
      <Fact term={t(words.mediaType)} title={image.mediaType}>
        {describeMediaType(t, image.mediaType)}
      </Fact>
      <Fact
        term={t(words.size)}
        title={t(words.sizeDefinition)}
        className={isIndexSize ? 'whole-row' : undefined}
      >
        {size}
        {canAddUp && (
          <button
            type="button"
            className="button small ghost add-up"
            title={t(words.addUpTitle, { count: platformCount })}
            onClick={onAddUpPlatforms}
          >
            {t(words.addUp, { count: platformCount })}
          </button>
        )}
      </Fact>
      <Fact term={t(words.layers)}>{image.layers.length}</Fact>
      {image.config?.created && <Fact term={t(words.created)}>{format.dateTime(image.config.created)}</Fact>}
    </dl>
  );
}

/** Every digest a developer pastes elsewhere, in full, each with its copy button. */
export function ImageDigests({ image }: { image: ImageInspection }) {
  const isIndex = image.kind === 'index';
  const t = useT();
  return (
    <dl className="digests">
      <div>
        <dt>{t(isIndex ? words.indexDigest : words.digest)}</dt>
        <dd>
          <code title={image.digest}>{image.digest}</code>
          <CopyButton text={image.digest} label={t(words.copyDigest)} />
        </dd>
      </div>
      {image.selected && (
        <div>
          <dt>
            {t.rich(words.platformDigest, {
              platform: <span translate="no">{image.selected.platform}</span>,
            })}
          </dt>
          <dd>
            <code title={image.selected.digest}>{image.selected.digest}</code>
            <CopyButton
              text={image.selected.digest}
              label={t(words.copyPlatformDigest, { platform: image.selected.platform })}
            />
          </dd>
        </div>
      )}
      {image.configDigest && (
        <div>
          <dt title={t(words.imageIdNote)}>{t(words.imageId)}</dt>
          <dd>
            <code title={image.configDigest}>{image.configDigest}</code>
            <CopyButton text={image.configDigest} label={t(words.copyImageId)} />
          </dd>
        </div>
      )}
    </dl>
  );
}
