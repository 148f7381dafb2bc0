/**
 * JSON as numbered, highlighted lines for the raw manifest and config views: plain functions, no
 * package. Lines are tokenized one at a time, as they scroll into view, so a 1 MB manifest costs the
 * lines on screen. A JSON string never spans lines (a raw line break in one is invalid JSON), so one
 * line is always enough context — except to tell a key from a value, which the `:` after it decides.
 */

export type JsonTokenKind = 'key' | 'string' | 'number' | 'literal' | 'punctuation' | 'space' | 'other';

export interface JsonToken {
  kind: JsonTokenKind;
  text: string;
}

const PATTERNS: Array<[Exclude<JsonTokenKind, 'key'>, RegExp]> = [
  ['space', /\s+/y],
  // An unterminated string runs to the end of the line: invalid JSON is still shown, just plainer.
  ['string', /"(?:[^"\\]|\\.)*(?:"|\\?$)/y],
  ['number', /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y],
  ['literal', /(?:true|false|null)\b/y],
  ['punctuation', /[{}[\],:]/y],
  ['other', /[^\s"{}[\],:]+/y],
];

/** One line's tokens, in order; joined, their texts are the line. */
export function tokenizeJsonLine(line: string): JsonToken[] {
  const tokens: JsonToken[] = [];
  let at = 0;
  while (at < line.length) {
    let matched = false;
    for (const [kind, pattern] of PATTERNS) {
      pattern.lastIndex = at;
      const match = pattern.exec(line);
      if (!match || !match[0]) continue;
      tokens.push({ kind, text: match[0] });
      at += match[0].length;
      matched = true;
      break;
    }
    // Never reached with these patterns (`other` takes any character the others do not), but a loop
    // that cannot advance must not hang the window.
    if (!matched) {
      tokens.push({ kind: 'other', text: line.slice(at) });
      break;
    }
  }
  // A string followed by `:` is an object's key.
  for (let index = 0; index < tokens.length; index++) {
    if (tokens[index]!.kind !== 'string') continue;
    let next = index + 1;
    while (tokens[next]?.kind === 'space') next++;
    if (tokens[next]?.kind === 'punctuation' && tokens[next]!.text === ':') tokens[index]!.kind = 'key';
  }
  return tokens;
}

export interface JsonLines {
  lines: string[];
  /** The text was one line as served and is shown indented; copying still gives the served bytes. */
  isReformatted: boolean;
  /** The longest line's length, so the view is as wide as its widest line before it is scrolled to. */
  longest: number;
  /** Lines longer than `MAX_LINE_CHARS`, shown cut there (copying still gives them whole). */
  cutLines?: number;
}

/** A line is shown up to this many characters: every token on it becomes an element once on screen. */
export const MAX_LINE_CHARS = 10_000;
/** Indenting one-line JSON may add this much at most; JSON nested 20,000 deep (40 KB) would add 400 MB. */
const MAX_ADDED_INDENT = 4 * 1024 * 1024;

/**
 * The characters indenting by two spaces would add to one-line JSON (a line per value, each indented
 * by its depth), counted without building it; stops counting once past `limit`.
 */
function addedIndent(text: string, limit: number): number {
  let depth = 0;
  let added = 0;
  let inString = false;
  for (let at = 0; at < text.length && added <= limit; at++) {
    const char = text.charCodeAt(at);
    if (inString) {
      if (char === 0x5c) at++;
      else if (char === 0x22) inString = false;
      continue;
    }
    if (char === 0x22) inString = true;
    else if (char === 0x7b || char === 0x5b) added += 2 * ++depth + 1;
    else if (char === 0x7d || char === 0x5d) added += 2 * --depth + 1;
    else if (char === 0x2c) added += 2 * depth + 1;
  }
  return added;
}

/**
 * The lines to show for JSON as served. Text that already has line breaks is shown as it is (a
 * registry's bytes, the ones the digest is of); one long line is indented with two spaces so it can
 * be read, and said to be — unless it is nested so deep that indenting it would make it enormous.
 * Lines past `MAX_LINE_CHARS` are cut for showing.
 */
export function jsonLines(text: string): JsonLines {
  let shown = text;
  let isReformatted = false;
  if (!text.includes('\n') && text.length > 0 && addedIndent(text, MAX_ADDED_INDENT) <= MAX_ADDED_INDENT) {
    try {
      shown = JSON.stringify(JSON.parse(text), null, 2);
      isReformatted = shown !== text;
    } catch {
      // Not JSON after all: shown as served.
    }
  }
  const lines = shown.replace(/\r?\n$/, '').split(/\r?\n/);
  let longest = 0;
  let cutLines = 0;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (line.length > MAX_LINE_CHARS) {
      lines[index] = `${line.slice(0, MAX_LINE_CHARS)} …`;
      cutLines++;
    }
    if (lines[index]!.length > longest) longest = lines[index]!.length;
  }
  return cutLines ? { lines, isReformatted, longest, cutLines } : { lines, isReformatted, longest };
}
