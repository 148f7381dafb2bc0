// Everything the doctor says about a step, a fix and a fix's outcome, by key: the CLI prints the English,
// the app translates the key (renderer/features/doctor/messages.ts holds the same English, ids
// `doctor.said.<key>`; test/unit/doctor-phrases.test.ts keeps the two equal).
import { phrasebook, sayAll, type Phrase, type Said } from '../../../shared/contract/phrase.js';
import type { Fix } from './types.js';

export const DOCTOR_PHRASES = {
  notChecked: 'not checked: an earlier step failed',
  // Name resolves
  resolveNotFound: '{hostname} does not exist (NXDOMAIN)',
  resolveFailed: '{hostname} could not be looked up ({code})',
  resolveFix: "Check the spelling of {hostname}, this machine's DNS settings or /etc/hosts.",
  resolveNoAddresses: '{hostname} has no addresses',
  resolveNoAddressesFix: 'Check the DNS records of the name.',
  resolveIsAddress: '{hostname} is an address',
  resolveAddresses: '{hostname} → {addresses}',
  // TCP connects
  tcpConnected: 'connected to {address} port {port}',
  tcpPortFailed: 'port {port}: {failure}',
  tcpRefused: '{address}: connection refused',
  tcpTimeout: '{address}: no answer within {ms} ms (filtered?)',
  tcpError: '{address}: {message}',
  tcpRefusedFix: 'Nothing listens on port {port}: start the registry, or check the port in "{host}".',
  tcpDroppedFix: 'A firewall may be dropping the connection, or the host is down.',
  // TLS
  httpOk: 'plain HTTP ({statusLine})',
  httpClearText: 'nothing is encrypted, credentials travel in clear text',
  speaksHttps: '{host} speaks HTTPS ({protocol}), not plain HTTP',
  speaksHttpsGoSays:
    '{host} speaks HTTPS ({protocol}), not plain HTTP: "Client sent an HTTP request to an HTTPS server"',
  useHttpsFix: 'Connect with https://{host} (turn plain HTTP off for this connection).',
  neitherNotHttp: 'neither HTTP nor TLS: the answer is not HTTP',
  neitherClosed: 'neither HTTP nor TLS: the server closed the connection',
  neither: 'neither HTTP nor TLS: ',
  /** A message from the system (OpenSSL, the socket) as it came. */
  system: '{message}',
  portFix: 'Check that the port belongs to a registry.',
  speaksHttp: '{host} speaks plain HTTP, not HTTPS ({statusLine})',
  speaksHttpDockerSays:
    '{host} speaks plain HTTP, not HTTPS ({statusLine}) — Docker says "server gave HTTP response to HTTPS client"',
  useHttpFix:
    'For Berth, use http://{host} (plain HTTP for this connection); for Docker, add "{host}" to insecure-registries — or, better, give the registry a TLS certificate.',
  useHttpLoopbackFix:
    'For Berth, use http://{host} (plain HTTP for this connection); Docker needs nothing: {loopback} is loopback, which Docker always treats as an insecure registry (plain HTTP allowed).',
  handshakeFailed: 'TLS handshake failed: {code}: {message}',
  tlsPortFix: 'Check that the port is the registry’s TLS port.',
  noCertificate: 'the server presented no certificate',
  noCertificateFix: 'Configure a certificate on the registry.',
  tlsProtocol: '{protocol}',
  certificate: 'certificate "{subject}" issued by "{issuer}"',
  validity: 'valid from {from} to {to}',
  names: 'names it is valid for: {names}',
  namesNone: 'names it is valid for: none',
  sha256: 'SHA-256 {sha256}',
  trustedBy: 'trusted by: {stores}',
  trustedByNobody: 'trusted by: nobody',
  storeSystem: 'system',
  storeConnection: 'connection',
  storeCertsD: 'certs.d',
  storesTwo: '{first}, {second}',
  storesThree: '{first}, {second}, {third}',
  expired: 'the certificate expired on {date}',
  notYetValid: 'the certificate is not valid before {date}',
  renewFix: "Renew the registry's certificate.",
  clockFix: "Check this machine's clock, or the certificate's start date.",
  hostnameMismatch: 'the certificate does not name {hostname}',
  hostnameFix: 'Connect with a name the certificate lists, or reissue it with {hostname} in its SANs.',
  unknownCa: 'certificate signed by an unknown authority',
  verificationOff: 'verification is OFF for this connection',
  trustCaFix:
    "Trust the registry's CA for this connection after checking its fingerprint (SHA-256 {sha256}) with the registry's owner.",
  // /v2/ answers as a registry
  apiVersion: '{apiVersion}',
  noApiVersion: '/v2/ answered without Docker-Distribution-API-Version (an OCI registry may omit it)',
  asksFor: 'asks for {auth}',
  authNone: 'no authentication',
  authBearer: 'Bearer tokens from {realm}',
  authBasic: 'Basic (user and password)',
  authUnknown: 'an unknown auth scheme',
  // Saved credential works
  credentialNotAsked: 'the registry asks for no login: requests are anonymous',
  credentialNone: 'no saved credential: requests are anonymous',
  loginFix: 'Log in to {host} to pull private images.',
  savedToken: 'the saved token',
  credentialWorks: '{who}: {how}',
  tokenIssued: 'a token was issued',
  basicAccepted: '/v2/ accepted it',
  noneAsked: 'the registry asks for none',
  credentialRefused: '{who} was refused by {host}',
  loginAgainFix: 'Log in again with a password or token {host} accepts.',
  // Local Docker daemon
  dockerPodman:
    "the local engine is Podman: it reads registries.conf and /etc/containers/certs.d, not Docker's daemon.json",
  dockerNoFile: 'no daemon.json was read',
  nearMiss: 'the entry "{entry}" does not cover {host}: dockerd compares host:port exactly',
  addInsecureFix:
    'Add "{host}" (with the port) to insecure-registries in {file}, then restart or reload dockerd.',
  mirrorsFirst: 'pulls from Docker Hub try the mirrors first: {mirrors}',
  noMirrors: 'no registry-mirrors: pulls go to Docker Hub directly',
  mirrorsHubOnly: 'registry-mirrors apply to Docker Hub only; pulls from {host} go to it directly',
  howListed: 'insecure-registries lists "{host}"',
  howAlways: '{address} is in {cidr} (always insecure)',
  howCidr: '{address} is in {cidr} (insecure-registries)',
  dockerRefusesHttp: 'Docker will refuse {host}: it speaks plain HTTP and is not an insecure registry',
  dockerHttpByLuck: 'Docker will use plain HTTP only because {how}',
  dockerHttpFallback: 'Docker will fall back to plain HTTP: {how}',
  dockerNoVerify: 'Docker will not verify the certificate of {host}: {how}',
  certsDNotRead: 'certs.d is not read for it',
  systemTrusts: 'the system trusts the certificate of {host}',
  certsDTrusts: 'Docker trusts {host} through {dir}',
  certsDWrongCa: 'the CA in {dir} did not sign the certificate of {host}',
  certsDMissing: 'Docker will not trust {host}: no CA for it in {dir}',
  installCaFix: 'Install the registry\'s CA as {file} (the folder name must be exactly "{host}").',
  // Docker Hub pull rate limit
  rateNoHeaders: 'Docker Hub sent no rate-limit headers: pulls are not limited for you',
  ratePulls: '{remaining} of {limit} pulls left',
  ratePullsWindow: '{remaining} of {limit} pulls left per {hours} h',
  ratePullsSource: '{remaining} of {limit} pulls left (counted for {source})',
  ratePullsWindowSource: '{remaining} of {limit} pulls left per {hours} h (counted for {source})',
  rateExhausted: '{pulls}: pulls will be refused until the window moves on',
  rateLoginFix: 'Log in to Docker Hub: a signed-in account has a higher limit.',
  rateWaitFix: 'Wait for the window to move on, or use a paid account or a mirror.',
  // What a fix did (the app's words)
  plainHttp: 'plain HTTP',
  https: 'HTTPS',
  noConnectionNamed:
    'no saved connection named "{name}": it may have been removed meanwhile; run Diagnose again.',
  notSaved:
    '{host} is not a saved connection, so Berth has nothing to change: save it first with Add connection (Registries).',
  alreadyUses: 'nothing changed: "{name}" already uses {uses}.',
  addressSays:
    'The address given, {address}, says {says} and the registry speaks {uses}: run Diagnose from the connection "{name}" instead.',
  connectionAgrees:
    'The registry speaks {uses} and the connection agrees: run Diagnose again to see the step that still fails.',
  nowPlainHttp: '"{name}" now uses plain HTTP: nothing it sends is encrypted, its password included.',
  nowHttps: '"{name}" now uses HTTPS.',
  noCertificateInFix: 'the fix carries no certificate: run the diagnosis again',
  nowTrusts: '"{name}" now trusts "{subject}" (SHA-256 {sha256}), kept in {file}.',
  keptForNew:
    '{host} is not a saved connection, so Berth has nothing to change: save it first with Add connection (Registries), giving {file} as its CA certificate file (TLS and transport). That file holds "{subject}" (SHA-256 {sha256}): check the fingerprint with the registry\'s owner first.',
  noCaOfItsOwn:
    '"{name}" has no CA of its own to give Docker: trust the registry\'s CA for the connection first.',
  cannotReadCa: 'cannot read the CA file {file}: {message}',
  noPemInCa: 'the CA file holds no PEM certificate',
  wroteCa: 'Wrote the CA (SHA-256 {sha256}) to {file}.',
  mayNotWriteCa: 'Berth may not write {file}; run the command below as an administrator.',
  certsDNoRestart:
    'Docker reads certs.d on every pull and push: no restart is needed (Docker Desktop copies it at start: restart Desktop).',
  elevateWindows: 'Windows will ask for administrator rights to write {file}.',
  elevateMac: 'macOS will ask for an administrator password to write {file}.',
  elevateLinux: '{dir} belongs to root: pkexec will ask for your password to write it.',
  alreadyLists: '{file} already lists "{entry}".',
  mayNotWriteDaemon:
    'Berth may not write {file}; run the command below as an administrator, then reload the daemon.',
  added: 'Added "{entry}" to insecure-registries in {file}.',
  addedWithBackup: 'Added "{entry}" to insecure-registries in {file} (backup: {backup}).',
  mustReload: 'The daemon must be reloaded:',
  appReload:
    "dockerd reads insecure-registries when it starts or reloads: press Apply on the Docker daemon page (or run `sudo systemctl reload docker` for the system's dockerd); Docker Desktop: restart it.",
} as const satisfies Record<string, string>;

export type DoctorPhraseKey = keyof typeof DOCTOR_PHRASES;

export const say = phrasebook<DoctorPhraseKey>('doctor.said', DOCTOR_PHRASES);

/** A step's detail from its facts: the English joined with "; ", and the phrases. */
export function detailOf(...parts: Said[]): { detail: string; said: Phrase[] } {
  const { text, said } = sayAll(parts, '; ');
  return { detail: text, said };
}

/** A fix in the app's words, with its phrase. */
export function fixOf(part: Said, extra: Omit<Fix, 'text' | 'said'> = {}): Fix {
  return { text: part.text, said: part.phrase, ...extra };
}

/** What a fix did, sentence by sentence: the English joined with a space, and the phrases. */
export function messageOf(...parts: Said[]): { message: string; said: Phrase[] } {
  const { text, said } = sayAll(parts, ' ');
  return { message: text, said };
}
