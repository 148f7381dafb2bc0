import { useEffect, useState } from 'react';
import type { ImageInspection } from '../../../shared/image.js';
import { call } from '../../api.js';
import { SIZE_DEFINITION } from '../../../shared/image-size.js';
import { CommandLine, CopyButton } from '../../components/copy-button.js';
import { StarButton } from '../search/index.js';
import { ErrorView, Loading } from '../../components/error-view.js';
import { JsonView } from '../../components/json-view.js';
import { MoreMenu } from '../../components/more-menu.js';
import { useAsync } from '../../hooks/use-async.js';
import { describeMediaType, formatBytes, pullCommands, shortDigest } from '../../lib/format.js';
import { ConfigSection } from './config-section.js';
import { HistorySection } from './history-section.js';
import { layerShares } from './image-details.js';
import { usePullToEngine } from './pull-to-engine.js';
import { ImageDigests, ImageSummary } from './image-facts.js';
import { ReferrersSection } from './referrers-section.js';
import { VendorFactsSection } from './vendor-facts-section.js';

export type ImageAction = 'retag' | 'copy' | 'save' | 'delete-tag' | 'delete-image';

/** One tag: summary, platforms, config, history, layers, referrers and the raw manifest. */
export function ImageView({
  connection,
  repository,
  tag,
  onAction,
  onInspected,
}: {
  connection: string;
  repository: string;
  tag: string;
  onAction: (action: ImageAction, image: ImageInspection) => void;
  /** Hears each inspection that arrives (the tag list shows its platform and date). */
  onInspected?: (image: ImageInspection) => void;
}) {
  const [platform, setPlatform] = useState<string>();
  const pullToEngine = usePullToEngine({
    connection,
    repository,
    reference: tag,
    ...(platform ? { platform } : {}),
  });
  // Docker Hub counts each manifest read as a pull: all platforms are added up there only when asked.
  const [addsUpPlatforms, setAddsUpPlatforms] = useState(false);
  const image = useAsync(`${connection}\n${repository}\n${tag}\n${platform ?? ''}\n${addsUpPlatforms}`, () =>
    call('registry.inspect', {
      connection,
      repository,
      reference: tag,
      ...(platform ? { platform } : {}),
      ...(addsUpPlatforms ? { allPlatforms: true } : {}),
    }),
  );

  const inspection = image.status === 'done' ? image.value : undefined;
  useEffect(() => {
    if (inspection) onInspected?.(inspection);
  }, [inspection, onInspected]);

  // Switching platform keeps the previous platform on screen until the new one arrives.
  const isSwitching = image.status === 'loading' && image.lastValue !== undefined;

  if ((image.status === 'loading' || image.status === 'idle') && !isSwitching)
    return (
      <section className="image-view" aria-label="Image">
        <Loading label={`Inspecting ${repository}:${tag}…`} />
      </section>
    );
  if (image.status === 'error')
    return (
      <section className="image-view" aria-label="Image">
        <ErrorView error={image.error} onRetry={image.reload} connection={connection} />
      </section>
    );
  const value = image.status === 'done' ? image.value : image.lastValue!;
  const pull = pullCommands(value.registry, value.repository, tag, value.digest, pullToEngine.commands);
  const runnable = value.platforms.filter((entry) => !entry.attestationFor);
  const attestations = value.platforms.filter((entry) => entry.attestationFor);
  const platformOf = (digest: string) =>
    value.platforms.find((entry) => entry.digest === digest)?.platform ?? shortDigest(digest);
  const shownPlatform = value.selected?.platform;
  const shares = layerShares(value.layers);

  return (
    <section className="image-view" aria-label="Image" aria-busy={isSwitching}>
      <header className="image-header">
        <div className="image-title">
          <h1>
            <span className="muted">{repository}:</span>
            {tag}
          </h1>
          <StarButton place={{ connection, repository, reference: tag }} />
        </div>
        <div className="toolbar" role="toolbar" aria-label="Tag actions">
          <button type="button" className="button" onClick={() => onAction('retag', value)}>
            Retag…
          </button>
          <button type="button" className="button" onClick={() => onAction('copy', value)}>
            Copy to…
          </button>
          <button type="button" className="button" onClick={() => onAction('save', value)}>
            Save to file…
          </button>
          {pullToEngine.button}
          {/* The deletes, rarely wanted and never by a slip: one click further, and the row never wraps. */}
          <MoreMenu
            label="More tag actions"
            actions={[
              { label: 'Delete tag…', onSelect: () => onAction('delete-tag', value) },
              { label: 'Delete image…', isDanger: true, onSelect: () => onAction('delete-image', value) },
            ]}
          />
        </div>
      </header>

      {pullToEngine.problem}

      <ImageDigests image={value} />
      <ImageSummary image={value} onAddUpPlatforms={() => setAddsUpPlatforms(true)} />

      <div className="pull">
        {pull.byTag && (
          <CommandLine command={pull.byTag} label={`Copy ${pullToEngine.commands.tool} pull by tag`} />
        )}
        <CommandLine command={pull.byDigest} label={`Copy ${pullToEngine.commands.tool} pull by digest`} />
      </div>

      {value.warnings.map((warning) => (
        <p key={warning} className="warning">
          {warning}
        </p>
      ))}

      <VendorFactsSection connection={connection} repository={repository} reference={tag} />

      {runnable.length > 0 && (
        <section className="section" aria-labelledby="platforms-heading">
          <h2 id="platforms-heading">Platforms</h2>
          <div className="platforms" role="group" aria-label="Platforms">
            {runnable.map((entry) => (
              <span key={entry.digest} className="platform-choice">
                <button
                  type="button"
                  className="chip"
                  aria-pressed={entry.platform === shownPlatform}
                  onClick={() => setPlatform(entry.platform)}
                  title={entry.digest}
                >
                  {entry.platform}
                </button>
                {entry.imageSize !== undefined && (
                  <span className="muted small" title={SIZE_DEFINITION}>
                    {formatBytes(entry.imageSize)}
                  </span>
                )}
                <CopyButton text={entry.digest} label={`Copy ${entry.platform} digest`} />
              </span>
            ))}
          </div>
          {isSwitching ? (
            <Loading label={`Loading ${platform}…`} />
          ) : (
            value.selected && (
              <p className="muted small">
                Showing {value.selected.platform} · <code>{shortDigest(value.selected.digest)}</code>
              </p>
            )
          )}
          {attestations.length > 0 && (
            <ul className="attestations" aria-label="Attestations">
              {attestations.map((entry) => (
                <li key={entry.digest} className="muted small">
                  Attestation for {platformOf(entry.attestationFor!)} ·{' '}
                  <code title={entry.digest}>{shortDigest(entry.digest)}</code>
                  <CopyButton
                    text={entry.digest}
                    label={`Copy the digest of the attestation for ${platformOf(entry.attestationFor!)}`}
                  />
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      {value.config && <ConfigSection config={value.config} />}
      {value.config && <HistorySection config={value.config} layers={value.layers} />}

      <section className="section" aria-labelledby="layers-heading">
        <h2 id="layers-heading">Layers</h2>
        <table className="table" aria-label="Layers">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Digest</th>
              <th scope="col">Type</th>
              <th scope="col" className="numeric">
                Size
              </th>
              <th scope="col" className="size-bar-column">
                <span className="visually-hidden">Size compared with the largest layer</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {value.layers.map((layer, index) => (
              <tr key={`${layer.digest}-${index}`}>
                <td className="muted">{index + 1}</td>
                <td>
                  <span className="digest-cell">
                    <code title={layer.digest}>{shortDigest(layer.digest, 16)}</code>
                    <CopyButton text={layer.digest} label={`Copy layer ${index + 1} digest`} />
                  </span>
                </td>
                {/* A known type has a short label that stays whole; an unknown one is its long name, wrapped. */}
                <td
                  className={describeMediaType(layer.mediaType) === layer.mediaType ? 'wraps' : undefined}
                  title={layer.mediaType}
                >
                  {describeMediaType(layer.mediaType)}
                </td>
                <td className="numeric">{formatBytes(layer.size)}</td>
                <td className="size-bar-column" aria-hidden="true">
                  <span className="size-bar" style={{ width: `${Math.max(shares[index]! * 100, 1)}%` }} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <ReferrersSection connection={connection} repository={repository} digest={value.digest} />

      <RawSection title="Raw manifest" text={value.rawManifest} />
      {value.rawConfig && <RawSection title="Raw config" text={value.rawConfig} />}
      {value.rawIndex && <RawSection title="Raw index" text={value.rawIndex} />}
    </section>
  );
}

/** JSON as served, read only once opened: a 1 MB manifest costs nothing until someone looks at it. */
function RawSection({ title, text }: { title: string; text: string }) {
  const [isOpen, setOpen] = useState(false);
  return (
    <details className="section raw" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{title}</summary>
      {isOpen && <JsonView text={text} label={`${title} JSON`} copyLabel={`Copy ${title.toLowerCase()}`} />}
    </details>
  );
}
