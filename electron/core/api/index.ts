// The app's contract handlers: BerthApi answers every request of shared/contract/ over the services,
// validating input at the door and turning errors into plain { code, message, hint } outcomes. The app (IPC)
// and the browser host (http+ws) bind it; nothing else in core imports it.
import {
  isRequestName,
  validateInput,
  type EventMessage,
  type Outcome,
  type RequestName,
  type RequestResult,
} from '../../../shared/contract/index.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import { BerthError } from '../errors.js';
import { basicForms, scrubValue } from '../registry/index.js';
import type { BerthServices } from '../services.js';
import { archiveHandlers } from './archive.js';
import { connectionHandlers } from './connections.js';
import { daemonHandlers } from './daemon.js';
import { doctorHandlers } from './doctor.js';
import { engineHandlers } from './engine.js';
import { PageCursors } from './cursors.js';
import { jobHandlers } from './jobs.js';
import { pruneHandlers } from './prune.js';
import { preferenceHandlers } from './preferences.js';
import { registryHandlers } from './registry.js';
import { searchHandlers } from './search.js';
import { serverHandlers } from './servers.js';
import type { EventListener, HandlerContext, Handlers } from './types.js';

export type { EventListener, Handler, HandlerContext, Handlers } from './types.js';
export { PageCursors } from './cursors.js';

/** For a failure Berth did not foresee: what it means for the reader, and what to do. */
const UNEXPECTED_HINT =
  'Berth ran into a failure of its own, not of your registry: try again, and if it keeps happening, report it with the message above.';

function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof BerthError) return error.toInfo();
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'PROTOCOL', message, hint: UNEXPECTED_HINT };
}

/** The secret a request carries (a field named `secret`), with its Basic form when a username comes with it. */
function secretsIn(input: unknown): string[] {
  if (!input || typeof input !== 'object') return [];
  const { secret, username, proxySecret, proxy } = input as {
    secret?: unknown;
    username?: unknown;
    proxySecret?: unknown;
    proxy?: { username?: unknown };
  };
  // A pull-through cache's upstream password (servers.create) is scrubbed the same way.
  const upstream =
    typeof proxySecret === 'string' && proxySecret.length > 0
      ? typeof proxy?.username === 'string'
        ? basicForms(proxy.username, proxySecret)
        : [proxySecret]
      : [];
  if (typeof secret !== 'string' || secret.length === 0) return upstream;
  return [...(typeof username === 'string' ? basicForms(username, secret) : [secret]), ...upstream];
}

/**
 * The contract over the core: what both transports (Electron IPC, the browser host) call. Inputs are
 * checked against the contract's schemas before any handler runs; every answer is plain JSON data or a
 * typed error, with any secret of the request scrubbed from it.
 */
export class CoreApi {
  private readonly listeners = new Set<EventListener>();
  private readonly cursors = new PageCursors();
  private readonly handlers: Handlers;
  private readonly unsubscribeJobs: () => void;
  private readonly unsubscribeRemovals: () => void;

  constructor(readonly services: BerthServices) {
    this.handlers = {
      ...connectionHandlers,
      ...registryHandlers(this.cursors),
      ...jobHandlers,
      ...engineHandlers,
      ...preferenceHandlers,
      ...daemonHandlers,
      ...serverHandlers,
      ...doctorHandlers,
      ...searchHandlers,
      ...pruneHandlers,
      ...archiveHandlers,
    };
    this.unsubscribeJobs = services.jobs.subscribe((event) =>
      this.publish({ event: 'jobs.progress', payload: event }),
    );
    this.unsubscribeRemovals = services.jobs.onRemoved((ids) =>
      this.publish({ event: 'jobs.removed', payload: { ids } }),
    );
  }

  /** Runs one request: `name` and `input` come from outside and are checked here. */
  async dispatch(name: string, input: unknown, signal?: AbortSignal): Promise<Outcome<unknown>> {
    if (!isRequestName(name))
      return { ok: false, error: { code: 'INVALID_INPUT', message: `there is no request named "${name}"` } };
    return this.call(name, input, signal);
  }

  async call<N extends RequestName>(
    name: N,
    input: unknown,
    signal?: AbortSignal,
  ): Promise<Outcome<RequestResult<N>>> {
    const requestSecrets = secretsIn(input);
    // Every answer and event is scrubbed of the request's secret, of every secret this process has
    // handled (keychain, tokens) and of anything shaped like a credential a registry quoted back.
    const scrub = <T>(value: T): T => scrubValue(value, [...requestSecrets, ...this.services.secrets.list()]);
    const valid = validateInput(name, input);
    if (!valid.ok) return scrub(valid);
    const context: HandlerContext = {
      services: this.services,
      emit: (event, payload) => this.publish({ event, payload } as EventMessage, requestSecrets),
      signal,
    };
    const handler = this.handlers[name] as (
      input: unknown,
      context: HandlerContext,
    ) => Promise<RequestResult<N>>;
    try {
      const value = await handler(valid.value, context);
      // A JSON round trip: class instances, functions and undefined never cross a boundary.
      return scrub({
        ok: true,
        value: (value === undefined ? null : value) as RequestResult<N>,
      } satisfies Outcome<RequestResult<N>>);
    } catch (error) {
      return scrub({ ok: false, error: toErrorInfo(error) });
    }
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private publish(message: EventMessage, requestSecrets: string[] = []): void {
    // A JSON round trip too: only plain data leaves, and none of the secrets.
    const plain = scrubValue(message, [...requestSecrets, ...this.services.secrets.list()]);
    for (const listener of this.listeners) {
      try {
        listener(plain);
      } catch {
        // One broken listener (a closed socket) does not stop the others.
      }
    }
  }

  close(): void {
    this.unsubscribeJobs();
    this.unsubscribeRemovals();
    this.cursors.close();
    this.listeners.clear();
  }
}
