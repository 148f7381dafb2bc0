// The Docker daemon page's words: daemon.json's registry lists, the save dialog, backups, the engine check,
// and Podman's registries.conf. Names of keys (insecure-registries), files and commands stay as written.
import { defineMessages } from '../../i18n/index.js';

export const page = defineMessages({
  titleDocker: { id: 'daemon.titleDocker', defaultMessage: 'Docker daemon' },
  titlePodman: { id: 'daemon.titlePodman', defaultMessage: 'Podman registries' },
  reload: { id: 'daemon.reload', defaultMessage: 'Reload' },
  reading: { id: 'daemon.reading', defaultMessage: 'Reading the engine’s settings…' },
  tabRegistries: { id: 'daemon.tabRegistries', defaultMessage: 'Registries' },
  tabRaw: { id: 'daemon.tabRaw', defaultMessage: 'Raw JSON' },
  tabBackups: { id: 'daemon.tabBackups', defaultMessage: 'Backups' },
  fileInUse: { id: 'daemon.fileInUse', defaultMessage: 'File in use' },
  onDisk: { id: 'daemon.onDisk', defaultMessage: 'On disk' },
  onDiskMissing: { id: 'daemon.onDiskMissing', defaultMessage: 'does not exist yet (saving creates it)' },
  onDiskInvalid: { id: 'daemon.onDiskInvalid', defaultMessage: 'not valid JSON' },
  onDiskWritable: { id: 'daemon.onDiskWritable', defaultMessage: 'exists, writable' },
  onDiskNeedsAdmin: { id: 'daemon.onDiskNeedsAdmin', defaultMessage: 'exists, needs administrator rights' },
  engine: { id: 'daemon.engine', defaultMessage: 'Engine' },
  /** `{host}` the engine address, `{flavour}` rootful, rootless, desktop or windows (as written). */
  engineHost: { id: 'daemon.engineHost', defaultMessage: '{host} ({flavour})' },
  engineNotAnswering: { id: 'daemon.engineNotAnswering', defaultMessage: ' — not answering' },
  /** The reason Berth uses this daemon.json, as the main process says it. */
  reasonSentence: { id: 'daemon.reasonSentence', defaultMessage: '{reason}.' },
  invalidLabel: { id: 'daemon.invalidLabel', defaultMessage: 'daemon.json is not valid JSON' },
  listsLocked: {
    id: 'daemon.listsLocked',
    defaultMessage:
      'The lists cannot be edited while the file is not valid JSON. Fix it in the Raw JSON tab or restore a backup.',
  },
  insecureTitle: { id: 'daemon.insecureTitle', defaultMessage: 'Insecure registries' },
  insecureDescription: {
    id: 'daemon.insecureDescription',
    defaultMessage:
      'Registries dockerd reaches over plain HTTP or without checking TLS: host[:port] or a CIDR range.',
  },
  insecurePlaceholder: {
    id: 'daemon.insecurePlaceholder',
    defaultMessage: 'registry.lan:5000 or 10.0.0.0/8',
  },
  mirrorsTitle: { id: 'daemon.mirrorsTitle', defaultMessage: 'Registry mirrors' },
  mirrorsDescription: {
    id: 'daemon.mirrorsDescription',
    defaultMessage:
      'Pull-through caches for Docker Hub, tried in this order. They serve pulls from Docker Hub only.',
  },
  refusedEntries: {
    id: 'daemon.refusedEntries',
    defaultMessage:
      '{count, plural, one {One entry is refused by dockerd: remove or fix it before saving.} other {# entries are refused by dockerd: remove or fix them before saving.}}',
  },
  discardChanges: { id: 'daemon.discardChanges', defaultMessage: 'Discard changes' },
});

