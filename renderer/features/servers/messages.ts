// The words of the "Your registries" page: the registry cards and their dialogs (create, users, logs,
// garbage collection, trust, mirror, remove).
import { defineMessages } from '../../i18n/index.js';

export const page = defineMessages({
  title: { id: 'servers.title', defaultMessage: 'Your registries' },
  newRegistry: { id: 'servers.newRegistry', defaultMessage: 'New registry' },
  looking: { id: 'servers.looking', defaultMessage: 'Looking for your registries…' },
  emptyTitle: { id: 'servers.emptyTitle', defaultMessage: 'No registry of your own yet.' },
  emptyText: {
    id: 'servers.emptyText',
    defaultMessage:
      'Berth writes a Distribution registry for you — its config, a self-signed certificate, htpasswd users — runs it on this machine, and saves it as a connection.',
  },
  setUp: { id: 'servers.setUp', defaultMessage: 'Set up a registry' },
});

export const card = defineMessages({
  /** A registry's state badge. */
  state: {
    id: 'servers.state',
    defaultMessage: '{state, select, running {running} stopped {stopped} other {unknown}}',
  },
  copyAddress: { id: 'servers.copyAddress', defaultMessage: 'Copy {name}’s address' },
  runsAs: { id: 'servers.runsAs', defaultMessage: 'Runs as' },
  runsAsProcess: { id: 'servers.runsAsProcess', defaultMessage: 'docker-registry process' },
  runsAsProcessPid: { id: 'servers.runsAsProcessPid', defaultMessage: 'docker-registry process (pid {pid})' },
  runsAsContainer: { id: 'servers.runsAsContainer', defaultMessage: 'container {container}' },
  runsAsContainerImage: {
    id: 'servers.runsAsContainerImage',
    defaultMessage: 'container {container} ({image})',
  },
  listensOn: { id: 'servers.listensOn', defaultMessage: 'Listens on' },
  tls: { id: 'servers.tls', defaultMessage: 'TLS' },
  tlsNone: { id: 'servers.tlsNone', defaultMessage: 'none — plain HTTP' },
  tlsSelfSigned: { id: 'servers.tlsSelfSigned', defaultMessage: 'self-signed (Berth’s own CA)' },
  tlsExisting: { id: 'servers.tlsExisting', defaultMessage: 'your certificate' },
  caches: { id: 'servers.caches', defaultMessage: 'Caches' },
  logsInAs: { id: 'servers.logsInAs', defaultMessage: '(logs in as {user})' },
  users: { id: 'servers.users', defaultMessage: 'Users' },
  noUsersPull: { id: 'servers.noUsersPull', defaultMessage: 'none — anyone can pull' },
  noUsersPush: { id: 'servers.noUsersPush', defaultMessage: 'none — anyone can push' },
  storage: { id: 'servers.storage', defaultMessage: 'Storage' },
  diskUse: { id: 'servers.diskUse', defaultMessage: 'Disk use' },
  folder: { id: 'servers.folder', defaultMessage: 'Folder' },
  cannotCount: { id: 'servers.cannotCount', defaultMessage: 'cannot be counted: {problem}' },
  counting: { id: 'servers.counting', defaultMessage: 'counting…' },
  countStopped: {
    id: 'servers.countStopped',
    defaultMessage:
      'The storage holds so many files that counting stopped early; garbage collection counts them all.',
  },
  atLeast: { id: 'servers.atLeast', defaultMessage: 'at least {size}' },
  empty: { id: 'servers.empty', defaultMessage: 'empty' },
  figuresUnreadable: {
    id: 'servers.figuresUnreadable',
    defaultMessage: 'Its figures cannot be read: {problem}',
  },
  readingFigures: { id: 'servers.readingFigures', defaultMessage: 'Reading its figures…' },
  cacheLabel: { id: 'servers.cacheLabel', defaultMessage: '{name}’s cache' },
  holds: { id: 'servers.holds', defaultMessage: 'Holds' },
  holdsNothing: { id: 'servers.holdsNothing', defaultMessage: 'nothing yet' },
  /** `{more}` is "+" when the catalog was cut short, else empty. */
  holdsRepositories: {
    id: 'servers.holdsRepositories',
    defaultMessage: '{count}{more} {count, plural, one {repository} other {repositories}}',
  },
  servedFromCache: { id: 'servers.servedFromCache', defaultMessage: 'Served from the cache' },
  hitsOfRequests: {
    id: 'servers.hitsOfRequests',
    defaultMessage: '{hits} of {requests} image requests',
  },
  hitsOfRequestsPercent: {
    id: 'servers.hitsOfRequestsPercent',
    defaultMessage: '{hits} of {requests} image requests ({percent, number, percent})',
  },
  fetchedFromUpstream: { id: 'servers.fetchedFromUpstream', defaultMessage: 'Fetched from the upstream' },
  misses: {
    id: 'servers.misses',
    defaultMessage: '{count, plural, one {# image request} other {# image requests}}',
  },
  sentToClients: { id: 'servers.sentToClients', defaultMessage: 'Sent to clients' },
  bytesServed: {
    id: 'servers.bytesServed',
    defaultMessage: '{size} in {count} layer downloads',
  },
  hitsAndMisses: { id: 'servers.hitsAndMisses', defaultMessage: 'Hits and misses' },
  statsNotRunning: {
    id: 'servers.statsNotRunning',
    defaultMessage: '{name} is not running: they are counted while it runs',
  },
  statsUnreadable: {
    id: 'servers.statsUnreadable',
    defaultMessage: 'its counters on 127.0.0.1:{port} could not be read: {problem}',
  },
  cacheNote: {
    id: 'servers.cacheNote',
    defaultMessage:
      'A pull-through cache is read-only for its clients: pushes and deletes are refused. It fetches what is pulled from {upstream} and keeps it for a week ({ttl}, fixed in Distribution 2.8). Its counts start again when it restarts.',
  },
  cannotRead: { id: 'servers.cannotRead', defaultMessage: 'Berth cannot read this registry: {problem}' },
  /** A main-process error with what to do about it. */
  problemWithHint: { id: 'servers.problemWithHint', defaultMessage: '{message}. {hint}' },
  stateUnknown: { id: 'servers.stateUnknown', defaultMessage: 'State unknown: {problem}' },
  starting: { id: 'servers.starting', defaultMessage: 'Starting…' },
  stopping: { id: 'servers.stopping', defaultMessage: 'Stopping…' },
  start: { id: 'servers.start', defaultMessage: 'Start' },
  stop: { id: 'servers.stop', defaultMessage: 'Stop' },
  usersButton: { id: 'servers.usersButton', defaultMessage: 'Users…' },
  logsButton: { id: 'servers.logsButton', defaultMessage: 'Logs…' },
  useAsMirror: {
    id: 'servers.useAsMirror',
    defaultMessage: 'Use as {engine} mirror…',
  },
  collectGarbage: { id: 'servers.collectGarbage', defaultMessage: 'Collect garbage…' },
  trustIn: { id: 'servers.trustIn', defaultMessage: 'Trust in {engine}…' },
  diagnose: { id: 'servers.diagnose', defaultMessage: 'Diagnose' },
  removeButton: { id: 'servers.removeButton', defaultMessage: 'Remove…' },
});

