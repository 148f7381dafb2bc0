import type { PageId } from '../navigation.js';

/** Line drawings of the app's places, for the collapsed sidebar's rail (16×16, the text colour). */
const PATHS: Record<PageId, string> = {
  // Three stacked layers: repositories in registries.
  explorer: 'M8 2 14 5 8 8 2 5Z M2 8l6 3 6-3 M2 11l6 3 6-3',
  // Arrows both ways: copies, pulls and pushes.
  transfers: 'M3 5h9 M9.5 2.5 12 5 9.5 7.5 M13 11H4 M6.5 8.5 4 11l2.5 2.5',
  // A box: the images on this machine's engine.
  'local-images': 'M2.5 5 8 2.5 13.5 5v6L8 13.5 2.5 11Z M2.5 5 8 7.5 13.5 5 M8 7.5v6',
  // A document with lines: daemon.json.
  daemon: 'M4 1.5h5.5L12.5 4.5v10h-8.5Z M9.5 1.5v3h3 M6 8h4.5 M6 10.5h4.5',
  // Two server units: a registry of your own.
  servers: 'M2.5 2.5h11v4.5h-11Z M2.5 9h11v4.5h-11Z M5 4.75h.01 M5 11.25h.01',
  // A cylinder: bytes on disk.
  storage:
    'M3 4c0-1.1 2.2-2 5-2s5 .9 5 2-2.2 2-5 2-5-.9-5-2Z M3 4v8c0 1.1 2.2 2 5 2s5-.9 5-2V4 M3 8c0 1.1 2.2 2 5 2s5-.9 5-2',
};

export function SectionIcon({ page }: { page: PageId }) {
  return (
    <svg className="section-icon" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
      <path
        d={PATHS[page]}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.3"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
