import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Who may talk to the host: a browser that opened the URL with the per-run token (then carries it as
 * an HttpOnly, SameSite=Strict cookie), from a page of this host. The Origin check stops other sites'
 * pages (a cross-origin fetch or WebSocket); the Host check stops DNS rebinding.
 */
export class HostGuard {
  readonly token: string;
  readonly cookieName: string;

  constructor(port: number, token = randomBytes(32).toString('base64url')) {
    this.token = token;
    this.cookieName = `berth_host_${port}`;
  }

  /** `Set-Cookie` value handing the token to the browser once it has shown it in the URL. */
  cookie(): string {
    return `${this.cookieName}=${this.token}; HttpOnly; SameSite=Strict; Path=/`;
  }

  matches(candidate: string | undefined | null): boolean {
    if (!candidate) return false;
    const given = Buffer.from(candidate);
    const expected = Buffer.from(this.token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  hasCookie(request: IncomingMessage): boolean {
    const header = request.headers.cookie ?? '';
    for (const part of header.split(';')) {
      const [name, ...rest] = part.trim().split('=');
      if (name === this.cookieName && this.matches(rest.join('='))) return true;
    }
    return false;
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
