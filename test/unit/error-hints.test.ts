import { describe, expect, it } from 'vitest';
import { BerthError, DEFAULT_APP_HINTS, DEFAULT_HINTS } from '../../electron/core/errors.js';
import { NotFoundError } from '../../electron/core/registry/errors.js';

describe('error hints', () => {
  it('gives every error code a hint of its own, none of them a bare pointer to --help', () => {
    const hints = Object.entries(DEFAULT_HINTS);
    expect(hints.length).toBeGreaterThan(15);
    for (const [code, hint] of hints) {
      expect(hint.trim().length, code).toBeGreaterThan(20);
      expect(hint, code).not.toMatch(/--help/);
    }
    expect(new Set(hints.map(([, hint]) => hint)).size).toBe(hints.length);
  });

  it("fills in the code's hint when the source gives none, and keeps the source's own", () => {
    expect(new BerthError('NETWORK', 'x').hint).toBe(DEFAULT_HINTS.NETWORK);
    expect(new BerthError('NETWORK', 'x').toInfo().hint).toBe(DEFAULT_APP_HINTS.NETWORK);
    expect(new NotFoundError('r.example', 'gone').hint).toBe(DEFAULT_HINTS.NOT_FOUND);
    expect(new NotFoundError('r.example', 'gone', { hint: 'look here' }).hint).toBe('look here');
  });
});