export const create = defineMessages({
  title: { id: 'servers.create.title', defaultMessage: 'New registry' },
  setUpTitle: { id: 'servers.create.setUpTitle', defaultMessage: '{name} is set up' },
  busy: {
    id: 'servers.create.busy',
    defaultMessage: 'The registry is being created: wait for it, so you see its address and first login.',
  },
  name: { id: 'servers.create.name', defaultMessage: 'Name' },
  port: { id: 'servers.create.port', defaultMessage: 'Port' },
  kind: { id: 'servers.create.kind', defaultMessage: 'Kind' },
  kindRegistry: { id: 'servers.create.kindRegistry', defaultMessage: 'Registry' },
  kindCache: { id: 'servers.create.kindCache', defaultMessage: 'Pull-through cache (mirror)' },
  upstream: { id: 'servers.create.upstream', defaultMessage: 'Upstream' },
  upstreamNote: {
    id: 'servers.create.upstreamNote',
    defaultMessage:
      'It fetches what is pulled through it from this registry (Docker Hub by default) and keeps it for a week (168h: Distribution 2.8 has no other cache time). It is read-only for its clients: pushes and deletes are refused.',
  },
  upstreamLogin: {
    id: 'servers.create.upstreamLogin',
    defaultMessage: 'Log in to the upstream (private images, higher Docker Hub limits)',
  },
  upstreamUser: { id: 'servers.create.upstreamUser', defaultMessage: 'Upstream user' },
  upstreamSecret: {
    id: 'servers.create.upstreamSecret',
    defaultMessage: 'Upstream password or access token',
  },
  upstreamSecretNote: {
    id: 'servers.create.upstreamSecretNote',
    defaultMessage: 'Kept in the keychain and in the registry’s private config file only.',
  },
  tls: { id: 'servers.create.tls', defaultMessage: 'TLS' },
  tlsSelfSigned: { id: 'servers.create.tlsSelfSigned', defaultMessage: 'Self-signed certificate' },
  tlsExisting: { id: 'servers.create.tlsExisting', defaultMessage: 'My certificate' },
  tlsNone: { id: 'servers.create.tlsNone', defaultMessage: 'None (plain HTTP)' },
  tlsSelfSignedNote: {
    id: 'servers.create.tlsSelfSignedNote',
    defaultMessage:
      'Berth makes a CA and a certificate for localhost, 127.0.0.1 and this machine’s name, and trusts it.',
  },
  tlsNoneWarning: {
    id: 'servers.create.tlsNoneWarning',
    defaultMessage:
      'Passwords and images travel unencrypted, and the local engine must be told to allow it (Trust in… on its card says how).',
  },
  certFile: { id: 'servers.create.certFile', defaultMessage: 'Certificate file' },
  keyFile: { id: 'servers.create.keyFile', defaultMessage: 'Key file' },
  askLogin: { id: 'servers.create.askLogin', defaultMessage: 'Ask for a login (htpasswd users)' },
  firstUser: { id: 'servers.create.firstUser', defaultMessage: 'First user' },
  anyonePull: {
    id: 'servers.create.anyonePull',
    defaultMessage: 'Anyone who reaches the port can pull through it.',
  },
  anyonePush: {
    id: 'servers.create.anyonePush',
    defaultMessage: 'Anyone who reaches the port can push and delete images.',
  },
  runsAs: { id: 'servers.create.runsAs', defaultMessage: 'Runs as' },
  runtimeContainer: {
    id: 'servers.create.runtimeContainer',
    defaultMessage: 'a container of the local Docker engine (registry:2)',
  },
  runtimeProcess: {
    id: 'servers.create.runtimeProcess',
    defaultMessage: 'a docker-registry process on this machine',
  },
  noRuntime: {
    id: 'servers.create.noRuntime',
    defaultMessage:
      'Berth cannot run a registry here: no container engine answers and neither registry nor docker-registry is on PATH. Start Docker, or install Distribution (apt install docker-registry).',
  },
  noRuntimeShort: {
    id: 'servers.create.noRuntimeShort',
    defaultMessage: 'Berth cannot run a registry here: start Docker, or install Distribution first.',
  },
  moreOptions: { id: 'servers.create.moreOptions', defaultMessage: 'More options' },
  listenOn: { id: 'servers.create.listenOn', defaultMessage: 'Listen on' },
  listenOnPlaceholder: {
    id: 'servers.create.listenOnPlaceholder',
    defaultMessage: '127.0.0.1 (this machine only); 0.0.0.0 for every interface',
  },
  certNames: { id: 'servers.create.certNames', defaultMessage: 'Certificate names' },
  certNamesPlaceholder: {
    id: 'servers.create.certNamesPlaceholder',
    defaultMessage: 'localhost, 127.0.0.1, this machine’s name',
  },
  image: { id: 'servers.create.image', defaultMessage: 'Image' },
  network: { id: 'servers.create.network', defaultMessage: 'Network' },
  networkPublish: { id: 'servers.create.networkPublish', defaultMessage: 'publish the port' },
  networkHost: {
    id: 'servers.create.networkHost',
    defaultMessage: "the host's network (engines without a bridge)",
  },
  creating: { id: 'servers.create.creating', defaultMessage: 'Creating…' },
  createAndStart: { id: 'servers.create.createAndStart', defaultMessage: 'Create and start' },
});

