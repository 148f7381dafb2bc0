import type {
  EventMessage,
  EventName,
  EventPayload,
  RequestName,
  RequestResult,
  ValidInput,
} from '../../../shared/contract/index.js';
import type { BerthServices } from '../services.js';

/** What a handler works with: the services and a way to push events to every listener. */
export interface HandlerContext {
  services: BerthServices;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  signal?: AbortSignal;
}

export type Handler<N extends RequestName> = (
  input: ValidInput<N>,
  context: HandlerContext,
) => Promise<RequestResult<N>>;

/** One handler per request of the contract: a missing or mistyped handler does not compile. */
export type Handlers = { [N in RequestName]: Handler<N> };

export type EventListener = (message: EventMessage) => void;
