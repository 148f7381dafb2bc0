import { describe, expect, it } from 'vitest';
import { redact, scrub } from '../../electron/core/api/scrub.js';

describe('scrubbing a secret from an answer', () => {
  it('replaces a long secret wherever it appears, even inside other text', () => {
    expect(redact('token=hunter2hunter2;x', 'hunter2hunter2')).toBe('token=[redacted];x');
    expect(redact('abcsecret-value-1def', 'secret-value-1')).toBe('abc[redacted]def');
  });

  it('replaces a short secret only where it stands on its own', () => {
    expect(redact('already exists', 'x')).toBe('already exists');
    expect(redact('login alice:pw@registry failed', 'pw')).toBe('login alice:[redacted]@registry failed');
    expect(redact('password "pw" refused', 'pw')).toBe('password "[redacted]" refused');
    expect(redact('the password is pw', 'pw')).toBe('the password is [redacted]');
    expect(redact('pwned pw', 'pw')).toBe('pwned [redacted]');
  });

  it('treats characters of the secret literally', () => {
    expect(redact('a.b a+b', 'a+b')).toBe('a.b [redacted]');
  });

  it('walks every string of a nested answer and leaves other values alone', () => {
    const answer = { ok: false, error: { message: 'alice:s3cr3t!! denied', code: 'AUTH', n: 3 } };
    expect(scrub(answer, ['s3cr3t!!'])).toEqual({
      ok: false,
      error: { message: 'alice:[redacted] denied', code: 'AUTH', n: 3 },
    });
    expect(scrub(answer, [])).toBe(answer);
  });
});