export const created = defineMessages({
  isAt: { id: 'servers.created.isAt', defaultMessage: '{name} is {state} at <code>{url}</code>.' },
  connection: { id: 'servers.created.connection', defaultMessage: 'Connection' },
  savedAs: {
    id: 'servers.created.savedAs',
    defaultMessage: 'Saved as the connection <b>{connection}</b>.',
  },
  savedAsTrustsCa: {
    id: 'servers.created.savedAsTrustsCa',
    defaultMessage: 'Saved as the connection <b>{connection}</b>: Berth trusts its CA.',
  },
  savedAsPassword: {
    id: 'servers.created.savedAsPassword',
    defaultMessage: 'Saved as the connection <b>{connection}</b>, and {user}’s password is in your keychain.',
  },
  savedAsTrustsCaPassword: {
    id: 'servers.created.savedAsTrustsCaPassword',
    defaultMessage:
      'Saved as the connection <b>{connection}</b>: Berth trusts its CA, and {user}’s password is in your keychain.',
  },
  notSaved: { id: 'servers.created.notSaved', defaultMessage: 'It is not saved as a connection yet.' },
  openInRegistries: { id: 'servers.created.openInRegistries', defaultMessage: 'Open in Registries' },
  saving: { id: 'servers.created.saving', defaultMessage: 'Saving…' },
  saveAsConnection: { id: 'servers.created.saveAsConnection', defaultMessage: 'Save as connection' },
  trust: { id: 'servers.created.trust', defaultMessage: 'Trust' },
  trustHeading: { id: 'servers.created.trustHeading', defaultMessage: 'Make the local engine trust it' },
  noteUpstreamDown: {
    id: 'servers.created.noteUpstreamDown',
    defaultMessage:
      'The upstream {upstream} did not answer ({error}). It was made but not started: Distribution 2.8 asks the upstream as it starts and stops when nobody answers. Start it once the upstream answers.',
  },
  noteReadOnlyCache: {
    id: 'servers.created.noteReadOnlyCache',
    defaultMessage:
      'A pull-through cache is read-only for its clients: pushes and deletes are refused. It fetches what is pulled from the upstream, keeps it for a week (168h, fixed in Distribution 2.8) and fetches it again after that.',
  },
  /** `{what}`: cache, cacheWithLogin (through `{upstreamUser}`'s upstream login), delete or other. */
  noteNoLogin: {
    id: 'servers.created.noteNoLogin',
    defaultMessage:
      '{name} has no login: anyone who can reach {everywhere, select, yes {this machine on port {port} (it listens on every interface)} other {{address}}} can {what, select, cache {pull through it from {upstream}} cacheWithLogin {pull through it from {upstream} with {upstreamUser}’s upstream login} delete {push, pull and delete images} other {push and pull images}}. Add a user with Users… on its card to ask for a login.',
  },
  noteStorageReused: {
    id: 'servers.created.noteStorageReused',
    defaultMessage:
      '{isKept, select, yes {Reusing the images already in {folder} (kept when an earlier {name} was removed).} other {Reusing the images already in {folder}.}}',
  },
  noteUpstreamPassword: {
    id: 'servers.created.noteUpstreamPassword',
    defaultMessage:
      'The upstream password is not in the keychain ({error}); only {name}’s private config.yml holds it.',
  },
  noteNotSaved: { id: 'servers.created.noteNotSaved', defaultMessage: 'Not saved as a connection: {error}' },
  notePassword: {
    id: 'servers.created.notePassword',
    defaultMessage:
      '{user}’s password is not in the keychain ({error}): give it to the connection {name} (Registries → Edit connection) once the keychain works.',
  },
});

