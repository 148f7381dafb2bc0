// The renderer's typed client: `window.berth` from the preload in Electron, or the same contract over
// the browser host's `POST /api/<request>` and `/events` WebSocket. The host's per-run key, taken from the
// printed URL once and kept in this tab's sessionStorage, authenticates both.
import {
  HOST_KEY,
  HOST_PATHS,
  type BerthApi,
  type EventMessage,
  type EventName,
  type EventPayload,
  type Outcome,
  type RequestInput,
  type RequestName,
  type RequestResult,
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

const KEY_STORAGE = 'berth.hostKey';
/** The key this page load took from its URL; also what is left when sessionStorage is refused. */
let memoryKey: string | undefined;

/**
 * Moves the key from the address bar (`#token=…`, or `?token=…` typed by hand) into sessionStorage, which
 * belongs to this origin (scheme, host and port) and this tab and survives a reload, then takes it out
 * of the address bar and history. Returns whether the URL carried one.
 */
function takeKeyFromAddress(): boolean {
  const url = new URL(location.href);
  const fragment = new URLSearchParams(url.hash.slice(1));
  const key = fragment.get(HOST_KEY.urlParameter) ?? url.searchParams.get(HOST_KEY.urlParameter);
  if (!key) return false;
  memoryKey = key;
  try {
    sessionStorage.setItem(KEY_STORAGE, key);
  } catch {
    // A profile that refuses storage: this page load still works; a reload needs the URL again.
  }
  fragment.delete(HOST_KEY.urlParameter);
  url.searchParams.delete(HOST_KEY.urlParameter);
  url.hash = fragment.size ? fragment.toString() : '';
  history.replaceState(history.state, '', url.href);
  return true;
}

function hostKey(): string | undefined {
  if (memoryKey) return memoryKey;
  try {
    return sessionStorage.getItem(KEY_STORAGE) ?? undefined;
  } catch {
    return undefined;
  }
}

class HostClient implements BerthApi {
  private socket: WebSocket | undefined;
  private readonly listeners = new Map<EventName, Set<(payload: never) => void>>();
  private readonly reconnectListeners = new Set<() => void>();
  private hasConnected = false;

  constructor() {
    takeKeyFromAddress();
    // Opening the printed URL of a restarted host in this tab changes only the fragment: no page load.
    window.addEventListener('hashchange', () => {
      if (takeKeyFromAddress()) location.reload();
    });
  }

  async invoke<N extends RequestName>(name: N, input: RequestInput<N>): Promise<Outcome<RequestResult<N>>> {
    let response: Response;
    try {
      const key = hostKey();
      response = await fetch(`${HOST_PATHS.api}${name}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(key ? { authorization: `${HOST_KEY.scheme} ${key}` } : {}),
        },
        body: JSON.stringify(input),
        credentials: 'omit',
      });
    } catch (error) {
      return { ok: false, error: networkError((error as Error).message) };
    }
    try {
      return (await response.json()) as Outcome<RequestResult<N>>;
    } catch {
      return {
        ok: false,
        error: networkError(`its answer (HTTP status ${response.status}) was not one Berth can read`),
      };
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
    const url = new URL(HOST_PATHS.events, location.href);
    url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    url.hash = '';
    const key = hostKey();
    const socket = new WebSocket(url, [
      HOST_KEY.eventsProtocol,
      ...(key ? [`${HOST_KEY.keyProtocolPrefix}${key}`] : []),
    ]);
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

/** Whether files are chosen with the desktop app's own open dialog (`archive.choose`), not uploaded. */
export const hasFileDialog = window.berth !== undefined;

/**
 * Streams an archive to the browser host (the browser reads the file as it sends it), reporting the bytes
 * sent; answers the one-use token a load job takes. Aborting the signal stops the upload, and the host
 * removes what it had received.
 */
export function uploadArchive(
  file: File,
  onProgress: (sent: number) => void,
  signal: AbortSignal,
): Promise<{ file: string; name: string }> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', HOST_PATHS.upload);
    const key = hostKey();
    if (key) request.setRequestHeader('authorization', `${HOST_KEY.scheme} ${key}`);
    request.setRequestHeader('content-type', 'application/octet-stream');
    request.setRequestHeader('x-berth-file-name', encodeURIComponent(file.name));
    request.upload.addEventListener('progress', (event) => onProgress(event.loaded));
    request.addEventListener('load', () => {
      let outcome: Outcome<{ file: string; name: string }> | undefined;
      try {
        outcome = JSON.parse(String(request.responseText)) as Outcome<{ file: string; name: string }>;
      } catch {
        outcome = undefined;
      }
      if (outcome?.ok) resolve(outcome.value);
      else
        reject(
          new ApiError(
            outcome?.error ??
              networkError(`the upload's answer (HTTP status ${request.status}) was not one Berth can read`),
          ),
        );
    });
    request.addEventListener('error', () => reject(new ApiError(networkError('the upload broke off'))));
    request.addEventListener('abort', () =>
      reject(new ApiError({ code: 'CANCELLED', message: 'The upload was cancelled.' })),
    );
    signal.addEventListener('abort', () => request.abort(), { once: true });
    request.send(file);
  });
}
