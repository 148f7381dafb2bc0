import { describe, expect, it } from 'vitest';
import { resolveGoTo } from '../../renderer/lib/go-to.js';
import { shortcutFor, type KeyPress } from '../../renderer/lib/shortcuts.js';
import { englishT } from '../fixtures/i18n.js';

const t = englishT();

const press = (key: string, modifiers: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...modifiers,
});

describe('keyboard shortcuts', () => {
  it('reads /, ? and Ctrl or Cmd+K outside fields', () => {
    expect(shortcutFor(press('/'), false)).toBe('focus-filter');
    expect(shortcutFor(press('?', { shiftKey: true }), false)).toBe('show-shortcuts');
    expect(shortcutFor(press('k', { ctrlKey: true }), false)).toBe('open-palette');
    expect(shortcutFor(press('K', { metaKey: true }), false)).toBe('open-palette');
  });

  it('leaves / and ? to a field being typed in, but Ctrl+K types nothing and still opens the palette', () => {
    expect(shortcutFor(press('/'), true)).toBeUndefined();
    expect(shortcutFor(press('?', { shiftKey: true }), true)).toBeUndefined();
    expect(shortcutFor(press('k', { ctrlKey: true }), true)).toBe('open-palette');
  });

  it('ignores modifiers a shortcut does not use', () => {
    expect(shortcutFor(press('/', { ctrlKey: true }), false)).toBeUndefined();
    expect(shortcutFor(press('/', { altKey: true }), false)).toBeUndefined();
    expect(shortcutFor(press('?', { metaKey: true }), false)).toBeUndefined();
    expect(shortcutFor(press('k', { ctrlKey: true, shiftKey: true }), false)).toBeUndefined();
    expect(shortcutFor(press('k', { ctrlKey: true, altKey: true }), false)).toBeUndefined();
    expect(shortcutFor(press('k'), false)).toBeUndefined();
  });
});

describe('go to repository', () => {
  const connections = [
    { name: 'local', host: '127.0.0.1:5000' },
    { name: 'work', host: 'https://registry.example.com/' },
    { name: 'hub', host: 'docker.io' },
  ];

  it('opens a bare name on the connection shown, with its tag', () => {
    expect(resolveGoTo(t, 'team/app', connections, 'local')).toEqual({
      target: { connection: 'local', repository: 'team/app' },
      query: 'team/app',
    });
    expect(resolveGoTo(t, ' team/app:1.0 ', connections, 'work')).toMatchObject({
      target: { connection: 'work', repository: 'team/app', tag: '1.0' },
    });
  });

  it('finds the saved connection by the registry typed first, whatever connection is shown', () => {
    expect(resolveGoTo(t, '127.0.0.1:5000/team/app:2', connections, 'work')).toMatchObject({
      target: { connection: 'local', repository: 'team/app', tag: '2' },
    });
    expect(resolveGoTo(t, 'https://registry.example.com/infra/db', connections, undefined)).toMatchObject({
      target: { connection: 'work', repository: 'infra/db' },
    });
    expect(resolveGoTo(t, 'index.docker.io/library/nginx', connections, 'local')).toMatchObject({
      target: { connection: 'hub', repository: 'library/nginx' },
    });
  });

  it('never repeats a login typed with the registry, and opens the repository with the saved login', () => {
    expect(resolveGoTo(t, 'https://bob:hunter2@127.0.0.1:5000/team/app:2', connections, 'work')).toEqual({
      target: { connection: 'local', repository: 'team/app', tag: '2' },
      query: 'team/app',
    });
    for (const typed of ['bob:hunter2@other.example/team/app', 'bob:hunter2@127.0.0.1:5000', 'bob@hunter2']) {
      const answer = resolveGoTo(t, typed, connections, 'local');
      expect(answer).toHaveProperty('problem');
      expect(JSON.stringify(answer)).not.toContain('hunter2');
    }
  });

  it('reads a bounded amount of what was typed', () => {
    const answer = resolveGoTo(t, `team/${'a'.repeat(100_000)}`, connections, 'local');
    expect(answer.query.length).toBeLessThanOrEqual(1024);
  });

  it('keeps a digest as the reference to open', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(resolveGoTo(t, `team/app@${digest}`, connections, 'local')).toMatchObject({
      target: { repository: 'team/app', tag: digest },
    });
  });

  it('says why when there is nothing to open', () => {
    expect(resolveGoTo(t, '', connections, 'local')).toMatchObject({
      problem: expect.stringMatching(/^Type a/),
    });
    expect(resolveGoTo(t, 'other.example/team/app', connections, 'local')).toMatchObject({
      problem: expect.stringContaining('No saved connection is for other.example'),
    });
    expect(resolveGoTo(t, 'team/app', connections, undefined)).toMatchObject({
      problem: expect.stringContaining('Choose a connection'),
    });
    expect(resolveGoTo(t, 'Team/App', connections, 'local')).toMatchObject({
      problem: expect.stringContaining('is not a repository name'),
    });
  });
});