export const list = defineMessages({
  none: { id: 'daemon.listNone', defaultMessage: 'None.' },
  refusedLabel: { id: 'daemon.refusedLabel', defaultMessage: '{entry}, refused by dockerd' },
  readsAs: { id: 'daemon.readsAs', defaultMessage: ' dockerd reads {value}' },
  moveUp: { id: 'daemon.moveUp', defaultMessage: 'Move {entry} up' },
  moveDown: { id: 'daemon.moveDown', defaultMessage: 'Move {entry} down' },
  removeEntry: { id: 'daemon.removeEntry', defaultMessage: 'Remove {entry}' },
  addTo: { id: 'daemon.addTo', defaultMessage: 'Add to {title}' },
  newMirror: { id: 'daemon.newMirror', defaultMessage: 'New mirror' },
  newInsecure: { id: 'daemon.newInsecure', defaultMessage: 'New insecure registry' },
  checking: { id: 'daemon.checking', defaultMessage: 'Checking…' },
  duplicate: { id: 'daemon.duplicate', defaultMessage: '{value} is already in the list.' },
  accepts: { id: 'daemon.accepts', defaultMessage: 'dockerd accepts it' },
  /** After “dockerd accepts it”: `{value}` what dockerd reads, when that differs from what was typed. */
  acceptsAs: { id: 'daemon.acceptsAs', defaultMessage: ' as {value}' },
  acceptsEnd: { id: 'daemon.acceptsEnd', defaultMessage: '.' },
});

export const save = defineMessages({
  /** `{hasBackup}` yes or no; `{backup}` the backup's path. */
  saved: {
    id: 'daemon.saved',
    defaultMessage:
      'Saved {file}.{hasBackup, select, yes { The previous file is kept as {backup}.} other {}} Apply to make dockerd use it.',
  },
  notWritten: { id: 'daemon.notWritten', defaultMessage: 'Not written: administrator rights are needed.' },
  staged: {
    id: 'daemon.staged',
    defaultMessage:
      'Berth wrote the new content to <code>{staged}</code>. This command copies the current file to the backup, then that staged file over {file} — it is all that runs. Run it in a terminal:',
  },
  copyCommand: { id: 'daemon.copyCommand', defaultMessage: 'Copy the command' },
  otherSettings: {
    id: 'daemon.otherSettings',
    defaultMessage:
      'This also changes {count, plural, one {a setting} other {# settings}} besides the registry lists',
  },
  otherSettingsList: { id: 'daemon.otherSettingsList', defaultMessage: 'Other settings this save changes' },
  otherSettingsWhy: {
    id: 'daemon.otherSettingsWhy',
    defaultMessage:
      'These change how dockerd runs, not only which registries it trusts. Some (such as runtimes, hosts or authorization-plugins) make dockerd start programs as root. Save them only if you wrote them and mean them.',
  },
  otherSettingsConfirm: {
    id: 'daemon.otherSettingsConfirm',
    defaultMessage:
      '{count, plural, one {Change this dockerd setting too} other {Change these dockerd settings too}}',
  },
  reviewTitle: { id: 'daemon.reviewTitle', defaultMessage: 'Review changes to daemon.json' },
  savingBusy: {
    id: 'daemon.savingBusy',
    defaultMessage: 'daemon.json is being saved: this shows the outcome once it is written.',
  },
  preparing: { id: 'daemon.preparing', defaultMessage: 'Preparing the diff…' },
  nothingToChange: {
    id: 'daemon.nothingToChange',
    defaultMessage: 'Nothing to change: the file already says this.',
  },
  diffLabel: { id: 'daemon.diffLabel', defaultMessage: 'Changes to daemon.json' },
  wouldRefuse: { id: 'daemon.wouldRefuse', defaultMessage: 'dockerd would refuse this file:' },
  replacesInvalid: {
    id: 'daemon.replacesInvalid',
    defaultMessage:
      'The file on disk is not valid JSON. Saving replaces all of it with this text; a backup of the invalid file is kept.',
  },
  nothingToSave: {
    id: 'daemon.nothingToSave',
    defaultMessage: 'Nothing to save: the file already says this.',
  },
  fixProblemsFirst: {
    id: 'daemon.fixProblemsFirst',
    defaultMessage: 'dockerd would refuse this file: fix the problems listed above first.',
  },
  confirmFirst: {
    id: 'daemon.confirmFirst',
    defaultMessage: 'Confirm the change to the other settings above first.',
  },
  saving: { id: 'daemon.saving', defaultMessage: 'Saving…' },
  replaceInvalid: { id: 'daemon.replaceInvalid', defaultMessage: 'Replace the invalid file' },
  saveWithBackup: { id: 'daemon.saveWithBackup', defaultMessage: 'Save with backup' },
  reviewAndSave: { id: 'daemon.reviewAndSave', defaultMessage: 'Review and save…' },
});

