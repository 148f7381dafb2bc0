// The words of the connections folder (the sidebar, the overview, the connection dialogs, importing from
// Docker) and of renderer/lib/connection-state.ts, which it owns.
import { defineMessages } from '../../i18n/index.js';

export const connectionState = defineMessages({
  reachable: { id: 'connections.stateReachable', defaultMessage: 'Reachable' },
  authOk: { id: 'connections.stateAuthOk', defaultMessage: 'Signed in' },
  authFailed: { id: 'connections.stateAuthFailed', defaultMessage: 'Sign-in failed' },
  unreachable: { id: 'connections.stateUnreachable', defaultMessage: 'Unreachable' },
  tlsProblem: { id: 'connections.stateTlsProblem', defaultMessage: 'TLS problem' },
  checking: { id: 'connections.stateChecking', defaultMessage: 'Checking…' },
  notChecked: { id: 'connections.stateNotChecked', defaultMessage: 'Not checked yet' },
  /** The registry's error as one line: its message, then what to do. */
  reason: { id: 'connections.reason', defaultMessage: '{message}. {hint}' },
  reasonNoHint: { id: 'connections.reasonNoHint', defaultMessage: '{message}.' },
  /** A connection in a picker: `{name} ({host})`. */
  pickerLabel: { id: 'connections.pickerLabel', defaultMessage: '{name} ({host})' },
  pickerLabelState: { id: 'connections.pickerLabelState', defaultMessage: '{name} ({host}) — {state}' },
  pickerNotReachable: {
    id: 'connections.pickerNotReachable',
    defaultMessage: '{name} ({host}) — not reachable',
  },
});

export const connections = defineMessages({
  sidebarLabel: { id: 'connections.sidebarLabel', defaultMessage: 'Connections' },
  heading: { id: 'connections.heading', defaultMessage: 'Connections' },
  loading: { id: 'connections.loading', defaultMessage: 'Loading connections…' },
  empty: {
    id: 'connections.empty',
    defaultMessage: 'No connections yet. Add one to browse a registry’s repositories.',
  },
  signedInThroughHelper: {
    id: 'connections.signedInThroughHelper',
    defaultMessage: 'Signed in through docker-credential-{helper}',
  },
  addConnection: { id: 'connections.addConnection', defaultMessage: 'Add connection' },
  importDocker: { id: 'connections.importDocker', defaultMessage: 'Import from Docker…' },
  overviewTitle: { id: 'connections.overviewTitle', defaultMessage: 'Your connections' },
  overviewText: {
    id: 'connections.overviewText',
    defaultMessage: 'Open one to browse its repositories and tags.',
  },
  overviewList: { id: 'connections.overviewList', defaultMessage: 'Saved connections' },
  open: { id: 'connections.open', defaultMessage: 'Open' },
  statusLabel: { id: 'connections.statusLabel', defaultMessage: 'Connection status' },
  /** Under the explorer's top bar: `{name}` a connection, `{state}` its state in lower case. */
  statusLead: { id: 'connections.statusLead', defaultMessage: '{name}: {state}.' },
  ownStopped: {
    id: 'connections.ownStopped',
    defaultMessage: 'It is your registry “{name}”, and it is stopped: start it to browse it.',
  },
  start: { id: 'connections.start', defaultMessage: 'Start' },
  starting: { id: 'connections.starting', defaultMessage: 'Starting…' },
  checkAgain: { id: 'connections.checkAgain', defaultMessage: 'Check again' },
});

