// The local Docker (or Podman) engine over its HTTP API: discover and resolve engines, list, inspect,
// tag and remove local images, and pull and push with per-layer progress as jobs. Offers DockerEngine,
// the engine errors and the pull/push job runners.
import type { JobManager } from '../jobs/index.js';
import { pullImage, type EngineJobDeps } from './pull.js';
import { pushImage } from './push.js';

export {
  resolveEngine,
  listEngineCandidates,
  discoverEngines,
  contextDirectoryName,
  type DiscoveryOptions,
} from './discovery.js';
export {
  parseEngineHost,
  formatTransport,
  makeEndpoint,
  type EngineEndpoint,
  type EngineTransport,
} from './endpoint.js';
export {
  DockerEngine,
  EngineApiError,
  probeEngine,
  compareApiVersions,
  CLIENT_MAX_API,
  CLIENT_MIN_API,
  type EngineRequest,
} from './engine.js';
export { EngineError, classifyEngineMessage, connectionError } from './errors.js';
export {
  listLocalImages,
  inspectLocalImage,
  tagLocalImage,
  removeLocalImage,
  localTagsOf,
  engineReference,
  engineReferenceAt,
  type ImageDetails,
} from './images.js';
export { readJsonStream, JsonValueSplitter, streamFailure, type StreamMessage } from './json-stream.js';
export { LayerProgress, STATUS_RULES } from './progress.js';
export { pullImage, checkPlatform, type EngineJobDeps } from './pull.js';
export { pushImage, pushedDigest } from './push.js';
export {
  registryAuthHeader,
  engineCredentialFrom,
  serverAddress,
  ANONYMOUS_AUTH,
  type EngineCredential,
  type CredentialLookup,
} from './registry-auth.js';

/** Registers the `pull` and `push` job kinds on a JobManager (`createJobManager` does, for every front door). */
export function registerEngineJobs(jobs: JobManager, deps: EngineJobDeps | (() => EngineJobDeps)): void {
  // A function: the app resolves its engine when a job starts, so a machine without Docker still copies.
  const current = typeof deps === 'function' ? deps : () => deps;
  jobs.register('pull', (input, context) => pullImage(current(), input, context));
  jobs.register('push', (input, context) => pushImage(current(), input, context));
}
