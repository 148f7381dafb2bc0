import { describe, expect, it } from 'vitest';
import { BerthError } from '../../electron/core/registry/errors.js';
import {
  basicForms,
  redactAll,
  redactAuthPatterns,
  scrubError,
  SecretSet,
} from '../../electron/core/registry/secrets.js';

describe('scrubbing secrets from what leaves the process', () => {
  it('scrubs the keys of an answer as well as its values (labels and annotations a registry names)', () => {
    const answer = { config: { Labels: { 'echoed-Pa55word!': 'x', ok: 'echoed-Pa55word!' } }, n: 1 };
    const scrubbed = new SecretSet();
    scrubbed.add('echoed-Pa55word!');
    expect(JSON.stringify(scrubbed.scrub(answer))).not.toContain('Pa55word');
    expect(scrubbed.scrub(answer)).toEqual({
      config: { Labels: { '[redacted]': 'x', ok: '[redacted]' } },
      n: 1,
    });
  });

  it('knows a password by itself and by its Basic forms (base64, base64url, unpadded)', () => {
    const forms = basicForms('alice', 'p>?p>?p>?');
    const basic = Buffer.from('alice:p>?p>?p>?').toString('base64');
    expect(forms).toContain('p>?p>?p>?');
    expect(forms).toContain(basic);
    expect(forms).toContain(basic.replace(/\+/g, '-').replace(/\//g, '_'));
    expect(redactAll(`sent ${basic.replace(/=+$/, '')}!`, forms)).toBe('sent [redacted]!');
  });

  it('replaces credential-shaped values it was never told about, and leaves prose alone', () => {
    expect(redactAuthPatterns('Authorization: Basic YWxpY2U6c2VjcmV0MTIz')).toBe(
      'Authorization: Basic [redacted]',
    );
    expect(redactAuthPatterns('got Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln from the realm')).toBe(
      'got Bearer [redacted] from the realm',
    );
    expect(redactAuthPatterns('{"token":"abcdef123456","expires_in":60}')).toBe(
      '{"token":"[redacted]","expires_in":60}',
    );
    expect(redactAuthPatterns('refresh_token=0123456789abcdef&x=1')).toBe('refresh_token=[redacted]&x=1');
    expect(redactAuthPatterns('X-Registry-Auth: eyJ1c2VybmFtZSI6ImEifQ==')).toBe(
      'X-Registry-Auth: [redacted]',
    );
    for (const prose of [
      'Basic authentication failed',
      'auth: bearer, registry/2.0',
      'the token server refused user "alice"',
      'a Bearer realm="https://auth.example/token"',
    ])
      expect(redactAuthPatterns(prose)).toBe(prose);
  });

  it('scrubs an error in place and a whole value with the secrets a set collected', () => {
    const secrets = new SecretSet();
    secrets.addCredential({ kind: 'basic', username: 'alice', password: 'wonderland-pass' });
    secrets.add('tok-1234567890');
    const error = scrubError(
      new BerthError('AUTH', 'refused wonderland-pass', { hint: 'token tok-1234567890 expired' }),
      secrets.list(),
    );
    expect(error.message).toBe('refused [redacted]');
    expect(error.hint).toBe('token [redacted] expired');
    expect(secrets.scrub({ list: ['x wonderland-pass', 3], ok: true })).toEqual({
      list: ['x [redacted]', 3],
      ok: true,
    });
  });

  it('keeps every credential but only the newest tokens, so a long run does not grow the set for ever', () => {
    const secrets = new SecretSet(3);
    secrets.addCredential({ kind: 'basic', username: 'alice', password: 'wonderland-pass' });
    for (const token of ['tok-a', 'tok-b', 'tok-c']) secrets.add(token);
    secrets.add('tok-a'); // in use again: newest now
    secrets.add('tok-d', 'tok-e');
    secrets.add('wonderland-pass'); // a credential reported again stays a credential
    const kept = secrets.list();
    expect(kept).toContain('wonderland-pass');
    expect(kept).toContain(Buffer.from('alice:wonderland-pass').toString('base64'));
    expect(kept.filter((secret) => secret.startsWith('tok-'))).toEqual(['tok-a', 'tok-d', 'tok-e']);
  });
});
