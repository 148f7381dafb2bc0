import type { RateLimitInfo } from '../registry/index.js';
import type { Fix, StepStatus } from './types.js';

/** Docker Hub's pull allowance from the ratelimit-* headers of a HEAD (which itself does not count). */
export function judgeRateLimit(
  info: RateLimitInfo | undefined,
  hasCredential: boolean,
): { status: StepStatus; detail: string; fix?: Fix } {
  if (!info || info.remaining === undefined) {
    return { status: 'ok', detail: 'Docker Hub sent no rate-limit headers: pulls are not limited for you' };
  }
  const window = info.windowSeconds ? ` per ${info.windowSeconds / 3600} h` : '';
  const who = info.source ? ` (counted for ${info.source})` : '';
  const detail = `${info.remaining} of ${info.limit ?? '?'} pulls left${window}${who}`;
  const login: Fix | undefined = hasCredential
    ? undefined
    : { text: 'Log in to Docker Hub: a signed-in account has a higher limit.', action: 'login' };
  if (info.remaining <= 0) {
    return {
      status: 'fail',
      detail: `${detail}: pulls will be refused until the window moves on`,
      fix: login ?? { text: 'Wait for the window to move on, or use a paid account or a mirror.' },
    };
  }
  if (info.limit && info.remaining < info.limit / 10) return { status: 'warn', detail, fix: login };
  return { status: 'ok', detail };
}
