import { ProtocolError } from './errors.js';

/**
 * The `rel="next"` target of an RFC 8288 `Link` header, resolved against the request URL (Distribution
 * sends relative links). A link to another origin is refused: a page must not send us elsewhere.
 */
export function nextLink(header: string | undefined, requestUrl: URL, registry: string): URL | undefined {
  if (!header) return undefined;
  for (const part of splitLinks(header)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (!match) continue;
    const params = match[2]!.split(';').map((p) => p.trim().toLowerCase());
    const isNext = params.some((p) => /^rel\s*=\s*"?([^"]*)"?$/.exec(p)?.[1]?.split(/\s+/).includes('next'));
    if (!isNext) continue;
    const url = new URL(match[1]!, requestUrl);
    if (url.origin !== requestUrl.origin) {
      throw new ProtocolError(registry, `refused a next-page link to another host (${url.origin})`, {
        hint: 'The registry answered with a pagination link that leaves it; that is not followed.',
      });
    }
    return url;
  }
  return undefined;
}

/** Splits `<a>; rel="next", <b>; rel="prev"` at commas outside `<…>` and quotes. */
function splitLinks(header: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < header.length; i++) {
    const c = header[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === '<') depth++;
    else if (!quoted && c === '>') depth = Math.max(0, depth - 1);
    else if (!quoted && depth === 0 && c === ',') {
      parts.push(header.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(header.slice(start));
  return parts;
}

/** Case-insensitive filter: a plain string matches anywhere; `prefix*` matches the start. */
export function matchesFilter(name: string, filter: string | undefined): boolean {
  if (!filter) return true;
  const lower = filter.toLowerCase();
  if (lower.endsWith('*')) return name.toLowerCase().startsWith(lower.slice(0, -1));
  return name.toLowerCase().includes(lower);
}
