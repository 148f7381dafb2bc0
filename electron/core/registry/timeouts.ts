import { ConfigError, NetworkError } from './errors.js';

/**
 * How long Berth waits on a server it does not control. None of these is a limit on a whole transfer:
 * a large blob may take hours as long as bytes keep moving.
 */
export interface NetworkTimeouts {
  /** TCP connect plus the TLS handshake. */
  connectMs: number;
  /** From the last byte of the request (or the last time the send buffer was full) to the answer's headers. */
  answerMs: number;
  /** The longest silence while an answer's body is arriving. */
  idleMs: number;
}

export const DEFAULT_TIMEOUTS: NetworkTimeouts = { connectMs: 15_000, answerMs: 30_000, idleMs: 30_000 };

/** The environment variable that sets every network timeout, in seconds (the CLI's `--timeout`). */
export const TIMEOUT_VARIABLE = 'BERTH_TIMEOUT';

const RAISE =
  `On a slow link, raise the timeout: ${TIMEOUT_VARIABLE}=SECONDS or berth --timeout SECONDS for a run, ` +
  'or keep it with the connection (berth registry add NAME URL --timeout SECONDS).';
/** The same advice in the app, which has no command line to pass a flag on. */
const RAISE_IN_APP = `On a slow link, start Berth with ${TIMEOUT_VARIABLE}=SECONDS in its environment to wait longer.`;

/**
 * Seconds (from one to a day) → the same value for every phase. Not less than a second: a value that rounds
 * to 0 ms would switch undici's timeouts off altogether, and a few milliseconds fail every request.
 */
export function timeoutsFromSeconds(value: number | string, source: string): NetworkTimeouts {
  const seconds = typeof value === 'number' ? value : value.trim() === '' ? Number.NaN : Number(value);
  if (!Number.isFinite(seconds) || seconds < 1 || seconds > 86_400) {
    throw new ConfigError(
      `${source}: "${value}" is not a timeout in seconds`,
      'Give a number of seconds between 1 and 86400, for example 120.',
    );
  }
  const ms = Math.round(seconds * 1000);
  return { connectMs: ms, answerMs: ms, idleMs: ms };
}

/** `BERTH_TIMEOUT` when it is set; undefined otherwise. A value that is not a number is an error. */
export function timeoutsFromEnvironment(env: NodeJS.ProcessEnv = process.env): NetworkTimeouts | undefined {
  const raw = env[TIMEOUT_VARIABLE]?.trim();
  if (!raw) return undefined;
  return timeoutsFromSeconds(raw, TIMEOUT_VARIABLE);
}

export function describeSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}

export type TimeoutPhase = 'connect' | 'answer' | 'idle' | 'whole';

/**
 * An answer Berth reads whole (a manifest, a token, an image config, a listing page) is small, yet a server
 * that trickles it a byte at a time never trips the idle timeout. It gets this many idle timeouts, in all, to
 * arrive complete: ten minutes by default, a 4 MiB manifest at 1 Mbit/s takes about half a minute.
 */
export const WHOLE_BODY_IDLE_FACTOR = 20;

/** A server that went quiet: which phase, after how long. Code NETWORK, so Diagnose is offered. */
export class TimeoutError extends NetworkError {
  constructor(
    registry: string,
    readonly phase: TimeoutPhase,
    readonly timeoutMs: number,
    cause?: unknown,
  ) {
    const after = describeSeconds(timeoutMs);
    const { message, hint } =
      phase === 'connect'
        ? {
            message: `${registry} did not complete a connection (TCP and TLS handshake) within ${after}`,
            hint: `Check the address and port: something there accepts connections but does not finish them (a firewall, a proxy, or a port that does not speak TLS). ${RAISE}`,
          }
        : phase === 'answer'
          ? {
              message: `${registry} did not answer within ${after}`,
              hint: `The registry took the request but sent no answer; it may be overloaded or stuck. Try again later. ${RAISE}`,
            }
          : phase === 'whole'
            ? {
                message: `${registry} did not finish sending an answer within ${after}`,
                hint: `The registry sends it too slowly to be useful (or never finishes it); it may be overloaded or hostile. Try again later. ${RAISE}`,
              }
            : {
                message: `${registry} stopped sending for ${after} in the middle of an answer`,
                hint: `The connection stalled. Try again; Berth resumes layers where they stopped. ${RAISE}`,
              };
    super(registry, message, hint, cause, hint.replace(RAISE, RAISE_IN_APP));
  }
}

/** undici's timeout errors by code. */
export const UNDICI_TIMEOUT_PHASE: Record<string, TimeoutPhase> = {
  UND_ERR_CONNECT_TIMEOUT: 'connect',
  UND_ERR_HEADERS_TIMEOUT: 'answer',
  UND_ERR_BODY_TIMEOUT: 'idle',
};
