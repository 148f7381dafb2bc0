// Talking to registries over the OCI distribution API: the client with auth, TLS and timeouts, listing,
// manifests, blobs and uploads, inspect, referrers, delete and retag, and the typed registry errors.
// Offers all of it here; the errors every folder shares come from core/errors.ts and are re-exported.
export {
  RegistryClient,
  type RegistryClientOptions,
  type RegistryConnection,
  type RetryPolicy,
} from './client.js';
export { type Credential, basicAuthorization } from './auth.js';
export * from './errors.js';
export {
  parseChallenges,
  pickChallenge,
  normalizeScopes,
  repositoryScope,
  type Challenge,
} from './challenge.js';
export {
  ping,
  verifyLogin,
  listRepositories,
  listTags,
  collect,
  type PingResult,
  type ListLimits,
  type ListOptions,
} from './listing.js';
export {
  headManifest,
  getManifest,
  putManifest,
  putManifestAnswer,
  sha256Digest,
  isDigestReference,
  MANIFEST_LIMIT,
  type ManifestHead,
  type ManifestResult,
} from './manifests.js';
export {
  headBlob,
  openBlob,
  readBlob,
  startUpload,
  completeUpload,
  cancelUpload,
  ensureBlob,
  pushBlobBytes,
  VerifyingStream,
} from './blobs.js';
export {
  inspectImage,
  choosePlatform,
  indexPlatforms,
  type InspectOptions,
  type InspectTarget,
} from './inspect.js';
export { listReferrers, referrersTag, type ReferrersResult } from './referrers.js';
export {
  canDelete,
  deleteImage,
  deleteManifest,
  deleteTag,
  TagMovedError,
  type DeleteTagOptions,
  groupByDigest,
  tagDigests,
  tagsPointingTo,
  type DeleteImageResult,
  type TagGroup,
  type DeleteTagResult,
} from './delete.js';
export { retag, type RetagResult } from './retag.js';
export { summarizeTag, summarizeTags, type TagSummary } from './tag-summary.js';
export { listHubRepositories, parseHubPage, type HubRepository } from './hub.js';
export { nextLink, matchesFilter } from './pagination.js';
export {
  loadTlsMaterial,
  readCertsD,
  defaultCertsDRoot,
  systemCertificates,
  type TlsFiles,
  type TlsMaterial,
} from './tls.js';
export { HttpTransport, readBody, type ResponseHeaders } from './http.js';
export { errorFromException, errorFromResponse } from './response-errors.js';
export {
  SecretSet,
  basicForms,
  credentialForms,
  redactAll,
  redactCutSecret,
  shortenRedacted,
  redactAuthPatterns,
  scrubValue,
} from './secrets.js';
export {
  DEFAULT_TIMEOUTS,
  TIMEOUT_VARIABLE,
  TimeoutError,
  describeSeconds,
  timeoutsFromEnvironment,
  timeoutsFromSeconds,
  type NetworkTimeouts,
  type TimeoutPhase,
} from './timeouts.js';
export { hostnameOf, isDockerInsecureByDefault, isLoopbackAddress } from './docker-insecure.js';
// Pieces other folders build on: copy/ streams blobs through the upload helpers, daemon-config/ and
// doctor/ read headers and certs.d names, api/ scrubs secrets out of results.
export { certsDDirName } from './tls.js';
export { headerValue } from './http.js';
export { verifyDigest } from './digest.js';
export { redact } from './secrets.js';
export type { UploadSession } from './blobs.js';
export type { BufferPool } from './buffer-pool.js';
export { uploadStreamInChunks } from './chunked-upload.js';
export { inspectAt, inspectTarget } from './operations.js';
export { newAgent, request as undiciRequest, type RequestOptions as UndiciRequestOptions } from './undici.js';
