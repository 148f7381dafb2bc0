// The least a Node program pays for `inspect`: Node's start, undici's Agent and request (loaded as
// electron/core/registry/undici.ts loads them, with the launcher's V8 settings), and the two GETs
// `berth inspect` makes of an open registry (the manifest, then the config blob), printed as JSON. No other
// Berth code, no settings, no argument parser: the bench runs it beside `berth inspect` and skopeo so that
// the ratios show what Node and undici cost before Berth does anything.
// Usage: node floor-inspect.js HOST/REPOSITORY:TAG (plain HTTP).
import { createRequire, enableCompileCache } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Agent as AgentType, Dispatcher } from 'undici';
import { keepWasmOnBaselineCompiler } from '../../electron/cli/wasm-tiering.js';
import { keepYoungGenerationSmall } from '../../electron/cli/young-generation.js';

// As berth's launcher does (its own two small modules): the young generation kept small, compiled code
// cached between runs (here beside the script, in the build output), undici's parser kept on V8's
// baseline tier.
keepYoungGenerationSmall();
enableCompileCache(path.join(path.dirname(fileURLToPath(import.meta.url)), '.floor-compile-cache'));
keepWasmOnBaselineCompiler();
const load = createRequire(import.meta.url);
const Agent = load('undici/lib/dispatcher/agent.js') as typeof AgentType;
const request = load('undici/lib/api/api-request.js') as (
  this: Dispatcher,
  options: Dispatcher.RequestOptions,
) => Promise<Dispatcher.ResponseData>;

const [, , target] = process.argv;
const match = /^([^/]+)\/(.+):([^:/]+)$/.exec(target ?? '');
if (!match) throw new Error('usage: floor-inspect HOST/REPOSITORY:TAG');
const [, host, repository, tag] = match;
const origin = `http://${host}`;
const agent = new Agent({ connect: { timeout: 10_000 } });

async function get(path: string, accept: string): Promise<unknown> {
  const response = await request.call(agent, {
    origin,
    path,
    method: 'GET',
    headers: { accept },
    headersTimeout: 10_000,
    bodyTimeout: 10_000,
  });
  if (response.statusCode !== 200) throw new Error(`${path}: HTTP ${response.statusCode}`);
  return response.body.json();
}

const manifest = (await get(
  `/v2/${repository}/manifests/${tag}`,
  'application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json',
)) as { config: { digest: string } };
const config = await get(`/v2/${repository}/blobs/${manifest.config.digest}`, 'application/json');
process.stdout.write(`${JSON.stringify({ manifest, config }, null, 2)}\n`);
await agent.close();
