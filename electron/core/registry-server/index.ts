// Local registry servers Berth creates: a Distribution registry run as a process or a container, with
// its config, htpasswd users, TLS certificates, storage size and trust in Docker. Offers RegistryServers
// and the runtimes.
export {
  localRegistryServers,
  RegistryServers,
  type CreatedServer,
  type CreateServerInput,
  type GarbageCollection,
  type ListedServer,
  type MirrorSetup,
  type MirrorStatus,
  READ_ONLY_CACHE_NOTE,
  type RegistryServersDeps,
  type ServerView,
  type UserChange,
} from './servers.js';
export { ProcessRuntime } from './process-runtime.js';
export {
  ContainerRuntime,
  containerName,
  demultiplex,
  publishedPort,
  readWaitAnswer,
  SERVER_LABEL,
} from './container-runtime.js';
export type { ServerRuntime, ServerStatus } from './runtime.js';
export { proxyPasswordOf, renderConfig, secretOf } from './config-yaml.js';
export {
  checkUpstreamUrl,
  DOCKER_HUB_UPSTREAM,
  FIXED_CACHE_TTL,
  readCacheStats,
  upstreamKeychainHost,
  type ProxySpec,
} from './proxy.js';
export {
  DEFAULT_BIND,
  DEFAULT_IMAGE,
  DEFAULT_PORT,
  defaultTlsNames,
  localHost,
  serverPaths,
  type ServerPaths,
  type RuntimeKind,
  type ServerSpec,
  type TlsMode,
} from './spec.js';
export { countStorage, storageSize, type CountedSize, type WalkBudget } from './storage-size.js';
export {
  describeUntaggedPlan,
  planUntaggedCollection,
  removeUntaggedManifests,
  taggedIndexes,
  type TaggedIndex,
  type UntaggedPlan,
} from './multi-platform.js';
export {
  dockerHostFor,
  planDockerTrust,
  trustInDocker,
  type DockerTrustOptions,
  type DockerTrustPlan,
  type DockerTrustResult,
  type TrustEngine,
} from './trust.js';
export { changeServerPassword, createServer, registryServers, removeServer } from './operations.js';
