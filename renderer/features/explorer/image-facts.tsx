import { useId, type ReactNode } from 'react';
import { describeSize, SIZE_DEFINITION } from '../../../shared/image-size.js';
import type { ImageInspection } from '../../../shared/image.js';
import { isDockerHubHost } from '../../../shared/reference.js';
import { CopyButton } from '../../components/copy-button.js';
import { describeMediaType, formatBytes, formatDate } from '../../lib/format.js';

const IMAGE_ID_NOTE =
  'Docker’s image ID is the config digest: docker images and Podman show it as the ID (Docker’s containerd image store shows the manifest digest instead).';

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
  return (
    <dl className="summary image-summary">
      <Fact term="Media type" title={image.mediaType}>
        {describeMediaType(image.mediaType)}
      </Fact>
      <Fact term="Size" title={SIZE_DEFINITION} className={isIndexSize ? 'whole-row' : undefined}>
        {describeSize(image, formatBytes) ?? '—'}
        {canAddUp && (
          <button
            type="button"
            className="button small ghost add-up"
            title={`Reads the description of each of the ${platformCount} platform images; Docker Hub counts each read as a pull against your limit.`}
            onClick={onAddUpPlatforms}
          >
            Add up all {platformCount} platforms
          </button>
        )}
      </Fact>
      <Fact term="Layers">{image.layers.length}</Fact>
      {image.config?.created && <Fact term="Created">{formatDate(image.config.created)}</Fact>}
    </dl>
  );
}

/** Every digest a developer pastes elsewhere, in full, each with its copy button. */
export function ImageDigests({ image }: { image: ImageInspection }) {
  const isIndex = image.kind === 'index';
  return (
    <dl className="digests">
      <div>
        <dt>{isIndex ? 'Index digest' : 'Digest'}</dt>
        <dd>
          <code title={image.digest}>{image.digest}</code>
          <CopyButton text={image.digest} label="Copy digest" />
        </dd>
      </div>
      {image.selected && (
        <div>
          <dt>{image.selected.platform} digest</dt>
          <dd>
            <code title={image.selected.digest}>{image.selected.digest}</code>
            <CopyButton text={image.selected.digest} label={`Copy ${image.selected.platform} digest`} />
          </dd>
        </div>
      )}
      {image.configDigest && (
        <div>
          <dt title={IMAGE_ID_NOTE}>Image ID (config digest)</dt>
          <dd>
            <code title={image.configDigest}>{image.configDigest}</code>
            <CopyButton text={image.configDigest} label="Copy image ID (config digest)" />
          </dd>
        </div>
      )}
    </dl>
  );
}