export const trust = defineMessages({
  working: { id: 'servers.trust.working', defaultMessage: 'Working out what the local engine needs…' },
  copyCommand: { id: 'servers.trust.copyCommand', defaultMessage: 'Copy the command' },
  alreadyDone: { id: 'servers.trust.alreadyDone', defaultMessage: 'Already done: nothing to change.' },
  linesToAdd: { id: 'servers.trust.linesToAdd', defaultMessage: 'Lines to add to {file}' },
  copyLines: { id: 'servers.trust.copyLines', defaultMessage: 'Copy the lines' },
  checkAgain: { id: 'servers.trust.checkAgain', defaultMessage: 'Check again' },
  busy: { id: 'servers.trust.busy', defaultMessage: 'Working…' },
  installCa: { id: 'servers.trust.installCa', defaultMessage: 'Install the CA in {target}' },
  addInsecure: { id: 'servers.trust.addInsecure', defaultMessage: 'Add {host} to insecure-registries' },
  title: { id: 'servers.trust.title', defaultMessage: 'Make {engine} trust {name}' },
  explainLoopback: {
    id: 'servers.trust.explainLoopback',
    defaultMessage:
      'Docker on this machine reaches {host} as it is: {loopback} is a loopback address, which Docker always treats as an insecure registry (127.0.0.0/8, ::1), so it {tls, select, none {falls back to plain HTTP} other {accepts the certificate without checking it and never reads certs.d for it}}. Nothing needs to change.',
  },
  explainInsecure: {
    id: 'servers.trust.explainInsecure',
    defaultMessage:
      '{name} speaks plain HTTP, so Docker refuses {host} (“server gave HTTP response to HTTPS client”) unless {host} — with its port — is in insecure-registries in {target}; the daemon must then be reloaded.',
  },
  explainCertsD: {
    id: 'servers.trust.explainCertsD',
    defaultMessage:
      '{name} speaks HTTPS with a certificate from {tls, select, selfSigned {its own new CA} other {the certificate you gave}}, so Docker refuses {host} (“x509: certificate signed by unknown authority”) until that CA is in {caFile}; no insecure-registries entry is needed.',
  },
  explainPodmanConf: {
    id: 'servers.trust.explainPodmanConf',
    defaultMessage:
      '{name} speaks plain HTTP, so Podman refuses {host} unless registries.conf has an entry for it with insecure = true. Add the lines below to {target} (as its owner) — Podman reads the file at every pull and push, so nothing needs restarting.',
  },
  explainPodmanCertsD: {
    id: 'servers.trust.explainPodmanCertsD',
    defaultMessage:
      '{name} speaks HTTPS with a certificate from {tls, select, selfSigned {its own new CA} other {the certificate you gave}}, so Podman refuses {host} (“x509: certificate signed by unknown authority”) until that CA is in {caFile}. Podman reads it at every pull and push: nothing needs restarting.',
  },
});