export const dialog = defineMessages({
  addTitle: { id: 'connections.addTitle', defaultMessage: 'Add connection' },
  editTitle: { id: 'connections.editTitle', defaultMessage: 'Edit connection {name}' },
  registryUrl: { id: 'connections.registryUrl', defaultMessage: 'Registry URL' },
  registryUrlPlaceholder: {
    id: 'connections.registryUrlPlaceholder',
    defaultMessage: 'registry.example.com or https://host:5000',
  },
  name: { id: 'connections.name', defaultMessage: 'Name' },
  namePlaceholder: { id: 'connections.namePlaceholder', defaultMessage: 'shown in the sidebar' },
  kind: { id: 'connections.kind', defaultMessage: 'Kind of registry' },
  detectKind: { id: 'connections.detectKind', defaultMessage: 'Find out when connecting' },
  apiAddress: { id: 'connections.apiAddress', defaultMessage: 'API address' },
  gitlabApiPlaceholder: {
    id: 'connections.gitlabApiPlaceholder',
    defaultMessage: 'https://gitlab.example.com (your GitLab, when the registry is on another host)',
  },
  username: { id: 'connections.username', defaultMessage: 'Username' },
  password: { id: 'connections.password', defaultMessage: 'Password' },
  accessToken: { id: 'connections.accessToken', defaultMessage: 'Access token' },
  secretKind: { id: 'connections.secretKind', defaultMessage: 'Secret kind' },
  unchanged: { id: 'connections.unchanged', defaultMessage: 'unchanged' },
  helperNote: {
    id: 'connections.helperNote',
    defaultMessage:
      'Signed in through <code>docker-credential-{helper}</code>: Berth asks it for the login each time and keeps nothing. A password typed here replaces the helper.',
  },
  keepSecret: {
    id: 'connections.keepSecret',
    defaultMessage: 'Leave the secret empty to keep the one in your system keychain.',
  },
  secretToKeychain: {
    id: 'connections.secretToKeychain',
    defaultMessage: "The secret goes to your system keychain, never to Berth's settings.",
  },
  tlsOptions: { id: 'connections.tlsOptions', defaultMessage: 'TLS and transport' },
  caFile: { id: 'connections.caFile', defaultMessage: 'CA certificate file' },
  certFile: { id: 'connections.certFile', defaultMessage: 'Client certificate file' },
  keyFile: { id: 'connections.keyFile', defaultMessage: 'Client key file' },
  skipVerify: { id: 'connections.skipVerify', defaultMessage: 'Skip certificate verification' },
  plainHttpOption: {
    id: 'connections.plainHttpOption',
    defaultMessage: 'Plain HTTP — insecure: passwords and images travel unencrypted',
  },
  plainHttpWarning: {
    id: 'connections.plainHttpWarning',
    defaultMessage: 'Plain HTTP: anyone on the network can read and change what is sent.',
  },
  trustingFingerprint: {
    id: 'connections.trustingFingerprint',
    defaultMessage: 'Trusting the certificate with this SHA-256 fingerprint for this connection only:',
  },
  undo: { id: 'connections.undo', defaultMessage: 'Undo' },
  /** After Test: `{registry}` the address reached, `{kind}` what kind it is, `{signIn}` how it signs in. */
  reached: { id: 'connections.reached', defaultMessage: 'Reached {registry} ({kind}, {signIn}).' },
  reachedAccepted: {
    id: 'connections.reachedAccepted',
    defaultMessage: 'Reached {registry} ({kind}, {signIn}) — credentials accepted.',
  },
  aRegistry: { id: 'connections.aRegistry', defaultMessage: 'a registry' },
  signInNone: { id: 'connections.signInNone', defaultMessage: 'no sign-in needed' },
  signInBasic: { id: 'connections.signInBasic', defaultMessage: 'signs in with a password' },
  signInBearer: { id: 'connections.signInBearer', defaultMessage: 'signs in with tokens' },
  signInUnknown: { id: 'connections.signInUnknown', defaultMessage: 'sign-in not recognised' },
  test: { id: 'connections.test', defaultMessage: 'Test' },
  testing: { id: 'connections.testing', defaultMessage: 'Testing…' },
  checking: { id: 'connections.checking', defaultMessage: 'Checking…' },
  typeAddressFirst: {
    id: 'connections.typeAddressFirst',
    defaultMessage: 'Type the registry’s address first, such as registry.example.com.',
  },
  usePlainHttp: { id: 'connections.usePlainHttp', defaultMessage: 'Use plain HTTP for this registry' },
  plainHttpNothingEncrypted: {
    id: 'connections.plainHttpNothingEncrypted',
    defaultMessage: 'Nothing sent to it is encrypted, the password included.',
  },
  useHttps: { id: 'connections.useHttps', defaultMessage: 'Use HTTPS for this registry' },
  saveAnyway: { id: 'connections.saveAnyway', defaultMessage: 'Save anyway' },
  savedUnreachable: {
    id: 'connections.savedUnreachable',
    defaultMessage: 'It is saved as unreachable and checked again every minute.',
  },
  savedUnreachableWithLogin: {
    id: 'connections.savedUnreachableWithLogin',
    defaultMessage:
      'It is saved as unreachable and checked again every minute; the password goes to your system keychain unchecked.',
  },
  rejectedNotSaved: {
    id: 'connections.rejectedNotSaved',
    defaultMessage:
      'Berth saves a connection only with a password the registry accepts, so a typing mistake is never kept. Correct the username or password, or clear both to save it without signing in.',
  },
});

