import type { CSSProperties } from 'react';
import type { ImageVendorFactsView, LabelView, ScanOverviewView } from '../../../shared/vendor.js';
import { call } from '../../api.js';
import { ErrorView } from '../../components/error-view.js';
import { useAsync } from '../../hooks/use-async.js';
import { useFormat } from '../../i18n/format.js';
import { useT, type Message } from '../../i18n/index.js';
import { sections as words } from './messages.js';

/** Severities from worst to least, as scanners name them (Harbor, Trivy); others follow in their order. */
const SEVERITIES = ['Critical', 'High', 'Medium', 'Low', 'Unknown', 'Negligible', 'None'];

/** The known severities in the interface language; another scanner's own word is shown as it is. */
const SEVERITY_WORDS: Record<string, Message> = {
  critical: words.severityCritical,
  high: words.severityHigh,
  medium: words.severityMedium,
  low: words.severityLow,
  unknown: words.severityUnknown,
  negligible: words.severityNegligible,
  none: words.severityNone,
};

/**
 * What the registry's own API says of this image (Harbor's scan overview and labels, push and pull
 * times, its size): only what it gave, and nothing at all for a registry that says nothing.
 */
export function VendorFactsSection({
  connection,
  repository,
  reference,
}: {
  connection: string;
  repository: string;
  reference: string;
}) {
  const t = useT();
  const facts = useAsync(`${connection}\n${repository}\n${reference}`, () =>
    call('registry.imageFacts', { connection, repository, reference }),
  );
  if (facts.status === 'error')
    return (
      <section className="section" aria-labelledby="vendor-facts-heading">
        <h2 id="vendor-facts-heading">{t(words.fromTheRegistry)}</h2>
        <ErrorView error={facts.error} onRetry={facts.reload} connection={connection} />
      </section>
    );
  if (facts.status !== 'done' || !facts.value.facts) return null;
  return <VendorFacts facts={facts.value.facts} />;
}

function VendorFacts({ facts }: { facts: ImageVendorFactsView }) {
  const t = useT();
  const format = useFormat();
  const times = [
    facts.pushedAt && { term: t(words.pushed), value: format.dateTime(facts.pushedAt) },
    facts.pulledAt && { term: t(words.lastPulled), value: format.dateTime(facts.pulledAt) },
    facts.size !== undefined && {
      term: t(words.vendorSize, { vendor: facts.vendor }),
      value: format.size(facts.size),
      title: t(words.vendorSizeTitle, { vendor: facts.vendor }),
    },
  ].filter((fact): fact is { term: string; value: string; title?: string } => Boolean(fact));
  if (!times.length && !facts.scan && !facts.labels?.length && !facts.description) return null;
  return (
    <section className="section vendor-facts" aria-labelledby="vendor-facts-heading">
      <h2 id="vendor-facts-heading">{t(words.fromVendor, { vendor: facts.vendor })}</h2>
      {facts.description && (
        <p className="vendor-description" translate="no">
          {facts.description}
        </p>
      )}
      {facts.scan && <ScanOverview scan={facts.scan} />}
      {!!facts.labels?.length && (
        <ul className="vendor-labels" aria-label={t(words.vendorLabels)} translate="no">
          {facts.labels.map((label) => (
            <li key={label.name} className="vendor-label" style={labelStyle(label)} title={label.description}>
              {label.name}
            </li>
          ))}
        </ul>
      )}
      {!!times.length && (
        <dl className="summary vendor-times">
          {times.map((fact) => (
            <div key={fact.term} title={fact.title}>
              <dt>{fact.term}</dt>
              <dd>{fact.value}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}

function ScanOverview({ scan }: { scan: ScanOverviewView }) {
  const t = useT();
  const format = useFormat();
  const counts = Object.entries(scan.counts).sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
  const total = counts.reduce((sum, [, n]) => sum + n, 0);
  const isDone = /^success$/i.test(scan.status);
  return (
    <div className="scan-overview" role="group" aria-label={t(words.vulnerabilityScan)}>
      <p className="scan-line">
        <span
          className={`badge ${isDone ? 'ok' : /error|fail/i.test(scan.status) ? 'danger' : 'warn'}`}
          translate="no"
        >
          {scan.status}
        </span>
        <span className="muted">
          {scan.scanner && <span translate="no">{scan.scanner}</span>}
          {scan.scanner && scan.completedAt && ' · '}
          {scan.completedAt && t(words.scanFinished, { date: format.dateTime(scan.completedAt) })}
        </span>
      </p>
      {isDone &&
        (total === 0 ? (
          <p className="muted">{t(words.noVulnerabilities)}</p>
        ) : (
          <ul className="severity-chips" aria-label={t(words.bySeverity)}>
            {counts.map(([severity, n]) => (
              <li key={severity} className={`severity ${severityClass(severity)}${n === 0 ? ' zero' : ''}`}>
                <span className="severity-count">{n}</span> <SeverityName severity={severity} />
              </li>
            ))}
            {scan.fixable !== undefined && (
              <li className="severity fixable">{t(words.fixable, { count: scan.fixable })}</li>
            )}
          </ul>
        ))}
    </div>
  );
}

function SeverityName({ severity }: { severity: string }) {
  const t = useT();
  const known = SEVERITY_WORDS[severity.toLowerCase()];
  return known ? t(known) : <span translate="no">{severity}</span>;
}

function rank(severity: string): number {
  const index = SEVERITIES.findIndex((name) => name.toLowerCase() === severity.toLowerCase());
  return index < 0 ? SEVERITIES.length : index;
}

function severityClass(severity: string): string {
  const known = SEVERITIES.find((name) => name.toLowerCase() === severity.toLowerCase());
  return known ? `severity-${known.toLowerCase()}` : 'severity-unknown';
}

/** A label in its own colour, with text dark or light by the colour's luminance so it stays readable. */
function labelStyle(label: LabelView): CSSProperties | undefined {
  if (!label.color) return undefined;
  const [r, g, b] = [1, 3, 5].map((at) => Number.parseInt(label.color!.slice(at, at + 2), 16) / 255);
  const luminance = 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  return {
    background: label.color,
    borderColor: label.color,
    color: luminance > 0.55 ? '#1d2127' : '#ffffff',
  };
}
