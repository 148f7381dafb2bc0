// The Diagnose panel's words, and what the doctor in the main process says about each step (`said`: ids
// `doctor.said.<key>`, the same English as electron/core/doctor/phrases.ts, which test/unit/doctor-phrases
// keeps equal). Hosts, addresses, certificate facts and system messages are arguments.
import { defineMessages } from '../../i18n/index.js';

export const panel = defineMessages({
  title: { id: 'doctor.title', defaultMessage: 'Diagnose {host}' },
  runningAgain: { id: 'doctor.runningAgain', defaultMessage: 'Running again…' },
  walking: { id: 'doctor.walking', defaultMessage: 'Walking the path to {host}…' },
  firstBroken: { id: 'doctor.firstBroken', defaultMessage: 'First broken step: {title}.' },
  /** `{address}` is `https://host:port`. */
  noBroken: { id: 'doctor.noBroken', defaultMessage: 'No broken step: {address} answers as a registry.' },
  steps: { id: 'doctor.steps', defaultMessage: 'Steps' },
  runAgain: { id: 'doctor.runAgain', defaultMessage: 'Run again' },
  /** A step's name for a screen reader: `{title}` the step, `{status}` passed, warning, failed or skipped. */
  stepLabel: { id: 'doctor.stepLabel', defaultMessage: '{title}: {status}' },
  milliseconds: { id: 'doctor.milliseconds', defaultMessage: '{ms} ms' },
  fix: { id: 'doctor.fix', defaultMessage: 'Fix' },
  applying: { id: 'doctor.applying', defaultMessage: 'Applying…' },
  logIn: { id: 'doctor.logIn', defaultMessage: 'Log in…' },
  unsaved: {
    id: 'doctor.unsaved',
    defaultMessage:
      '{host} is not a saved connection: add it with its username and password, or log in from a terminal.',
  },
  copyLogin: { id: 'doctor.copyLogin', defaultMessage: 'Copy the login command' },
  copyCommand: { id: 'doctor.copyCommand', defaultMessage: 'Copy the command' },
  /** What a fix did, then what the run right after it said. */
  appliedAndRechecked: { id: 'doctor.appliedAndRechecked', defaultMessage: '{message} {recheck}' },
  recheckPasses: { id: 'doctor.recheckPasses', defaultMessage: 'Checked again: this step now passes.' },
  recheckPassesMore: {
    id: 'doctor.recheckPassesMore',
    defaultMessage: 'Checked again: this step now passes. Run again to see the next one.',
  },
  recheckNotReached: {
    id: 'doctor.recheckNotReached',
    defaultMessage: 'Checked again: not reached, "{title}" fails first.',
  },
  recheckNotReachedEarlier: {
    id: 'doctor.recheckNotReachedEarlier',
    defaultMessage: 'Checked again: not reached, "an earlier step" fails first.',
  },
  recheckFails: { id: 'doctor.recheckFails', defaultMessage: 'Checked again: this step still fails.' },
  /** Between the sentences of what a fix did. */
  sentenceSeparator: { id: 'doctor.sentenceSeparator', defaultMessage: ' ' },
  recheckWarns: { id: 'doctor.recheckWarns', defaultMessage: 'Checked again: this step still warns.' },
});

/** The buttons of the fixes Berth applies itself (renderer/lib/diagnosis.ts). */
export const fixLabels = defineMessages({
  'trust-ca': { id: 'doctor.fixTrustCa', defaultMessage: 'Trust this certificate' },
  'add-insecure': { id: 'doctor.fixAddInsecure', defaultMessage: 'Add to insecure-registries' },
  'install-certs-d': { id: 'doctor.fixInstallCertsD', defaultMessage: 'Install the CA for Docker' },
  'use-http': { id: 'doctor.fixUseHttp', defaultMessage: 'Use plain HTTP' },
  'use-https': { id: 'doctor.fixUseHttps', defaultMessage: 'Use HTTPS' },
});

