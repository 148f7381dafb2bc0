import type { JobContext } from '../jobs/index.js';
import { testMirror, type MirrorCheck } from './mirrors.js';
import { validateMirror, type Rules } from './validate.js';

export interface MirrorTestInput {
  mirrors: string[];
  /** The engine's rules for mirror URLs, read when the job started. */
  rules: Rules;
}

/** What the daemon page shows per mirror (the resolved addresses stay in the core). */
export type MirrorResult = Omit<MirrorCheck, 'addresses'>;

function noteFor(check: MirrorResult): string {
  const latency = check.latencyMs === undefined ? [] : [`${check.latencyMs} ms`];
  if (check.ok)
    return [`HTTP ${check.status}`, ...(check.apiVersion ? [check.apiVersion] : []), ...latency].join(' · ');
  return [check.problem ?? 'failed', ...latency].join(' · ');
}

/**
 * The mirror test as a job, so it shows in the transfers panel with the rest of Berth's network work:
 * one item per mirror, checking until its /v2/ answers, then done or failed with the latency in its note.
 * Mirrors are tested side by side; the result is every mirror's check, in the order given.
 */
export async function runMirrorTest(input: MirrorTestInput, context: JobContext): Promise<MirrorResult[]> {
  const checks = await Promise.all(
    input.mirrors.map(async (url): Promise<MirrorResult> => {
      const item = context.item(url, { label: url, kind: 'mirror', state: 'checking' });
      const verdict = validateMirror(url, input.rules);
      const check: MirrorResult = verdict.ok
        ? await testMirror(verdict.value, { signal: context.signal }).then(
            ({ addresses: _addresses, ...rest }) => rest,
          )
        : { url, ok: false, tls: 'failed', problem: verdict.reason };
      item.setState(check.ok ? 'done' : 'failed', noteFor(check));
      return check;
    }),
  );
  context.signal.throwIfAborted();
  return checks;
}
