import type { PlaceView } from '../../../shared/contract/index.js';
import { useT } from '../../i18n/index.js';
import { search as m } from './messages.js';
import { usePlaces } from './places.js';
import './search.css';

function placeLabel(place: PlaceView): string {
  if (!place.reference) return place.repository;
  return `${place.repository}${place.reference.includes(':') ? '@' : ':'}${place.reference}`;
}

/** The sidebar's button that opens the search (Ctrl/Cmd+K does the same). */
export function SearchButton({ onOpen, shortcut }: { onOpen: () => void; shortcut: string }) {
  const t = useT();
  return (
    <button type="button" className="sidebar-search" onClick={onOpen} aria-keyshortcuts="Control+K Meta+K">
      <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true">
        <circle cx="7" cy="7" r="4.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
        <path d="M10.5 10.5 14 14" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
      </svg>
      <span className="sidebar-search-text">{t(m.button)}</span>
      <kbd aria-hidden="true">{shortcut}</kbd>
    </button>
  );
}

/** The sidebar's Starred group: every starred repository and image, one click from opening. */
export function StarredPlaces({
  selected,
  onOpen,
}: {
  selected?: PlaceView;
  onOpen: (place: PlaceView) => void;
}) {
  const t = useT();
  const { bookmarks } = usePlaces();
  if (!bookmarks.length) return null;
  return (
    <div className="starred-places">
      <div className="pane-heading">
        <h2 id="starred-heading">{t(m.starredHeading)}</h2>
      </div>
      <ul className="starred-list" aria-labelledby="starred-heading">
        {bookmarks.map((place) => {
          const isSelected =
            selected?.connection === place.connection &&
            selected.repository === place.repository &&
            selected.reference === place.reference;
          const label = placeLabel(place);
          return (
            <li key={`${place.connection}\n${label}`}>
              <button
                type="button"
                className={isSelected ? 'starred-place selected' : 'starred-place'}
                aria-current={isSelected ? 'true' : undefined}
                title={t(m.placeOn, { place: label, connection: place.connection })}
                onClick={() => onOpen(place)}
              >
                <span className="starred-mark" aria-hidden="true">
                  ★
                </span>
                <span className="starred-text" translate="no">
                  <span className="starred-name">{label}</span>
                  <span className="starred-connection">{place.connection}</span>
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
