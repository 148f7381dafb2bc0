/** An RFC 3339 date-time as the vendors' API descriptions type them (`format: date-time`). */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * A vendor's date-time as it wrote it, when it is one (RFC 3339), else undefined: `Date.parse` alone takes
 * `hello 1`, a megabyte of text ending in a digit or a date behind a bidi override, all of which would
 * reach the screen and the tag list's sort as they were sent. The zero time (`0001-01-01T00:00:00Z`,
 * "never") is no time either.
 */
export function isoDateTime(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 40 || !DATE_TIME.test(value)) return undefined;
  const millis = Date.parse(value);
  return Number.isFinite(millis) && millis > 0 ? value : undefined;
}
