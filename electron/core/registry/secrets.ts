import type { Credential } from './auth.js';
import type { BerthError } from './errors.js';

/**
 * Below this length a secret is only replaced where it stands on its own (not inside a longer word):
 * a short test password must not turn "already exists" into "already e[redacted]ists". Such a
 * secret is still replaced in `user:pw@host`, `"pw"` or at the end of a sentence.
 */
const SHORT_SECRET = 8;
/**
 * Below this length (a password like "a" or "pw") even a word of its own is too common to replace: "a"
 * stands alone in every sentence, tag and repository name ("give the registry a TLS certificate",
 * `team/a`, `v1-a`), and replacing each one would garble `--json` data and point at the password. Such a
 * secret is replaced only where it stands as a credential: the whole text, `user:pw@`, quoted, or after
 * `=` or `: `.
 */
const TINY_SECRET = 4;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether `text` holds `secret` in another case (only secrets with letters can be). */
function hasOtherCase(text: string, secret: string): boolean {
  const lower = secret.toLowerCase();
  return (lower !== secret || secret.toUpperCase() !== secret) && text.toLowerCase().includes(lower);
}

/** `text` with every occurrence of `secret` replaced by `[redacted]`. */
export function redact(text: string, secret: string): string {
  if (!secret) return text;
  if (secret.length >= SHORT_SECRET) {
    const whole = text.includes(secret) ? text.split(secret).join('[redacted]') : text;
    // In any case too: a URL's host name is lowercased on the way, so a token a server wrote into the
    // host of a next-page link or a redirect comes back in lower case.
    return hasOtherCase(whole, secret)
      ? whole.replace(new RegExp(escapeRegExp(secret), 'gi'), '[redacted]')
      : whole;
  }
  if (!text.includes(secret)) return text;
  if (secret.length < TINY_SECRET) {
    if (text === secret) return '[redacted]';
    const asCredential = new RegExp(`(?<=^|["'=]|[:=]\\s*)${escapeRegExp(secret)}(?=$|["'@&;,\\s])`, 'gu');
    return text.replace(asCredential, (match, offset: number) =>
      // `: a ` in prose ("registry: a TLS …") is a word, not a value: only at the end or before @ " '.
      /[:=]\s+$/.test(text.slice(0, offset)) && /^\s/.test(text.slice(offset + match.length))
        ? match
        : '[redacted]',
    );
  }
  const standalone = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(secret)}(?![\\p{L}\\p{N}])`, 'gu');
  return text.replace(standalone, '[redacted]');
}

/**
 * Credentials a server quotes back in a shape we can recognise without knowing them: an Authorization
 * value (`Basic …`, `Bearer …`), Docker's `X-Registry-Auth`, and the token fields of a token server's
 * answer or a config.json (`"token": "…"`, `refresh_token=…`).
 */
// The value must not be a plain lower-case word, so "Basic authentication" stays readable.
const AUTH_VALUE = /\b(Basic|Bearer)(\s+)(?![a-z]+\b)[A-Za-z0-9._~+/-]{8,}=*/gi;
const TOKEN_FIELD =
  /\b((?:access_token|refresh_token|identitytoken|identity_token|registrytoken|id_token)"?\s*[:=]\s*"?)[^\s"',&;}]{6,}/gi;
// `"token": "…"` as a token server answers it (Docker token spec); only as a quoted JSON key, so prose
// about tokens stays as it is.
const TOKEN_KEY = /("token"\s*:\s*")[^"]{6,}/gi;
const REGISTRY_AUTH = /\b(X-Registry-Auth"?\s*[:=]\s*"?)[A-Za-z0-9_+/=-]{8,}/gi;

/** Cheap first look: most strings (tags, digests, names) hold none of these words. */
const MAY_HOLD_CREDENTIAL = /basic|bearer|token|registry-auth/i;

export function redactAuthPatterns(text: string): string {
  if (!MAY_HOLD_CREDENTIAL.test(text)) return text;
  return text
    .replace(AUTH_VALUE, '$1$2[redacted]')
    .replace(REGISTRY_AUTH, '$1[redacted]')
    .replace(TOKEN_FIELD, '$1[redacted]')
    .replace(TOKEN_KEY, '$1[redacted]');
}

/** Every form a credential can take on the wire: the secret itself and its Basic (base64 user:password) value. */
export function credentialForms(credential: Credential | undefined): string[] {
  if (!credential) return [];
  if (credential.kind === 'basic') return basicForms(credential.username, credential.password);
  return [credential.token];
}

export function basicForms(username: string, password: string): string[] {
  if (!password) return [];
  const basic = Buffer.from(`${username}:${password}`).toString('base64');
  // The same value as base64url (Docker's X-Registry-Auth alphabet) and without padding.
  const url = basic.replace(/\+/g, '-').replace(/\//g, '_');
  return [...new Set([password, basic, basic.replace(/=+$/, ''), url, url.replace(/=+$/, '')])];
}

/** Longest first: a password inside its own Basic form never leaves a half-redacted value behind. */
function longestFirst(secrets: Iterable<string>): string[] {
  return [...new Set(secrets)].filter(Boolean).sort((a, b) => b.length - a.length);
}

function redactSorted(text: string, sorted: string[]): string {
  let result = text;
  for (const secret of sorted) result = redact(result, secret);
  return redactAuthPatterns(result);
}

/** `text` without any of `secrets` and without anything shaped like a credential. */
export function redactAll(text: string, secrets: Iterable<string>): string {
  return redactSorted(text, longestFirst(secrets));
}

/** The fewest characters of a secret's start that count as the secret where a text was cut inside it. */
const CUT_SECRET_START = 4;

/**
 * `text` cut short (a capped read of an error body, a shortened message) may end inside a secret, where
 * no whole secret is left for `redact` to find: an end that is the start of a secret (4 characters or
 * more of one at least 8 long) is replaced too. Run `redactAll` on the whole text before cutting it.
 */
export function redactCutSecret(text: string, secrets: Iterable<string>): string {
  let result = text;
  for (const secret of new Set(secrets)) {
    if (secret.length < SHORT_SECRET) continue;
    const head = secret.slice(0, CUT_SECRET_START);
    let at = result.indexOf(head, Math.max(0, result.length - secret.length + 1));
    while (at !== -1) {
      // The earliest start that runs to the end is the longest piece of the secret.
      if (secret.startsWith(result.slice(at))) {
        result = `${result.slice(0, at)}[redacted]`;
        break;
      }
      at = result.indexOf(head, at + 1);
    }
  }
  return result;
}

/** `text` without secrets, cut to `max` characters (with `…`) without leaving the start of one behind. */
export function shortenRedacted(text: string, max: number, secrets: Iterable<string>): string {
  const list = [...secrets];
  const whole = redactAll(text, list);
  if (whole.length <= max) return whole;
  return `${redactCutSecret(whole.slice(0, max), list)}…`;
}

/** Every string of a plain-data value passed through `redactAll` (a JSON round trip, as IPC does). */
export function scrubValue<T>(value: T, secrets: Iterable<string>): T {
  if (value === undefined) return value;
  const sorted = longestFirst(secrets);
  const text = JSON.stringify(value);
  // A big listing usually holds nothing to scrub: one look at the whole text spares a pass per string.
  const lower = text.toLowerCase();
  const clean =
    !MAY_HOLD_CREDENTIAL.test(text) &&
    sorted.every(
      (secret) =>
        !lower.includes(secret.toLowerCase()) &&
        !lower.includes(JSON.stringify(secret).slice(1, -1).toLowerCase()),
    );
  if (clean) return JSON.parse(text) as T;
  // Keys too: a label, annotation or port named by the registry is text it chose like any value.
  const walk = (item: unknown): unknown => {
    if (typeof item === 'string') return redactSorted(item, sorted);
    if (Array.isArray(item)) return item.map(walk);
    if (item !== null && typeof item === 'object')
      return Object.fromEntries(
        Object.entries(item).map(([key, inner]) => [redactSorted(key, sorted), walk(inner)]),
      );
    return item;
  };
  return walk(JSON.parse(text)) as T;
}

/** The same error, its message and hint without the secrets (a registry may quote the request back). */
export function scrubError<E extends BerthError>(error: E, secrets: Iterable<string>): E {
  const list = [...secrets];
  error.message = redactAll(error.message, list);
  if (error.hint) (error as { hint?: string }).hint = redactAll(error.hint, list);
  return error;
}

/**
 * The secrets one process has handled (passwords typed or read from the keychain, their Basic forms,
 * tokens from token servers): whatever leaves the process is scrubbed of them.
 */
export class SecretSet {
  /** Passwords and their Basic forms: few (one per login in use), kept for the whole run. */
  private readonly credentials = new Set<string>();
  /** Tokens, minted anew every few minutes for as long as the app runs: the newest are kept. */
  private readonly tokens = new Set<string>();

  constructor(private readonly maxTokens = 4096) {}

  add(...secrets: (string | undefined)[]): void {
    for (const secret of secrets) {
      if (!secret || this.credentials.has(secret)) continue;
      // Seen again: it moves to the newest end, so a token still in use is never the one dropped.
      this.tokens.delete(secret);
      this.tokens.add(secret);
    }
    // An expired token is no longer worth hiding; a set that grows for ever would slow every answer.
    for (const oldest of this.tokens) {
      if (this.tokens.size <= this.maxTokens) break;
      this.tokens.delete(oldest);
    }
  }

  addCredential(credential: Credential | undefined): void {
    for (const secret of credentialForms(credential)) {
      this.tokens.delete(secret);
      this.credentials.add(secret);
    }
  }

  list(): string[] {
    return [...this.credentials, ...this.tokens];
  }

  redact(text: string, extra: string[] = []): string {
    return redactAll(text, [...this.list(), ...extra]);
  }

  scrub<T>(value: T, extra: string[] = []): T {
    return scrubValue(value, [...this.list(), ...extra]);
  }
}
