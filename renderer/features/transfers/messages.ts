// The Transfers page's words: the job cards and their numbers (job-math.ts), and the copy, sync, save and load
// dialogs. The Chinese is in renderer/i18n/zh-CN/transfers.json.
import { defineMessages } from '../../i18n/index.js';

export const page = defineMessages({
  title: { id: 'transfers.title', defaultMessage: 'Transfers' },
  running: { id: 'transfers.running', defaultMessage: '{count} running' },
  nothingRunning: { id: 'transfers.nothingRunning', defaultMessage: 'Nothing running' },
  clearFinished: { id: 'transfers.clearFinished', defaultMessage: 'Clear finished' },
  noFinished: { id: 'transfers.noFinished', defaultMessage: 'No finished transfers to clear' },
  loading: { id: 'transfers.loading', defaultMessage: 'Loading transfers…' },
  empty: {
    id: 'transfers.empty',
    defaultMessage:
      'No transfers yet. Open an image under Registries and choose “Copy to…” to copy or promote it to another registry.',
  },
});

export const card = defineMessages({
  /** The card's accessible name: `{status}` is the status word, `{title}` the job's title. */
  cardLabel: { id: 'transfers.cardLabel', defaultMessage: '{status}: {title}' },
  details: { id: 'transfers.details', defaultMessage: 'Details' },
  hideDetails: { id: 'transfers.hideDetails', defaultMessage: 'Hide details' },
  progressOf: { id: 'transfers.progressOf', defaultMessage: 'Progress of {title}' },
  itemsOf: { id: 'transfers.itemsOf', defaultMessage: 'Items of {title}' },
  left: { id: 'transfers.left', defaultMessage: '{eta} left' },
  digest: { id: 'transfers.digest', defaultMessage: 'digest {digest}' },
  started: { id: 'transfers.started', defaultMessage: 'started {when}' },
  finished: { id: 'transfers.finished', defaultMessage: 'finished {when}' },
  lastSeen: { id: 'transfers.lastSeen', defaultMessage: 'last seen {when}' },
  took: { id: 'transfers.took', defaultMessage: 'took {duration}' },
  interrupted: {
    id: 'transfers.interruptedNote',
    defaultMessage: 'Berth stopped while this job was running, so it did not finish.',
  },
  interruptedHint: {
    id: 'transfers.interruptedHint',
    defaultMessage: 'Start it again from the image or repository it was for.',
  },
  cancelledCopy: {
    id: 'transfers.cancelledCopy',
    defaultMessage: 'Cancelled: open uploads were deleted and the destination tag was not written.',
  },
  cancelledSave: { id: 'transfers.cancelledSave', defaultMessage: 'Cancelled: no file was left behind.' },
  cancelledLoad: {
    id: 'transfers.cancelledLoad',
    defaultMessage: 'Cancelled: open uploads were deleted and no tag was written.',
  },
  cancelled: { id: 'transfers.cancelled', defaultMessage: 'Cancelled.' },
  readingSource: { id: 'transfers.readingSource', defaultMessage: 'Reading the source image…' },
  bytesOf: { id: 'transfers.bytesOf', defaultMessage: '{done} of {total}' },
  throughput: { id: 'transfers.throughput', defaultMessage: 'Throughput, peak {rate}' },
});

/** A job's title, made from the kind and the references it names (the core's English title is the fallback). */
export const titles = defineMessages({
  copy: { id: 'transfers.titleCopy', defaultMessage: 'copy {source} → {destination}' },
  copyTags: {
    id: 'transfers.titleCopyTags',
    defaultMessage: 'copy {count, plural, one {# tag} other {# tags}} of {source} → {destination}',
  },
  sync: { id: 'transfers.titleSync', defaultMessage: 'sync {source} → {destination}' },
  pull: { id: 'transfers.titlePull', defaultMessage: 'pull {source}' },
  push: { id: 'transfers.titlePush', defaultMessage: 'push {source}' },
  save: { id: 'transfers.titleSave', defaultMessage: 'save {source} → {destination}' },
  saveImages: {
    id: 'transfers.titleSaveImages',
    defaultMessage: 'save {count, plural, one {# image} other {# images}} → {destination}',
  },
  load: { id: 'transfers.titleLoad', defaultMessage: 'load {source} → {destination}' },
  mirrorTest: { id: 'transfers.titleMirrorTest', defaultMessage: 'mirror test {source}' },
  mirrorTestMany: {
    id: 'transfers.titleMirrorTestMany',
    defaultMessage: 'mirror test of {count, plural, one {# mirror} other {# mirrors}}',
  },
  prune: {
    id: 'transfers.titlePrune',
    defaultMessage: 'clean up {count, plural, one {# tag} other {# tags}} in {source}',
  },
  pruneRule: {
    id: 'transfers.titlePruneRule',
    defaultMessage: 'clean up {count, plural, one {# tag} other {# tags}} in {source} ({rule})',
  },
  storage: { id: 'transfers.titleStorage', defaultMessage: 'storage of {source}' },
});

