import { describe, expect, it } from 'vitest';
import { parseCollapsed, repositoryTree } from '../../renderer/features/explorer/repository-tree.js';

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
