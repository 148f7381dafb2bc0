import type { z } from 'zod';
import type { ErrorInfo } from '../errors.js';
import { archiveRequests } from './archive.js';
import { connectionEvents, connectionRequests } from './connections.js';
import { daemonRequests } from './daemon.js';
import { doctorRequests } from './doctor.js';
import type { EventSpec, RequestSpec } from './define.js';
import { engineRequests } from './engine.js';
import { jobEvents, jobRequests } from './jobs.js';
import { registryRequests } from './registry.js';
import { searchRequests } from './search.js';
import { pruneRequests } from './prune.js';
import { preferenceRequests } from './preferences.js';
import { serverRequests } from './servers.js';

export type * from './connections.js';
export type * from './registry.js';
export type * from './daemon.js';
export type * from './engine.js';
export type * from './servers.js';
export type * from './doctor.js';
export type * from './search.js';
export type * from './archive.js';
export type * from './preferences.js';
export { StartJobInput } from './jobs.js';
export { REGISTRY_KINDS, REGISTRY_KIND_NAMES } from './connections.js';

/** Every request Berth's UI can make: name → input schema (and result type). */
export const requests = {
  ...connectionRequests,
  ...registryRequests,
  ...jobRequests,
  ...engineRequests,
  ...daemonRequests,
  ...serverRequests,
  ...doctorRequests,
  ...searchRequests,
  ...pruneRequests,
  ...archiveRequests,
  ...preferenceRequests,
} satisfies Record<string, RequestSpec<z.ZodType, unknown>>;

/** Every event the core pushes to the UI: name → payload type. */
export const events = {
  ...connectionEvents,
  ...jobEvents,
} satisfies Record<string, EventSpec<unknown>>;

export type Requests = typeof requests;
export type RequestName = keyof Requests;
/** What the caller sends (defaults may be left out). */
export type RequestInput<N extends RequestName> = z.input<Requests[N]['input']>;
/** What a handler receives: the input after validation. */
export type ValidInput<N extends RequestName> = z.output<Requests[N]['input']>;
export type RequestResult<N extends RequestName> = NonNullable<Requests[N]['result']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = NonNullable<Events[E]['payload']>;
export type EventMessage = { [E in EventName]: { event: E; payload: EventPayload<E> } }[EventName];

/** What every transport answers a request with: plain data or a typed error, never a raw Error. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

export function isRequestName(name: string): name is RequestName {
  return Object.hasOwn(requests, name);
}

export function isEventName(name: string): name is EventName {
  return Object.hasOwn(events, name);
}

/** The one place channel and path names are written. */
export const IPC_CHANNELS = {
  invoke: 'berth:invoke',
  event: 'berth:event',
} as const;
export type IpcChannels = typeof IPC_CHANNELS;

export const HOST_PATHS = {
  /** `POST /api/<request name>` with the JSON input as the body. */
  api: '/api/',
  /** WebSocket carrying `EventMessage`s. */
  events: '/events',
  /**
   * `POST` an image archive's bytes (`Content-Type: application/octet-stream`, its name in the
   * `X-Berth-File-Name` header, URI-encoded): answers `{ ok, value: { file, name } }`, `file` being the token
   * a load job takes.
   */
  upload: '/upload/archive',
} as const;

/**
 * How the browser host's per-run key travels. Never in a cookie: cookies are not scoped by port, so
 * every other service on 127.0.0.1 that the browser visits would receive it. The printed URL carries it
 * in the fragment (never sent in a request line or a Referer); the page keeps it in sessionStorage and
 * sends it in a header, and on the event socket as a subprotocol (browsers cannot set WebSocket headers).
 */
export const HOST_KEY = {
  /** `#token=…` in the printed URL (`?token=` is read too, for URLs written by hand). */
  urlParameter: 'token',
  /** `Authorization: Bearer <key>` on every `/api/` request. */
  scheme: 'Bearer',
  /** The event socket offers `[eventsProtocol, keyProtocolPrefix + key]`; the host picks the first. */
  eventsProtocol: 'berth.events',
  keyProtocolPrefix: 'berth.key.',
} as const;

/** `window.berth`, the renderer's only way into the main process (preload) or the host (browser). */
export interface BerthApi {
  invoke<N extends RequestName>(name: N, input: RequestInput<N>): Promise<Outcome<RequestResult<N>>>;
  subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** Cancels a running job. */
  cancel(jobId: string): Promise<Outcome<{ cancelled: boolean }>>;
  /**
   * Calls `listener` each time the event stream comes back after a gap (the browser host's WebSocket
   * reconnected): events sent meanwhile are lost, so whatever was built from them must be reloaded.
   * Electron's IPC never drops events, so there it never calls.
   */
  onReconnect(listener: () => void): () => void;
}

/** A field's path as words: `destination.newTag` → "destination new tag", `tags.3` → "tags item 4". */
function fieldName(path: readonly PropertyKey[]): string {
  return path
    .map((part) =>
      typeof part === 'number'
        ? `item ${part + 1}`
        : String(part)
            .replace(/([a-z])([A-Z])/g, '$1 $2')
            .toLowerCase(),
    )
    .join(' ');
}

/** zod's own wording ("Invalid input: expected string, received undefined") is for programmers. */
const LIBRARY_WORDING = /^(Invalid|Too (small|big)|Unrecognized)/;

/** One problem in words; the schemas' own messages ("a repository name is …") are kept as written. */
function plainProblem(issue: z.core.$ZodIssue): string {
  const field = fieldName(issue.path);
  const subject = field || 'the request';
  if (!LIBRARY_WORDING.test(issue.message)) return field ? `${field}: ${issue.message}` : issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? `${subject} is missing` : `${subject} should be a ${issue.expected}`;
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1
          ? `${subject} is empty`
          : `${subject} is shorter than ${issue.minimum} characters`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return Number(issue.minimum) <= 1
          ? `${subject} is empty`
          : `${subject} needs at least ${issue.minimum}`;
      return `${subject} is below the least allowed, ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `${subject} is longer than ${issue.maximum} characters`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return `${subject} has more than ${issue.maximum}`;
      return `${subject} is above the most allowed, ${issue.maximum}`;
    case 'invalid_value':
      return `${subject} should be one of ${issue.values.map((value) => String(value)).join(', ')}`;
    case 'unrecognized_keys':
      return `${subject} has ${issue.keys.length === 1 ? 'a field' : 'fields'} Berth does not know: ${issue.keys.join(', ')}`;
    case 'invalid_format':
      return `${subject} is not a valid ${issue.format === 'uuid' ? 'id' : issue.format}`;
    case 'custom':
    case 'invalid_element':
    case 'invalid_key':
    case 'invalid_union':
    case 'not_multiple_of':
      return `${subject} is not valid`;
  }
}

/**
 * Checks an input against its request's schema. Messages name the field in words and the rule:
 * `repository: a repository name is lower-case path components like team/app`, `tag is missing`.
 * The request's name stays out of them: the GUI shows them to people who never typed it.
 */
export function validateInput<N extends RequestName>(name: N, input: unknown): Outcome<ValidInput<N>> {
  const parsed = requests[name].input.safeParse(input ?? {});
  if (parsed.success) return { ok: true, value: parsed.data as ValidInput<N> };
  return {
    ok: false,
    error: {
      code: 'INVALID_INPUT',
      message: parsed.error.issues.map(plainProblem).join('; '),
      hint: 'The request was not run; correct the input and try again.',
    },
  };
}
