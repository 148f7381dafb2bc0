import { useState } from 'react';
import type { StorageReport, StorageRepository } from '../../../shared/storage.js';
import { shortDigest } from '../../lib/format.js';
import { useNavigation } from '../../navigation.js';
import { useT } from '../../i18n/index.js';
import { useFormat } from '../../i18n/format.js';
import { describeError } from '../../i18n/errors.js';
import { report as m } from './messages.js';

/** Repositories drawn in the chart; the rest are summed in one line under it. */
const CHART_ROWS = 25;

/** A finished scan: the figures, a bar per repository (drill down into its tags), the largest images, untagged images. */
export function UsageReport({ report }: { report: StorageReport }) {
  const [selected, setSelected] = useState<string>();
  const t = useT();
  const repository =
    report.repositories.find((candidate) => candidate.name === selected) ??
    (report.repository ? report.repositories[0] : undefined);
  return (
    <div className="usage-report">
      <Figures report={report} />
      {report.notes.length > 0 && (
        <ul className="usage-notes" aria-label={t(m.notes)}>
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
  const t = useT();
  const format = useFormat();
  const own = report.own;
  return (
    <section className="usage-figures" aria-label={t(m.figures)}>
      <Figure label={t(m.stored)} value={format.size(report.totalBytes)} detail={t(m.storedDetail)} />
      <Figure
        label={t(m.shared)}
        value={format.size(report.sharedBytes)}
        detail={t(report.repository ? m.sharedByTags : m.sharedByRepositories)}
      />
      <Figure
        label={t(report.repository ? m.tags : m.repositories)}
        value={format.number(report.repository ? report.tagsCounted : report.repositories.length)}
        detail={report.repository ? t(m.inThisRepository) : t(m.tagsInAll, { count: report.tagsCounted })}
      />
      {own && (
        <Figure
          label={t(m.onDisk)}
          value={
            own.isDiskComplete
              ? format.size(own.diskBytes)
              : t(m.atLeast, { size: format.size(own.diskBytes) })
          }
          detail={t(m.storageFolder, { server: own.server })}
        />
      )}
      {own && (
        <div className="usage-figure usage-cleanup">
          <span className="usage-figure-label">
            {t(report.repository ? m.gcWouldFreeWhole : m.gcWouldFree)}
          </span>
          {own.gcError ? (
            <span className="usage-figure-detail">
              {t(m.notKnown, { problem: describeError(t, own.gcError).message })}
            </span>
          ) : (
            <>
              <strong className="usage-figure-value">{format.size(own.collectable.bytes)}</strong>
              <span className="usage-figure-detail">
                {t(m.withUntagged, { size: format.size(own.collectableWithUntagged.bytes) })}
              </span>
              {own.collectableWithUntagged.tagReachedManifests > 0 && (
                <span className="usage-warning" role="note">
                  {t(m.platformWarning, { count: own.collectableWithUntagged.tagReachedManifests })}
                </span>
              )}
            </>
          )}
          <button type="button" className="button small" onClick={() => go({ page: 'servers' })}>
            {t(m.collectGarbage)}
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
  const t = useT();
  const format = useFormat();
  const rows = report.repositories.slice(0, CHART_ROWS);
  const rest = report.repositories.slice(CHART_ROWS);
  const largest = Math.max(1, ...rows.map((row) => row.bytes));
  if (report.repositories.length === 0)
    // "Nothing is stored" would be wrong for a pull-through cache (Distribution lists none for one) or a
    // registry whose catalog is cut: the notes say why, the disk figure what is there.
    return <p className="state-line empty">{t(m.noRepositories)}</p>;
  return (
    <section className="usage-section" aria-labelledby="usage-chart-heading">
      <h2 id="usage-chart-heading">{t(m.bySize)}</h2>
      <p className="usage-legend muted">
        <span className="usage-swatch own" aria-hidden="true" /> {t(m.legendOwn)}
        <span className="usage-swatch shared" aria-hidden="true" /> {t(m.legendShared)}
      </p>
      <ul className="usage-chart" aria-label={t(m.bySize)}>
        {rows.map((row) => (
          <li key={row.name}>
            <button
              type="button"
              className="usage-bar-row"
              aria-pressed={row.name === selected}
              aria-label={t(m.barLabel, {
                name: row.name,
                size: format.size(row.bytes),
                shared: format.size(row.sharedBytes),
                count: row.tagCount,
              })}
              onClick={() => onSelect(row.name)}
            >
              <span className="usage-bar-name" title={row.name} translate="no">
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
              <span className="usage-bar-size">{format.size(row.bytes)}</span>
              <span className="usage-bar-tags muted">
                {row.error ? t(m.notListed) : t(m.tagCount, { count: row.tagCount })}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {rest.length > 0 && (
        <p className="muted">
          {t(m.smaller, {
            count: rest.length,
            size: format.size(rest.reduce((sum, row) => sum + row.bytes, 0)),
          })}
        </p>
      )}
    </section>
  );
}

/** `isAlone`: only this repository was scanned, so what it shares with others is not known. */
function RepositoryTags({ repository, isAlone }: { repository: StorageRepository; isAlone: boolean }) {
  const t = useT();
  const format = useFormat();
  return (
    <section className="usage-section" aria-labelledby="usage-tags-heading">
      <h2 id="usage-tags-heading">
        {t.rich(m.tagsOf, { name: <span translate="no">{repository.name}</span> })}{' '}
        <span className="muted">
          {isAlone
            ? t(m.tagsOfSize, { size: format.size(repository.bytes) })
            : t(m.tagsOfSizeShared, {
                size: format.size(repository.bytes),
                shared: format.size(repository.sharedBytes),
              })}
        </span>
      </h2>
      {repository.error && (
        <p className="entry-error">
          {t(m.tagsUnlisted, { problem: describeError(t, repository.error).message })}
        </p>
      )}
      {repository.tags.length > 0 && (
        <table className="table" aria-label={t(m.tagsOf, { name: repository.name })}>
          <thead>
            <tr>
              <th scope="col">{t(m.tag)}</th>
              <th scope="col" className="numeric">
                {t(m.size)}
              </th>
              <th scope="col" className="numeric">
                {t(m.sharedWithTags)}
              </th>
              <th scope="col">{t(m.digest)}</th>
            </tr>
          </thead>
          <tbody>
            {repository.tags.map((tag) => (
              <tr key={tag.tag}>
                <td translate="no">{tag.tag}</td>
                <td className="numeric">{format.size(tag.bytes)}</td>
                <td className="numeric">{tag.sharedBytes ? format.size(tag.sharedBytes) : '—'}</td>
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
          {t(m.largestListed, { shown: repository.tags.length, count: repository.tagCount })}
        </p>
      )}
      {repository.failedTags.length > 0 && (
        <ul className="usage-notes" aria-label={t(m.unreadableTags)}>
          {repository.failedTags.map((failed) => (
            <li key={failed.tag}>
              <span translate="no">{failed.tag}</span>: {describeError(t, failed.error).message}
            </li>
          ))}
          {repository.failedTagCount > repository.failedTags.length && (
            <li>
              {t(m.moreUnreadable, { count: repository.failedTagCount - repository.failedTags.length })}
            </li>
          )}
        </ul>
      )}
    </section>
  );
}

function LargestImages({ report }: { report: StorageReport }) {
  const t = useT();
  const format = useFormat();
  if (report.largest.length === 0) return null;
  return (
    <section className="usage-section" aria-labelledby="usage-largest-heading">
      <h2 id="usage-largest-heading">{t(m.largest)}</h2>
      <table className="table" aria-label={t(m.largest)}>
        <thead>
          <tr>
            <th scope="col">{t(m.image)}</th>
            <th scope="col" className="numeric">
              {t(m.size)}
            </th>
            <th scope="col" className="numeric">
              {t(m.shared)}
            </th>
          </tr>
        </thead>
        <tbody>
          {report.largest.slice(0, 10).map((image) => (
            <tr key={`${image.repository}:${image.tag}`}>
              <td translate="no">
                {image.repository}:{image.tag}
              </td>
              <td className="numeric">{format.size(image.bytes)}</td>
              <td className="numeric">{image.sharedBytes ? format.size(image.sharedBytes) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Untagged({ report }: { report: StorageReport }) {
  const t = useT();
  const { untagged } = report;
  return (
    <section className="usage-section" aria-labelledby="usage-untagged-heading">
      <h2 id="usage-untagged-heading">{t(m.untagged)}</h2>
      {!untagged.isKnown ? (
        <p className="muted">{t(m.untaggedUnknown)}</p>
      ) : untagged.count === 0 ? (
        <p className="muted">{t(report.repository ? m.untaggedNoneRepository : m.untaggedNone)}</p>
      ) : (
        <>
          <p className="muted">{t(m.untaggedCount, { count: untagged.count })}</p>
          <table className="table" aria-label={t(m.untagged)}>
            <thead>
              <tr>
                <th scope="col">{t(m.repository)}</th>
                <th scope="col">{t(m.digest)}</th>
              </tr>
            </thead>
            <tbody>
              {untagged.manifests.map((item) => (
                <tr key={`${item.repository}@${item.digest}`}>
                  <td translate="no">{item.repository}</td>
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