export const garbage = defineMessages({
  title: { id: 'servers.gc.title', defaultMessage: 'Collect garbage in {name}' },
  busy: {
    id: 'servers.gc.busy',
    defaultMessage:
      'Garbage collection is running: closing now would leave the registry read-only until it ends.',
  },
  intro: {
    id: 'servers.gc.intro',
    defaultMessage:
      'Deleting a tag or an image removes only the image’s description; its layers stay on disk until garbage collection deletes the layers and configs no image refers to any more.',
  },
  introRunning: {
    id: 'servers.gc.introRunning',
    defaultMessage:
      'Deleting a tag or an image removes only the image’s description; its layers stay on disk until garbage collection deletes the layers and configs no image refers to any more. It must not take pushes meanwhile: Berth restarts it read-only for the collection (pulls keep working) and writable after it.',
  },
  deleteUntagged: {
    id: 'servers.gc.deleteUntagged',
    defaultMessage: 'Also delete images no tag points to (and then their layers)',
  },
  dryRun: { id: 'servers.gc.dryRun', defaultMessage: 'Dry run' },
  wouldDelete: {
    id: 'servers.gc.wouldDelete',
    defaultMessage:
      '{files, plural, one {# unused file} other {# unused files}} (layers, configs, image descriptions) and {untagged, plural, one {# untagged image} other {# untagged images}} would be deleted; the storage holds {size}.',
  },
  nothingToDelete: {
    id: 'servers.gc.nothingToDelete',
    defaultMessage: 'Nothing to delete; the storage holds {size}.',
  },
  printed: { id: 'servers.gc.printed', defaultMessage: 'What garbage-collect printed' },
  result: { id: 'servers.gc.result', defaultMessage: 'Result' },
  collected: { id: 'servers.gc.collected', defaultMessage: 'Collected' },
  reclaimed: {
    id: 'servers.gc.reclaimed',
    defaultMessage: 'Reclaimed {reclaimed}: the storage went from {before} to {after}.',
  },
  readOnly: {
    id: 'servers.gc.readOnly',
    defaultMessage: '{name} served pulls read-only during the collection and takes pushes again.',
  },
  looking: { id: 'servers.gc.looking', defaultMessage: 'Looking…' },
  dryRunAgain: { id: 'servers.gc.dryRunAgain', defaultMessage: 'Dry run again' },
  collecting: { id: 'servers.gc.collecting', defaultMessage: 'Collecting…' },
  collect: { id: 'servers.gc.collect', defaultMessage: 'Collect garbage' },
});

