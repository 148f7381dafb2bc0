// Which of daemon.json's top-level settings a new text changes, besides the registry lists. Every other
// key changes how dockerd runs (`runtimes`, `hosts`, `authorization-plugins`, `data-root`…), and where
// daemon.json is writable one save of them runs code as root, so a save that touches them must name them.
import { parseTree, type Node } from 'jsonc-parser';
import { INSECURE_KEY, MIRRORS_KEY } from './document.js';

/** The keys Berth's page exists to edit: saving them needs no further confirmation. */
const REGISTRY_KEYS: ReadonlySet<string> = new Set([INSECURE_KEY, MIRRORS_KEY]);

/**
 * A value as text that is the same for the same setting: object keys sorted (the last of a repeated key
 * wins, as in dockerd's encoding/json), arrays in order, numbers as written (Go reads `1500.0` into an
 * int field differently from `1500`). Built by hand rather than through JSON.parse so a key like
 * `__proto__` is compared as the plain key dockerd sees.
 */
function canonical(text: string, node: Node): string {
  if (node.type === 'array')
    return `[${(node.children ?? []).map((item) => canonical(text, item)).join(',')}]`;
  if (node.type === 'number') return text.slice(node.offset, node.offset + node.length);
  if (node.type !== 'object') return JSON.stringify(node.value);
  return `{${[...properties(text, node)]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${JSON.stringify(key)}:${value}`)
    .join(',')}}`;
}

/** An object's keys with their canonical values. */
function properties(text: string, node: Node): Map<string, string> {
  const found = new Map<string, string>();
  for (const property of node.children ?? []) {
    const [key, value] = property.children ?? [];
    if (typeof key?.value === 'string' && value) found.set(key.value, canonical(text, value));
  }
  return found;
}

/** Top-level settings of a text, read leniently (comments, trailing commas); nothing if it is no object. */
function topLevel(text: string): Map<string, string> {
  const bare = text.replace(/^\uFEFF/, '');
  const tree = parseTree(bare, [], { allowTrailingComma: true });
  return tree?.type === 'object' ? properties(bare, tree) : new Map();
}

/**
 * The top-level keys, other than the registry lists, that `after` adds, removes or gives another value
 * than `before` (sorted). Formatting, key order and comments are no change.
 */
export function changedSettings(before: string, after: string): string[] {
  const [old, next] = [topLevel(before), topLevel(after)];
  const keys = new Set([...old.keys(), ...next.keys()]);
  return [...keys].filter((key) => !REGISTRY_KEYS.has(key) && old.get(key) !== next.get(key)).sort();
}

/** Whether a confirmation names exactly the keys a save changes: a stale or blanket one does not. */
export function confirmsExactly(changed: readonly string[], confirmed: readonly string[]): boolean {
  const wanted = new Set(changed);
  const given = new Set(confirmed);
  return wanted.size === given.size && [...wanted].every((key) => given.has(key));
}
