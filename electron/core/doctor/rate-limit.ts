import type { RateLimitInfo } from '../registry/index.js';
import type { Phrase } from '../../../shared/contract/phrase.js';
import { detailOf, fixOf, say } from './phrases.js';
import type { Fix, StepStatus } from './types.js';

/** Docker Hub's pull allowance from the ratelimit-* headers of a HEAD (which itself does not count). */
export function judgeRateLimit(
  info: RateLimitInfo | undefined,
  hasCredential: boolean,
): { status: StepStatus; detail: string; said: Phrase[]; fix?: Fix } {
  if (!info || info.remaining === undefined) return { status: 'ok', ...detailOf(say('rateNoHeaders')) };
  const counts = { remaining: info.remaining, limit: info.limit ?? '?' };
  const hours = info.windowSeconds ? { hours: info.windowSeconds / 3600 } : undefined;
  const source = info.source ? { source: info.source } : undefined;
  const pulls =
    hours && source
      ? say('ratePullsWindowSource', { ...counts, ...hours, ...source })
      : hours
        ? say('ratePullsWindow', { ...counts, ...hours })
        : source
          ? say('ratePullsSource', { ...counts, ...source })
          : say('ratePulls', counts);
  const login: Fix | undefined = hasCredential ? undefined : fixOf(say('rateLoginFix'), { action: 'login' });
  if (info.remaining <= 0) {
    return {
      status: 'fail',
      ...detailOf(say('rateExhausted', { pulls })),
      fix: login ?? fixOf(say('rateWaitFix')),
    };
  }
  if (info.limit && info.remaining < info.limit / 10)
    return { status: 'warn', ...detailOf(pulls), ...(login ? { fix: login } : {}) };
  return { status: 'ok', ...detailOf(pulls) };
}