/** A step's status, for a screen reader (the mark beside it is hidden from one). */
export const statusLabels = defineMessages({
  ok: { id: 'doctor.statusOk', defaultMessage: 'passed' },
  warn: { id: 'doctor.statusWarn', defaultMessage: 'warning' },
  fail: { id: 'doctor.statusFail', defaultMessage: 'failed' },
  skipped: { id: 'doctor.statusSkipped', defaultMessage: 'skipped' },
});

/** The steps, by the id the main process gives them. */
export const stepTitles = defineMessages({
  resolve: { id: 'doctor.stepResolve', defaultMessage: 'Name resolves' },
  tcp: { id: 'doctor.stepTcp', defaultMessage: 'TCP connects' },
  tls: { id: 'doctor.stepTls', defaultMessage: 'TLS' },
  registry: { id: 'doctor.stepRegistry', defaultMessage: '/v2/ answers as a registry' },
  credential: { id: 'doctor.stepCredential', defaultMessage: 'Saved credential works' },
  docker: { id: 'doctor.stepDocker', defaultMessage: 'Local Docker daemon' },
  'rate-limit': { id: 'doctor.stepRateLimit', defaultMessage: 'Docker Hub pull rate limit' },
});

/** What the doctor says (electron/core/doctor/phrases.ts), by phrase key. */
export const said = defineMessages({
  notChecked: { id: 'doctor.said.notChecked', defaultMessage: 'not checked: an earlier step failed' },
  resolveNotFound: {
    id: 'doctor.said.resolveNotFound',
    defaultMessage: '{hostname} does not exist (NXDOMAIN)',
  },
  resolveFailed: {
    id: 'doctor.said.resolveFailed',
    defaultMessage: '{hostname} could not be looked up ({code})',
  },
  resolveFix: {
    id: 'doctor.said.resolveFix',
    defaultMessage: "Check the spelling of {hostname}, this machine's DNS settings or /etc/hosts.",
  },
  resolveNoAddresses: { id: 'doctor.said.resolveNoAddresses', defaultMessage: '{hostname} has no addresses' },
  resolveNoAddressesFix: {
    id: 'doctor.said.resolveNoAddressesFix',
    defaultMessage: 'Check the DNS records of the name.',
  },
  resolveIsAddress: { id: 'doctor.said.resolveIsAddress', defaultMessage: '{hostname} is an address' },
  resolveAddresses: { id: 'doctor.said.resolveAddresses', defaultMessage: '{hostname} → {addresses}' },
  tcpConnected: { id: 'doctor.said.tcpConnected', defaultMessage: 'connected to {address} port {port}' },
  tcpPortFailed: { id: 'doctor.said.tcpPortFailed', defaultMessage: 'port {port}: {failure}' },
  tcpRefused: { id: 'doctor.said.tcpRefused', defaultMessage: '{address}: connection refused' },
  tcpTimeout: {
    id: 'doctor.said.tcpTimeout',
    defaultMessage: '{address}: no answer within {ms} ms (filtered?)',
  },
  tcpError: { id: 'doctor.said.tcpError', defaultMessage: '{address}: {message}' },
  tcpRefusedFix: {
    id: 'doctor.said.tcpRefusedFix',
    defaultMessage: 'Nothing listens on port {port}: start the registry, or check the port in "{host}".',
  },
  tcpDroppedFix: {
    id: 'doctor.said.tcpDroppedFix',
    defaultMessage: 'A firewall may be dropping the connection, or the host is down.',
  },
  httpOk: { id: 'doctor.said.httpOk', defaultMessage: 'plain HTTP ({statusLine})' },
  httpClearText: {
    id: 'doctor.said.httpClearText',
    defaultMessage: 'nothing is encrypted, credentials travel in clear text',
  },
  speaksHttps: {
    id: 'doctor.said.speaksHttps',
    defaultMessage: '{host} speaks HTTPS ({protocol}), not plain HTTP',
  },
  speaksHttpsGoSays: {
    id: 'doctor.said.speaksHttpsGoSays',
    defaultMessage:
      '{host} speaks HTTPS ({protocol}), not plain HTTP: "Client sent an HTTP request to an HTTPS server"',
  },
  useHttpsFix: {
    id: 'doctor.said.useHttpsFix',
    defaultMessage: 'Connect with https://{host} (turn plain HTTP off for this connection).',
  },
  neitherNotHttp: {
    id: 'doctor.said.neitherNotHttp',
    defaultMessage: 'neither HTTP nor TLS: the answer is not HTTP',
  },
  neitherClosed: {
    id: 'doctor.said.neitherClosed',
    defaultMessage: 'neither HTTP nor TLS: the server closed the connection',
  },
  neither: { id: 'doctor.said.neither', defaultMessage: 'neither HTTP nor TLS: ' },
  system: { id: 'doctor.said.system', defaultMessage: '{message}' },
  portFix: { id: 'doctor.said.portFix', defaultMessage: 'Check that the port belongs to a registry.' },
  speaksHttp: {
    id: 'doctor.said.speaksHttp',
    defaultMessage: '{host} speaks plain HTTP, not HTTPS ({statusLine})',
  },
  speaksHttpDockerSays: {
    id: 'doctor.said.speaksHttpDockerSays',
    defaultMessage:
      '{host} speaks plain HTTP, not HTTPS ({statusLine}) — Docker says "server gave HTTP response to HTTPS client"',
  },
  useHttpFix: {
    id: 'doctor.said.useHttpFix',
    defaultMessage:
      'For Berth, use http://{host} (plain HTTP for this connection); for Docker, add "{host}" to insecure-registries — or, better, give the registry a TLS certificate.',
  },
  useHttpLoopbackFix: {
    id: 'doctor.said.useHttpLoopbackFix',
    defaultMessage:
      'For Berth, use http://{host} (plain HTTP for this connection); Docker needs nothing: {loopback} is loopback, which Docker always treats as an insecure registry (plain HTTP allowed).',
  },
  handshakeFailed: {
    id: 'doctor.said.handshakeFailed',
    defaultMessage: 'TLS handshake failed: {code}: {message}',
  },
  tlsPortFix: {
    id: 'doctor.said.tlsPortFix',
    defaultMessage: 'Check that the port is the registry’s TLS port.',
  },
  noCertificate: { id: 'doctor.said.noCertificate', defaultMessage: 'the server presented no certificate' },
  noCertificateFix: {
    id: 'doctor.said.noCertificateFix',
    defaultMessage: 'Configure a certificate on the registry.',
  },
  tlsProtocol: { id: 'doctor.said.tlsProtocol', defaultMessage: '{protocol}' },
  certificate: {
    id: 'doctor.said.certificate',
    defaultMessage: 'certificate "{subject}" issued by "{issuer}"',
  },
  validity: { id: 'doctor.said.validity', defaultMessage: 'valid from {from} to {to}' },
  names: { id: 'doctor.said.names', defaultMessage: 'names it is valid for: {names}' },
  namesNone: { id: 'doctor.said.namesNone', defaultMessage: 'names it is valid for: none' },
  sha256: { id: 'doctor.said.sha256', defaultMessage: 'SHA-256 {sha256}' },
  trustedBy: { id: 'doctor.said.trustedBy', defaultMessage: 'trusted by: {stores}' },
  trustedByNobody: { id: 'doctor.said.trustedByNobody', defaultMessage: 'trusted by: nobody' },
  storeSystem: { id: 'doctor.said.storeSystem', defaultMessage: 'system' },
  storeConnection: { id: 'doctor.said.storeConnection', defaultMessage: 'connection' },
  storeCertsD: { id: 'doctor.said.storeCertsD', defaultMessage: 'certs.d' },
  storesTwo: { id: 'doctor.said.storesTwo', defaultMessage: '{first}, {second}' },
  storesThree: { id: 'doctor.said.storesThree', defaultMessage: '{first}, {second}, {third}' },
  expired: { id: 'doctor.said.expired', defaultMessage: 'the certificate expired on {date}' },
  notYetValid: {
    id: 'doctor.said.notYetValid',
    defaultMessage: 'the certificate is not valid before {date}',
  },
  renewFix: { id: 'doctor.said.renewFix', defaultMessage: "Renew the registry's certificate." },
  clockFix: {
    id: 'doctor.said.clockFix',
    defaultMessage: "Check this machine's clock, or the certificate's start date.",
  },
  hostnameMismatch: {
    id: 'doctor.said.hostnameMismatch',
    defaultMessage: 'the certificate does not name {hostname}',
  },
  hostnameFix: {
    id: 'doctor.said.hostnameFix',
    defaultMessage: 'Connect with a name the certificate lists, or reissue it with {hostname} in its SANs.',
  },
  unknownCa: { id: 'doctor.said.unknownCa', defaultMessage: 'certificate signed by an unknown authority' },
  verificationOff: {
    id: 'doctor.said.verificationOff',
    defaultMessage: 'verification is OFF for this connection',
  },
  trustCaFix: {
    id: 'doctor.said.trustCaFix',
    defaultMessage:
      "Trust the registry's CA for this connection after checking its fingerprint (SHA-256 {sha256}) with the registry's owner.",
  },
  apiVersion: { id: 'doctor.said.apiVersion', defaultMessage: '{apiVersion}' },
  noApiVersion: {
    id: 'doctor.said.noApiVersion',
    defaultMessage: '/v2/ answered without Docker-Distribution-API-Version (an OCI registry may omit it)',
  },
  asksFor: { id: 'doctor.said.asksFor', defaultMessage: 'asks for {auth}' },
  authNone: { id: 'doctor.said.authNone', defaultMessage: 'no authentication' },
  authBearer: { id: 'doctor.said.authBearer', defaultMessage: 'Bearer tokens from {realm}' },
  authBasic: { id: 'doctor.said.authBasic', defaultMessage: 'Basic (user and password)' },
  authUnknown: { id: 'doctor.said.authUnknown', defaultMessage: 'an unknown auth scheme' },
  credentialNotAsked: {
    id: 'doctor.said.credentialNotAsked',
    defaultMessage: 'the registry asks for no login: requests are anonymous',
  },
  credentialNone: {
    id: 'doctor.said.credentialNone',
    defaultMessage: 'no saved credential: requests are anonymous',
  },
  loginFix: { id: 'doctor.said.loginFix', defaultMessage: 'Log in to {host} to pull private images.' },
  savedToken: { id: 'doctor.said.savedToken', defaultMessage: 'the saved token' },
  credentialWorks: { id: 'doctor.said.credentialWorks', defaultMessage: '{who}: {how}' },
  tokenIssued: { id: 'doctor.said.tokenIssued', defaultMessage: 'a token was issued' },
  basicAccepted: { id: 'doctor.said.basicAccepted', defaultMessage: '/v2/ accepted it' },
  noneAsked: { id: 'doctor.said.noneAsked', defaultMessage: 'the registry asks for none' },
  credentialRefused: { id: 'doctor.said.credentialRefused', defaultMessage: '{who} was refused by {host}' },
  loginAgainFix: {
    id: 'doctor.said.loginAgainFix',
    defaultMessage: 'Log in again with a password or token {host} accepts.',
  },
  dockerPodman: {
    id: 'doctor.said.dockerPodman',
    defaultMessage:
      "the local engine is Podman: it reads registries.conf and /etc/containers/certs.d, not Docker's daemon.json",
  },
  dockerNoFile: { id: 'doctor.said.dockerNoFile', defaultMessage: 'no daemon.json was read' },
  nearMiss: {
    id: 'doctor.said.nearMiss',
    defaultMessage: 'the entry "{entry}" does not cover {host}: dockerd compares host:port exactly',
  },
  addInsecureFix: {
    id: 'doctor.said.addInsecureFix',
    defaultMessage:
      'Add "{host}" (with the port) to insecure-registries in {file}, then restart or reload dockerd.',
  },
  mirrorsFirst: {
    id: 'doctor.said.mirrorsFirst',
    defaultMessage: 'pulls from Docker Hub try the mirrors first: {mirrors}',
  },
  noMirrors: {
    id: 'doctor.said.noMirrors',
    defaultMessage: 'no registry-mirrors: pulls go to Docker Hub directly',
  },
  mirrorsHubOnly: {
    id: 'doctor.said.mirrorsHubOnly',
    defaultMessage: 'registry-mirrors apply to Docker Hub only; pulls from {host} go to it directly',
  },
  howListed: { id: 'doctor.said.howListed', defaultMessage: 'insecure-registries lists "{host}"' },
  howAlways: { id: 'doctor.said.howAlways', defaultMessage: '{address} is in {cidr} (always insecure)' },
  howCidr: { id: 'doctor.said.howCidr', defaultMessage: '{address} is in {cidr} (insecure-registries)' },
  dockerRefusesHttp: {
    id: 'doctor.said.dockerRefusesHttp',
    defaultMessage: 'Docker will refuse {host}: it speaks plain HTTP and is not an insecure registry',
  },
  dockerHttpByLuck: {
    id: 'doctor.said.dockerHttpByLuck',
    defaultMessage: 'Docker will use plain HTTP only because {how}',
  },
  dockerHttpFallback: {
    id: 'doctor.said.dockerHttpFallback',
    defaultMessage: 'Docker will fall back to plain HTTP: {how}',
  },
  dockerNoVerify: {
    id: 'doctor.said.dockerNoVerify',
    defaultMessage: 'Docker will not verify the certificate of {host}: {how}',
  },
  certsDNotRead: { id: 'doctor.said.certsDNotRead', defaultMessage: 'certs.d is not read for it' },
  systemTrusts: {
    id: 'doctor.said.systemTrusts',
    defaultMessage: 'the system trusts the certificate of {host}',
  },
  certsDTrusts: { id: 'doctor.said.certsDTrusts', defaultMessage: 'Docker trusts {host} through {dir}' },
  certsDWrongCa: {
    id: 'doctor.said.certsDWrongCa',
    defaultMessage: 'the CA in {dir} did not sign the certificate of {host}',
  },
  certsDMissing: {
    id: 'doctor.said.certsDMissing',
    defaultMessage: 'Docker will not trust {host}: no CA for it in {dir}',
  },
  installCaFix: {
    id: 'doctor.said.installCaFix',
    defaultMessage: 'Install the registry\'s CA as {file} (the folder name must be exactly "{host}").',
  },
  rateNoHeaders: {
    id: 'doctor.said.rateNoHeaders',
    defaultMessage: 'Docker Hub sent no rate-limit headers: pulls are not limited for you',
  },
  ratePulls: { id: 'doctor.said.ratePulls', defaultMessage: '{remaining} of {limit} pulls left' },
  ratePullsWindow: {
    id: 'doctor.said.ratePullsWindow',
    defaultMessage: '{remaining} of {limit} pulls left per {hours} h',
  },
  ratePullsSource: {
    id: 'doctor.said.ratePullsSource',
    defaultMessage: '{remaining} of {limit} pulls left (counted for {source})',
  },
  ratePullsWindowSource: {
    id: 'doctor.said.ratePullsWindowSource',
    defaultMessage: '{remaining} of {limit} pulls left per {hours} h (counted for {source})',
  },
  rateExhausted: {
    id: 'doctor.said.rateExhausted',
    defaultMessage: '{pulls}: pulls will be refused until the window moves on',
  },
  rateLoginFix: {
    id: 'doctor.said.rateLoginFix',
    defaultMessage: 'Log in to Docker Hub: a signed-in account has a higher limit.',
  },
  rateWaitFix: {
    id: 'doctor.said.rateWaitFix',
    defaultMessage: 'Wait for the window to move on, or use a paid account or a mirror.',
  },
  plainHttp: { id: 'doctor.said.plainHttp', defaultMessage: 'plain HTTP' },
  https: { id: 'doctor.said.https', defaultMessage: 'HTTPS' },
  noConnectionNamed: {
    id: 'doctor.said.noConnectionNamed',
    defaultMessage:
      'no saved connection named "{name}": it may have been removed meanwhile; run Diagnose again.',
  },
  notSaved: {
    id: 'doctor.said.notSaved',
    defaultMessage:
      '{host} is not a saved connection, so Berth has nothing to change: save it first with Add connection (Registries).',
  },
  alreadyUses: {
    id: 'doctor.said.alreadyUses',
    defaultMessage: 'nothing changed: "{name}" already uses {uses}.',
  },
  addressSays: {
    id: 'doctor.said.addressSays',
    defaultMessage:
      'The address given, {address}, says {says} and the registry speaks {uses}: run Diagnose from the connection "{name}" instead.',
  },
  connectionAgrees: {
    id: 'doctor.said.connectionAgrees',
    defaultMessage:
      'The registry speaks {uses} and the connection agrees: run Diagnose again to see the step that still fails.',
  },
  nowPlainHttp: {
    id: 'doctor.said.nowPlainHttp',
    defaultMessage: '"{name}" now uses plain HTTP: nothing it sends is encrypted, its password included.',
  },
  nowHttps: { id: 'doctor.said.nowHttps', defaultMessage: '"{name}" now uses HTTPS.' },
  noCertificateInFix: {
    id: 'doctor.said.noCertificateInFix',
    defaultMessage: 'the fix carries no certificate: run the diagnosis again',
  },
  nowTrusts: {
    id: 'doctor.said.nowTrusts',
    defaultMessage: '"{name}" now trusts "{subject}" (SHA-256 {sha256}), kept in {file}.',
  },
  keptForNew: {
    id: 'doctor.said.keptForNew',
    defaultMessage:
      '{host} is not a saved connection, so Berth has nothing to change: save it first with Add connection (Registries), giving {file} as its CA certificate file (TLS and transport). That file holds "{subject}" (SHA-256 {sha256}): check the fingerprint with the registry\'s owner first.',
  },
  noCaOfItsOwn: {
    id: 'doctor.said.noCaOfItsOwn',
    defaultMessage:
      '"{name}" has no CA of its own to give Docker: trust the registry\'s CA for the connection first.',
  },
  cannotReadCa: {
    id: 'doctor.said.cannotReadCa',
    defaultMessage: 'cannot read the CA file {file}: {message}',
  },
  noPemInCa: { id: 'doctor.said.noPemInCa', defaultMessage: 'the CA file holds no PEM certificate' },
  wroteCa: { id: 'doctor.said.wroteCa', defaultMessage: 'Wrote the CA (SHA-256 {sha256}) to {file}.' },
  mayNotWriteCa: {
    id: 'doctor.said.mayNotWriteCa',
    defaultMessage: 'Berth may not write {file}; run the command below as an administrator.',
  },
  certsDNoRestart: {
    id: 'doctor.said.certsDNoRestart',
    defaultMessage:
      'Docker reads certs.d on every pull and push: no restart is needed (Docker Desktop copies it at start: restart Desktop).',
  },
  elevateWindows: {
    id: 'doctor.said.elevateWindows',
    defaultMessage: 'Windows will ask for administrator rights to write {file}.',
  },
  elevateMac: {
    id: 'doctor.said.elevateMac',
    defaultMessage: 'macOS will ask for an administrator password to write {file}.',
  },
  elevateLinux: {
    id: 'doctor.said.elevateLinux',
    defaultMessage: '{dir} belongs to root: pkexec will ask for your password to write it.',
  },
  alreadyLists: { id: 'doctor.said.alreadyLists', defaultMessage: '{file} already lists "{entry}".' },
  mayNotWriteDaemon: {
    id: 'doctor.said.mayNotWriteDaemon',
    defaultMessage:
      'Berth may not write {file}; run the command below as an administrator, then reload the daemon.',
  },
  added: { id: 'doctor.said.added', defaultMessage: 'Added "{entry}" to insecure-registries in {file}.' },
  addedWithBackup: {
    id: 'doctor.said.addedWithBackup',
    defaultMessage: 'Added "{entry}" to insecure-registries in {file} (backup: {backup}).',
  },
  mustReload: { id: 'doctor.said.mustReload', defaultMessage: 'The daemon must be reloaded:' },
  appReload: {
    id: 'doctor.said.appReload',
    defaultMessage:
      "dockerd reads insecure-registries when it starts or reloads: press Apply on the Docker daemon page (or run `sudo systemctl reload docker` for the system's dockerd); Docker Desktop: restart it.",
  },
});
