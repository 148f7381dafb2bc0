import { useState } from 'react';
import type { PlaceView } from '../../../shared/contract/index.js';
import { usePlaces } from './places.js';

function describe(place: PlaceView): string {
  if (!place.reference) return place.repository;
  return `${place.repository}${place.reference.includes(':') ? '@' : ':'}${place.reference}`;
}

/** ☆/★: stars a repository or an image so it sits at the top of the sidebar and of search results. */
export function StarButton({ place }: { place: PlaceView }) {
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
      aria-label={`Star ${name}`}
      title={
        problem ??
        (isStarred ? `Starred: ${name} is at the top of the sidebar and of search` : `Star ${name}`)
      }
      disabled={isBusy}
      onClick={() => {
        setIsBusy(true);
        setProblem(undefined);
        places
          .setStarred(place, !isStarred)
          .catch((error: unknown) => setProblem(`Not changed: ${(error as Error).message}`))
          .finally(() => setIsBusy(false));
      }}
    >
      <span aria-hidden="true">{isStarred ? '★' : '☆'}</span>
    </button>
  );
}
