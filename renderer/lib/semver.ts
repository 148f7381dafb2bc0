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
 * `semver`: versions newest first, then the other tags by name. `name`: natural order (`2` before `10`).
 * Returns a new array.
 */
export function sortTags(tags: readonly string[], order: TagOrder): string[] {
  if (order === 'name') return [...tags].sort(compareNames);
  const parsed = tags.map((tag) => ({ tag, version: parseVersion(tag) }));
  return parsed
    .sort((a, b) => {
      if (a.version && b.version) return compareVersions(b.version, a.version) || compareNames(a.tag, b.tag);
      if (a.version) return -1;
      if (b.version) return 1;
      return compareNames(a.tag, b.tag);
    })
    .map((entry) => entry.tag);
}
