import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { RegistryAuth, type AuthDeps } from '../../electron/core/registry/auth.js';
import { AuthError } from '../../electron/core/registry/errors.js';
import type { HttpResponse } from '../../electron/core/registry/http.js';

/** A canned HTTP answer: the token endpoint's side of the exchange, as plain data. */
function answer(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return {
    status,
    headers,
    body: Readable.from([
      Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
    ]) as unknown as HttpResponse['body'],
    url: new URL('https://token.example.com/'),
    redirects: [],
  };
}

function setup(overrides: Partial<AuthDeps> & { challenge: string }) {
  let now = 1_000_000;
  const sent: { method: string; url: string; headers: Record<string, string> }[] = [];
  let tokenNumber = 0;
  const auth = new RegistryAuth({
    registry: 'registry.example.com',
    origin: new URL('https://registry.example.com'),
    now: () => now,
    send: async (req) => {
      sent.push({ method: req.method, url: req.url.href, headers: req.headers });
      return answer(200, { token: `t${++tokenNumber}`, expires_in: 60 });
    },
    ...overrides,
  });
  auth.handleUnauthorized(
    answer(401, '', { 'www-authenticate': overrides.challenge }),
    ['repository:a:pull'],
    false,
  );
  return { auth, sent, advance: (ms: number) => (now += ms) };
}

describe('RegistryAuth', () => {
  it('caches a token per scope set and refreshes it shortly before it expires', async () => {
    const { auth, sent, advance } = setup({
      challenge: 'Bearer realm="https://token.example.com/token",service="reg"',
      credential: { kind: 'basic', username: 'u', password: 'p' },
    });
    expect(await auth.authorization(['repository:a:pull'])).toBe('Bearer t1');
    expect(await auth.authorization(['repository:a:pull'])).toBe('Bearer t1');
    expect(await auth.authorization(['repository:b:pull'])).toBe('Bearer t2');
    advance(54_000);
    expect(await auth.authorization(['repository:a:pull'])).toBe('Bearer t1');
    advance(2_000); // 56 s of 60: inside the refresh margin
    expect(await auth.authorization(['repository:a:pull'])).toBe('Bearer t3');
    expect(sent).toHaveLength(3);
    const url = new URL(sent[0]!.url);
    expect(url.searchParams.get('service')).toBe('reg');
    expect(url.searchParams.getAll('scope')).toEqual(['repository:a:pull']);
    expect(url.searchParams.get('account')).toBe('u');
    expect(sent[0]!.headers.authorization).toBe(`Basic ${Buffer.from('u:p').toString('base64')}`);
  });

  it('treats a missing expires_in as 60 seconds', async () => {
    const { auth, advance } = setup({
      challenge: 'Bearer realm="https://token.example.com/token"',
      send: async () => answer(200, { access_token: 'only' }),
    });
    await auth.authorization(['repository:a:pull']);
    advance(61_000);
    let asked = false;
    (auth as unknown as { deps: AuthDeps }).deps.send = async () => {
      asked = true;
      return answer(200, { token: 'next' });
    };
    expect(await auth.authorization(['repository:a:pull'])).toBe('Bearer next');
    expect(asked).toBe(true);
  });

  it('never sends credentials to a plain-HTTP realm on another host', async () => {
    const { auth, sent } = setup({
      challenge: 'Bearer realm="http://auth.elsewhere.example/token",service="reg"',
      credential: { kind: 'basic', username: 'u', password: 'secret' },
    });
    const error = await auth.authorization(['repository:a:pull']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).problem).toBe('insecure-realm');
    expect(sent).toHaveLength(0);
  });

  it('never sends credentials to a private address that is not the registry', async () => {
    const { auth, sent } = setup({
      challenge: 'Bearer realm="https://10.0.0.8/token"',
      credential: { kind: 'basic', username: 'u', password: 'secret' },
    });
    await expect(auth.authorization(['repository:a:pull'])).rejects.toThrow(/private address/);
    expect(sent).toHaveLength(0);
  });

  it('resolves a relative realm against the registry and goes anonymous without credentials', async () => {
    const { auth, sent } = setup({ challenge: 'Bearer realm="/jwt/auth",service="container_registry"' });
    expect(await auth.authorization(['repository:a:pull'])).toBe('Bearer t1');
    expect(sent[0]!.url.startsWith('https://registry.example.com/jwt/auth?')).toBe(true);
    expect(sent[0]!.headers.authorization).toBeUndefined();
  });

  it('exchanges an identity token with the OAuth2 refresh_token form and keeps the new one', async () => {
    const bodies: string[] = [];
    let stored = '';
    const { auth } = setup({
      challenge: 'Bearer realm="https://token.example.com/token",service="reg"',
      credential: { kind: 'identity-token', token: 'refresh-1' },
      onIdentityTokenChanged: (token) => (stored = token),
      send: async (req) => {
        bodies.push((req.body as Buffer).toString());
        return answer(200, { access_token: 'a1', refresh_token: 'refresh-2', expires_in: 300 });
      },
    });
    expect(await auth.authorization(['repository:a:pull', 'repository:b:pull,push'])).toBe('Bearer a1');
    const form = new URLSearchParams(bodies[0]);
    expect(form.get('grant_type')).toBe('refresh_token');
    expect(form.get('refresh_token')).toBe('refresh-1');
    expect(form.get('scope')).toBe('repository:a:pull repository:b:pull,push');
    expect(form.get('client_id')).toBe('berth');
    expect(stored).toBe('refresh-2');
  });

  it('asks for the extra scope an insufficient_scope challenge names', () => {
    const { auth } = setup({ challenge: 'Bearer realm="https://token.example.com/token"' });
    const retry = auth.handleUnauthorized(
      answer(401, '', {
        'www-authenticate':
          'Bearer realm="https://token.example.com/token",error="insufficient_scope",scope="repository:src:pull"',
      }),
      ['repository:dst:pull,push'],
      true,
    );
    expect(retry).toEqual(['repository:dst:pull,push', 'repository:src:pull']);
  });

  it('does not retry Basic credentials the registry already refused', () => {
    const { auth } = setup({
      challenge: 'Basic realm="r"',
      credential: { kind: 'basic', username: 'u', password: 'p' },
    });
    expect(
      auth.handleUnauthorized(answer(401, '', { 'www-authenticate': 'Basic realm="r"' }), [], true),
    ).toBeUndefined();
  });

  it('leaves no start of the password where the 512-byte read of a failing token server cuts it', async () => {
    const password = 'token-server-password-0123456789abcdef';
    const { auth } = setup({
      challenge: 'Bearer realm="https://token.example.com/token"',
      credential: { kind: 'basic', username: 'u', password },
      // Blanks fold into one: what the 512 bytes end with is on screen.
      send: async () => answer(500, `refused ${' '.repeat(490)}${password}`),
    });
    const error = await auth.authorization(['repository:a:pull']).then(
      () => undefined,
      (caught: unknown) => caught as Error,
    );
    expect(error?.message).toMatch(/answered HTTP 500: refused/);
    expect(error?.message).not.toContain(password.slice(0, 8));
  });

  it('reports a token server answering garbage', async () => {
    const { auth } = setup({
      challenge: 'Bearer realm="https://token.example.com/token"',
      send: async () => answer(200, '<html>oops</html>'),
    });
    await expect(auth.authorization(['repository:a:pull'])).rejects.toThrow(/did not answer JSON/);
  });
});