export const logs = defineMessages({
  title: { id: 'servers.logs.title', defaultMessage: 'Logs of {name}' },
  /** Around the number of lines to show: "Last [100] lines". */
  last: { id: 'servers.logs.last', defaultMessage: 'Last' },
  lines: { id: 'servers.logs.lines', defaultMessage: 'lines' },
  linesToShow: { id: 'servers.logs.linesToShow', defaultMessage: 'Lines to show' },
  search: { id: 'servers.logs.search', defaultMessage: 'Search the log' },
  matching: {
    id: 'servers.logs.matching',
    defaultMessage: '{found} of {total} lines match',
  },
  following: {
    id: 'servers.logs.following',
    defaultMessage: '{total} lines · new lines appear as the registry writes them',
  },
  reading: { id: 'servers.logs.reading', defaultMessage: 'Reading the log…' },
  empty: {
    id: 'servers.logs.empty',
    defaultMessage: 'The log is empty: the registry has not written anything yet.',
  },
  noMatch: { id: 'servers.logs.noMatch', defaultMessage: 'No line contains “{query}”.' },
  log: { id: 'servers.logs.log', defaultMessage: 'Log' },
});

export const mirror = defineMessages({
  title: { id: 'servers.mirror.title', defaultMessage: 'Use {name} as a mirror' },
  working: { id: 'servers.mirror.working', defaultMessage: 'Working out the mirror entries…' },
  copyPull: { id: 'servers.mirror.copyPull', defaultMessage: 'Copy the pull command' },
  podman: {
    id: 'servers.mirror.podman',
    defaultMessage:
      'Podman uses a mirror for any registry. Add these lines to <code>{file}</code> (as its owner): Podman reads the file at every pull, so nothing needs restarting.',
  },
  explainHub: {
    id: 'servers.mirror.explainHub',
    defaultMessage:
      "Docker uses registry-mirrors for Docker Hub images only: once {url} is in daemon.json's registry-mirrors and dockerd has reloaded it, pulls of docker.io images (alpine, library/…, team/app on Docker Hub) go to {name} first, and to Docker Hub when it does not answer. Pushes and logins still go to Docker Hub.",
  },
  explainOther: {
    id: 'servers.mirror.explainOther',
    defaultMessage:
      'Docker uses registry-mirrors for Docker Hub images only, and {name} caches {upstream}: Docker would never ask it for {upstreamHost} images. Pull through it by its own name instead: {pull} fetches {image} and keeps it.',
  },
  readingDaemon: { id: 'servers.mirror.readingDaemon', defaultMessage: 'Reading daemon.json…' },
  engineIsPodman: {
    id: 'servers.mirror.engineIsPodman',
    defaultMessage: 'The local engine is Podman, which never reads daemon.json: use the Podman lines below.',
  },
  invalidJson: {
    id: 'servers.mirror.invalidJson',
    defaultMessage: 'daemon.json is not valid JSON: fix it on the Docker daemon page first, then come back.',
  },
  listed: {
    id: 'servers.mirror.listed',
    defaultMessage:
      'daemon.json lists {url} in registry-mirrors. Apply below if dockerd does not report it yet.',
  },
  adds: {
    id: 'servers.mirror.adds',
    defaultMessage: 'Adds <code>{url}</code> to registry-mirrors, after the ones already there.',
  },
});

