import { createRequire } from 'node:module';
import type { Agent, Dispatcher } from 'undici';

const load = createRequire(import.meta.url);

type RequestApi = (this: Dispatcher, options: Dispatcher.RequestOptions) => Promise<Dispatcher.ResponseData>;

let agentClass: typeof Agent | undefined;
let requestApi: RequestApi | undefined;

/**
 * undici's Agent, loaded with the first one made and without undici's index: the index is 110 files (fetch,
 * WebSocket, mocks, caches, interceptors, proxies) and 14 MB of a process that only needs the Agent and its
 * request call (25 files). Both are undici's own modules; `import 'undici'` elsewhere shares them
 * (require's cache). Checked against the installed undici by test/unit/undici-lean.test.ts.
 */
export function newAgent(options: Agent.Options): Agent {
  agentClass ??= load('undici/lib/dispatcher/agent.js') as typeof Agent;
  return new agentClass(options);
}

export type RequestOptions = Omit<Dispatcher.RequestOptions, 'origin' | 'path' | 'method'> & {
  method?: Dispatcher.HttpMethod;
  dispatcher: Dispatcher;
};

/**
 * undici's `request(url, options)` through the given dispatcher, as undici's index wraps it: the origin and
 * path come from the URL, the method defaults to GET (PUT with a body).
 */
export function request(url: URL | string, options: RequestOptions): Promise<Dispatcher.ResponseData> {
  requestApi ??= load('undici/lib/api/api-request.js') as RequestApi;
  const target = typeof url === 'string' ? new URL(url) : url;
  const { dispatcher, ...rest } = options;
  return requestApi.call(dispatcher, {
    ...rest,
    origin: target.origin,
    path: target.search ? `${target.pathname}${target.search}` : target.pathname,
    method: options.method ?? (options.body ? 'PUT' : 'GET'),
  });
}
