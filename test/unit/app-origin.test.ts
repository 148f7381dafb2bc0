import { describe, expect, it } from 'vitest';
import { isAppPage, isPermitted } from '../../electron/app/app-origin.js';

describe('the app’s own pages', () => {
  it('are berth://app pages and nothing else', () => {
    expect(isAppPage('berth://app/')).toBe(true);
    expect(isAppPage('berth://app/index.html#/explorer')).toBe(true);
    for (const url of ['berth://other/', 'https://app/', 'file:///app/index.html', 'about:blank', '', 'app'])
      expect(isAppPage(url), url).toBe(false);
    expect(isAppPage(undefined)).toBe(false);
  });

  it('may write to the clipboard, and ask for nothing else', () => {
    expect(isPermitted('clipboard-sanitized-write', 'berth://app/')).toBe(true);
    for (const permission of ['clipboard-read', 'media', 'notifications', 'geolocation', 'openExternal'])
      expect(isPermitted(permission, 'berth://app/'), permission).toBe(false);
  });

  it('are the only pages that may write to the clipboard', () => {
    expect(isPermitted('clipboard-sanitized-write', 'https://example.com/')).toBe(false);
    expect(isPermitted('clipboard-sanitized-write', undefined)).toBe(false);
  });
});
