import { withinDeadline } from '../../../shared/bounded.js';
import type { ConnectionTestResult } from '../../../shared/contract/index.js';
import { NetworkError, type NetworkTimeouts } from '../registry/index.js';

/** How many saved connections are checked at once at start-up: a few, so many registries never crowd the link. */
export const CHECK_CONCURRENCY = 4;

/** A background check's own deadlines: a registry that has not answered by then is reported unreachable. */
export const CHECK_TIMEOUTS: NetworkTimeouts = { connectMs: 5_000, answerMs: 10_000, idleMs: 10_000 };
export const CHECK_DEADLINE_MS = 20_000;

export { forEachBounded } from '../../../shared/bounded.js';

/**
 * The check, or an unreachable error once `deadlineMs` has passed: the timeouts of the check itself
 * bound each request, this bounds retries and several requests together. At the deadline the check is
 * aborted too (its signal), so a registry that trickles its answer a byte at a time does not keep it
 * running, holding a socket, after its slot went to the next connection.
 */
export function checkWithin(
  host: string,
  deadlineMs: number,
  check: (signal: AbortSignal) => Promise<ConnectionTestResult>,
): Promise<ConnectionTestResult> {
  return withinDeadline(
    deadlineMs,
    check,
    () =>
      new NetworkError(
        host,
        `${host} did not answer within ${Math.round(deadlineMs / 1000)} s`,
        'Check that the registry runs and this computer can reach it; Diagnose walks the path step by step.',
      ),
  );
}