/** The registry kinds as people call them (the names of products stay as they are). */
export const kindNames = defineMessages({
  dockerhub: { id: 'connections.kindDockerhub', defaultMessage: 'Docker Hub' },
  ghcr: { id: 'connections.kindGhcr', defaultMessage: 'GitHub Container Registry' },
  quay: { id: 'connections.kindQuay', defaultMessage: 'Quay' },
  harbor: { id: 'connections.kindHarbor', defaultMessage: 'Harbor' },
  gitlab: { id: 'connections.kindGitlab', defaultMessage: 'GitLab' },
  aliyun: { id: 'connections.kindAliyun', defaultMessage: 'Alibaba Cloud ACR' },
  tencent: { id: 'connections.kindTencent', defaultMessage: 'Tencent Cloud TCR' },
  huawei: { id: 'connections.kindHuawei', defaultMessage: 'Huawei Cloud SWR' },
  distribution: { id: 'connections.kindDistribution', defaultMessage: 'Distribution' },
  generic: { id: 'connections.kindGeneric', defaultMessage: 'Other registry' },
});

/** Which login each kind takes, shown under the username and secret. */
export const kindHints = defineMessages({
  harbor: {
    id: 'connections.hintHarbor',
    defaultMessage:
      'Your Harbor username and password (with single sign-on: the CLI secret from your user profile), or a robot account (robot$project+name) and its secret. Berth lists the projects this login may see.',
  },
  gitlab: {
    id: 'connections.hintGitlab',
    defaultMessage:
      'Your GitLab username and a personal access token with read_registry and read_api (write_registry to push or delete).',
  },
  quay: {
    id: 'connections.hintQuay',
    defaultMessage:
      'Username $oauthtoken and an OAuth application token (an organization\'s Applications, with "View all visible repositories" and "Read User Information") list your repositories with their dates. A password or robot account opens images only, listed without dates.',
  },
  ghcr: {
    id: 'connections.hintGhcr',
    defaultMessage:
      'Your GitHub username and a personal access token (classic) with read:packages (write:packages to push, delete:packages to delete). On GitHub Enterprise the API address is https://YOUR-HOST/api/v3.',
  },
  dockerhub: {
    id: 'connections.hintDockerhub',
    defaultMessage:
      'Your Docker ID and a personal access token from Docker Hub (Account settings → Personal access tokens).',
  },
  aliyun: {
    id: 'connections.hintAliyun',
    defaultMessage:
      'Your Alibaba Cloud account name (a RAM user: its logon name, user@account.onaliyun.com) and the registry password set in the Container Registry console under Access Credential — not your Alibaba Cloud sign-in password. An Enterprise Edition instance has its own access credential there.',
  },
  tencent: {
    id: 'connections.hintTencent',
    defaultMessage:
      'Your Tencent Cloud account ID (the number on the account page) and the registry password set in the Container Registry console; for an Enterprise Edition (TCR) instance, a long-term access credential created under the instance’s Access Credentials.',
  },
  huawei: {
    id: 'connections.hintHuawei',
    defaultMessage:
      'The username and password of a long-term login command from the SWR console (Client upload → long-term login command): region@Access-Key-ID and a login key made from your secret access key. A temporary login command works too, until it expires.',
  },
});

export const trust = defineMessages({
  fingerprint: { id: 'connections.fingerprintLabel', defaultMessage: 'SHA-256 fingerprint' },
  subject: { id: 'connections.certSubject', defaultMessage: 'Subject' },
  issuer: { id: 'connections.certIssuer', defaultMessage: 'Issuer' },
  valid: { id: 'connections.certValid', defaultMessage: 'Valid' },
  serverNames: { id: 'connections.certServerNames', defaultMessage: 'Server names' },
  unknownCertificate: { id: 'connections.unknownCertificate', defaultMessage: 'Unknown certificate' },
  notTrusted: {
    id: 'connections.notTrusted',
    defaultMessage: '{host} presents a certificate this computer does not trust',
  },
  chainEndsIn: {
    id: 'connections.chainEndsIn',
    defaultMessage: 'Its certificate chain ends in this certificate:',
  },
  itsCertificate: { id: 'connections.itsCertificate', defaultMessage: 'Its certificate:' },
  checkFingerprint: {
    id: 'connections.checkFingerprint',
    defaultMessage:
      'Check the fingerprint with whoever runs the registry. Trusting it lets only this connection accept certificates it signed; your system and Docker are not changed.',
  },
  pinned: {
    id: 'connections.pinned',
    defaultMessage:
      "The registry does not send the CA that signed it (“{issuer}”), so this exact certificate is pinned: when the registry renews it, Berth will ask again. Giving that CA's file under TLS and transport lasts longer.",
  },
  trustButton: {
    id: 'connections.trustButton',
    defaultMessage: 'Trust this certificate for this connection only',
  },
  namesOther: {
    id: 'connections.namesOther',
    defaultMessage:
      'The certificate does not name {host}, so trusting it would not help: connect with a name it lists, or reissue it.',
  },
  expired: { id: 'connections.certExpired', defaultMessage: 'The certificate expired on {day}.' },
  notYetValid: {
    id: 'connections.certNotYetValid',
    defaultMessage: "The certificate is not valid before {day}: check this computer's clock.",
  },
});

