import {
  referenceText,
  sameRepository,
  type DestinationLocation,
  type ImageLocation,
  type RepositoryLocation,
} from '../../../shared/location.js';
import { BerthError } from '../errors.js';
import { isDigestReference } from '../registry/index.js';

const HINT =
  'Copy to another tag or repository: a platform subset copied onto its own tag would replace the index it came from, and a whole image would change nothing.';

/**
 * Refuses a copy that writes the tag it reads: with `platforms` the tag's index would be replaced by a
 * subset of itself (the other platforms lost from the tag), without them nothing would change. A digest
 * source is never overwritten (a manifest's digest is its bytes), so it may go anywhere.
 */
export function refuseCopyOntoItself(source: ImageLocation, destination: DestinationLocation): void {
  if (!sameRepository(source, destination) || isDigestReference(source.reference)) return;
  if ((destination.reference ?? source.reference) !== source.reference) return;
  throw new BerthError('INVALID_INPUT', `the copy's destination ${referenceText(source)} is its source`, {
    hint: HINT,
  });
}

/** Refuses a sync of a repository into itself: every tag would be copied onto itself. */
export function refuseSyncOntoItself(source: RepositoryLocation, destination: RepositoryLocation): void {
  if (!sameRepository(source, destination)) return;
  throw new BerthError('INVALID_INPUT', `the sync's destination ${referenceText(source)} is its source`, {
    hint: HINT,
  });
}