export const backups = defineMessages({
  none: {
    id: 'daemon.backupsNone',
    defaultMessage: 'No backups yet. Berth keeps one beside the file each time it saves or restores it.',
  },
  region: { id: 'daemon.backupsRegion', defaultMessage: 'Backups' },
  table: { id: 'daemon.backupsTable', defaultMessage: 'Backups of daemon.json' },
  saved: { id: 'daemon.backupSaved', defaultMessage: 'Saved' },
  file: { id: 'daemon.backupFile', defaultMessage: 'File' },
  actions: { id: 'daemon.backupActions', defaultMessage: 'Actions' },
  preview: { id: 'daemon.backupPreview', defaultMessage: 'Preview' },
  previewLabel: { id: 'daemon.backupPreviewLabel', defaultMessage: 'Preview {name}' },
  restore: { id: 'daemon.backupRestore', defaultMessage: 'Restore…' },
  restoreLabel: { id: 'daemon.backupRestoreLabel', defaultMessage: 'Restore {name}' },
  wouldChange: { id: 'daemon.backupWouldChange', defaultMessage: 'What restoring {name} would change' },
  reading: { id: 'daemon.backupReading', defaultMessage: 'Reading the backup…' },
  differences: {
    id: 'daemon.backupDifferences',
    defaultMessage: 'Differences between daemon.json and {name}',
  },
  same: { id: 'daemon.backupSame', defaultMessage: 'The backup is the same as the file.' },
  restoreTitle: { id: 'daemon.restoreTitle', defaultMessage: 'Restore {name}' },
  restoringBusy: {
    id: 'daemon.restoringBusy',
    defaultMessage: 'The backup is being restored: this shows the outcome once it is written.',
  },
  restoreExplained: {
    id: 'daemon.restoreExplained',
    defaultMessage:
      'The backup from {time} replaces {file}; the file as it is now is backed up first. Apply afterwards to make dockerd use it.',
  },
  restoreChanges: { id: 'daemon.restoreChanges', defaultMessage: 'Changes the restore makes' },
  restoring: { id: 'daemon.restoring', defaultMessage: 'Restoring…' },
  restoreThis: { id: 'daemon.restoreThis', defaultMessage: 'Restore this backup' },
});

