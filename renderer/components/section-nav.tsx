import type { PageId } from '../navigation.js';

export interface Section {
  id: PageId;
  label: string;
  /** A count shown next to the label (running transfers); hidden when 0 or missing. */
  badge?: number;
}

/** The app's places, at the top of the sidebar. */
export function SectionNav({
  sections,
  current,
  onSelect,
}: {
  sections: Section[];
  current: PageId;
  onSelect: (page: PageId) => void;
}) {
  return (
    <ul className="section-nav" aria-label="Sections">
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
              <span className="nav-section-badge" aria-label={`${section.badge} running`}>
                {section.badge}
              </span>
            ) : null}
          </button>
        </li>
      ))}
    </ul>
  );
}
