import { createHash } from 'node:crypto';
import { normalizeScopes, parseChallenges, pickChallenge, type Challenge } from './challenge.js';
import { realmCredentialProblem } from './addresses.js';
import { AuthError } from './errors.js';
import { headerValue, readBody, readSnippet, type HttpRequest, type HttpResponse } from './http.js';
import { credentialForms, redactAll, redactCutSecret, shortenRedacted } from './secrets.js';

export type Credential =
  | { kind: 'basic'; username: string; password: string }
  /** An OAuth2 refresh token (config.json `identitytoken`), exchanged with the POST form. */
  | { kind: 'identity-token'; token: string; username?: string }
  /** A bearer token sent as it is (config.json `registrytoken`). */
  | { kind: 'registry-token'; token: string };

export interface AuthDeps {
  registry: string;
  /** Origin of the registry API (`https://registry-1.docker.io`). Credentials go here and to the realm it names. */
  origin: URL;
  credential?: Credential;
  send: (req: Omit<HttpRequest, 'tls'>) => Promise<HttpResponse>;
  now: () => number;
  /** A token server may hand out a new refresh token; the caller stores it (keychain). */
  onIdentityTokenChanged?: (token: string) => void;
  /** Every token a token server hands out, so whatever leaves the process can be scrubbed of it. */
  onSecret?: (secret: string) => void;
}

interface CachedToken {
  token: string;
  expiresAt: number;
}

const CLIENT_ID = 'berth';
/** Redirects that re-send a POST body unchanged (RFC 9110 15.4.8, 15.4.9); others are reported as answered. */
const REDIRECT_STATUSES = new Set([307, 308]);
const MAX_TOKEN_REDIRECTS = 5;
const TOKEN_BODY_LIMIT = 1024 * 1024;
/** Docker's token spec: a missing `expires_in` means 60 seconds. */
const DEFAULT_TOKEN_SECONDS = 60;

export { isPrivateAddress } from './addresses.js';

export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

/**
 * Authentication for one registry: remembers the challenge the registry gave, caches bearer tokens
 * by realm + service + scope set + credential, and refreshes them a little before they expire.
 */
export class RegistryAuth {
  private challenge: Challenge | undefined;
  private readonly tokens = new Map<string, CachedToken>();
  private readonly pending = new Map<string, Promise<CachedToken>>();

  constructor(private readonly deps: AuthDeps) {}

  get scheme(): 'none' | 'basic' | 'bearer' | 'unknown' {
    if (!this.challenge) return 'none';
    return this.challenge.scheme === 'basic' || this.challenge.scheme === 'bearer'
      ? this.challenge.scheme
      : 'unknown';
  }

  get hasCredential(): boolean {
    return this.deps.credential !== undefined;
  }

  /** The credential requests are signed with now (the services' renewal compares it with its own). */
  get credential(): Credential | undefined {
    return this.deps.credential;
  }

  /**
   * Signs with another credential from now on (a credential helper's fresh answer after a refusal): the
   * tokens the old one earned are dropped, the challenge learnt is kept.
   */
  replaceCredential(credential: Credential): void {
    this.deps.credential = { ...credential };
    this.tokens.clear();
  }

  get challengeParams(): Record<string, string> | undefined {
    return this.challenge?.params;
  }

  /** What this registry's requests carry that must never be shown: the credential's forms and every token. */
  secrets(): string[] {
    return [...credentialForms(this.deps.credential), ...[...this.tokens.values()].map((t) => t.token)];
  }

  /** Authorization header for a request needing `scopes`, or undefined to go anonymous. */
  async authorization(scopes: string[], signal?: AbortSignal): Promise<string | undefined> {
    const credential = this.deps.credential;
    if (!this.challenge) {
      // Nothing learnt yet: a registry token needs no challenge, anything else waits for the 401.
      return credential?.kind === 'registry-token' ? `Bearer ${credential.token}` : undefined;
    }
    if (this.challenge.scheme === 'basic') {
      return credential?.kind === 'basic'
        ? basicAuthorization(credential.username, credential.password)
        : undefined;
    }
    if (this.challenge.scheme !== 'bearer') return undefined;
    if (credential?.kind === 'registry-token') return `Bearer ${credential.token}`;
    const token = await this.token(this.challenge, scopes, signal);
    return `Bearer ${token.token}`;
  }