export const math = defineMessages({
  /** A job's status badge. */
  status: {
    id: 'transfers.status',
    defaultMessage:
      '{status, select, running {Running} succeeded {Done} failed {Failed} cancelled {Cancelled} interrupted {Interrupted} other {{status}}}',
  },
  /** An item's state in the details list. */
  itemState: {
    id: 'transfers.itemState',
    defaultMessage:
      '{state, select, waiting {Waiting} checking {Checking} mounted {Mounted} skipped {Already there} transferring {Transferring} verifying {Verifying} done {Done} failed {Failed} cancelled {Cancelled} interrupted {Interrupted} reachable {Reachable} other {{state}}}',
  },
  /** What happened to counted items, after their number (`3 pushed`, `2 already there`). */
  countWord: {
    id: 'transfers.countWord',
    defaultMessage:
      '{word, select, waiting {waiting} checking {checking} mounted {mounted} skipped {already there} transferring {transferring} verifying {verifying} failed {failed} cancelled {cancelled} interrupted {interrupted} reachable {reachable} pushed {pushed} saved {saved} pulled {pulled} copied {copied} other {{word}}}',
  },
  counted: { id: 'transfers.counted', defaultMessage: '{count} {word}' },
  countedFiles: {
    id: 'transfers.countedFiles',
    defaultMessage: '{count, plural, one {# file} other {# files}} {word}',
  },
  countedLayers: {
    id: 'transfers.countedLayers',
    defaultMessage: '{count, plural, one {# layer} other {# layers}} {word}',
  },
  countedDescriptions: {
    id: 'transfers.countedDescriptions',
    defaultMessage: '{count, plural, one {# image description} other {# image descriptions}} {word}',
  },
  referrers: { id: 'transfers.referrersCounted', defaultMessage: 'signatures and attestations: {counts}' },
  referrersWithFiles: {
    id: 'transfers.referrersCountedFiles',
    defaultMessage: 'signatures and attestations: {counts} (their files: {files})',
  },
  rate: { id: 'transfers.rate', defaultMessage: '{size}/s' },
  seconds: { id: 'transfers.seconds', defaultMessage: '{seconds} s' },
  minutes: { id: 'transfers.minutes', defaultMessage: '{minutes} min {seconds} s' },
  hours: { id: 'transfers.hours', defaultMessage: '{hours} h {minutes} min' },
  milliseconds: { id: 'transfers.milliseconds', defaultMessage: '{milliseconds} ms' },
  justNow: { id: 'transfers.justNow', defaultMessage: 'just now' },
  secondsAgo: { id: 'transfers.secondsAgo', defaultMessage: '{seconds} s ago' },
  minutesAgo: { id: 'transfers.minutesAgo', defaultMessage: '{minutes} min ago' },
  hoursAgo: { id: 'transfers.hoursAgo', defaultMessage: '{hours} h ago' },
  onDate: { id: 'transfers.onDate', defaultMessage: 'on {date}' },
  mirrorsChecked: {
    id: 'transfers.mirrorsChecked',
    defaultMessage: '{done} of {total} mirrors checked',
  },
  tagsDeleted: {
    id: 'transfers.tagsDeleted',
    defaultMessage: '{done} of {total, plural, one {# tag} other {# tags}} deleted',
  },
  listingRepositories: { id: 'transfers.listingRepositories', defaultMessage: 'listing repositories…' },
  nothingCounted: { id: 'transfers.nothingCounted', defaultMessage: 'nothing counted' },
  repositoriesCounted: {
    id: 'transfers.repositoriesCounted',
    defaultMessage: '{done} of {total, plural, one {# repository} other {# repositories}} counted',
  },
  layersOf: {
    id: 'transfers.layersOf',
    defaultMessage: '{done} of {total, plural, one {# layer} other {# layers}}',
  },
  podmanNoSizes: { id: 'transfers.podmanNoSizes', defaultMessage: '{count} · Podman reports no sizes' },
  engineNoSizes: { id: 'transfers.engineNoSizes', defaultMessage: '{count} · the engine reported no sizes' },
  starting: { id: 'transfers.starting', defaultMessage: 'starting…' },
  nothingNeeded: { id: 'transfers.nothingNeeded', defaultMessage: 'nothing needed to move' },
  nothingMoved: { id: 'transfers.nothingMoved', defaultMessage: 'nothing moved' },
  saved: {
    id: 'transfers.savedSummary',
    defaultMessage: '{count, plural, one {# image} other {# images}} in {output} ({size})',
  },
  loaded: {
    id: 'transfers.loadedSummary',
    defaultMessage:
      '{count, plural, one {# image} other {# images}} loaded ({tags, plural, one {# tag} other {# tags}}), digests kept',
  },
  loadedNewDigests: {
    id: 'transfers.loadedNewDigests',
    defaultMessage:
      '{count, plural, one {# image} other {# images}} loaded ({tags, plural, one {# tag} other {# tags}}), digests are new: a Docker archive holds uncompressed layers',
  },
  tagsCopied: {
    id: 'transfers.tagsCopied',
    defaultMessage: '{count, plural, one {# tag} other {# tags}} copied',
  },
  tagsCopiedSomeThere: {
    id: 'transfers.tagsCopiedSomeThere',
    defaultMessage: '{count, plural, one {# tag} other {# tags}} copied, {unchanged} already there',
  },
});

