/** The words of a query: lower-case, split on spaces, at most a few (a pasted paragraph is not a query). */
export function queryTokens(text: string): string[] {
  return text.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8);
}

/** What separates the parts of a name a word can start: `team/web-app_v2.x` → team, web, app, v2, x. */
const SEPARATORS = new Set(['/', '.', '_', '-']);

/** Whether `token` occurs in `name` at the start of one of its parts (a plain loop: this runs per keystroke). */
function startsASegment(name: string, token: string, first: number): boolean {
  for (let at = first; at !== -1; at = name.indexOf(token, at + 1))
    if (at === 0 || SEPARATORS.has(name[at - 1]!)) return true;
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
    const at = lower.indexOf(token);
    if (at === -1) return 0;
    score += at === 0 ? 30 : startsASegment(lower, token, at) ? 20 : 10;
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
 * The best `limit` names that match, best first (then shorter, then alphabetical), and how many matched
 * in all. One pass keeping a small sorted list: thousands of names a keystroke, no sort of them all.
 */
export function rankTop(
  names: Iterable<string>,
  tokens: readonly string[],
  limit: number,
): { top: Ranked[]; total: number } {
  const top: Ranked[] = [];
  let total = 0;
  for (const name of names) {
    const score = matchScore(name, tokens);
    if (score === 0) continue;
    total++;
    const entry = { name, score };
    if (top.length === limit && compareRanked(entry, top[limit - 1]!) >= 0) continue;
    let at = top.length;
    while (at > 0 && compareRanked(entry, top[at - 1]!) < 0) at--;
    top.splice(at, 0, entry);
    if (top.length > limit) top.pop();
  }
  return { top, total };
}

/** The best `limit` names that match, best first. */
export function rankNames(names: Iterable<string>, tokens: readonly string[], limit: number): Ranked[] {
  return rankTop(names, tokens, limit).top;
}

export function compareRanked(a: Ranked, b: Ranked): number {
  return (
    b.score - a.score || a.name.length - b.name.length || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
  );
}