export const removal = defineMessages({
  title: { id: 'connections.removeTitle', defaultMessage: 'Remove connection {name}?' },
  text: {
    id: 'connections.removeText',
    defaultMessage:
      'Berth forgets <b>{name}</b> and deletes its password or token from your keychain. Nothing in the registry changes.',
  },
  removing: { id: 'connections.removing', defaultMessage: 'Removing…' },
});

export const importing = defineMessages({
  doneTitle: { id: 'connections.importDoneTitle', defaultMessage: 'Imported from Docker and Podman' },
  results: { id: 'connections.importResults', defaultMessage: 'Import results' },
  importedAs: { id: 'connections.importedAs', defaultMessage: 'Imported as {connection}' },
  importedAsHelper: {
    id: 'connections.importedAsHelper',
    defaultMessage: 'Imported as {connection}, signed in through docker-credential-{helper}',
  },
  importedAsCopied: {
    id: 'connections.importedAsCopied',
    defaultMessage: 'Imported as {connection}, password copied to the keychain',
  },
  importedAsUsername: {
    id: 'connections.importedAsUsername',
    defaultMessage: 'Imported as {connection}, username only',
  },
  skipped: { id: 'connections.importSkipped', defaultMessage: 'Skipped: already saved as {connection}' },
  title: { id: 'connections.importTitle', defaultMessage: 'Import from Docker and Podman' },
  busy: {
    id: 'connections.importBusy',
    defaultMessage: 'The logins are being saved: this shows what was imported once it is done.',
  },
  reading: { id: 'connections.importReading', defaultMessage: "Reading Docker's and Podman's logins…" },
  /** `{podmanFiles}` is the list of Podman's files, each as code, joined by “or”. */
  none: {
    id: 'connections.importNone',
    defaultMessage:
      'Docker has no logins in <code>{configPath}</code>, nor Podman in {podmanFiles}. Run <code>docker login</code> or <code>podman login</code>, then open this again.',
  },
  or: { id: 'connections.importOr', defaultMessage: ' or ' },
  foundIn: {
    id: 'connections.importFoundIn',
    defaultMessage: "Logins found in Docker's <code>{configPath}</code> and Podman's auth.json:",
  },
  loginsLabel: { id: 'connections.importLoginsLabel', defaultMessage: 'Docker logins' },
  asksHelper: { id: 'connections.importAsksHelper', defaultMessage: 'asks the helper each time' },
  copiesPassword: { id: 'connections.importCopiesPassword', defaultMessage: 'copies the password' },
  savedAs: { id: 'connections.importSavedAs', defaultMessage: 'Saved as {connection}' },
  inFile: { id: 'connections.importInFile', defaultMessage: 'in {file}' },
  helperSource: {
    id: 'connections.importHelperSource',
    defaultMessage: 'docker-credential-{helper} ({source})',
  },
  helperSourcePodman: {
    id: 'connections.importHelperSourcePodman',
    defaultMessage: 'docker-credential-{helper} ({source}), named in {file}',
  },
  helperLegend: { id: 'connections.importHelperLegend', defaultMessage: 'Logins a credential helper holds' },
  askEachTime: { id: 'connections.importAskEachTime', defaultMessage: 'Ask the helper each time' },
  copyToday: {
    id: 'connections.importCopyToday',
    defaultMessage: "Copy today's password into Berth's keychain",
  },
  helperNote: {
    id: 'connections.importHelperNote',
    defaultMessage:
      "Asked each time, the helper gives Berth the login whenever a connection needs it and Berth stores nothing: a cloud registry's short-lived token keeps working. A copy stops working when that token expires.",
  },
  copyPasswords: {
    id: 'connections.importCopyPasswords',
    defaultMessage: "Copy the passwords into Berth's keychain",
  },
  copyNote: {
    id: 'connections.importCopyNote',
    defaultMessage:
      "Berth reads each password or token from Docker's or Podman's file now and stores it in your system keychain, so the connection signs in by itself; the file keeps its copy. Unticked, Berth saves the address and username only, and you add the password with Edit connection.",
  },
  tickOne: { id: 'connections.importTickOne', defaultMessage: 'Tick at least one login to import.' },
  importing: { id: 'connections.importing', defaultMessage: 'Importing…' },
  importButton: {
    id: 'connections.importButton',
    defaultMessage: '{count, plural, =0 {Import} other {Import #}}',
  },
});
