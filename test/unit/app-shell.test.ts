import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isSafeExternalUrl } from '../../electron/app/external.js';
import { readWindowState, visibleBounds, writeWindowState } from '../../electron/app/window-state.js';

const dir = mkdtempSync(path.join(tmpdir(), 'berth-app-shell-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('links that may leave the app', () => {
  it('lets http and https pages go to the browser', () => {
    expect(isSafeExternalUrl('https://docs.docker.com/registry/')).toBe(true);
    expect(isSafeExternalUrl('http://127.0.0.1:5000/v2/')).toBe(true);
  });

  it('refuses schemes that read files or start programs, and URLs with credentials', () => {
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://server/share',
      'ms-msdt:/id',
      'vscode://file/x',
      'https://user:secret@example.com/',
      'not a url',
    ])
      expect(isSafeExternalUrl(url), url).toBe(false);
  });
});

describe('the remembered window', () => {
  const screens = [{ x: 0, y: 0, width: 1920, height: 1080 }];

  it('comes back as it was saved', () => {
    const file = path.join(dir, 'nested', 'window-state.json');
    writeWindowState(file, { bounds: { x: 10, y: 20, width: 900, height: 700 }, isMaximized: true });
    expect(readWindowState(file)).toEqual({
      bounds: { x: 10, y: 20, width: 900, height: 700 },
      isMaximized: true,
    });
  });

  it('falls back to defaults when the file is missing or damaged', () => {
    expect(readWindowState(path.join(dir, 'missing.json'))).toEqual({ isMaximized: false });
    const damaged = path.join(dir, 'damaged.json');
    writeFileSync(damaged, '{"bounds":{"x":"left"}');
    expect(readWindowState(damaged)).toEqual({ isMaximized: false });
  });

  it('is dropped when it would open on a display that is gone', () => {
    expect(visibleBounds({ x: 100, y: 100, width: 800, height: 600 }, screens)).toBeDefined();
    expect(visibleBounds({ x: 2500, y: 100, width: 800, height: 600 }, screens)).toBeUndefined();
    expect(visibleBounds({ x: 1900, y: 100, width: 800, height: 600 }, screens)).toBeUndefined();
  });
});
