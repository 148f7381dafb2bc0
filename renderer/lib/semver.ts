/** Tag ordering for the tag table: semantic versions newest first, everything else by name. */

interface Version {
  numbers: number[];
  prerelease: string[];
}

const VERSION = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

/** `1`, `1.2`, `v1.2.3`, `1.2.3-rc.1` are versions; `latest`, `main-abc123` are not. */
export function parseVersion(tag: string): Version | undefined {
  const match = VERSION.exec(tag);
  if (!match) return undefined;
  const numbers = [match[1], match[2], match[3]].filter((part) => part !== undefined).map(Number);
  return { numbers, prerelease: match[4] ? match[4].split('.') : [] };
}

function comparePrerelease(a: string[], b: string[]): number {
  // A release sorts above its pre-releases (semver §11.3).
  if (!a.length || !b.length) return b.length - a.length;
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    const left = a[index];
    const right = b[index];
    if (left === undefined) return -1;
    if (right === undefined) return 1;
    const leftNumber = /^\d+$/.test(left) ? Number(left) : undefined;
    const rightNumber = /^\d+$/.test(right) ? Number(right) : undefined;
    if (leftNumber !== undefined && rightNumber !== undefined) {
      if (leftNumber !== rightNumber) return leftNumber - rightNumber;
    } else if (leftNumber !== undefined) return -1;
    else if (rightNumber !== undefined) return 1;
    else if (left !== right) return left < right ? -1 : 1;
  }
  return 0;
}

/** Ascending version order; `1.2` equals `1.2.0` and then the shorter spelling comes first. */
export function compareVersions(a: Version, b: Version): number {
  for (let index = 0; index < 3; index++) {
    const difference = (a.numbers[index] ?? 0) - (b.numbers[index] ?? 0);
    if (difference) return difference;
  }
  return comparePrerelease(a.prerelease, b.prerelease) || a.numbers.length - b.numbers.length;
}

const byName = new Intl.Collator('en', { numeric: true });

export function compareNames(a: string, b: string): number {
  return byName.compare(a, b);
}

export type TagOrder = 'semver' | 'name';

/**
 * A key that orders tag names with plain `<` the way `byName` orders them at the primary level (letters
 * without case, digit runs by value, punctuation first: Unicode's root collation puts `_` before `-` before
 * `.`). Equal keys leave the case to `byName`. Calling the collator for every comparison made sorting
 * 100,000 tags take a third of a second. `undefined` outside the tag alphabet.
 */
export function nameKey(name: string): string | undefined {
  let key = '';
  for (let index = 0; index < name.length;) {
    const code = name.charCodeAt(index);
    if (code >= 48 && code <= 57) {
      // A run of digits is a number: after punctuation, before letters; more digits, larger number.
      let end = index;
      while (end < name.length && name.charCodeAt(end) >= 48 && name.charCodeAt(end) <= 57) end++;
      while (index < end - 1 && name.charCodeAt(index) === 48) index++;
      key += `\x10${String.fromCharCode(0x20 + end - index)}${name.slice(index, end)}`;
      index = end;
      continue;
    }
    if (code >= 97 && code <= 122) key += name[index];
    else if (code >= 65 && code <= 90) key += String.fromCharCode(code + 32);
    else if (code === 95)
      key += '\x01'; // _
    else if (code === 45)
      key += '\x02'; // -
    else if (code === 46)
      key += '\x03'; // .
    else return undefined;
    index++;
  }
  return key;
}

interface Entry {
  tag: string;
  key: string | undefined;
  version: Version | undefined;
}

function compareEntries(a: Entry, b: Entry): number {
  if (a.key && b.key && a.key !== b.key) return a.key < b.key ? -1 : 1;
  return compareNames(a.tag, b.tag);
}

function compareTags(a: Entry, b: Entry): number {
  if (a.version && b.version) return compareVersions(b.version, a.version) || compareEntries(a, b);
  if (a.version) return -1;
  if (b.version) return 1;
  return compareEntries(a, b);
}

/**
 * `semver`: versions newest first, then the other tags by name. `name`: natural order (`2` before `10`).
 * Returns a new array.
 */
export function sortTags(tags: readonly string[], order: TagOrder): string[] {
  const steps = sortTagPages([tags], order);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** How much work (entries or comparisons) one step of `sortTagPages` does before it yields. */
const STEP = 4096;

function entryOf(tag: string, order: TagOrder): Entry {
  const version = order === 'semver' ? parseVersion(tag) : undefined;
  // Versions compare by number; their names only break ties.
  return { tag, version, key: version ? '' : nameKey(tag) };
}

/** Both runs merged in order; on equal entries the first run's come first, as a stable sort keeps them. */
function* merge(first: Entry[], second: Entry[]): Generator<void, Entry[]> {
  const merged = new Array<Entry>(first.length + second.length);
  let left = 0;
  let right = 0;
  let out = 0;
  while (left < first.length && right < second.length) {
    merged[out++] = compareTags(second[right]!, first[left]!) < 0 ? second[right++]! : first[left++]!;
    if (out % STEP === 0) yield;
  }
  while (left < first.length) merged[out++] = first[left++]!;
  while (right < second.length) merged[out++] = second[right++]!;
  return merged;
}

/**
 * `sortTags` of the pages of a listing, one step at a time: it yields after each page and every few
 * thousand comparisons of the merges, so a caller can spread sorting 100,000 tags over many short tasks.
 * Each page is sorted on its own, then neighbours are merged pairwise, which keeps the order stable.
 */
export function* sortTagPages(
  pages: ReadonlyArray<readonly string[]>,
  order: TagOrder,
): Generator<void, string[]> {
  let runs: Entry[][] = [];
  let isKeyed = true;
  for (const page of pages) {
    const run = page.map((tag) => entryOf(tag, order));
    isKeyed &&= run.every((entry) => entry.key !== undefined);
    runs.push(run);
    yield;
  }
  for (const run of runs) {
    // Keys only where every tag has one: mixing key and collator comparisons could disagree.
    if (!isKeyed) for (const entry of run) entry.key = undefined;
    run.sort(compareTags);
    yield;
  }
  while (runs.length > 1) {
    const merged: Entry[][] = [];
    for (let index = 0; index < runs.length; index += 2) {
      const [first, second] = [runs[index]!, runs[index + 1]];
      merged.push(second ? yield* merge(first, second) : first);
    }
    runs = merged;
  }
  return (runs[0] ?? []).map((entry) => entry.tag);
}
