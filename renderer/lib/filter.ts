/**
 * The instant filter of the repository and tag lists: every space-separated word must occur
 * (case-insensitive); a leading `^` anchors a word to the start of the name.
 */
export function matchesFilter(name: string, filter: string): boolean {
  return compileFilter(filter)(name);
}

/** The filter as a test, parsed once: a keystroke over 100,000 tags must not re-split it per name. */
export function compileFilter(filter: string): (name: string) => boolean {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const anchored = words.filter((word) => word.startsWith('^')).map((word) => word.slice(1));
  const anywhere = words.filter((word) => !word.startsWith('^'));
  return (name) => {
    const lower = name.toLowerCase();
    for (const word of anchored) if (!lower.startsWith(word)) return false;
    for (const word of anywhere) if (!lower.includes(word)) return false;
    return true;
  };
}

export function filterNames(names: readonly string[], filter: string): string[] {
  if (!filter.trim()) return [...names];
  const matches = compileFilter(filter);
  return names.filter(matches);
}
