/**
 * The repository list as a one-level namespace tree: `team/app` and `team/web` go under a `team/`
 * group; a name without a namespace, or the only one in its namespace, stays at the top level as it
 * is. Rows are plain data for a virtual list: a group row's item is its name with the slash
 * (`team/`), which no repository name can be, so groups and repositories never collide.
 */
export type TreeRow =
  | { kind: 'group'; item: string; namespace: string; count: number; isExpanded: boolean }
  | { kind: 'repository'; item: string; label: string; depth: 0 | 1 };

/**
 * The rows to show for `names` (already filtered, in listing order). `collapsed` holds the namespaces
 * the user folded; while `isFiltering`, every group with a match is open, so the filter finds nested names.
 */
export function repositoryTree(
  names: readonly string[],
  collapsed: ReadonlySet<string>,
  isFiltering: boolean,
): TreeRow[] {
  const members = new Map<string, string[]>();
  for (const name of names) {
    const slash = name.indexOf('/');
    if (slash < 0) continue;
    const namespace = name.slice(0, slash);
    const group = members.get(namespace);
    if (group) group.push(name);
    else members.set(namespace, [name]);
  }
  const rows: TreeRow[] = [];
  const placed = new Set<string>();
  for (const name of names) {
    const slash = name.indexOf('/');
    const namespace = slash < 0 ? undefined : name.slice(0, slash);
    const group = namespace === undefined ? undefined : members.get(namespace);
    if (namespace === undefined || !group || group.length < 2) {
      rows.push({ kind: 'repository', item: name, label: name, depth: 0 });
      continue;
    }
    if (placed.has(namespace)) continue;
    placed.add(namespace);
    const isExpanded = isFiltering || !collapsed.has(namespace);
    rows.push({ kind: 'group', item: `${namespace}/`, namespace, count: group.length, isExpanded });
    if (!isExpanded) continue;
    for (const member of group)
      rows.push({ kind: 'repository', item: member, label: member.slice(namespace.length + 1), depth: 1 });
  }
  return rows;
}

/** What ← or → does on a row, as in a file tree: fold or unfold a group, or move to another row. */
export type TreeStep = { kind: 'toggle'; namespace: string } | { kind: 'move'; item: string };

/**
 * The step for `key` on the row `item` of `rows`, as VS Code's explorer does it: → opens a folded group
 * and moves to the first repository of an open one; ← folds an open group and moves from a repository
 * in a group to the group's row. Undefined where the key does nothing (a top-level repository, ← on a
 * folded group, → inside a group).
 */
export function treeStep(
  rows: readonly TreeRow[],
  item: string,
  key: 'ArrowLeft' | 'ArrowRight',
): TreeStep | undefined {
  const at = rows.findIndex((row) => row.item === item);
  const row = rows[at];
  if (!row) return undefined;
  if (row.kind === 'group') {
    if (key === 'ArrowRight' && !row.isExpanded) return { kind: 'toggle', namespace: row.namespace };
    if (key === 'ArrowLeft' && row.isExpanded) return { kind: 'toggle', namespace: row.namespace };
    const first = rows[at + 1];
    if (key === 'ArrowRight' && first?.kind === 'repository' && first.depth === 1)
      return { kind: 'move', item: first.item };
    return undefined;
  }
  if (key === 'ArrowRight' || row.depth === 0) return undefined;
  const group = rows.slice(0, at).findLast((candidate) => candidate.kind === 'group');
  return group && { kind: 'move', item: group.item };
}

/** Folded namespaces as kept per connection in localStorage: a JSON array of names, anything else is none. */
export function parseCollapsed(text: string | null): Set<string> {
  if (!text) return new Set();
  try {
    const value: unknown = JSON.parse(text);
    return new Set(Array.isArray(value) ? value.filter((entry) => typeof entry === 'string') : []);
  } catch {
    return new Set();
  }
}
