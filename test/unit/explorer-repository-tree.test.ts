import { describe, expect, it } from 'vitest';
import {
  parseCollapsed,
  repositoryTree,
  treeStep,
} from '../../renderer/features/explorer/repository-tree.js';

const NAMES = ['alpine', 'infra/dns', 'infra/proxy', 'solo/one', 'team/app', 'team/web', 'zebra'];

const shape = (rows: ReturnType<typeof repositoryTree>) =>
  rows.map((row) =>
    row.kind === 'group' ? `${row.item} ${row.count}` : `${'  '.repeat(row.depth)}${row.label}`,
  );

describe('the repository namespace tree', () => {
  it('groups names that share a namespace and keeps one-level and lone names at the top', () => {
    expect(shape(repositoryTree(NAMES, new Set(), false))).toEqual([
      'alpine',
      'infra/ 2',
      '  dns',
      '  proxy',
      'solo/one',
      'team/ 2',
      '  app',
      '  web',
      'zebra',
    ]);
  });

  it('keeps the full name as the item of a nested repository', () => {
    const rows = repositoryTree(NAMES, new Set(), false);
    expect(rows.find((row) => row.kind === 'repository' && row.label === 'app')?.item).toBe('team/app');
  });

  it('hides a collapsed group’s repositories', () => {
    const rows = repositoryTree(NAMES, new Set(['team']), false);
    expect(shape(rows)).toEqual(['alpine', 'infra/ 2', '  dns', '  proxy', 'solo/one', 'team/ 2', 'zebra']);
    expect(rows.find((row) => row.item === 'team/')).toMatchObject({ isExpanded: false });
  });

  it('opens a collapsed group while a filter shows its matches', () => {
    const filtered = ['team/app', 'team/web'];
    expect(shape(repositoryTree(filtered, new Set(['team']), true))).toEqual(['team/ 2', '  app', '  web']);
  });

  it('reads the remembered folds, and nothing from a damaged entry', () => {
    expect([...parseCollapsed('["team","infra"]')]).toEqual(['team', 'infra']);
    expect(parseCollapsed('{not json').size).toBe(0);
    expect(parseCollapsed('{"team":true}').size).toBe(0);
    expect(parseCollapsed(null).size).toBe(0);
  });
});

describe('← and → in the repository tree, as in a file tree', () => {
  const open = repositoryTree(NAMES, new Set(), false);
  const folded = repositoryTree(NAMES, new Set(['team']), false);

  it('→ opens a folded group, then moves to its first repository', () => {
    expect(treeStep(folded, 'team/', 'ArrowRight')).toEqual({ kind: 'toggle', namespace: 'team' });
    expect(treeStep(open, 'team/', 'ArrowRight')).toEqual({ kind: 'move', item: 'team/app' });
  });

  it('← closes an open group and does nothing on a closed one', () => {
    expect(treeStep(open, 'infra/', 'ArrowLeft')).toEqual({ kind: 'toggle', namespace: 'infra' });
    expect(treeStep(folded, 'team/', 'ArrowLeft')).toBeUndefined();
  });

  it('← on a repository inside a group moves to the group’s row; → there does nothing', () => {
    expect(treeStep(open, 'team/web', 'ArrowLeft')).toEqual({ kind: 'move', item: 'team/' });
    expect(treeStep(open, 'infra/proxy', 'ArrowLeft')).toEqual({ kind: 'move', item: 'infra/' });
    expect(treeStep(open, 'team/web', 'ArrowRight')).toBeUndefined();
  });

  it('leaves top-level repositories and unknown rows alone', () => {
    for (const item of ['alpine', 'solo/one', 'nowhere'])
      for (const key of ['ArrowLeft', 'ArrowRight'] as const)
        expect(treeStep(open, item, key)).toBeUndefined();
  });
});
