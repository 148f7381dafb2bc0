import { useState } from 'react';
import type { PlaceView } from '../../../shared/contract/index.js';
import { useT } from '../../i18n/index.js';
import { search as m } from './messages.js';
import { usePlaces } from './places.js';

function describe(place: PlaceView): string {
  if (!place.reference) return place.repository;
  return `${place.repository}${place.reference.includes(':') ? '@' : ':'}${place.reference}`;
}

/** ☆/★: stars a repository or an image so it sits at the top of the sidebar and of search results. */
export function StarButton({ place }: { place: PlaceView }) {
  const t = useT();
  const places = usePlaces();
  const [isBusy, setIsBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const isStarred = places.isStarred(place);
  const name = describe(place);
  return (
    <button
      type="button"
      className={isStarred ? 'button ghost small star-button starred' : 'button ghost small star-button'}
      aria-pressed={isStarred}
      aria-label={t(m.star, { name })}
      title={problem ?? (isStarred ? t(m.starredTitle, { name }) : t(m.star, { name }))}
      disabled={isBusy}
      onClick={() => {
        setIsBusy(true);
        setProblem(undefined);
        places
          .setStarred(place, !isStarred)
          .catch((error: unknown) => setProblem(t(m.notChanged, { reason: (error as Error).message })))
          .finally(() => setIsBusy(false));
      }}
    >
      <span aria-hidden="true">{isStarred ? '★' : '☆'}</span>
    </button>
  );
}
