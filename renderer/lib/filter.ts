/**
 * The instant filter of the repository and tag lists: every space-separated word must occur
 * (case-insensitive); a leading `^` anchors a word to the start of the name.
 */
export function matchesFilter(name: string, filter: string): boolean {
  const lower = name.toLowerCase();
  return filter
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => (word.startsWith('^') ? lower.startsWith(word.slice(1)) : lower.includes(word)));
}

export function filterNames(names: readonly string[], filter: string): string[] {
  return filter.trim() ? names.filter((name) => matchesFilter(name, filter)) : [...names];
}
