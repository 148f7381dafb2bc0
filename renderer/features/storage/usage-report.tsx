import { useState } from 'react';
import type { StorageReport, StorageRepository } from '../../../shared/storage.js';
import { formatBytes, shortDigest } from '../../lib/format.js';
import { useNavigation } from '../../navigation.js';

/** Repositories drawn in the chart; the rest are summed in one line under it. */
const CHART_ROWS = 25;

/** A finished scan: the figures, a bar per repository (drill down into its tags), the largest images, untagged images. */
export function UsageReport({ report }: { report: StorageReport }) {
  const [selected, setSelected] = useState<string>();
  const repository =
    report.repositories.find((candidate) => candidate.name === selected) ??
    (report.repository ? report.repositories[0] : undefined);
  return (
    <div className="usage-report">
      <Figures report={report} />
      {report.notes.length > 0 && (
        <ul className="usage-notes" aria-label="Notes on the figures">
          {report.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      {!report.repository && (
        <RepositoryChart report={report} selected={repository?.name} onSelect={setSelected} />
      )}
      {repository && <RepositoryTags repository={repository} isAlone={report.repository !== undefined} />}
      {!report.repository && <LargestImages report={report} />}
      <Untagged report={report} />
    </div>
  );
}

function Figures({ report }: { report: StorageReport }) {
  const { go } = useNavigation();
  const own = report.own;
  return (
    <section className="usage-figures" aria-label="Storage figures">
      <Figure label="Stored" value={formatBytes(report.totalBytes)} detail="each layer counted once" />
      <Figure
        label="Shared"
        value={formatBytes(report.sharedBytes)}
        detail={report.repository ? 'by several of its tags' : 'by several repositories'}
      />
      <Figure
        label={report.repository ? 'Tags' : 'Repositories'}
        value={String(report.repository ? report.tagsCounted : report.repositories.length)}
        detail={report.repository ? 'in this repository' : `${report.tagsCounted} tags in all`}
      />
      {own && (
        <Figure
          label="On disk"
          value={`${own.isDiskComplete ? '' : '≥ '}${formatBytes(own.diskBytes)}`}
          detail={`${own.server}'s storage folder`}
        />
      )}
      {own && (
        <div className="usage-figure usage-cleanup">
          <span className="usage-figure-label">
            Garbage collection would free{report.repository ? ' (whole registry)' : ''}
          </span>
          {own.gcError ? (
            <span className="usage-figure-detail">not known: {own.gcError.message}</span>
          ) : (
            <>
              <strong className="usage-figure-value">{formatBytes(own.collectable.bytes)}</strong>
              <span className="usage-figure-detail">
                {formatBytes(own.collectableWithUntagged.bytes)} with untagged images removed too
              </span>
              {own.collectableWithUntagged.tagReachedManifests > 0 && (
                <span className="usage-warning" role="note">
                  Removing untagged images would also delete {own.collectableWithUntagged.tagReachedManifests}{' '}
                  platform images of multi-platform images, which this registry takes for untagged.
                </span>
              )}
            </>
          )}
          <button type="button" className="button small" onClick={() => go({ page: 'servers' })}>
            Collect garbage in Your registries…
          </button>
        </div>
      )}
    </section>
  );
}

function Figure({ label, value, detail }: { label: string; value: string; detail: string }) {
  return (
    <div className="usage-figure">
      <span className="usage-figure-label">{label}</span>
      <strong className="usage-figure-value">{value}</strong>
      <span className="usage-figure-detail">{detail}</span>
    </div>
  );
}

function RepositoryChart({
  report,
  selected,
  onSelect,
}: {
  report: StorageReport;
  selected: string | undefined;
  onSelect: (name: string) => void;
}) {
  const rows = report.repositories.slice(0, CHART_ROWS);
  const rest = report.repositories.slice(CHART_ROWS);
  const largest = Math.max(1, ...rows.map((row) => row.bytes));
  if (report.repositories.length === 0)
    // "Nothing is stored" would be wrong for a pull-through cache (Distribution lists none for one) or a
    // registry whose catalog is cut: the notes say why, the disk figure what is there.
    return <p className="state-line empty">No repositories counted.</p>;
  return (
    <section className="usage-section" aria-labelledby="usage-chart-heading">
      <h2 id="usage-chart-heading">Repositories by size</h2>
      <p className="usage-legend muted">
        <span className="usage-swatch own" aria-hidden="true" /> only in this repository
        <span className="usage-swatch shared" aria-hidden="true" /> shared with others · choose one for its
        tags
      </p>
      <ul className="usage-chart" aria-label="Repositories by size">
        {rows.map((row) => (
          <li key={row.name}>
            <button
              type="button"
              className="usage-bar-row"
              aria-pressed={row.name === selected}
              aria-label={`${row.name}: ${formatBytes(row.bytes)}, ${formatBytes(row.sharedBytes)} shared, ${row.tagCount} tags`}
              onClick={() => onSelect(row.name)}
            >
              <span className="usage-bar-name" title={row.name}>
                {row.name}
              </span>
              <span className="usage-bar-track" aria-hidden="true">
                <span
                  className="usage-bar own"
                  style={{ width: `${((row.bytes - row.sharedBytes) / largest) * 100}%` }}
                />
                <span
                  className="usage-bar shared"
                  style={{ width: `${(row.sharedBytes / largest) * 100}%` }}
                />
              </span>
              <span className="usage-bar-size">{formatBytes(row.bytes)}</span>
              <span className="usage-bar-tags muted">
                {row.error ? 'not listed' : `${row.tagCount} ${row.tagCount === 1 ? 'tag' : 'tags'}`}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {rest.length > 0 && (
        <p className="muted">
          {rest.length} smaller {rest.length === 1 ? 'repository' : 'repositories'}:{' '}
          {formatBytes(rest.reduce((sum, row) => sum + row.bytes, 0))} together
        </p>
      )}
    </section>
  );
}

/** `isAlone`: only this repository was scanned, so what it shares with others is not known. */
function RepositoryTags({ repository, isAlone }: { repository: StorageRepository; isAlone: boolean }) {
  return (
    <section className="usage-section" aria-labelledby="usage-tags-heading">
      <h2 id="usage-tags-heading">
        Tags of {repository.name}{' '}
        <span className="muted">
          · {formatBytes(repository.bytes)}
          {isAlone ? '' : `, ${formatBytes(repository.sharedBytes)} shared with other repositories`}
        </span>
      </h2>
      {repository.error && (
        <p className="entry-error">Its tags could not be listed: {repository.error.message}</p>
      )}
      {repository.tags.length > 0 && (
        <table className="table" aria-label={`Tags of ${repository.name}`}>
          <thead>
            <tr>
              <th scope="col">Tag</th>
              <th scope="col" className="numeric">
                Size
              </th>
              <th scope="col" className="numeric">
                Shared with other tags
              </th>
              <th scope="col">Digest</th>
            </tr>
          </thead>
          <tbody>
            {repository.tags.map((tag) => (
              <tr key={tag.tag}>
                <td>{tag.tag}</td>
                <td className="numeric">{formatBytes(tag.bytes)}</td>
                <td className="numeric">{tag.sharedBytes ? formatBytes(tag.sharedBytes) : '—'}</td>
                <td>
                  <code title={tag.digest}>{shortDigest(tag.digest)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {repository.tagCount > repository.tags.length + repository.failedTagCount && (
        <p className="muted">
          The largest {repository.tags.length} of {repository.tagCount} tags are listed; all are counted.
        </p>
      )}
      {repository.failedTags.length > 0 && (
        <ul className="usage-notes" aria-label="Tags that could not be read">
          {repository.failedTags.map((failed) => (
            <li key={failed.tag}>
              {failed.tag}: {failed.error.message}
            </li>
          ))}
          {repository.failedTagCount > repository.failedTags.length && (
            <li>
              and {repository.failedTagCount - repository.failedTags.length} more tags could not be read
            </li>
          )}
        </ul>
      )}
    </section>
  );
}

function LargestImages({ report }: { report: StorageReport }) {
  if (report.largest.length === 0) return null;
  return (
    <section className="usage-section" aria-labelledby="usage-largest-heading">
      <h2 id="usage-largest-heading">Largest images</h2>
      <table className="table" aria-label="Largest images">
        <thead>
          <tr>
            <th scope="col">Image</th>
            <th scope="col" className="numeric">
              Size
            </th>
            <th scope="col" className="numeric">
              Shared
            </th>
          </tr>
        </thead>
        <tbody>
          {report.largest.slice(0, 10).map((image) => (
            <tr key={`${image.repository}:${image.tag}`}>
              <td>
                {image.repository}:{image.tag}
              </td>
              <td className="numeric">{formatBytes(image.bytes)}</td>
              <td className="numeric">{image.sharedBytes ? formatBytes(image.sharedBytes) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Untagged({ report }: { report: StorageReport }) {
  const { untagged } = report;
  return (
    <section className="usage-section" aria-labelledby="usage-untagged-heading">
      <h2 id="usage-untagged-heading">Untagged images</h2>
      {!untagged.isKnown ? (
        <p className="muted">Not known through this registry: only a registry of your own shows them.</p>
      ) : untagged.count === 0 ? (
        <p className="muted">
          None: every stored image {report.repository ? 'in this repository ' : ''}has a tag.
        </p>
      ) : (
        <>
          <p className="muted">
            {untagged.count} {untagged.count === 1 ? 'image has' : 'images have'} no tag; a clean-up that
            removes untagged images takes them.
          </p>
          <table className="table" aria-label="Untagged images">
            <thead>
              <tr>
                <th scope="col">Repository</th>
                <th scope="col">Digest</th>
              </tr>
            </thead>
            <tbody>
              {untagged.manifests.map((item) => (
                <tr key={`${item.repository}@${item.digest}`}>
                  <td>{item.repository}</td>
                  <td>
                    <code title={item.digest}>{shortDigest(item.digest)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
