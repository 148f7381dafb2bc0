// Diagnosing a connection that fails: DNS, TCP, TLS (the certificates presented and why they are not
// trusted), the registry's answer, Docker's view and rate limits, each step with a fix Berth can apply.
// Offers diagnose, its pieces for the contract handlers, and applyFix.
export { diagnose, NOT_CHECKED } from './diagnose.js';
export { parseTarget, type Target } from './target.js';
export { judgeDockerView, readDaemonView, type DockerViewInput } from './docker-view.js';
export { judgeRateLimit } from './rate-limit.js';
export {
  chainLeadsTo,
  describeCertificate,
  namesMatch,
  parsePemBundle,
  type CertificateFacts,
} from './certificate.js';
export { systemResolver } from './network.js';
export { applyFix, type FixContext } from './fixes.js';
export { addInsecureRegistry, installCaInCertsD, shellQuote } from './docker-trust.js';
export type * from './types.js';
export { peekCertificates, type PresentedCertificates } from './peek-certificate.js';
export {
  diagnoseRegistry,
  fixAndRecheck,
  fixRegistry,
  recheckOf,
  type DiagnoseOptions,
} from './operations.js';
