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

/**
 * Characters that act instead of showing: C0 controls, DEL, C1 controls and the Unicode bidi controls
 * that reorder what follows (U+061C, U+200E/F, U+202A–U+202E, U+2066–U+2069; "Trojan Source") — a label
 * `\u202eesaeler` would read "release". Tab and line feed are kept in text of several lines.
 */
// eslint-disable-next-line no-control-regex
const HIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const HIDDEN_IN_A_LINE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A vendor's free text (a description, a label, a scanner's name) as Berth shows it: at most `max`
 * characters of it, its hidden characters made visible as `\x1b` / `\u202e` (as the CLI prints them), so
 * the app shows what the registry sent rather than what it makes the text look like. Undefined when
 * empty or not text.
 */
export function vendorText(
  value: unknown,
  max: number,
  options: { lines?: boolean } = {},
): string | undefined {
  if (typeof value !== 'string') return undefined;
  const shown = value
    .slice(0, max)
    .replace(options.lines ? HIDDEN : HIDDEN_IN_A_LINE, (char) => {
      const code = char.charCodeAt(0);
      return code <= 0xff
        ? `\\x${code.toString(16).padStart(2, '0')}`
        : `\\u${code.toString(16).padStart(4, '0')}`;
    })
    .trim();
  return shown || undefined;
}
