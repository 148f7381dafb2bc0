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
    expect(redact('the password is hunt', 'hunt')).toBe('the password is [redacted]');
    expect(redact('huntress hunt', 'hunt')).toBe('huntress [redacted]');
  });

  it('replaces a secret of one to three characters only where it stands as a credential', () => {
    // Ordinary words, tags and repository names stay as they are: no garbled --json, no pointer to it.
    expect(redact('give the registry a TLS certificate', 'a')).toBe('give the registry a TLS certificate');
    expect(redact('127.0.0.1:5000/a/a', 'a')).toBe('127.0.0.1:5000/a/a');
    expect(redact('v1-a', 'a')).toBe('v1-a');
    expect(redact('registry: a TLS error', 'a')).toBe('registry: a TLS error');
    // Where it is a credential, it goes.
    expect(redact('a', 'a')).toBe('[redacted]');
    expect(redact('login alice:a@registry failed', 'a')).toBe('login alice:[redacted]@registry failed');
    expect(redact('password "pw" refused', 'pw')).toBe('password "[redacted]" refused');
    expect(redact('user=alice&password=pw&x=1', 'pw')).toBe('user=alice&password=[redacted]&x=1');
    expect(redact('password: a', 'a')).toBe('password: [redacted]');
    expect(redact('a.b ?', '?')).toBe('a.b ?');
    expect(redact('pw="?"', '?')).toBe('pw="[redacted]"');
  });

  it('treats characters of the secret literally', () => {
    expect(redact('a.b* a+b*', 'a+b*')).toBe('a.b* [redacted]');
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
