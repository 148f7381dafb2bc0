import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { HOST_KEY } from '../../shared/contract/index.js';

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Who may talk to the host: a page of this host that holds the per-run key, from the printed URL's
 * fragment, and sends it as `Authorization: Bearer` (API) or as an event-socket subprotocol. A cookie
 * would not do: cookies are not scoped by port, so any other service on 127.0.0.1 the browser visits
 * would receive it; a cookie is therefore never read. The Origin check stops other sites' pages (a
 * cross-origin fetch or WebSocket); the Host check stops DNS rebinding.
 */
export class HostGuard {
  readonly token: string;

  constructor(token = randomBytes(32).toString('base64url')) {
    this.token = token;
  }

  matches(candidate: string | undefined | null): boolean {
    if (!candidate) return false;
    const given = Buffer.from(candidate);
    const expected = Buffer.from(this.token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /** An API request carries `Authorization: Bearer <key>`. */
  hasKey(request: IncomingMessage): boolean {
    const match = /^(\S+) +(\S+)$/.exec(request.headers.authorization?.trim() ?? '');
    return match?.[1]?.toLowerCase() === HOST_KEY.scheme.toLowerCase() && this.matches(match[2]);
  }

  /**
   * An event socket offers the key as one of its subprotocols (`berth.key.<key>`): browsers let a page
   * set no other header on a WebSocket, and a query string would end up in logs and history.
   */
  socketHasKey(request: IncomingMessage): boolean {
    const offered = (request.headers['sec-websocket-protocol'] ?? '').split(',').map((value) => value.trim());
    return offered.some(
      (value) =>
        value.startsWith(HOST_KEY.keyProtocolPrefix) &&
        this.matches(value.slice(HOST_KEY.keyProtocolPrefix.length)),
    );
  }

  /** Why the request is refused as coming from elsewhere, or undefined when it is from here. */
  foreignOrigin(request: IncomingMessage): string | undefined {
    const host = request.headers.host;
    if (!host) return 'no Host header';
    let hostUrl: URL;
    try {
      hostUrl = new URL(`http://${host}`);
    } catch {
      return 'a malformed Host header';
    }
    if (!LOOPBACK_NAMES.has(hostUrl.hostname)) return `Host ${host} is not this machine`;
    const origin = request.headers.origin;
    // Browsers send Origin on every POST and WebSocket; tools like curl send none.
    if (origin === undefined) return undefined;
    if (origin !== `http://${host}`) return `Origin ${origin} is not this host`;
    return undefined;
  }
}