  /**
   * Learns from a 401. Returns the scopes to retry with, or undefined when retrying cannot help
   * (the caller then reports the 401).
   */
  handleUnauthorized(
    response: HttpResponse,
    scopes: string[],
    sentAuthorization: boolean,
  ): string[] | undefined {
    const challenge = pickChallenge(parseChallenges(response.headers['www-authenticate']));
    if (!challenge) return undefined;
    const previous = this.challenge;
    this.challenge = challenge;
    if (challenge.scheme === 'basic') {
      if (this.deps.credential?.kind !== 'basic') return undefined;
      return sentAuthorization && previous?.scheme === 'basic' ? undefined : scopes;
    }
    if (challenge.scheme !== 'bearer') return undefined;
    let retryScopes = scopes;
    if (challenge.params.error === 'insufficient_scope' && challenge.params.scope) {
      retryScopes = normalizeScopes([...scopes, challenge.params.scope]);
    }
    // The token we sent is no good (expired early, revoked, or too narrow): forget it.
    this.tokens.delete(this.tokenKey(challenge, normalizeScopes(scopes)));
    if (previous && previous.scheme === 'bearer') {
      this.tokens.delete(this.tokenKey(previous, normalizeScopes(scopes)));
    }
    return retryScopes;
  }

  /** Checks the credential the way `docker login` does: a token (or /v2/ with Basic) must be granted. */
  async verifyCredential(signal?: AbortSignal): Promise<void> {
    if (!this.challenge || this.challenge.scheme !== 'bearer') return;
    await this.fetchToken(this.challenge, [], signal);
  }

  private tokenKey(challenge: Challenge, scopes: string[]): string {
    return [
      challenge.params.realm ?? '',
      challenge.params.service ?? '',
      scopes.join(' '),
      credentialId(this.deps.credential),
    ].join('|');
  }

  private async token(challenge: Challenge, scopes: string[], signal?: AbortSignal): Promise<CachedToken> {
    const normalized = normalizeScopes(scopes);
    const key = this.tokenKey(challenge, normalized);
    const cached = this.tokens.get(key);
    if (cached && cached.expiresAt > this.deps.now()) return cached;
    let pending = this.pending.get(key);
    if (!pending) {
      pending = this.fetchToken(challenge, normalized, signal).finally(() => this.pending.delete(key));
      this.pending.set(key, pending);
    }
    const token = await pending;
    this.tokens.set(key, token);
    return token;
  }

