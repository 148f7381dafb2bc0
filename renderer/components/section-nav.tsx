import type { PageId } from '../navigation.js';
import { useT } from '../i18n/index.js';
import { components as m } from './messages.js';
import { SectionIcon } from './section-icons.js';

export interface Section {
  id: PageId;
  label: string;
  /** A count shown next to the label (running transfers); hidden when 0 or missing. */
  badge?: number;
}

/** The app's places, at the top of the sidebar; as icons (named by label and tooltip) on its collapsed rail. */
export function SectionNav({
  sections,
  current,
  onSelect,
  isCompact = false,
}: {
  sections: Section[];
  current: PageId;
  onSelect: (page: PageId) => void;
  isCompact?: boolean;
}) {
  const t = useT();
  if (isCompact)
    return (
      <ul className="section-nav compact" aria-label={t(m.sections)}>
        {sections.map((section) => (
          <li key={section.id}>
            <button
              type="button"
              className={section.id === current ? 'nav-section selected' : 'nav-section'}
              aria-current={section.id === current ? 'page' : undefined}
              aria-label={
                section.badge
                  ? t(m.sectionRunning, { section: section.label, count: section.badge })
                  : section.label
              }
              title={section.label}
              onClick={() => onSelect(section.id)}
            >
              <SectionIcon page={section.id} />
              {section.badge ? <span className="nav-section-dot" aria-hidden="true" /> : null}
            </button>
          </li>
        ))}
      </ul>
    );
  return (
    <ul className="section-nav" aria-label={t(m.sections)}>
      {sections.map((section) => (
        <li key={section.id}>
          <button
            type="button"
            className={section.id === current ? 'nav-section selected' : 'nav-section'}
            aria-current={section.id === current ? 'page' : undefined}
            onClick={() => onSelect(section.id)}
          >
            <span>{section.label}</span>
            {section.badge ? (
              <span className="nav-section-badge" aria-label={t(m.running, { count: section.badge })}>
                {section.badge}
              </span>
            ) : null}
          </button>
        </li>
      ))}
    </ul>
  );
}