export const engine = defineMessages({
  unknown: { id: 'daemon.valueUnknown', defaultMessage: 'unknown' },
  none: { id: 'daemon.valueNone', defaultMessage: 'none' },
  heading: { id: 'daemon.engineHeading', defaultMessage: 'The running engine' },
  noDockerd: {
    id: 'daemon.noDockerd',
    defaultMessage: 'Apply needs a running dockerd: none answers at {host}.',
  },
  notLocal: {
    id: 'daemon.notLocal',
    defaultMessage:
      'Apply reloads only a dockerd on this machine, reached through its socket; {host} is not one.',
  },
  reloading: { id: 'daemon.reloading', defaultMessage: 'Reloading…' },
  apply: { id: 'daemon.apply', defaultMessage: 'Apply (reload dockerd)' },
  noEngine: { id: 'daemon.noEngine', defaultMessage: 'no engine' },
  /** `{where}` the engine address or “no engine”; `{version}` dockerd’s version or empty. */
  checkedWith: {
    id: 'daemon.checkedWith',
    defaultMessage:
      '{where}{version, select, none {} other { · dockerd {version}}} · checked with dockerd’s {rules, select, legacy {pre-23 rules} other {current rules}}. insecure-registries and registry-mirrors reload without a restart.',
  },
  noEngineNote: {
    id: 'daemon.noEngineNote',
    defaultMessage:
      'No Docker engine answers, so Berth cannot reload it or read what it uses now. You can still edit and save daemon.json: dockerd reads it when it starts. Start dockerd, then press Reload.',
  },
  unsaved: {
    id: 'daemon.unsaved',
    defaultMessage: 'Apply reloads the file as saved: review and save your changes first.',
  },
  compared: { id: 'daemon.compared', defaultMessage: 'File and engine compared' },
  setting: { id: 'daemon.setting', defaultMessage: 'Setting' },
  fileSays: { id: 'daemon.fileSays', defaultMessage: 'daemon.json says (saved)' },
  engineReports: { id: 'daemon.engineReports', defaultMessage: 'Engine reports' },
  match: { id: 'daemon.match', defaultMessage: 'Match' },
  matches: { id: 'daemon.matches', defaultMessage: 'matches' },
  differs: { id: 'daemon.differs', defaultMessage: 'differs' },
  rowCidrs: { id: 'daemon.rowCidrs', defaultMessage: 'Insecure ranges (CIDR)' },
  rowHosts: { id: 'daemon.rowHosts', defaultMessage: 'Insecure registries (hosts)' },
  rowMirrors: { id: 'daemon.rowMirrors', defaultMessage: 'Registry mirrors (in order)' },
  mirrorTest: { id: 'daemon.mirrorTest', defaultMessage: 'Mirror test' },
  testing: { id: 'daemon.testing', defaultMessage: 'Testing…' },
  testMirrors: { id: 'daemon.testMirrors', defaultMessage: 'Test mirrors' },
  noMirrors: { id: 'daemon.noMirrors', defaultMessage: 'No mirrors to test.' },
  testingNote: { id: 'daemon.testingNote', defaultMessage: 'Testing; the test also shows in Transfers.' },
  results: { id: 'daemon.results', defaultMessage: 'Mirror test results' },
  mirror: { id: 'daemon.mirror', defaultMessage: 'Mirror' },
  result: { id: 'daemon.result', defaultMessage: 'Result' },
  latency: { id: 'daemon.latency', defaultMessage: 'Latency' },
  tls: { id: 'daemon.tls', defaultMessage: 'TLS' },
  reachable: {
    id: 'daemon.reachable',
    defaultMessage: 'reachable (HTTP {status}{apiVersion, select, none {} other {, {apiVersion}}})',
  },
  milliseconds: { id: 'daemon.milliseconds', defaultMessage: '{ms} ms' },
  tlsValid: { id: 'daemon.tlsValid', defaultMessage: 'valid' },
  tlsPlain: { id: 'daemon.tlsPlain', defaultMessage: 'plain HTTP' },
  tlsFailed: { id: 'daemon.tlsFailed', defaultMessage: 'failed' },
});

export const raw = defineMessages({
  region: { id: 'daemon.rawRegion', defaultMessage: 'Raw JSON' },
  position: { id: 'daemon.position', defaultMessage: 'Line {line}, column {column}' },
  lineOfFile: { id: 'daemon.lineOfFile', defaultMessage: 'Line {line} of the file' },
  asOnDisk: {
    id: 'daemon.asOnDisk',
    defaultMessage:
      'This is the file as it is on disk, with the error shown above. Correct it here, then review and save: that replaces the invalid file (a backup of it is kept).',
  },
  checking: { id: 'daemon.rawChecking', defaultMessage: 'Checking…' },
  noProblem: {
    id: 'daemon.noProblem',
    defaultMessage:
      'No problem found for {against}: every key is one it knows, each value has the type it expects, and the registry lists follow its rules. Other values (drivers, paths, addresses) dockerd checks only as it starts.',
  },
  notChecked: { id: 'daemon.notChecked', defaultMessage: 'Not checked:' },
  notCheckedList: { id: 'daemon.notCheckedList', defaultMessage: 'Not checked' },
  discardEdits: { id: 'daemon.discardEdits', defaultMessage: 'Discard edits' },
});

