// The renderer's typed client: `window.berth` from the preload in Electron, or the same contract over
// the browser host's `POST /api/<request>` and `/events` WebSocket. The host's cookie authenticates both.
import type {
  BerthApi,
  EventMessage,
  EventName,
  EventPayload,
  Outcome,
  RequestInput,
  RequestName,
  RequestResult,
} from '../shared/contract/index.js';
import type { ErrorInfo } from '../shared/errors.js';

declare global {
  interface Window {
    berth?: BerthApi;
  }
}

function networkError(message: string): ErrorInfo {
  return {
    code: 'NETWORK',
    message: `Berth host: ${message}`,
    hint: 'Is `npm run host` still running? Reload the page after restarting it.',
  };
}

class HostClient implements BerthApi {
  private socket: WebSocket | undefined;
  private readonly listeners = new Map<EventName, Set<(payload: never) => void>>();
  private readonly reconnectListeners = new Set<() => void>();
  private hasConnected = false;

  async invoke<N extends RequestName>(name: N, input: RequestInput<N>): Promise<Outcome<RequestResult<N>>> {
    let response: Response;
    try {
      response = await fetch(`/api/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(input),
        credentials: 'same-origin',
      });
    } catch (error) {
      return { ok: false, error: networkError((error as Error).message) };
    }
    try {
      return (await response.json()) as Outcome<RequestResult<N>>;
    } catch {
      return { ok: false, error: networkError(`answered ${response.status} without JSON`) };
    }
  }

  subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener as (payload: never) => void);
    this.listeners.set(event, set);
    this.connect();
    return () => set.delete(listener as (payload: never) => void);
  }

  cancel(jobId: string): Promise<Outcome<{ cancelled: boolean }>> {
    return this.invoke('jobs.cancel', { id: jobId });
  }

  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    this.connect();
    return () => this.reconnectListeners.delete(listener);
  }

  private connect(): void {
    if (this.socket) return;
    const url = new URL('/events', location.href);
    url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(url);
    this.socket = socket;
    socket.addEventListener('open', () => {
      // Events sent while the socket was down are gone: listeners reload what they built from them.
      if (this.hasConnected) for (const listener of this.reconnectListeners) listener();
      this.hasConnected = true;
    });
    socket.addEventListener('message', (message) => {
      const parsed = JSON.parse(String(message.data)) as EventMessage;
      for (const listener of this.listeners.get(parsed.event) ?? []) listener(parsed.payload as never);
    });
    socket.addEventListener('close', () => {
      this.socket = undefined;
      // Reconnect while anyone listens (the host restarted, or the laptop slept).
      setTimeout(() => (this.listeners.size || this.reconnectListeners.size) && this.connect(), 2000);
    });
  }
}

export const api: BerthApi = window.berth ?? new HostClient();

/** Thrown by `call` so hooks can keep one error path; carries the contract's typed error. */
export class ApiError extends Error {
  constructor(readonly info: ErrorInfo) {
    super(info.message);
  }
}

/** Invoke and unwrap: the value, or an `ApiError` holding `{ code, message, hint }`. */
export async function call<N extends RequestName>(
  name: N,
  input: RequestInput<N>,
): Promise<RequestResult<N>> {
  const outcome = await api.invoke(name, input);
  if (!outcome.ok) throw new ApiError(outcome.error);
  return outcome.value;
}

export function errorInfo(error: unknown): ErrorInfo {
  if (error instanceof ApiError) return error.info;
  return { code: 'PROTOCOL', message: error instanceof Error ? error.message : String(error) };
}
