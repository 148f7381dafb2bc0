import { redact } from '../registry/index.js';

export { redact };

/** Replaces every secret the request carried, wherever it appears in what goes back. */
export function scrub<T>(value: T, secrets: string[]): T {
  if (!secrets.length) return value;
  return JSON.parse(JSON.stringify(value), (_key, item: unknown) => {
    if (typeof item !== 'string') return item;
    return secrets.reduce((text, secret) => redact(text, secret), item);
  }) as T;
}
