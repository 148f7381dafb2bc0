// Starting the copies of several tags: every one is started even when some fail, and a copy that was
// started is never started again (a second job would copy the same tag twice).
import type { DestinationAt, ImageAt } from '../../../shared/contract/common.js';
import type { ErrorInfo } from '../../../shared/errors.js';

export interface CopyStartInput {
  kind: 'copy';
  source: ImageAt;
  destination: DestinationAt;
  platforms?: string[];
  /** Bring the image's signatures and attestations along. */
  referrers?: boolean;
}

export interface StartFailure {
  job: CopyStartInput;
  error: ErrorInfo;
}

export interface StartRound {
  /** Every copy started so far, this round's included: job key → job id. */
  started: Map<string, string>;
  /** The copies this round could not start, with why. */
  failed: StartFailure[];
}

/** The same source, destination and platforms is the same copy. */
export function copyKey(job: CopyStartInput): string {
  return JSON.stringify([job.source, job.destination, job.platforms ?? null, job.referrers ?? false]);
}

/**
 * Starts each job not in `started`, one after the other, and goes on past a failure; `describe`
 * turns what a start threw into the error shown.
 */
export async function startCopies(
  jobs: CopyStartInput[],
  started: ReadonlyMap<string, string>,
  start: (job: CopyStartInput) => Promise<{ id: string }>,
  describe: (failure: unknown) => ErrorInfo,
): Promise<StartRound> {
  const round: StartRound = { started: new Map(started), failed: [] };
  for (const job of jobs) {
    const key = copyKey(job);
    if (round.started.has(key)) continue;
    try {
      round.started.set(key, (await start(job)).id);
    } catch (failure) {
      round.failed.push({ job, error: describe(failure) });
    }
  }
  return round;
}
