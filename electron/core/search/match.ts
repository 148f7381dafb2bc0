/** The words of a query: lower-case, split on spaces, at most a few (a pasted paragraph is not a query). */
export function queryTokens(text: string): string[] {
  return text.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8);
}

/** The parts of a name a word can start: `team/web-app_v2.x` → team, web, app, v2, x. */
const SEGMENT_START = /(^|[/._-])/g;

function startsASegment(name: string, token: string): boolean {
  for (const match of name.matchAll(SEGMENT_START)) {
    const at = match.index + match[0].length;
    if (name.startsWith(token, at)) return true;
  }
  return false;
}

/**
 * How well a repository name matches the tokens, case-insensitive and in any order: 0 when a token is
 * missing, otherwise higher for better — the whole name (or its last part) typed exactly, then each
 * token at the start of the name or of a part of it, then anywhere inside.
 */
export function matchScore(name: string, tokens: readonly string[]): number {
  if (!tokens.length) return 0;
  const lower = name.toLowerCase();
  let score = 0;
  for (const token of tokens) {
    if (!lower.includes(token)) return 0;
    score += lower.startsWith(token) ? 30 : startsASegment(lower, token) ? 20 : 10;
  }
  const whole = tokens.join(' ');
  if (lower === whole) score += 1000;
  else if (lower.endsWith(`/${whole}`)) score += 500;
  return score;
}

export interface Ranked {
  name: string;
  score: number;
}

/**
 * The names that match, best first (then shorter, then alphabetical), at most `limit`. A linear pass
 * keeping the best `limit`: thousands of names a keystroke stay well under a millisecond or two.
 */
export function rankNames(names: Iterable<string>, tokens: readonly string[], limit: number): Ranked[] {
  const kept: Ranked[] = [];
  for (const name of names) {
    const score = matchScore(name, tokens);
    if (score > 0) kept.push({ name, score });
  }
  kept.sort(compareRanked);
  return kept.slice(0, limit);
}

export function compareRanked(a: Ranked, b: Ranked): number {
  return (
    b.score - a.score || a.name.length - b.name.length || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
  );
}