  private realmUrl(challenge: Challenge): URL {
    const realm = challenge.params.realm;
    if (!realm) {
      throw new AuthError(
        this.deps.registry,
        'token-server',
        `${this.deps.registry} asked for a bearer token but named no realm`,
      );
    }
    // A relative realm (misconfigured GitLab) is resolved against the registry, as regclient does.
    const url = new URL(realm, this.deps.origin);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new AuthError(
        this.deps.registry,
        'insecure-realm',
        `${this.deps.registry}: token realm ${url.href} is not http(s)`,
      );
    }
    return url;
  }

  /** Credentials go to an https realm, or over http only to the registry's own origin; never to another private address. */
  private assertRealmMayReceiveSecrets(realm: URL): void {
    const problem = realmCredentialProblem(realm, this.deps.origin);
    if (problem === 'plain-http') {
      throw new AuthError(
        this.deps.registry,
        'insecure-realm',
        `${this.deps.registry}: refused to send credentials to the plain-HTTP token server ${realm.origin}`,
        {
          hint: `Over plain HTTP, credentials go only to the registry itself (${this.deps.origin.origin}); a token server elsewhere must use HTTPS. Fix the registry's token realm.`,
        },
      );
    }
    if (problem === 'private-address') {
      throw new AuthError(
        this.deps.registry,
        'insecure-realm',
        `${this.deps.registry}: refused to send credentials to the private address ${realm.hostname}`,
        { hint: 'A registry may only point credentials at its own host or a public token server.' },
      );
    }
  }

  /**
   * The refresh token travels in the body, and a 307/308 sends the body on to wherever it points: a
   * redirect is followed on the realm's own origin only, and one to anywhere else is refused.
   */
  private async postForm(realm: URL, form: URLSearchParams, signal?: AbortSignal): Promise<HttpResponse> {
    let url = realm;
    for (let hop = 0; ; hop++) {
      const response = await this.deps.send({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: Buffer.from(form.toString()),
        signal,
        followRedirects: false,
      });
      const location = headerValue(response.headers, 'location');
      if (!REDIRECT_STATUSES.has(response.status) || !location) return response;
      await readSnippet(response.body, 0);
      const next = new URL(location, url);
      if (next.origin !== realm.origin || hop >= MAX_TOKEN_REDIRECTS) {
        throw new AuthError(
          this.deps.registry,
          'token-server',
          `${this.deps.registry}: the token server ${realm.origin} redirected the token exchange to ${next.origin}; not followed`,
          {
            status: response.status,
            hint: 'A token server must answer the exchange itself: Berth does not send a refresh token on to another address.',
          },
        );
      }
      url = next;
    }
  }

  private async fetchToken(
    challenge: Challenge,
    scopes: string[],
    signal?: AbortSignal,
  ): Promise<CachedToken> {
    const realm = this.realmUrl(challenge);
    const credential = this.deps.credential;
    const service = challenge.params.service;
    let response: HttpResponse;
    const started = this.deps.now();
    if (credential) this.assertRealmMayReceiveSecrets(realm);
    if (credential?.kind === 'identity-token') {
      // Docker's OAuth2 form (distribution docs/spec/auth/oauth.md): one space-separated scope field.
      const form = new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: credential.token,
        client_id: CLIENT_ID,
      });
      if (service) form.set('service', service);
      if (scopes.length) form.set('scope', scopes.join(' '));
      response = await this.postForm(realm, form, signal);
    } else {
      const url = new URL(realm);
      if (service) url.searchParams.set('service', service);
      for (const scope of scopes) url.searchParams.append('scope', scope);
      const headers: Record<string, string> = {};
      if (credential?.kind === 'basic') {
        url.searchParams.set('account', credential.username);
        url.searchParams.set('client_id', CLIENT_ID);
        headers.authorization = basicAuthorization(credential.username, credential.password);
      }
      response = await this.deps.send({ method: 'GET', url, headers, signal });
    }
    if (response.status === 401 || response.status === 403) {
      await readSnippet(response.body, 4096);
      const who = credential?.kind === 'basic' ? `user "${credential.username}"` : 'the saved token';
      throw new AuthError(
        this.deps.registry,
        credential ? 'credentials-rejected' : 'credentials-required',
        credential
          ? `${this.deps.registry}: the token server ${realm.origin} refused ${who} (HTTP ${response.status})`
          : `${this.deps.registry}: the token server ${realm.origin} requires a login (HTTP ${response.status})`,
        {
          status: response.status,
          hint: credential
            ? 'Check the username and password or token, then log in again.'
            : 'Log in to this registry first.',
        },
      );
    }
    if (response.status !== 200) {
      const snippet = await readSnippet(response.body, 512);
      throw new AuthError(
        this.deps.registry,
        'token-server',
        `${this.deps.registry}: the token server ${realm.origin} answered HTTP ${response.status}${snippet ? `: ${oneLine(snippet, this.secrets())}` : ''}`,
        { status: response.status, hint: "The registry's token service is failing; try again later." },
      );
    }
    const raw = await readBody(
      response.body,
      TOKEN_BODY_LIMIT,
      () =>
        new AuthError(
          this.deps.registry,
          'token-server',
          `${this.deps.registry}: the token server's answer is too large`,
        ),
    );
    let body: { token?: unknown; access_token?: unknown; expires_in?: unknown; refresh_token?: unknown };
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      throw new AuthError(
        this.deps.registry,
        'token-server',
        `${this.deps.registry}: the token server ${realm.origin} did not answer JSON`,
      );
    }
    const token = typeof body.access_token === 'string' && body.access_token ? body.access_token : body.token;
    if (typeof token === 'string' && token) this.deps.onSecret?.(token);
    if (typeof body.refresh_token === 'string' && body.refresh_token)
      this.deps.onSecret?.(body.refresh_token);
    if (typeof token !== 'string' || !token) {
      throw new AuthError(
        this.deps.registry,
        'token-server',
        `${this.deps.registry}: the token server's answer has no token`,
      );
    }
    if (
      credential?.kind === 'identity-token' &&
      typeof body.refresh_token === 'string' &&
      body.refresh_token !== credential.token
    ) {
      credential.token = body.refresh_token;
      this.deps.onIdentityTokenChanged?.(body.refresh_token);
    }
    const seconds =
      typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : DEFAULT_TOKEN_SECONDS;
    // Count from our own clock when the request started (issued_at may be skewed), and refresh a
    // little early so a request never leaves with a token that dies on the way.
    const lifetime = seconds * 1000;
    const margin = Math.min(5000, lifetime / 4);
    return { token, expiresAt: started + lifetime - margin };
  }
}

function credentialId(credential: Credential | undefined): string {
  if (!credential) return 'anonymous';
  if (credential.kind === 'basic') return `basic:${credential.username}:${fingerprint(credential.password)}`;
  return `${credential.kind}:${fingerprint(credential.token)}`;
}

/** A short hash, so a cache key never holds a secret. */
function fingerprint(secret: string): string {
  return createHash('sha256').update(secret).digest('hex').slice(0, 16);
}

/** The start of an error answer on one line, without the secrets, also where the 512-byte read or the cut ends inside one. */
function oneLine(text: string, secrets: string[]): string {
  const whole = redactCutSecret(redactAll(text, secrets), secrets);
  return shortenRedacted(whole.replace(/\s+/g, ' ').trim(), 200, secrets).replace(/…$/, '');
}