/** Item notes the core writes in English: translated from the note's known wording. */
export const notes = defineMessages({
  alreadyInDestination: { id: 'transfers.noteInDestination', defaultMessage: 'already in the destination' },
  alreadyIdentical: { id: 'transfers.noteIdentical', defaultMessage: 'already identical' },
  alreadyInEngine: { id: 'transfers.noteInEngine', defaultMessage: 'already in the engine' },
  alreadyInRegistry: { id: 'transfers.noteInRegistry', defaultMessage: 'already in the registry' },
  mountedFrom: { id: 'transfers.noteMountedFrom', defaultMessage: 'mounted from {repository}' },
  downloaded: { id: 'transfers.noteDownloaded', defaultMessage: 'downloaded' },
  extracting: { id: 'transfers.noteExtracting', defaultMessage: 'extracting' },
  upToDate: { id: 'transfers.noteUpToDate', defaultMessage: 'image is up to date' },
  pulled: { id: 'transfers.notePulled', defaultMessage: 'pulled' },
  cancelled: { id: 'transfers.noteCancelled', defaultMessage: 'cancelled' },
  failed: { id: 'transfers.noteFailed', defaultMessage: 'failed' },
  noDigest: { id: 'transfers.noteNoDigest', defaultMessage: 'no digest reported' },
  digest: { id: 'transfers.noteDigest', defaultMessage: 'digest {digest}' },
  noLayerProgress: {
    id: 'transfers.noteNoLayerProgress',
    defaultMessage: '{digest} (the engine reports no per-layer progress)',
  },
});

