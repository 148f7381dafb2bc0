/**
 * Below this length a secret is only replaced where it stands on its own (not inside a longer word):
 * a one-letter test password must not turn "already exists" into "already e[redacted]ists". Such a
 * secret is still replaced in `user:pw@host`, `"pw"` or at the end of a sentence.
 */
const SHORT_SECRET = 8;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `text` with every occurrence of `secret` replaced by `[redacted]`. */
export function redact(text: string, secret: string): string {
  if (!secret) return text;
  if (secret.length >= SHORT_SECRET) return text.split(secret).join('[redacted]');
  const standalone = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(secret)}(?![\\p{L}\\p{N}])`, 'gu');
  return text.replace(standalone, '[redacted]');
}

/** Replaces every secret the request carried, wherever it appears in what goes back. */
export function scrub<T>(value: T, secrets: string[]): T {
  if (!secrets.length) return value;
  return JSON.parse(JSON.stringify(value), (_key, item: unknown) => {
    if (typeof item !== 'string') return item;
    return secrets.reduce((text, secret) => redact(text, secret), item);
  }) as T;
}