export const remove = defineMessages({
  title: { id: 'servers.remove.title', defaultMessage: 'Remove {name}?' },
  unreadable: {
    id: 'servers.remove.unreadable',
    defaultMessage:
      'Berth stops what it finds running as <b>{name}</b> and deletes its folder {folder}. Its server.json cannot be read, so a saved connection, a keychain entry and a storage folder elsewhere stay for you to remove.',
  },
  readable: {
    id: 'servers.remove.readable',
    defaultMessage:
      'Berth stops <b>{name}</b>, deletes its configuration, certificates and users, and forgets its saved connection and keychain entry.',
  },
  deleteData: {
    id: 'servers.remove.deleteData',
    defaultMessage: 'Also delete the stored images in {folder}',
  },
  keepData: { id: 'servers.remove.keepData', defaultMessage: 'The stored images stay in {folder}.' },
  removing: { id: 'servers.remove.removing', defaultMessage: 'Removing…' },
});

export const users = defineMessages({
  title: { id: 'servers.users.title', defaultMessage: 'Users of {name}' },
  busy: {
    id: 'servers.users.busy',
    defaultMessage: '{name} is being changed and restarted: wait for it to finish.',
  },
  note: {
    id: 'servers.users.note',
    defaultMessage:
      'Distribution reads its users when it starts: after a change Berth restarts a running registry, which interrupts pushes and pulls in flight.',
  },
  none: { id: 'servers.users.none', defaultMessage: 'No users: this registry asks for no login.' },
  list: { id: 'servers.users.list', defaultMessage: 'Users' },
  newPasswordFor: { id: 'servers.users.newPasswordFor', defaultMessage: 'New password for {user}' },
  newPasswordPlaceholder: {
    id: 'servers.users.newPasswordPlaceholder',
    defaultMessage: 'New password, at least 8 characters',
  },
  saving: { id: 'servers.users.saving', defaultMessage: 'Saving…' },
  changePasswordOf: { id: 'servers.users.changePasswordOf', defaultMessage: 'Change {user}’s password' },
  changePassword: { id: 'servers.users.changePassword', defaultMessage: 'Change password' },
  removeUser: { id: 'servers.users.removeUser', defaultMessage: 'Remove {user}' },
  removing: { id: 'servers.users.removing', defaultMessage: 'Removing…' },
  addUserForm: { id: 'servers.users.addUserForm', defaultMessage: 'Add a user' },
  newUser: { id: 'servers.users.newUser', defaultMessage: 'New user' },
  adding: { id: 'servers.users.adding', defaultMessage: 'Adding…' },
  addUser: { id: 'servers.users.addUser', defaultMessage: 'Add user' },
  password: { id: 'servers.users.password', defaultMessage: 'Password' },
  passwordPlaceholder: { id: 'servers.users.passwordPlaceholder', defaultMessage: 'at least 8 characters' },
  /** After a change: `{change}` added, removed or password. */
  changed: {
    id: 'servers.users.changed',
    defaultMessage:
      '{change, select, added {{user} added;} removed {{user} removed;} other {{user}’s password changed;}} {restarted, select, yes {{server} restarted to read its users again.} other {{server} reads it when it next starts.}}',
  },
});
