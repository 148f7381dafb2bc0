import { useEffect, useState } from 'react';
import type { ImageInspection } from '../../../shared/image.js';
import { call } from '../../api.js';
import { CommandLine, CopyButton } from '../../components/copy-button.js';
import { StarButton } from '../search/index.js';
import { ErrorView, Loading } from '../../components/error-view.js';
import { JsonView } from '../../components/json-view.js';
import { MoreMenu } from '../../components/more-menu.js';
import { useAsync } from '../../hooks/use-async.js';
import { useFormat } from '../../i18n/format.js';
import { useT, type Message, type Translate } from '../../i18n/index.js';
import { pullCommands, shortDigest } from '../../lib/format.js';
import { mediaTypeName } from './media-types.js';
import { ConfigSection } from './config-section.js';
import { HistorySection } from './history-section.js';
import { layerShares } from './image-details.js';
import { usePullToEngine } from './pull-to-engine.js';
import { ImageDigests, ImageSummary } from './image-facts.js';
import { ReferrersSection } from './referrers-section.js';
import { VendorFactsSection } from './vendor-facts-section.js';
import { image as words } from './messages.js';

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
  const t = useT();
  const format = useFormat();
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
      <section className="image-view" aria-label={t(words.image)}>
        <Loading label={t(words.inspecting, { reference: `${repository}:${tag}` })} />
      </section>
    );
  if (image.status === 'error')
    return (
      <section className="image-view" aria-label={t(words.image)}>
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
    <section className="image-view" aria-label={t(words.image)} aria-busy={isSwitching}>
      <header className="image-header">
        <div className="image-title">
          <h1 translate="no">
            <span className="muted">{repository}:</span>
            {tag}
          </h1>
          <StarButton place={{ connection, repository, reference: tag }} />
        </div>
        <div className="toolbar" role="toolbar" aria-label={t(words.tagActions)}>
          <button type="button" className="button" onClick={() => onAction('retag', value)}>
            {t(words.retagMenu)}
          </button>
          <button type="button" className="button" onClick={() => onAction('copy', value)}>
            {t(words.copyTo)}
          </button>
          <button type="button" className="button" onClick={() => onAction('save', value)}>
            {t(words.saveToFile)}
          </button>
          {pullToEngine.button}
          {/* The deletes, rarely wanted and never by a slip: one click further, and the row never wraps. */}
          <MoreMenu
            label={t(words.moreTagActions)}
            actions={[
              { label: t(words.deleteTagMenu), onSelect: () => onAction('delete-tag', value) },
              {
                label: t(words.deleteImageMenu),
                isDanger: true,
                onSelect: () => onAction('delete-image', value),
              },
            ]}
          />
        </div>
      </header>

      {pullToEngine.problem}

      <ImageDigests image={value} />
      <ImageSummary image={value} onAddUpPlatforms={() => setAddsUpPlatforms(true)} />

      <div className="pull">
        {pull.byTag && (
          <CommandLine
            command={pull.byTag}
            label={t(words.copyPullByTag, { tool: pullToEngine.commands.tool })}
          />
        )}
        <CommandLine
          command={pull.byDigest}
          label={t(words.copyPullByDigest, { tool: pullToEngine.commands.tool })}
        />
      </div>

      {value.warnings.map((warning) => (
        <p key={warning} className="warning" translate="no">
          {warning}
        </p>
      ))}

      <VendorFactsSection connection={connection} repository={repository} reference={tag} />

      {runnable.length > 0 && (
        <section className="section" aria-labelledby="platforms-heading">
          <h2 id="platforms-heading">{t(words.platforms)}</h2>
          <div className="platforms" role="group" aria-label={t(words.platforms)}>
            {runnable.map((entry) => (
              <span key={entry.digest} className="platform-choice">
                <button
                  type="button"
                  className="chip"
                  aria-pressed={entry.platform === shownPlatform}
                  onClick={() => setPlatform(entry.platform)}
                  title={entry.digest}
                  translate="no"
                >
                  {entry.platform}
                </button>
                {entry.imageSize !== undefined && (
                  <span className="muted small" title={t(words.sizeDefinition)}>
                    {format.size(entry.imageSize)}
                  </span>
                )}
                <CopyButton
                  text={entry.digest}
                  label={t(words.copyPlatformDigest, { platform: entry.platform })}
                />
              </span>
            ))}
          </div>
          {isSwitching ? (
            <Loading label={t(words.loadingPlatform, { platform })} />
          ) : (
            value.selected && (
              <p className="muted small">
                {t.rich(words.showing, {
                  platform: <span translate="no">{value.selected.platform}</span>,
                  digest: shortDigest(value.selected.digest),
                  code: (chunks) => <code>{chunks}</code>,
                })}
              </p>
            )
          )}
          {attestations.length > 0 && (
            <ul className="attestations" aria-label={t(words.attestations)}>
              {attestations.map((entry) => (
                <li key={entry.digest} className="muted small">
                  {t.rich(words.attestationFor, {
                    platform: <span translate="no">{platformOf(entry.attestationFor!)}</span>,
                  })}{' '}
                  <code title={entry.digest}>{shortDigest(entry.digest)}</code>
                  <CopyButton
                    text={entry.digest}
                    label={t(words.copyAttestationDigest, { platform: platformOf(entry.attestationFor!) })}
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
        <h2 id="layers-heading">{t(words.layers)}</h2>
        <table className="table" aria-label={t(words.layers)}>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t(words.digest)}</th>
              <th scope="col">{t(words.type)}</th>
              <th scope="col" className="numeric">
                {t(words.size)}
              </th>
              <th scope="col" className="size-bar-column">
                <span className="visually-hidden">{t(words.sizeBar)}</span>
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
                    <CopyButton text={layer.digest} label={t(words.copyLayerDigest, { number: index + 1 })} />
                  </span>
                </td>
                <MediaTypeCell t={t} mediaType={layer.mediaType} />
                <td className="numeric">{format.size(layer.size)}</td>
                <td className="size-bar-column" aria-hidden="true">
                  <span className="size-bar" style={{ width: `${Math.max(shares[index]! * 100, 1)}%` }} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <ReferrersSection connection={connection} repository={repository} digest={value.digest} />

      <RawSection words={RAW.manifest} text={value.rawManifest} />
      {value.rawConfig && <RawSection words={RAW.config} text={value.rawConfig} />}
      {value.rawIndex && <RawSection words={RAW.index} text={value.rawIndex} />}
    </section>
  );
}

/** A layer's type: a known type has a short label that stays whole; an unknown one is its long name, wrapped. */
function MediaTypeCell({ t, mediaType }: { t: Translate; mediaType: string }) {
  const name = mediaTypeName(t, mediaType);
  return name ? (
    <td title={mediaType}>{name}</td>
  ) : (
    <td className="wraps" title={mediaType} translate="no">
      {mediaType}
    </td>
  );
}

interface RawWords {
  title: Message;
  label: Message;
  copyLabel: Message;
}

const RAW: Record<'manifest' | 'config' | 'index', RawWords> = {
  manifest: { title: words.rawManifest, label: words.rawManifestJson, copyLabel: words.copyRawManifest },
  config: { title: words.rawConfig, label: words.rawConfigJson, copyLabel: words.copyRawConfig },
  index: { title: words.rawIndex, label: words.rawIndexJson, copyLabel: words.copyRawIndex },
};

/** JSON as served, read only once opened: a 1 MB manifest costs nothing until someone looks at it. */
function RawSection({ words: raw, text }: { words: RawWords; text: string }) {
  const t = useT();
  const [isOpen, setOpen] = useState(false);
  return (
    <details className="section raw" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{t(raw.title)}</summary>
      {isOpen && <JsonView text={text} label={t(raw.label)} copyLabel={t(raw.copyLabel)} />}
    </details>
  );
}