export const podman = defineMessages({
  engine: { id: 'daemon.podmanEngine', defaultMessage: 'Engine' },
  /** `{version}` Podman's version or `none`; `{mode}` rootless, rootful or unknown. */
  engineValue: {
    id: 'daemon.podmanEngineValue',
    defaultMessage:
      'Podman{version, select, none {} other { {version}}}{mode, select, rootless { (rootless)} rootful { (rootful)} other {}}',
  },
  address: { id: 'daemon.podmanAddress', defaultMessage: 'Address' },
  readFrom: { id: 'daemon.podmanReadFrom', defaultMessage: 'Settings read from' },
  noFiles: {
    id: 'daemon.podmanNoFiles',
    defaultMessage: 'no registries.conf: Podman uses its built-in defaults',
  },
  about: {
    id: 'daemon.podmanAbout',
    defaultMessage:
      'Podman keeps its registry settings in <code>registries.conf</code>, not in dockerd’s daemon.json: the system file <code>/etc/containers/registries.conf</code> with the drop-ins in <code>registries.conf.d/</code>, or a user’s own <code>~/.config/containers/registries.conf</code>. Berth read the files listed above: {reason}. It shows them read-only; edit them in a text editor. Podman reads them again at every pull and push, so there is nothing to reload.',
  },
  problemIn: { id: 'daemon.podmanProblemIn', defaultMessage: 'Problem in {file}' },
  problem: {
    id: 'daemon.podmanProblem',
    defaultMessage: '{line, select, none {{file}: {message}.} other {{file}, line {line}: {message}.}}',
  },
  problemHint: {
    id: 'daemon.podmanProblemHint',
    defaultMessage:
      'Podman refuses to pull or push until this is fixed: correct the file in a text editor, then press Reload.',
  },
  registriesHeading: {
    id: 'daemon.podmanRegistriesHeading',
    defaultMessage: 'Registries in registries.conf',
  },
  shortNames: {
    id: 'daemon.podmanShortNames',
    defaultMessage: 'Short names such as <code>alpine</code> are looked up in: {where}.',
  },
  nowhere: { id: 'daemon.podmanNowhere', defaultMessage: 'nowhere (a full name is needed)' },
  cannotList: {
    id: 'daemon.podmanCannotList',
    defaultMessage: 'The entries cannot be listed until the file above is fixed.',
  },
  noEntries: {
    id: 'daemon.podmanNoEntries',
    defaultMessage:
      'No [[registry]] entries: every registry is reached over HTTPS with its certificate checked, and without mirrors.',
  },
  table: { id: 'daemon.podmanTable', defaultMessage: 'Podman registries' },
  registry: { id: 'daemon.podmanRegistry', defaultMessage: 'Registry' },
  insecure: { id: 'daemon.podmanInsecure', defaultMessage: 'Insecure' },
  blocked: { id: 'daemon.podmanBlocked', defaultMessage: 'Blocked' },
  mirrors: { id: 'daemon.podmanMirrors', defaultMessage: 'Mirrors' },
  reports: { id: 'daemon.podmanReports', defaultMessage: 'Podman reports' },
  from: { id: 'daemon.podmanFrom', defaultMessage: ' from <code>{location}</code>' },
  insecureYes: { id: 'daemon.podmanInsecureYes', defaultMessage: 'yes — plain HTTP or unchecked TLS' },
  blockedYes: { id: 'daemon.podmanBlockedYes', defaultMessage: 'yes — pulls refused' },
  no: { id: 'daemon.podmanNo', defaultMessage: 'no' },
  none: { id: 'daemon.podmanNone', defaultMessage: 'none' },
  mirrorInsecure: { id: 'daemon.podmanMirrorInsecure', defaultMessage: ' (insecure)' },
  same: { id: 'daemon.podmanSame', defaultMessage: 'the same' },
  notListed: { id: 'daemon.podmanNotListed', defaultMessage: 'not listed: Podman may read other files' },
  /** What Podman reports instead: `{secure}` yes or no; `{mirrors}` the mirrors, or `none`. */
  reasonEnv: {
    id: 'daemon.podmanReasonEnv',
    defaultMessage: 'the CONTAINERS_REGISTRIES_CONF environment variable names the main file',
  },
  reasonUser: { id: 'daemon.podmanReasonUser', defaultMessage: 'this user’s own file replaces the system’s' },
  reasonSystem: {
    id: 'daemon.podmanReasonSystem',
    defaultMessage: 'this user has no file of their own, so the system’s applies',
  },
  reportsOther: {
    id: 'daemon.podmanReportsOther',
    defaultMessage:
      '{secure, select, yes {TLS checked} other {insecure}}, {mirrors, select, none {no mirrors} other {mirrors {mirrors}}}',
  },
});

