// The words errors are said in (renderer/i18n/errors.ts: describeError), ids `errors.*`.
import { defineMessages } from '../index.js';

/**
 * Errors from the main process in the interface language (renderer/i18n/errors.ts), by ErrorInfo `code`
 * and `problem`. `{registry}` is the registry's host; `{said}` the registry's own words.
 */
export const errorMessages = defineMessages({
  // What kind of failure it is, before the English message, when no translation fits the error itself.
  leadInvalidReference: {
    id: 'errors.leadInvalidReference',
    defaultMessage: 'The image reference is not valid.',
  },
  leadInvalidInput: { id: 'errors.leadInvalidInput', defaultMessage: 'A value is not valid.' },
  leadNetwork: { id: 'errors.leadNetwork', defaultMessage: 'The registry could not be reached.' },
  leadTls: { id: 'errors.leadTls', defaultMessage: 'The secure (TLS) connection failed.' },
  leadAuth: { id: 'errors.leadAuth', defaultMessage: 'Signing in to the registry failed.' },
  leadDenied: { id: 'errors.leadDenied', defaultMessage: 'The registry does not allow this.' },
  leadNotFound: { id: 'errors.leadNotFound', defaultMessage: 'Not found.' },
  leadRateLimited: { id: 'errors.leadRateLimited', defaultMessage: 'The registry is limiting requests.' },
  leadRegistry: { id: 'errors.leadRegistry', defaultMessage: 'The registry answered with an error.' },
  leadDigestMismatch: {
    id: 'errors.leadDigestMismatch',
    defaultMessage: 'The content does not match its digest.',
  },
  leadTooLarge: { id: 'errors.leadTooLarge', defaultMessage: 'The answer is too large.' },
  leadUnsupported: { id: 'errors.leadUnsupported', defaultMessage: 'This is not supported here.' },
  leadCancelled: { id: 'errors.leadCancelled', defaultMessage: 'Cancelled.' },
  leadProtocol: {
    id: 'errors.leadProtocol',
    defaultMessage: 'The server did not answer like a container registry.',
  },
  leadConfig: { id: 'errors.leadConfig', defaultMessage: 'A file or setting is not right.' },
  leadKeychain: { id: 'errors.leadKeychain', defaultMessage: 'The system keychain could not be used.' },
  leadDockerCredentials: {
    id: 'errors.leadDockerCredentials',
    defaultMessage: "Docker's logins could not be read.",
  },
  // The same leads for a failure that names no registry (the container engine, a socket).
  leadNetworkNoRegistry: { id: 'errors.leadNetworkNoRegistry', defaultMessage: 'The connection failed.' },
  leadAuthNoRegistry: { id: 'errors.leadAuthNoRegistry', defaultMessage: 'Signing in failed.' },
  leadDeniedNoRegistry: { id: 'errors.leadDeniedNoRegistry', defaultMessage: 'This is not allowed.' },
  leadRateLimitedNoRegistry: {
    id: 'errors.leadRateLimitedNoRegistry',
    defaultMessage: 'Requests are being limited.',
  },
  leadRegistryNoRegistry: {
    id: 'errors.leadRegistryNoRegistry',
    defaultMessage: 'The server answered with an error.',
  },
  /** A line of text: the lead, then the error's own (English) words. */
  withDetail: { id: 'errors.withDetail', defaultMessage: '{lead} {detail}' },
  /** After a translated message: what the registry itself said (its own words, often English). */
  said: { id: 'errors.said', defaultMessage: '{message} (the registry said: {said})' },

  // TLS problems
  tlsUnknownCa: {
    id: 'errors.tlsUnknownCa',
    defaultMessage: '{registry}: TLS certificate signed by an unknown authority',
  },
  tlsUnknownCaHint: {
    id: 'errors.tlsUnknownCaHint',
    defaultMessage:
      "Add the registry's CA certificate to the connection, or trust the certificate it presents; Diagnose shows it.",
  },
  tlsHostname: {
    id: 'errors.tlsHostname',
    defaultMessage: '{registry}: the TLS certificate is not valid for {hostname}',
  },
  tlsHostnameHint: {
    id: 'errors.tlsHostnameHint',
    defaultMessage:
      'Connect with a name the certificate lists, or reissue the certificate with this name in its SANs.',
  },
  tlsExpired: {
    id: 'errors.tlsExpired',
    defaultMessage: '{registry}: the TLS certificate has expired or is not valid yet',
  },
  tlsExpiredHint: {
    id: 'errors.tlsExpiredHint',
    defaultMessage: "Renew the registry's certificate (or check this computer's clock).",
  },
  tlsNotHttps: { id: 'errors.tlsNotHttps', defaultMessage: '{registry} answers plain HTTP, not HTTPS' },
  tlsNotHttpsHint: {
    id: 'errors.tlsNotHttpsHint',
    defaultMessage:
      'If you trust this network, use plain HTTP for this connection (nothing is encrypted); better, give the registry a TLS certificate.',
  },
  tlsHttpsOnly: {
    id: 'errors.tlsHttpsOnly',
    defaultMessage: '{registry} speaks HTTPS, but the connection is set to plain HTTP',
  },
  tlsHttpsOnlyHint: {
    id: 'errors.tlsHttpsOnlyHint',
    defaultMessage: 'Turn plain HTTP off for this connection.',
  },
  tlsClientCertificate: {
    id: 'errors.tlsClientCertificate',
    defaultMessage: '{registry} refused the TLS connection: it wants a client certificate it trusts',
  },
  tlsClientCertificateHint: {
    id: 'errors.tlsClientCertificateHint',
    defaultMessage: 'Add a client certificate and key to the connection (TLS and transport).',
  },
  tlsOther: {
    id: 'errors.tlsOther',
    defaultMessage: '{registry}: the secure (TLS) connection could not be set up',
  },
  tlsOtherHint: {
    id: 'errors.tlsOtherHint',
    defaultMessage:
      "Check the registry's certificate and the connection's TLS settings; Diagnose shows the handshake step by step.",
  },

  // Login problems
  authRejected: {
    id: 'errors.authRejected',
    defaultMessage: '{registry}: the username or password was refused',
  },
  authRejectedHint: {
    id: 'errors.authRejectedHint',
    defaultMessage: 'Check the username and password (or access token) of the connection, then try again.',
  },
  authRequired: { id: 'errors.authRequired', defaultMessage: '{registry}: this needs a login' },
  authRequiredHint: {
    id: 'errors.authRequiredHint',
    defaultMessage:
      'Give the connection for {registry} a username and password (Edit connection), then try again.',
  },

  // Network problems
  networkRefused: { id: 'errors.networkRefused', defaultMessage: '{registry}: connection refused' },
  networkRefusedHint: {
    id: 'errors.networkRefusedHint',
    defaultMessage: 'Nothing listens there: is the registry running, and is the port right?',
  },
  networkNoRoute: {
    id: 'errors.networkNoRoute',
    defaultMessage: '{registry}: this computer has no route to {hostname}',
  },
  networkNoRouteHint: {
    id: 'errors.networkNoRouteHint',
    defaultMessage:
      'Check the network: a VPN that is off, or a registry on a network this computer is not on.',
  },
  networkDns: { id: 'errors.networkDns', defaultMessage: '{registry}: cannot resolve {hostname}' },
  networkDnsHint: {
    id: 'errors.networkDnsHint',
    defaultMessage: 'Check the host name, your DNS, or whether a VPN is needed.',
  },
  networkTimeout: { id: 'errors.networkTimeout', defaultMessage: '{registry}: connecting timed out' },
  networkTimeoutHint: {
    id: 'errors.networkTimeoutHint',
    defaultMessage: 'A firewall or VPN may be dropping the connection.',
  },
  networkStopped: {
    id: 'errors.networkStopped',
    defaultMessage: '{registry}: the registry stopped answering',
  },
  networkStoppedHint: {
    id: 'errors.networkStoppedHint',
    defaultMessage: 'Try again; if it keeps happening the registry is overloaded.',
  },
  networkReset: {
    id: 'errors.networkReset',
    defaultMessage: '{registry}: the connection reset this request part-way',
  },
  networkResetHint: {
    id: 'errors.networkResetHint',
    defaultMessage:
      'The address is fine: the transfer broke off. Retry; a copy restarts an interrupted layer once by itself.',
  },
  networkClosed: {
    id: 'errors.networkClosed',
    defaultMessage: '{registry}: the connection was closed during the request',
  },
  networkClosedHint: {
    id: 'errors.networkClosedHint',
    defaultMessage: 'The registry or a proxy dropped the connection; try again.',
  },
  networkFailed: {
    id: 'errors.networkFailed',
    defaultMessage: '{registry}: the request failed before the registry answered',
  },
  networkFailedHint: {
    id: 'errors.networkFailedHint',
    defaultMessage:
      'Check that the registry address is right and reachable; Diagnose shows which step fails.',
  },

  // Answers from the registry
  notFoundRepository: { id: 'errors.notFoundRepository', defaultMessage: '{registry}: repository not found' },
  notFoundRepositoryHint: {
    id: 'errors.notFoundRepositoryHint',
    defaultMessage:
      "Check the name against the registry's repository list; the account may also be unable to see it.",
  },
  notFoundManifest: { id: 'errors.notFoundManifest', defaultMessage: '{registry}: no such tag or image' },
  notFoundManifestHint: {
    id: 'errors.notFoundManifestHint',
    defaultMessage:
      'Check the tag or digest: the repository lists the tags it has. It may have been deleted or moved.',
  },
  notFoundBlob: {
    id: 'errors.notFoundBlob',
    defaultMessage: '{registry}: a layer or config of the image is missing',
  },
  notFoundBlobHint: {
    id: 'errors.notFoundBlobHint',
    defaultMessage:
      'The registry lost a layer or config the image names: push the image again, or ask whoever runs it.',
  },
  denied: { id: 'errors.denied', defaultMessage: '{registry}: access denied' },
  rateLimited: { id: 'errors.rateLimited', defaultMessage: '{registry}: too many requests' },
  rateLimitedHint: {
    id: 'errors.rateLimitedHint',
    defaultMessage:
      "The registry is limiting requests.{retryAfter, select, none {} other { Try again in {retryAfter} s.}} Logging in usually raises Docker Hub's limit.",
  },
  registryFailed: { id: 'errors.registryFailed', defaultMessage: '{registry} failed (HTTP {status})' },
  registryFailedHint: {
    id: 'errors.registryFailedHint',
    defaultMessage: 'The registry has a problem of its own; try again later or check its logs.',
  },
  digestMismatch: {
    id: 'errors.digestMismatch',
    defaultMessage: '{registry}: the content should have digest {expected} but its bytes hash to {actual}',
  },

  // The OS keychain
  keychainUnavailable: {
    id: 'errors.keychainUnavailable',
    defaultMessage: 'The system keychain is not available',
  },
  keychainLocked: { id: 'errors.keychainLocked', defaultMessage: 'The system keychain is locked' },
  keychainFailed: { id: 'errors.keychainFailed', defaultMessage: 'The system keychain failed' },

  // The default hint of each code (DEFAULT_APP_HINTS), for an error whose source had nothing more to say.
  hintInvalidReference: {
    id: 'errors.hintInvalidReference',
    defaultMessage:
      'An image reference is HOST/REPOSITORY[:TAG|@DIGEST], for example 127.0.0.1:5000/team/app:1.',
  },
  hintInvalidInput: {
    id: 'errors.hintInvalidInput',
    defaultMessage: 'Correct the value named above and try again; nothing was changed.',
  },
  hintNetwork: {
    id: 'errors.hintNetwork',
    defaultMessage:
      'Check that the registry runs and this machine can reach it; Diagnose walks the path step by step.',
  },
  hintTls: {
    id: 'errors.hintTls',
    defaultMessage:
      'Diagnose shows the certificate and the fix (a CA file for the connection, or plain HTTP).',
  },
  hintAuth: {
    id: 'errors.hintAuth',
    defaultMessage: 'Check the username and password of the connection (Edit connection), then try again.',
  },
  hintDenied: {
    id: 'errors.hintDenied',
    defaultMessage: 'Your credentials work but do not allow this. Ask for the rights or use another account.',
  },
  hintNotFound: {
    id: 'errors.hintNotFound',
    defaultMessage:
      'Check the name: the repository list shows what this registry has, and each repository its tags.',
  },
  hintRateLimited: {
    id: 'errors.hintRateLimited',
    defaultMessage:
      'The registry is limiting requests: wait and try again; logging in usually raises the limit.',
  },
  hintRegistry: {
    id: 'errors.hintRegistry',
    defaultMessage: "The registry's own words are above; Diagnose checks the connection step by step.",
  },
  hintDigestMismatch: {
    id: 'errors.hintDigestMismatch',
    defaultMessage:
      'The registry (or something between you and it) returned different content. Nothing was kept.',
  },
  hintTooLarge: {
    id: 'errors.hintTooLarge',
    defaultMessage:
      'The answer is larger than any real registry sends: the registry is likely broken or hostile.',
  },
  hintUnsupported: {
    id: 'errors.hintUnsupported',
    defaultMessage: 'This registry or engine does not offer that; the message says what it answered.',
  },
  hintCancelled: {
    id: 'errors.hintCancelled',
    defaultMessage: 'Nothing more was done; start it again to carry on.',
  },
  hintProtocol: {
    id: 'errors.hintProtocol',
    defaultMessage: "The server did not answer like a container registry. Check the connection's address.",
  },
  hintConfig: {
    id: 'errors.hintConfig',
    defaultMessage: 'Fix the file or setting named above, then try again.',
  },
  hintKeychain: {
    id: 'errors.hintKeychain',
    defaultMessage: 'Unlock the OS keychain (or start gnome-keyring or KWallet) and try again.',
  },
  hintDockerCredentials: {
    id: 'errors.hintDockerCredentials',
    defaultMessage: "Check Docker's config.json and the credential helper it names (docker-credential-…).",
  },
});
