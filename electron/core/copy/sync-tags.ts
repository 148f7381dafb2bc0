// Which tags a sync copies: a glob-ish pattern over the listed tags, or exactly the tags chosen in the app.
import { referenceText } from '../../../shared/location.js';
import { collect, listTags, matchesFilter, NotFoundError, type RegistryClient } from '../registry/index.js';
import type { SyncInput } from './index.js';

export function matchesTagPattern(tag: string, pattern: string | undefined): boolean {
  if (!pattern) return true;
  if (!pattern.includes('*') && !pattern.includes('?')) return matchesFilter(tag, pattern);
  return matchesGlob(tag, pattern);
}

/**
 * `*` any run of characters, `?` one, the rest as written; in time proportional to tag × pattern at
 * worst. (A regular expression of `.*` per star backtracked for hours over a tag of 128 characters when
 * the pattern had a handful of stars and did not match, blocking every other request meanwhile.)
 */
export function matchesGlob(text: string, pattern: string): boolean {
  let at = 0;
  let next = 0;
  // The last star seen, and where in the text its run now ends: on a mismatch it takes one more.
  let star = -1;
  let starEnd = 0;
  while (at < text.length) {
    const wanted = pattern[next];
    if (wanted === '?' || (wanted !== undefined && wanted !== '*' && wanted === text[at])) {
      at++;
      next++;
    } else if (wanted === '*') {
      star = next++;
      starEnd = at;
    } else if (star >= 0) {
      next = star + 1;
      at = ++starEnd;
    } else return false;
  }
  while (pattern[next] === '*') next++;
  return next === pattern.length;
}

/**
 * A tag of the referrers tag schema (`sha256-<64 hex>`, as registry/referrers.ts referrersTag makes them).
 * A sync that brings referrers along writes (merges) these indexes itself: they are not tags of their own.
 */
const REFERRERS_TAG = /^sha(256|512)-[0-9a-f]{64}$/;

/**
 * The tags a sync copies, sorted: those the pattern matches, or exactly the chosen ones. A chosen tag the
 * source no longer has stops the sync before anything is written, naming the missing ones.
 */
export async function tagsToSync(
  client: RegistryClient,
  input: Pick<SyncInput, 'source' | 'tags' | 'only' | 'referrers'>,
  signal?: AbortSignal,
): Promise<string[]> {
  const { source } = input;
  const listed = await collect(listTags(client, source, { signal }));
  if (input.only) {
    const present = new Set(listed);
    const chosen = [...new Set(input.only)].sort();
    const missing = chosen.filter((tag) => !present.has(tag));
    if (missing.length)
      throw new NotFoundError(
        source.registry,
        `${missing.length === 1 ? 'tag' : 'tags'} ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''} no longer in ${referenceText(source)}`,
        {
          hint: 'They were removed or renamed since the list was shown: refresh the tags and choose again; nothing was copied.',
        },
      );
    return chosen;
  }
  const tags = listed
    .filter((tag) => matchesTagPattern(tag, input.tags) && !(input.referrers && REFERRERS_TAG.test(tag)))
    .sort();
  if (!tags.length)
    throw new NotFoundError(
      source.registry,
      input.tags
        ? `no tag of ${referenceText(source)} matches "${input.tags}"`
        : `${referenceText(source)} has no tags`,
      {
        hint: input.tags
          ? 'Change the pattern: * stands for any run of characters and ? for one (v1.*, *-alpine); a pattern without them matches tags that contain it.'
          : 'There is nothing to copy: push a tag to it first, or pick another repository.',
      },
    );
  return tags;
}
