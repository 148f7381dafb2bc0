import type { Translate } from '../../i18n/index.js';
import { mediaTypeKey } from '../../lib/format.js';
import { mediaTypes } from './messages.js';

/** A media type's short name in the interface language, or undefined for one without a name. */
export function mediaTypeName(t: Translate, mediaType: string): string | undefined {
  const key = mediaTypeKey(mediaType);
  return key && t(mediaTypes[key]);
}

/** A media type's short name, or the media type itself. */
export function describeMediaType(t: Translate, mediaType: string): string {
  return mediaTypeName(t, mediaType) ?? mediaType;
}