export const dialogs = defineMessages({
  starting: { id: 'transfers.startingButton', defaultMessage: 'Starting…' },
  from: { id: 'transfers.from', defaultMessage: 'From <b>{connection}</b>' },
  destinationRegistry: { id: 'transfers.destinationRegistry', defaultMessage: 'Destination registry' },
  repository: { id: 'transfers.repository', defaultMessage: 'Repository' },
  tag: { id: 'transfers.tag', defaultMessage: 'Tag' },
  loadingConnections: { id: 'transfers.loadingConnections', defaultMessage: 'Loading connections…' },
  repositoryMissing: {
    id: 'transfers.repositoryMissing',
    defaultMessage: 'The destination repository is missing.',
  },
  repositoryMissingPlain: {
    id: 'transfers.repositoryMissingPlain',
    defaultMessage: 'The repository is missing.',
  },
  repositoryInvalid: {
    id: 'transfers.repositoryInvalid',
    defaultMessage:
      'A repository name is lower-case letters and digits in parts separated by /, with . _ or - inside a part (team/app, infra/base-image).',
  },
  // Copy
  copyOne: { id: 'transfers.copyOne', defaultMessage: 'Copy {name}' },
  copyMany: {
    id: 'transfers.copyMany',
    defaultMessage: 'Copy {count, plural, one {# tag} other {# tags}} of {repository}',
  },
  tagsCount: { id: 'transfers.tagsCount', defaultMessage: '({count, plural, one {# tag} other {# tags}})' },
  tagMissing: { id: 'transfers.tagMissing', defaultMessage: 'The destination tag is missing.' },
  tagInvalid: {
    id: 'transfers.tagInvalid',
    defaultMessage:
      'A tag is up to 128 letters, digits, _ . and -: a digest would leave the copy without a tag.',
  },
  tooManyTags: {
    id: 'transfers.tooManyTags',
    defaultMessage:
      '{count} tags are chosen; one copy takes up to {max}, named in one request. Sync the repository instead: it copies every tag, or those a pattern matches, with no limit.',
  },
  pickPlatform: {
    id: 'transfers.pickPlatform',
    defaultMessage: 'Pick at least one platform, or copy all of them.',
  },
  sameAsSource: {
    id: 'transfers.sameAsSource',
    defaultMessage: 'That is the source itself: pick another registry, repository or tag.',
  },
  eachTagKeepsName: {
    id: 'transfers.eachTagKeepsName',
    defaultMessage: 'Each tag keeps its name: {tags}. They are copied as one job, followed in Transfers.',
  },
  andMore: { id: 'transfers.andMore', defaultMessage: '{list} and {count} more' },
  platforms: { id: 'transfers.platforms', defaultMessage: 'Platforms' },
  allPlatforms: {
    id: 'transfers.allPlatforms',
    defaultMessage: 'All {count} platforms (the index keeps its digest)',
  },
  somePlatforms: {
    id: 'transfers.somePlatforms',
    defaultMessage: 'Only some platforms (a new index with its own digest)',
  },
  platformsToCopy: { id: 'transfers.platformsToCopy', defaultMessage: 'Platforms to copy' },
  startCopy: { id: 'transfers.startCopy', defaultMessage: 'Start copy' },
  copyTagsButton: {
    id: 'transfers.copyTagsButton',
    defaultMessage: 'Copy {count, plural, one {# tag} other {# tags}}',
  },
  checkingPlan: { id: 'transfers.checkingPlan', defaultMessage: 'Checking what needs to move…' },
  unchangedImage: {
    id: 'transfers.unchangedImage',
    defaultMessage: 'The destination tag already names this exact image ({digest}): nothing will be written.',
  },
  unchangedImageReferrers: {
    id: 'transfers.unchangedImageReferrers',
    defaultMessage:
      'The destination tag already names this exact image ({digest}): only signatures and attestations it lacks are written.',
  },
  copyPlan: { id: 'transfers.copyPlan', defaultMessage: 'Copy plan' },
  syncPlan: { id: 'transfers.syncPlan', defaultMessage: 'Sync plan' },
  toTransfer: { id: 'transfers.toTransfer', defaultMessage: '<b>{count}</b> to transfer ({size})' },
  toMount: { id: 'transfers.toMount', defaultMessage: '<b>{count}</b> to mount' },
  alreadyThere: { id: 'transfers.alreadyThere', defaultMessage: '<b>{count}</b> already there' },
  foreign: { id: 'transfers.foreign', defaultMessage: '<b>{count}</b> foreign (stay where they are)' },
  newIndex: { id: 'transfers.newIndex', defaultMessage: 'A new index for {platforms}: digest {digest}' },
  digestKept: { id: 'transfers.digestKept', defaultMessage: 'Digest {digest} is kept' },
  // Sync plan
  checkingTags: {
    id: 'transfers.checkingTags',
    defaultMessage: 'Checking what {count} tags need to move…',
  },
  listingTags: { id: 'transfers.listingTags', defaultMessage: 'Listing the tags and what they need…' },
  notPreviewedCopy: {
    id: 'transfers.notPreviewedCopy',
    defaultMessage:
      'Only the first {checked} tags by name were checked; {more} more are left out of these figures and are checked as the copy runs.',
  },
  notPreviewedSync: {
    id: 'transfers.notPreviewedSync',
    defaultMessage:
      'Only the first {checked} tags by name were checked; {more} more are left out of these figures and are checked as the sync runs.',
  },
  allThere: {
    id: 'transfers.allThere',
    defaultMessage:
      '{count, plural, one {The destination already has this tag exactly} other {The destination already has all # tags exactly}}: nothing will be written.',
  },
  allThereReferrers: {
    id: 'transfers.allThereReferrers',
    defaultMessage:
      '{count, plural, one {The destination already has this tag exactly} other {The destination already has all # tags exactly}}: only signatures and attestations it lacks are written.',
  },
  planTotal: {
    id: 'transfers.planTotal',
    defaultMessage: '<b>{size}</b> to transfer for <b>{count, plural, one {# tag} other {# tags}}</b>',
  },
  planTotalSkipped: {
    id: 'transfers.planTotalSkipped',
    defaultMessage:
      '<b>{size}</b> to transfer for <b>{count, plural, one {# tag} other {# tags}}</b> ({unchanged} already there, skipped)',
  },
  layersToTransfer: {
    id: 'transfers.layersToTransfer',
    defaultMessage:
      '<b>{count}</b> {count, plural, one {layer or config} other {layers and configs}} to transfer',
  },
  inAll: {
    id: 'transfers.inAll',
    defaultMessage: '{size} in all, the rest already at the destination.',
  },
  sharedOnce: {
    id: 'transfers.sharedOnce',
    defaultMessage: 'A layer several tags share is counted and moved once; digests are kept.',
  },
  // Referrers
  referrersProblem: {
    id: 'transfers.referrersProblem',
    defaultMessage: 'Signatures and attestations could not be read, so they are not copied: {problem}',
  },
  copyReferrers: {
    id: 'transfers.copyReferrers',
    defaultMessage: 'Copy signatures and attestations ({count}, {size})',
  },
  referrersFound: { id: 'transfers.referrersFound', defaultMessage: 'Signatures and attestations found' },
  referrersMore: { id: 'transfers.referrersMore', defaultMessage: 'and {count} more' },
  referrerKind: {
    id: 'transfers.referrerKind',
    defaultMessage:
      '{kind, select, Signature {Signature} SBOM {SBOM} Attestation {Attestation} other {Artifact}}',
  },
  referrerKindCount: {
    id: 'transfers.referrerKindCount',
    defaultMessage:
      '{kind, select, Signature {{count, plural, one {# signature} other {# signatures}}} SBOM {{count, plural, one {# SBOM} other {# SBOMs}}} Attestation {{count, plural, one {# attestation} other {# attestations}}} other {{count, plural, one {# artifact} other {# artifacts}}}}',
  },
  referrersKept: {
    id: 'transfers.referrersKept',
    defaultMessage: '{kinds}; copied with the same digests, so signatures still verify.',
  },
  // Sync
  syncTitle: { id: 'transfers.syncTitle', defaultMessage: 'Sync {repository}' },
  patternTooLong: {
    id: 'transfers.patternTooLong',
    defaultMessage: 'A tag pattern is at most 255 characters.',
  },
  sameRepository: {
    id: 'transfers.sameRepository',
    defaultMessage: 'That is the repository itself: pick another registry or repository.',
  },
  syncIntro: {
    id: 'transfers.syncIntro',
    defaultMessage:
      'Every tag of <b>{connection}</b> {source} goes to the repository below under the same name, with the same digest. Tags the destination already has exactly are skipped; nothing there is deleted.',
  },
  onlyMatching: { id: 'transfers.onlyMatching', defaultMessage: 'Only tags matching (optional)' },
  patternPlaceholder: { id: 'transfers.patternPlaceholder', defaultMessage: 'every tag; or v1.*, *-alpine' },
  startSync: { id: 'transfers.startSync', defaultMessage: 'Start sync' },
  // Save
  saveOne: { id: 'transfers.saveOne', defaultMessage: 'Save {name} to a file' },
  saveMany: {
    id: 'transfers.saveMany',
    defaultMessage: 'Save {count, plural, one {# tag} other {# tags}} of {repository}',
  },
  nameFile: { id: 'transfers.nameFile', defaultMessage: 'Name the file to save to.' },
  tooManySave: {
    id: 'transfers.tooManySave',
    defaultMessage: '{count} tags are chosen; one save takes up to {max}.',
  },
  saveIntro: {
    id: 'transfers.saveIntro',
    defaultMessage:
      'From <b>{connection}</b>: straight from the registry to the file, every layer checked against its digest on the way.',
  },
  format: { id: 'transfers.format', defaultMessage: 'Format' },
  dockerArchive: { id: 'transfers.dockerArchive', defaultMessage: 'Docker archive' },
  dockerArchiveWhen: {
    id: 'transfers.dockerArchiveWhen',
    defaultMessage: 'For docker load and podman load on another machine; holds one platform of each image.',
  },
  ociArchive: { id: 'transfers.ociArchive', defaultMessage: 'OCI archive' },
  ociArchiveWhen: {
    id: 'transfers.ociArchiveWhen',
    defaultMessage:
      'Keeps every platform and every digest, so the image’s signatures still verify against it (the signatures themselves are not saved in the file); for skopeo, containerd and crane.',
  },
  ociFolder: { id: 'transfers.ociFolder', defaultMessage: 'OCI folder' },
  ociFolderWhen: {
    id: 'transfers.ociFolderWhen',
    defaultMessage: 'The same OCI layout unpacked into a folder, for tools that read a folder.',
  },
  platform: { id: 'transfers.platform', defaultMessage: 'Platform' },
  onePlatform: {
    id: 'transfers.onePlatform',
    defaultMessage:
      'A Docker archive holds one platform of an index; choose the OCI archive to keep all {count}.',
  },
  amd64Each: {
    id: 'transfers.amd64Each',
    defaultMessage:
      'Each multi-platform tag is saved as its linux/amd64 image; choose the OCI archive to keep every platform.',
  },
  folder: { id: 'transfers.folder', defaultMessage: 'Folder' },
  file: { id: 'transfers.file', defaultMessage: 'File' },
  choose: { id: 'transfers.choose', defaultMessage: 'Choose…' },
  pathOnMachine: {
    id: 'transfers.pathOnMachine',
    defaultMessage:
      'A path on the machine Berth runs on. The file appears under this name only once it is complete.',
  },
  appearsComplete: {
    id: 'transfers.appearsComplete',
    defaultMessage: 'The file appears under this name only once it is complete.',
  },
  exists: { id: 'transfers.exists', defaultMessage: '{path} already exists. Save again to replace it.' },
  replace: { id: 'transfers.replace', defaultMessage: 'Replace' },
  // Load
  loadTitle: { id: 'transfers.loadTitle', defaultMessage: 'Load an image archive' },
  chooseArchive: { id: 'transfers.chooseArchive', defaultMessage: 'Choose the archive to load.' },
  loadTagInvalid: {
    id: 'transfers.loadTagInvalid',
    defaultMessage: 'A tag is letters, digits, _ . and -, up to 128 characters, not starting with . or -.',
  },
  loadIntro: {
    id: 'transfers.loadIntro',
    defaultMessage:
      'Pushes the images of an archive into <b>{connection}</b>: a Docker archive from docker save or podman save, or an OCI archive, either also gzip-compressed (.tar.gz). Each image keeps the tags it has in the archive. An OCI archive keeps every digest; a Docker archive holds its layers uncompressed, so its digests will be new.',
  },
  archive: { id: 'transfers.archive', defaultMessage: 'Archive' },
  chooseFile: { id: 'transfers.chooseFile', defaultMessage: 'Choose file…' },
  noFile: { id: 'transfers.noFile', defaultMessage: 'No file chosen' },
  tagOptional: { id: 'transfers.tagOptional', defaultMessage: 'Tag (optional)' },
  ownTags: { id: 'transfers.ownTags', defaultMessage: 'the archive’s own tags' },
  tagNote: {
    id: 'transfers.tagNote',
    defaultMessage: 'A tag here names the image of an archive that holds only one image.',
  },
  uploadingFile: { id: 'transfers.uploadingFile', defaultMessage: 'Uploading {name}: {done} of {total}' },
  uploadingLabel: { id: 'transfers.uploadingLabel', defaultMessage: 'Uploading {name}' },
  uploading: { id: 'transfers.uploading', defaultMessage: 'Uploading…' },
  load: { id: 'transfers.load', defaultMessage: 'Load' },
});