/** Why this daemon.json is the one in use (the main process's `reasonCode`). */
export const reasons = defineMessages({
  env: { id: 'daemon.reasonEnv', defaultMessage: 'BERTH_DAEMON_CONFIG names this file' },
  windows: {
    id: 'daemon.reasonWindows',
    defaultMessage: 'Docker Engine on Windows reads %ProgramData%\\docker\\config\\daemon.json',
  },
  desktop: {
    id: 'daemon.reasonDesktop',
    defaultMessage:
      'Docker Desktop applies ~/.docker/daemon.json to its engine (restart it from Docker Desktop)',
  },
  rootless: {
    id: 'daemon.reasonRootless',
    defaultMessage: 'rootless dockerd reads $XDG_CONFIG_HOME/docker/daemon.json',
  },
  rootful: { id: 'daemon.reasonRootful', defaultMessage: 'dockerd on Linux reads /etc/docker/daemon.json' },
  invalidHint: {
    id: 'daemon.invalidHint',
    defaultMessage:
      'dockerd will refuse to start with this file. Fix it in the raw JSON tab or restore a backup; Berth will not write over it unless you say so.',
  },
});

/** What the daemon.json editor in the main process says (electron/core/daemon-config/phrases.ts), by key. */
export const said = defineMessages({
  hyphen: {
    id: 'daemon.said.hyphen',
    defaultMessage: 'invalid index name ({entry}). Cannot begin or end with a hyphen',
  },
  noScheme: {
    id: 'daemon.said.noScheme',
    defaultMessage: "insecure registry {entry} should not contain '://'",
  },
  schemeDropped: {
    id: 'daemon.said.schemeDropped',
    defaultMessage: '"{entry}": dockerd drops the {scheme}:// and reads {value}',
  },
  noPath: {
    id: 'daemon.said.noPath',
    defaultMessage:
      'insecure registry {entry} is not valid: only a host and port go here, without a path or a trailing "/" — write {bare}',
  },
  notValid: {
    id: 'daemon.said.notValid',
    defaultMessage: 'insecure registry {entry} is not valid: {problem}',
  },
  notHost: { id: 'daemon.said.notHost', defaultMessage: '"{host}" is not a host name or IP address' },
  notPort: { id: 'daemon.said.notPort', defaultMessage: '"{port}" is not a port number' },
  portRange: { id: 'daemon.said.portRange', defaultMessage: 'port {port} is out of range (0 to 65535)' },
  mirrorNoScheme: {
    id: 'daemon.said.mirrorNoScheme',
    defaultMessage:
      "invalid mirror: no scheme specified for \"{entry}\": must use either 'https://' or 'http://'",
  },
  mirrorNotUri: {
    id: 'daemon.said.mirrorNotUri',
    defaultMessage: 'invalid mirror: "{entry}" is not a valid URI',
  },
  mirrorScheme: {
    id: 'daemon.said.mirrorScheme',
    defaultMessage: 'invalid mirror: unsupported scheme "{scheme}" in "{entry}"',
  },
  mirrorQuery: {
    id: 'daemon.said.mirrorQuery',
    defaultMessage: 'invalid mirror: query or fragment at end of the URI "{entry}"',
  },
  mirrorUserinfo: {
    id: 'daemon.said.mirrorUserinfo',
    defaultMessage: 'invalid mirror: username/password not allowed in URI "{entry}"',
  },
  mirrorPath: {
    id: 'daemon.said.mirrorPath',
    defaultMessage: 'invalid mirror: path, query, or fragment at end of the URI "{entry}"',
  },
  alreadyIn: { id: 'daemon.said.alreadyIn', defaultMessage: '{value} is already in {key}.' },
  mirrorsHubOnly: {
    id: 'daemon.said.mirrorsHubOnly',
    defaultMessage: 'Mirrors serve only pulls from Docker Hub: never pushes, never other registries.',
  },
  portless: {
    id: 'daemon.said.portless',
    defaultMessage: 'An entry without a port covers only {host} itself: {host}:5000 needs its own entry.',
  },
  loopback: {
    id: 'daemon.said.loopback',
    defaultMessage: '127.0.0.0/8 (and ::1) are always insecure: registries on localhost need no entry.',
  },
  emptied: {
    id: 'daemon.said.emptied',
    defaultMessage:
      'The list is written as "{key}": [] — a key missing from the file would not be cleared on reload.',
  },
  notJson: {
    id: 'daemon.said.notJson',
    defaultMessage: '{file} is not valid JSON: {mistake} (line {line}, column {column})',
  },
  jsonListOfStrings: {
    id: 'daemon.said.jsonListOfStrings',
    defaultMessage: '"{key}" must be a list of strings',
  },
  jsonTopLevel: { id: 'daemon.said.jsonTopLevel', defaultMessage: 'the top level must be a JSON object' },
  jsonNotJson: { id: 'daemon.said.jsonNotJson', defaultMessage: 'the text is not JSON' },
  jsonInvalidSymbol: {
    id: 'daemon.said.jsonInvalidSymbol',
    defaultMessage: 'there is a character JSON does not allow here',
  },
  jsonInvalidNumberFormat: {
    id: 'daemon.said.jsonInvalidNumberFormat',
    defaultMessage: 'a number is written in a way JSON does not allow',
  },
  jsonPropertyNameExpected: {
    id: 'daemon.said.jsonPropertyNameExpected',
    defaultMessage: 'a key in double quotes is missing, or a comma is left before a "{brace}"',
  },
  jsonValueExpected: {
    id: 'daemon.said.jsonValueExpected',
    defaultMessage: 'a value is missing, or a comma is left before a "{bracket}" or "{brace}"',
  },
  jsonColonExpected: {
    id: 'daemon.said.jsonColonExpected',
    defaultMessage: 'a colon is missing after a key',
  },
  jsonCommaExpected: {
    id: 'daemon.said.jsonCommaExpected',
    defaultMessage: 'a comma is missing between two entries',
  },
  jsonCloseBraceExpected: {
    id: 'daemon.said.jsonCloseBraceExpected',
    defaultMessage: 'a closing "{brace}" is missing',
  },
  jsonCloseBracketExpected: {
    id: 'daemon.said.jsonCloseBracketExpected',
    defaultMessage: 'a closing "{bracket}" is missing',
  },
  jsonEndOfFileExpected: {
    id: 'daemon.said.jsonEndOfFileExpected',
    defaultMessage: 'there is more text after the closing "{brace}"',
  },
  jsonInvalidCommentToken: {
    id: 'daemon.said.jsonInvalidCommentToken',
    defaultMessage: 'there is a comment, and daemon.json allows none',
  },
  jsonUnexpectedEndOfComment: {
    id: 'daemon.said.jsonUnexpectedEndOfComment',
    defaultMessage: 'a comment never ends',
  },
  jsonUnexpectedEndOfString: {
    id: 'daemon.said.jsonUnexpectedEndOfString',
    defaultMessage: 'a string has no closing quote',
  },
  jsonUnexpectedEndOfNumber: {
    id: 'daemon.said.jsonUnexpectedEndOfNumber',
    defaultMessage: 'a number is cut off',
  },
  jsonInvalidUnicode: {
    id: 'daemon.said.jsonInvalidUnicode',
    defaultMessage: 'a \\u escape is not followed by four hex digits',
  },
  jsonInvalidEscapeCharacter: {
    id: 'daemon.said.jsonInvalidEscapeCharacter',
    defaultMessage: 'a backslash escape is one JSON does not know',
  },
  jsonInvalidCharacter: {
    id: 'daemon.said.jsonInvalidCharacter',
    defaultMessage: 'a string holds a raw tab or line break (write \\t or \\n)',
  },
});
