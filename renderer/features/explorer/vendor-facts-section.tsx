import type { CSSProperties } from 'react';
import type { ImageVendorFactsView, LabelView, ScanOverviewView } from '../../../shared/vendor.js';
import { call } from '../../api.js';
import { ErrorView } from '../../components/error-view.js';
import { useAsync } from '../../hooks/use-async.js';
import { formatBytes, formatDate } from '../../lib/format.js';

/** Severities from worst to least, as scanners name them (Harbor, Trivy); others follow in their order. */
const SEVERITIES = ['Critical', 'High', 'Medium', 'Low', 'Unknown', 'Negligible', 'None'];

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
  const facts = useAsync(`${connection}\n${repository}\n${reference}`, () =>
    call('registry.imageFacts', { connection, repository, reference }),
  );
  if (facts.status === 'error')
    return (
      <section className="section" aria-labelledby="vendor-facts-heading">
        <h2 id="vendor-facts-heading">From the registry</h2>
        <ErrorView error={facts.error} onRetry={facts.reload} connection={connection} />
      </section>
    );
  if (facts.status !== 'done' || !facts.value.facts) return null;
  return <VendorFacts facts={facts.value.facts} />;
}

function VendorFacts({ facts }: { facts: ImageVendorFactsView }) {
  const times = [
    facts.pushedAt && { term: 'Pushed', value: formatDate(facts.pushedAt) },
    facts.pulledAt && { term: 'Last pulled', value: formatDate(facts.pulledAt) },
    facts.size !== undefined && {
      term: `Size (${facts.vendor})`,
      value: formatBytes(facts.size),
      title: `${facts.vendor}'s own count, by its own rule: it may differ from the size above.`,
    },
  ].filter((fact): fact is { term: string; value: string; title?: string } => Boolean(fact));
  if (!times.length && !facts.scan && !facts.labels?.length && !facts.description) return null;
  return (
    <section className="section vendor-facts" aria-labelledby="vendor-facts-heading">
      <h2 id="vendor-facts-heading">From {facts.vendor}</h2>
      {facts.description && <p className="vendor-description">{facts.description}</p>}
      {facts.scan && <ScanOverview scan={facts.scan} />}
      {!!facts.labels?.length && (
        <ul className="vendor-labels" aria-label="Labels">
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
  const counts = Object.entries(scan.counts).sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
  const total = counts.reduce((sum, [, n]) => sum + n, 0);
  const isDone = /^success$/i.test(scan.status);
  return (
    <div className="scan-overview" role="group" aria-label="Vulnerability scan">
      <p className="scan-line">
        <span className={`badge ${isDone ? 'ok' : /error|fail/i.test(scan.status) ? 'danger' : 'warn'}`}>
          {scan.status}
        </span>
        <span className="muted">
          {[scan.scanner, scan.completedAt && `finished ${formatDate(scan.completedAt)}`]
            .filter(Boolean)
            .join(' · ')}
        </span>
      </p>
      {isDone &&
        (total === 0 ? (
          <p className="muted">No vulnerabilities found.</p>
        ) : (
          <ul className="severity-chips" aria-label="Vulnerabilities by severity">
            {counts.map(([severity, n]) => (
              <li key={severity} className={`severity ${severityClass(severity)}${n === 0 ? ' zero' : ''}`}>
                <span className="severity-count">{n}</span> {severity}
              </li>
            ))}
            {scan.fixable !== undefined && <li className="severity fixable">{scan.fixable} fixable</li>}
          </ul>
        ))}
    </div>
  );
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
