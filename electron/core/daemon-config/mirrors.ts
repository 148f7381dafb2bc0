import { lookup } from 'node:dns/promises';
import type { DaemonMirrorCheck } from '../../../shared/contract/index.js';
import { RegistryClient, headerValue } from '../registry/index.js';
import { BerthError } from '../errors.js';

/** One mirror's check, with the addresses its name resolved to. */
export interface MirrorCheck extends DaemonMirrorCheck {
  addresses?: string[];
}

/** Resolves, connects, checks TLS and asks `/v2/` of one mirror, timing the answer. */
export async function testMirror(
  url: string,
  options: { resolve?: typeof lookup; client?: RegistryClient; signal?: AbortSignal } = {},
): Promise<MirrorCheck> {
  const parsed = new URL(url);
  const plain = parsed.protocol === 'http:';
  const check: MirrorCheck = { url, ok: false, tls: plain ? 'plain-http' : 'failed' };
  try {
    const addresses = await (options.resolve ?? lookup)(parsed.hostname, { all: true });
    check.addresses = (Array.isArray(addresses) ? addresses : [addresses]).map((a) => a.address);
  } catch (error) {
    check.problem = `${parsed.hostname} does not resolve (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
    check.hint = 'Check the mirror URL, your DNS, or whether a VPN is needed.';
    return check;
  }
  const client =
    options.client ??
    new RegistryClient({
      certsDRoot: false,
      retry: { attempts: 1 },
      connectionFor: (host) => ({ host, insecureHttp: plain }),
    });
  const started = performance.now();
  try {
    const response = await client.send(parsed.host, {
      method: 'GET',
      path: new URL(`${parsed.pathname.replace(/\/?$/, '/')}v2/`, parsed),
      scopes: [],
      what: 'the mirror /v2/',
      accept: () => true,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    await response.body.dump();
    check.latencyMs = Math.round((performance.now() - started) * 10) / 10;
    check.status = response.status;
    check.apiVersion = headerValue(response.headers, 'docker-distribution-api-version');
    if (!plain) check.tls = 'valid';
    check.ok = response.status === 200 || response.status === 401;
    if (!check.ok) {
      check.problem = `/v2/ answered HTTP ${response.status}: this is not a registry mirror`;
      check.hint = 'A mirror is the root URL of a registry (a pull-through cache).';
    }
  } catch (error) {
    check.latencyMs = Math.round((performance.now() - started) * 10) / 10;
    check.problem = error instanceof BerthError ? error.message : String(error);
    check.hint = error instanceof BerthError ? error.hint : undefined;
    if (error instanceof BerthError && error.appHint !== error.hint) check.appHint = error.appHint;
  } finally {
    if (!options.client) await client.close();
  }
  return check;
}
