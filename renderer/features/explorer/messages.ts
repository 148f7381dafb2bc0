// The explorer's words: the connection's top bar, the repository and tag panes, the image view and its
// sections, the action and bulk dialogs (and the media type names of lib/format.ts).
import { defineMessages } from '../../i18n/index.js';

export const page = defineMessages({
  breadcrumb: { id: 'explorer.breadcrumb', defaultMessage: 'Breadcrumb' },
  /** The badge of a connection over plain HTTP. */
  httpBadge: { id: 'explorer.httpBadge', defaultMessage: 'HTTP' },
  storage: { id: 'explorer.storage', defaultMessage: 'Storage…' },
  storageOf: { id: 'explorer.storageOf', defaultMessage: 'Storage of {name}' },
  storageTitle: {
    id: 'explorer.storageTitle',
    defaultMessage:
      "Where this registry's bytes are: its repositories by size, the layers they share; on a registry of your own, its disk and what a clean-up gives back",
  },
  loadFromFile: { id: 'explorer.loadFromFile', defaultMessage: 'Load from file…' },
  loadInto: { id: 'explorer.loadInto', defaultMessage: 'Load an image archive into {name}…' },
  loadTitle: {
    id: 'explorer.loadTitle',
    defaultMessage: 'Push the images of a docker save or OCI archive into a repository of this registry',
  },
  editConnection: { id: 'explorer.editConnection', defaultMessage: 'Edit connection…' },
  removeConnection: { id: 'explorer.removeConnection', defaultMessage: 'Remove connection' },
  dismiss: { id: 'explorer.dismiss', defaultMessage: 'Dismiss' },
  resizeRepositories: { id: 'explorer.resizeRepositories', defaultMessage: 'Resize repositories' },
  resizeTags: { id: 'explorer.resizeTags', defaultMessage: 'Resize tags' },
  pickRepositoryForTags: {
    id: 'explorer.pickRepositoryForTags',
    defaultMessage: 'Pick a repository to see its tags.',
  },
  pickTag: { id: 'explorer.pickTag', defaultMessage: 'Pick a tag to inspect the image.' },
  pickRepositoryThenTag: {
    id: 'explorer.pickRepositoryThenTag',
    defaultMessage: 'Pick a repository, then a tag.',
  },
  /** A pane's count while a filter is typed. */
  filteredCount: { id: 'explorer.filteredCount', defaultMessage: '{shown} of {total}' },
});

export const repositories = defineMessages({
  repositories: { id: 'explorer.repositories', defaultMessage: 'Repositories' },
  hubListing: {
    id: 'explorer.hubListing',
    defaultMessage: 'Docker Hub does not list all of its repositories.',
  },
  hubListingHint: {
    id: 'explorer.hubListingHint',
    defaultMessage:
      'List the public repositories of a namespace (a user or an organization), or open one by name.',
  },
  openByNameLabel: { id: 'explorer.openByNameLabel', defaultMessage: 'Open repository by name' },
  openByNamePlaceholder: { id: 'explorer.openByNamePlaceholder', defaultMessage: 'Open: team/app' },
  open: { id: 'explorer.open', defaultMessage: 'Open' },
  filterRepositories: { id: 'explorer.filterRepositories', defaultMessage: 'Filter repositories' },
  listedBy: { id: 'explorer.listedBy', defaultMessage: 'Listed by the {vendor} API' },
  loadingRepositories: { id: 'explorer.loadingRepositories', defaultMessage: 'Loading repositories…' },
  noRepositories: { id: 'explorer.noRepositories', defaultMessage: 'This registry has no repositories.' },
  noRepositoryMatches: {
    id: 'explorer.noRepositoryMatches',
    defaultMessage: 'No repository matches “{filter}”.',
  },
  loadingMore: { id: 'explorer.loadingMore', defaultMessage: 'Loading more…' },
  actionsOf: { id: 'explorer.actionsOf', defaultMessage: 'Actions of {name}' },
  syncTo: { id: 'explorer.syncTo', defaultMessage: 'Sync to…' },
  syncRepositoryTo: { id: 'explorer.syncRepositoryTo', defaultMessage: 'Sync repository {name} to…' },
  syncTitle: {
    id: 'explorer.syncTitle',
    defaultMessage: 'Copy every tag to another registry or repository, as one job',
  },
  moreActionsFor: { id: 'explorer.moreActionsFor', defaultMessage: 'More actions for {name}' },
  repositoryStorageTitle: {
    id: 'explorer.repositoryStorageTitle',
    defaultMessage: "Where this repository's bytes are: its tags by size, what it shares with others",
  },
  loadIntoRepositoryTitle: {
    id: 'explorer.loadIntoRepositoryTitle',
    defaultMessage: 'Push the images of a docker save or OCI archive into this repository',
  },
  deleteRepositoryMenu: { id: 'explorer.deleteRepositoryMenu', defaultMessage: 'Delete repository…' },
  deleteRepositoryNamed: {
    id: 'explorer.deleteRepositoryNamed',
    defaultMessage: 'Delete repository {name}…',
  },
  groupLabel: {
    id: 'explorer.groupLabel',
    defaultMessage: '{name} ({count, plural, one {# repository} other {# repositories}})',
  },
  groupCountTitle: { id: 'explorer.groupCountTitle', defaultMessage: 'Repositories that match the filter' },
  updated: { id: 'explorer.updated', defaultMessage: 'Updated {date}' },
  tagCountListed: { id: 'explorer.tagCountListed', defaultMessage: 'Counted when its tags were last listed' },
  tagCountRegistry: { id: 'explorer.tagCountRegistry', defaultMessage: 'Tags, as the registry counts them' },
  tagCount: { id: 'explorer.tagCount', defaultMessage: '{count, plural, one {# tag} other {# tags}}' },
  imageCountTitle: {
    id: 'explorer.imageCountTitle',
    defaultMessage: 'Images in it, tagged or not, as the registry counts them',
  },
  imageCount: {
    id: 'explorer.imageCount',
    defaultMessage: '{count, plural, one {# image} other {# images}}',
  },
  pulls: { id: 'explorer.pulls', defaultMessage: '{count, plural, one {# pull} other {# pulls}}' },
  stars: { id: 'explorer.stars', defaultMessage: '{count, plural, one {# star} other {# stars}}' },
  private: { id: 'explorer.private', defaultMessage: 'Private' },
  public: { id: 'explorer.public', defaultMessage: 'Public' },
  hubNamespace: { id: 'explorer.hubNamespace', defaultMessage: 'Docker Hub namespace' },
  hubNamespacePlaceholder: { id: 'explorer.hubNamespacePlaceholder', defaultMessage: 'Namespace: library' },
  list: { id: 'explorer.list', defaultMessage: 'List' },
  noPublicRepositories: {
    id: 'explorer.noPublicRepositories',
    defaultMessage: 'No public repositories in {namespace}.',
  },
  repositoriesOf: { id: 'explorer.repositoriesOf', defaultMessage: 'Repositories of {namespace}' },
  listing: { id: 'explorer.listing', defaultMessage: 'Listing {namespace}…' },
  missing: {
    id: 'explorer.missing',
    defaultMessage: '<b>{repository}</b> does not exist on {connection}, or this account cannot see it.',
  },
  missingTyped: {
    id: 'explorer.missingTyped',
    defaultMessage: 'Check the name you typed, or pick a repository from the list.',
  },
  missingListed: {
    id: 'explorer.missingListed',
    defaultMessage:
      'It may have been deleted since the list was read. Pick another repository from the list.',
  },
  correctName: { id: 'explorer.correctName', defaultMessage: 'Correct the name' },
  backToList: { id: 'explorer.backToList', defaultMessage: 'Back to the repository list' },
});

export const tags = defineMessages({
  tags: { id: 'explorer.tags', defaultMessage: 'Tags' },
  filterTags: { id: 'explorer.filterTags', defaultMessage: 'Filter tags' },
  sortTags: { id: 'explorer.sortTags', defaultMessage: 'Sort tags' },
  sortUnavailable: {
    id: 'explorer.sortUnavailable',
    defaultMessage: 'Sorting by date is unavailable: {reason}.',
  },
  sortVersion: { id: 'explorer.sortVersion', defaultMessage: 'Version' },
  sortName: { id: 'explorer.sortName', defaultMessage: 'Name' },
  sortNewest: { id: 'explorer.sortNewest', defaultMessage: 'Newest first' },
  sortNewestUnavailable: {
    id: 'explorer.sortNewestUnavailable',
    defaultMessage: 'Newest first — unavailable: {reason}',
  },
  noDatesNoTags: { id: 'explorer.noDatesNoTags', defaultMessage: 'no tags to sort' },
  noDatesPartial: {
    id: 'explorer.noDatesPartial',
    defaultMessage: 'dates are known only for tags opened so far',
  },
  noDatesRegistry: {
    id: 'explorer.noDatesRegistry',
    defaultMessage: 'this registry gives no dates; an opened tag shows its own',
  },
  showReferrerTags: { id: 'explorer.showReferrerTags', defaultMessage: 'Show referrer tags ({count})' },
  loadingTags: { id: 'explorer.loadingTags', defaultMessage: 'Loading tags…' },
  onlyReferrerTags: {
    id: 'explorer.onlyReferrerTags',
    defaultMessage: 'Only referrer tags in {repository}.',
  },
  noTags: { id: 'explorer.noTags', defaultMessage: 'No tags in {repository}.' },
  noTagMatches: { id: 'explorer.noTagMatches', defaultMessage: 'No tag matches “{filter}”.' },
  tagsOf: { id: 'explorer.tagsOf', defaultMessage: 'Tags of {repository}' },
  loadingMoreTags: { id: 'explorer.loadingMoreTags', defaultMessage: 'Loading more tags…' },
  selectedTags: { id: 'explorer.selectedTags', defaultMessage: 'Selected tags' },
  selectedCount: { id: 'explorer.selectedCount', defaultMessage: '{count} selected' },
  clearSelection: { id: 'explorer.clearSelection', defaultMessage: 'Clear selection' },
  clearSelectionTitle: { id: 'explorer.clearSelectionTitle', defaultMessage: 'Clear selection (Escape)' },
  copyLimit: {
    id: 'explorer.copyLimit',
    defaultMessage:
      'One copy takes up to {max} chosen tags, named in one request: to copy more, use Sync… on the repository, which copies every tag or those a pattern matches',
  },
  copySelected: { id: 'explorer.copySelected', defaultMessage: 'Copy selected to…' },
  saveLimit: { id: 'explorer.saveLimit', defaultMessage: 'One save takes up to {max} chosen tags' },
  saveSelected: { id: 'explorer.saveSelected', defaultMessage: 'Save selected to file…' },
  deleteSelected: { id: 'explorer.deleteSelected', defaultMessage: 'Delete selected…' },
  loadingDetails: { id: 'explorer.loadingDetails', defaultMessage: 'loading details' },
  goneFromRegistry: { id: 'explorer.goneFromRegistry', defaultMessage: 'gone from the registry' },
  detailsUnreadable: { id: 'explorer.detailsUnreadable', defaultMessage: 'details could not be read' },
  pushedOn: { id: 'explorer.pushedOn', defaultMessage: 'Pushed {date}' },
  builtOn: { id: 'explorer.builtOn', defaultMessage: 'Built {date}' },
  sameImageAs: { id: 'explorer.sameImageAs', defaultMessage: ', same image as {tags}' },
  siblingsTitle: {
    id: 'explorer.siblingsTitle',
    defaultMessage: 'Same image as {tags} (among the tags shown so far)',
  },
  siblingsTitleMore: {
    id: 'explorer.siblingsTitleMore',
    defaultMessage: 'Same image as {tags} and {more} more (among the tags shown so far)',
  },
  also: { id: 'explorer.also', defaultMessage: 'also {tag}' },
});

export const image = defineMessages({
  image: { id: 'explorer.image', defaultMessage: 'Image' },
  inspecting: { id: 'explorer.inspecting', defaultMessage: 'Inspecting {reference}…' },
  tagActions: { id: 'explorer.tagActions', defaultMessage: 'Tag actions' },
  retagMenu: { id: 'explorer.retagMenu', defaultMessage: 'Retag…' },
  copyTo: { id: 'explorer.copyTo', defaultMessage: 'Copy to…' },
  saveToFile: { id: 'explorer.saveToFile', defaultMessage: 'Save to file…' },
  moreTagActions: { id: 'explorer.moreTagActions', defaultMessage: 'More tag actions' },
  deleteTagMenu: { id: 'explorer.deleteTagMenu', defaultMessage: 'Delete tag…' },
  deleteImageMenu: { id: 'explorer.deleteImageMenu', defaultMessage: 'Delete image…' },
  copyPullByTag: { id: 'explorer.copyPullByTag', defaultMessage: 'Copy {tool} pull by tag' },
  copyPullByDigest: { id: 'explorer.copyPullByDigest', defaultMessage: 'Copy {tool} pull by digest' },
  platforms: { id: 'explorer.platforms', defaultMessage: 'Platforms' },
  sizeDefinition: {
    id: 'explorer.sizeDefinition',
    defaultMessage:
      'Compressed size stored in the registry: layers plus the image config, as the manifest declares them (what a pull downloads). The manifest itself is not counted.',
  },
  copyPlatformDigest: { id: 'explorer.copyPlatformDigest', defaultMessage: 'Copy {platform} digest' },
  loadingPlatform: { id: 'explorer.loadingPlatform', defaultMessage: 'Loading {platform}…' },
  showing: { id: 'explorer.showing', defaultMessage: 'Showing {platform} · <code>{digest}</code>' },
  attestations: { id: 'explorer.attestations', defaultMessage: 'Attestations' },
  attestationFor: { id: 'explorer.attestationFor', defaultMessage: 'Attestation for {platform} ·' },
  copyAttestationDigest: {
    id: 'explorer.copyAttestationDigest',
    defaultMessage: 'Copy the digest of the attestation for {platform}',
  },
  layers: { id: 'explorer.layers', defaultMessage: 'Layers' },
  digest: { id: 'explorer.digest', defaultMessage: 'Digest' },
  type: { id: 'explorer.type', defaultMessage: 'Type' },
  size: { id: 'explorer.size', defaultMessage: 'Size' },
  sizeBar: { id: 'explorer.sizeBar', defaultMessage: 'Size compared with the largest layer' },
  copyLayerDigest: { id: 'explorer.copyLayerDigest', defaultMessage: 'Copy layer {number} digest' },
  rawManifest: { id: 'explorer.rawManifest', defaultMessage: 'Raw manifest' },
  rawManifestJson: { id: 'explorer.rawManifestJson', defaultMessage: 'Raw manifest JSON' },
  copyRawManifest: { id: 'explorer.copyRawManifest', defaultMessage: 'Copy raw manifest' },
  rawConfig: { id: 'explorer.rawConfig', defaultMessage: 'Raw config' },
  rawConfigJson: { id: 'explorer.rawConfigJson', defaultMessage: 'Raw config JSON' },
  copyRawConfig: { id: 'explorer.copyRawConfig', defaultMessage: 'Copy raw config' },
  rawIndex: { id: 'explorer.rawIndex', defaultMessage: 'Raw index' },
  rawIndexJson: { id: 'explorer.rawIndexJson', defaultMessage: 'Raw index JSON' },
  copyRawIndex: { id: 'explorer.copyRawIndex', defaultMessage: 'Copy raw index' },
  imageIdNote: {
    id: 'explorer.imageIdNote',
    defaultMessage:
      'Docker’s image ID is the config digest: docker images and Podman show it as the ID (Docker’s containerd image store shows the manifest digest instead).',
  },
  mediaType: { id: 'explorer.mediaType', defaultMessage: 'Media type' },
  sizeOfPlatform: { id: 'explorer.sizeOfPlatform', defaultMessage: '{platform} {size}' },
  sizeOfAllPlatforms: {
    id: 'explorer.sizeOfAllPlatforms',
    defaultMessage: '{platform} {size} · all platforms {all} (shared layers counted once)',
  },
  addUpTitle: {
    id: 'explorer.addUpTitle',
    defaultMessage:
      'Reads the description of each of the {count} platform images; Docker Hub counts each read as a pull against your limit.',
  },
  addUp: { id: 'explorer.addUp', defaultMessage: 'Add up all {count} platforms' },
  created: { id: 'explorer.created', defaultMessage: 'Created' },
  indexDigest: { id: 'explorer.indexDigest', defaultMessage: 'Index digest' },
  copyDigest: { id: 'explorer.copyDigest', defaultMessage: 'Copy digest' },
  platformDigest: { id: 'explorer.platformDigest', defaultMessage: '{platform} digest' },
  imageId: { id: 'explorer.imageId', defaultMessage: 'Image ID (config digest)' },
  copyImageId: { id: 'explorer.copyImageId', defaultMessage: 'Copy image ID (config digest)' },
  pullTo: { id: 'explorer.pullTo', defaultMessage: 'Pull to {engine}' },
  pullToTheEngine: { id: 'explorer.pullToTheEngine', defaultMessage: 'Pull to the engine' },
  theEngine: { id: 'explorer.theEngine', defaultMessage: 'the engine' },
  startingPull: { id: 'explorer.startingPull', defaultMessage: 'Starting pull…' },
  pullTitle: {
    id: 'explorer.pullTitle',
    defaultMessage: 'Pulls {image} into {engine} at {host}; it shows in Transfers',
  },
  pullPlatformTitle: {
    id: 'explorer.pullPlatformTitle',
    defaultMessage: 'Pulls {image} for {platform} into {engine} at {host}; it shows in Transfers',
  },
  engineUnasked: {
    id: 'explorer.engineUnasked',
    defaultMessage: 'The local engine could not be asked: {message}',
  },
  checkingEngine: { id: 'explorer.checkingEngine', defaultMessage: 'Checking the local engine…' },
  engineDown: {
    id: 'explorer.engineDown',
    defaultMessage: '{problem}. Start Docker or Podman, or choose an engine in Local images.',
  },
  noEngineAt: {
    id: 'explorer.noEngineAt',
    defaultMessage:
      'No engine answers at {host}. Start Docker or Podman, or choose an engine in Local images.',
  },
});

export const sections = defineMessages({
  config: { id: 'explorer.config', defaultMessage: 'Config' },
  entrypoint: { id: 'explorer.entrypoint', defaultMessage: 'Entrypoint' },
  cmd: { id: 'explorer.cmd', defaultMessage: 'Cmd' },
  workingDir: { id: 'explorer.workingDir', defaultMessage: 'Working dir' },
  user: { id: 'explorer.user', defaultMessage: 'User' },
  ports: { id: 'explorer.ports', defaultMessage: 'Ports' },
  platform: { id: 'explorer.platform', defaultMessage: 'Platform' },
  environment: { id: 'explorer.environment', defaultMessage: 'Environment' },
  labels: { id: 'explorer.labels', defaultMessage: 'Labels' },
  /** The labels a registry (Harbor) put on the image, not the config's. */
  vendorLabels: { id: 'explorer.vendorLabels', defaultMessage: 'Labels' },
  history: { id: 'explorer.history', defaultMessage: 'History' },
  noHistory: { id: 'explorer.noHistory', defaultMessage: 'The image config records no history.' },
  step: { id: 'explorer.step', defaultMessage: 'Step' },
  layer: { id: 'explorer.layer', defaultMessage: 'Layer' },
  noLayer: { id: 'explorer.noLayer', defaultMessage: 'no layer' },
  referrers: { id: 'explorer.referrers', defaultMessage: 'Referrers' },
  lookingForReferrers: {
    id: 'explorer.lookingForReferrers',
    defaultMessage: 'Looking for signatures, SBOMs and attestations…',
  },
  noReferrers: {
    id: 'explorer.noReferrers',
    defaultMessage: 'No referrers: nothing signs, describes or attests this image here.',
  },
  referrersFromApi: {
    id: 'explorer.referrersFromApi',
    defaultMessage: '{count} from the registry’s referrers API',
  },
  referrersFromTag: {
    id: 'explorer.referrersFromTag',
    defaultMessage: '{count} from the referrers fallback tag',
  },
  artifactType: { id: 'explorer.artifactType', defaultMessage: 'Artifact type' },
  kindSignature: { id: 'explorer.kindSignature', defaultMessage: 'Signature' },
  kindSbom: { id: 'explorer.kindSbom', defaultMessage: 'SBOM' },
  kindAttestation: { id: 'explorer.kindAttestation', defaultMessage: 'Attestation' },
  kindArtifact: { id: 'explorer.kindArtifact', defaultMessage: 'Artifact' },
  fromTheRegistry: { id: 'explorer.fromTheRegistry', defaultMessage: 'From the registry' },
  fromVendor: { id: 'explorer.fromVendor', defaultMessage: 'From {vendor}' },
  pushed: { id: 'explorer.pushed', defaultMessage: 'Pushed' },
  lastPulled: { id: 'explorer.lastPulled', defaultMessage: 'Last pulled' },
  vendorSize: { id: 'explorer.vendorSize', defaultMessage: 'Size ({vendor})' },
  vendorSizeTitle: {
    id: 'explorer.vendorSizeTitle',
    defaultMessage: "{vendor}'s own count, by its own rule: it may differ from the size above.",
  },
  vulnerabilityScan: { id: 'explorer.vulnerabilityScan', defaultMessage: 'Vulnerability scan' },
  scanFinished: { id: 'explorer.scanFinished', defaultMessage: 'finished {date}' },
  noVulnerabilities: { id: 'explorer.noVulnerabilities', defaultMessage: 'No vulnerabilities found.' },
  bySeverity: { id: 'explorer.bySeverity', defaultMessage: 'Vulnerabilities by severity' },
  fixable: { id: 'explorer.fixable', defaultMessage: '{count} fixable' },
  severityCritical: { id: 'explorer.severityCritical', defaultMessage: 'Critical' },
  severityHigh: { id: 'explorer.severityHigh', defaultMessage: 'High' },
  severityMedium: { id: 'explorer.severityMedium', defaultMessage: 'Medium' },
  severityLow: { id: 'explorer.severityLow', defaultMessage: 'Low' },
  severityUnknown: { id: 'explorer.severityUnknown', defaultMessage: 'Unknown' },
  severityNegligible: { id: 'explorer.severityNegligible', defaultMessage: 'Negligible' },
  severityNone: { id: 'explorer.severityNone', defaultMessage: 'None' },
});

export const dialogs = defineMessages({
  retagTitle: { id: 'explorer.retagTitle', defaultMessage: 'Retag {reference}' },
  retagBusy: {
    id: 'explorer.retagBusy',
    defaultMessage: 'The new tag is being written: this closes by itself once the registry answers.',
  },
  tagged: { id: 'explorer.tagged', defaultMessage: 'Tagged {digest} as {target}.' },
  retagIntro: {
    id: 'explorer.retagIntro',
    defaultMessage: 'Adds a tag pointing at <code>{digest}</code>; nothing is downloaded.',
  },
  newTag: { id: 'explorer.newTag', defaultMessage: 'New tag' },
  repositoryOptional: { id: 'explorer.repositoryOptional', defaultMessage: 'Repository (optional)' },
  typeNewTag: { id: 'explorer.typeNewTag', defaultMessage: 'Type the new tag first.' },
  retagging: { id: 'explorer.retagging', defaultMessage: 'Retagging…' },
  retag: { id: 'explorer.retag', defaultMessage: 'Retag' },
  deleteTagTitle: { id: 'explorer.deleteTagTitle', defaultMessage: 'Delete tag {tag}?' },
  deleteTagBusy: {
    id: 'explorer.deleteTagBusy',
    defaultMessage: 'The tag is being deleted: wait for the registry to answer.',
  },
  deleteTagIntro: {
    id: 'explorer.deleteTagIntro',
    defaultMessage:
      'Removes the tag <b>{tag}</b> from <b>{repository}</b>. The image <code>{digest}</code> stays.',
  },
  lookingForSiblings: {
    id: 'explorer.lookingForSiblings',
    defaultMessage: 'Looking for other tags on this image…',
  },
  siblingsSurvive: {
    id: 'explorer.siblingsSurvive',
    defaultMessage: 'Other tags on the same image survive: {tags}.',
  },
  noSiblings: {
    id: 'explorer.noSiblings',
    defaultMessage: 'No other tag points at this image; it stays reachable by digest.',
  },
  deletedTag: { id: 'explorer.deletedTag', defaultMessage: 'Deleted tag {tag}. {gc}' },
  deletedTagKept: {
    id: 'explorer.deletedTagKept',
    defaultMessage: 'Deleted tag {tag}. {tags} still point at it. {gc}',
  },
  /** The note after a delete (the main process says the same to the CLI). */
  gcHint: {
    id: 'explorer.gcHint',
    defaultMessage: 'Space is only reclaimed when the registry runs garbage collection.',
  },
  /** The note after a tag removed through the registry kind's own API (Harbor's): `{vendor}` is its name. */
  vendorTagDeleteHint: {
    id: 'explorer.vendorTagDeleteHint',
    defaultMessage:
      "Removed with {vendor}''s own tag delete: the image and any other tags on it stay. Space is only reclaimed when {vendor} runs garbage collection.",
  },
  deleting: { id: 'explorer.deleting', defaultMessage: 'Deleting…' },
  deleteTag: { id: 'explorer.deleteTag', defaultMessage: 'Delete tag' },
  deleteImageTitle: { id: 'explorer.deleteImageTitle', defaultMessage: 'Delete image by digest?' },
  deleteImageBusy: {
    id: 'explorer.deleteImageBusy',
    defaultMessage: 'The image is being deleted: wait for the registry to answer.',
  },
  deleteImageIntro: {
    id: 'explorer.deleteImageIntro',
    defaultMessage: 'Deletes the image <code>{digest}</code> from <b>{repository}</b>.',
  },
  findingTags: { id: 'explorer.findingTags', defaultMessage: 'Finding every tag that goes with it…' },
  tagsGoWithIt: { id: 'explorer.tagsGoWithIt', defaultMessage: 'These tags go with it: {tags}.' },
  noTagOnDigest: { id: 'explorer.noTagOnDigest', defaultMessage: 'No tag points at this digest.' },
  deletionDisabledShort: {
    id: 'explorer.deletionDisabledShort',
    defaultMessage:
      'This registry does not allow deleting images. Whoever runs it can turn deletion on (for a Distribution registry, {setting} in its configuration).',
  },
  deletedImage: { id: 'explorer.deletedImage', defaultMessage: 'Deleted {digest}. {gc}' },
  deletedImageAndTags: {
    id: 'explorer.deletedImageAndTags',
    defaultMessage: 'Deleted {digest} and its tags {tags}. {gc}',
  },
  deleteImage: { id: 'explorer.deleteImage', defaultMessage: 'Delete image' },
  deletionDisabled: {
    id: 'explorer.deletionDisabled',
    defaultMessage:
      'This registry does not allow deleting images. Whoever runs it can turn deletion on (for a Distribution registry, {setting} in its configuration); until then nothing can be deleted here.',
  },
  gcNote: {
    id: 'explorer.gcNote',
    defaultMessage:
      'The disk space comes back only when the registry collects garbage; until then the layers stay stored. For a registry of your own: Your registries → Collect garbage.',
  },
  leftBehindNote: {
    id: 'explorer.leftBehindNote',
    defaultMessage:
      'Images that no tag names stay too: the platform images inside a multi-platform image, and signatures or SBOMs attached to an image. Garbage collection that also removes untagged images takes them away.',
  },
  stillDeleting: {
    id: 'explorer.stillDeleting',
    defaultMessage:
      'Deleting is under way: press “Stop after this one” to stop, or wait until it is done to close this.',
  },
  deletedSoFar: { id: 'explorer.deletedSoFar', defaultMessage: 'Deleted so far' },
  progress: { id: 'explorer.progress', defaultMessage: '{done} of {total} done' },
  progressCurrent: {
    id: 'explorer.progressCurrent',
    defaultMessage: '{done} of {total} done · deleting {current}…',
  },
  summary: {
    id: 'explorer.summary',
    defaultMessage:
      'Deleted {deleted} of {total}{failed, plural, =0 {} other {; # failed}}{left, plural, =0 {} other {; stopped before the other #}}.',
  },
  failed: { id: 'explorer.failed', defaultMessage: 'Failed' },
  deleteTagsTitle: {
    id: 'explorer.deleteTagsTitle',
    defaultMessage: 'Delete {count, plural, one {# tag} other {# tags}} of {repository}?',
  },
  deletedTags: {
    id: 'explorer.deletedTags',
    defaultMessage: 'Deleted {count, plural, one {# tag} other {# tags}} of {repository}.',
  },
  deleteTagsIntro: {
    id: 'explorer.deleteTagsIntro',
    defaultMessage:
      'Removes these tags from <b>{repository}</b>, one at a time. Other tags on the same images are not touched.',
  },
  lookingUpImages: { id: 'explorer.lookingUpImages', defaultMessage: 'Looking up the image each tag names…' },
  tagsByImage: { id: 'explorer.tagsByImage', defaultMessage: 'Tags by image' },
  kept: { id: 'explorer.kept', defaultMessage: 'Kept (same image, not selected): {tags}.' },
  noOtherTag: {
    id: 'explorer.noOtherTag',
    defaultMessage: 'No other tag names this image: it stays, reachable by digest only.',
  },
  alreadyGone: { id: 'explorer.alreadyGone', defaultMessage: 'Already gone: {tags}.' },
  deleteTags: {
    id: 'explorer.deleteTags',
    defaultMessage: 'Delete {count, plural, one {# tag} other {# tags}}',
  },
  stopAfterThis: { id: 'explorer.stopAfterThis', defaultMessage: 'Stop after this one' },
  deletedImages: {
    id: 'explorer.deletedImages',
    defaultMessage: 'Deleted {count, plural, one {# image} other {# images}} of {repository}.',
  },
  deleteRepositoryTitle: {
    id: 'explorer.deleteRepositoryTitle',
    defaultMessage: 'Delete repository {repository}?',
  },
  countingTags: { id: 'explorer.countingTags', defaultMessage: 'Counting tags and images…' },
  deleteRepositoryWarning: {
    id: 'explorer.deleteRepositoryWarning',
    defaultMessage:
      'Deleting {repository} removes all {tags, plural, one {# tag} other {# tags}} ({images, plural, one {# image} other {# images}}). This cannot be undone.',
  },
  nothingToDelete: {
    id: 'explorer.nothingToDelete',
    defaultMessage: '{repository} has no tags: there is nothing to delete.',
  },
  whatStays: { id: 'explorer.whatStays', defaultMessage: 'What stays afterwards:' },
  nameStays: {
    id: 'explorer.nameStays',
    defaultMessage:
      "The name {repository} stays in the repository list, empty: registries delete images, not repositories. Only its operator can remove the name, from the registry's storage.",
  },
  typeToConfirm: { id: 'explorer.typeToConfirm', defaultMessage: 'Type {repository} to confirm' },
  typeExactly: { id: 'explorer.typeExactly', defaultMessage: 'Type {repository} exactly to confirm.' },
  deleteRepository: { id: 'explorer.deleteRepository', defaultMessage: 'Delete repository' },
});

/** Media type names (lib/format.ts's describeMediaType): names as their specifications name them. */
export const mediaTypes = defineMessages({
  ociIndex: { id: 'explorer.mediaType.ociIndex', defaultMessage: 'OCI image index' },
  ociManifest: { id: 'explorer.mediaType.ociManifest', defaultMessage: 'OCI image manifest' },
  dockerList: { id: 'explorer.mediaType.dockerList', defaultMessage: 'Docker manifest list' },
  dockerV2: { id: 'explorer.mediaType.dockerV2', defaultMessage: 'Docker manifest v2' },
  dockerSchema1: { id: 'explorer.mediaType.dockerSchema1', defaultMessage: 'Docker schema 1 (signed)' },
  tarGzip: { id: 'explorer.mediaType.tarGzip', defaultMessage: 'tar+gzip' },
  tarZstd: { id: 'explorer.mediaType.tarZstd', defaultMessage: 'tar+zstd' },
  tar: { id: 'explorer.mediaType.tar', defaultMessage: 'tar' },
  foreignTarGzip: { id: 'explorer.mediaType.foreignTarGzip', defaultMessage: 'foreign tar+gzip' },
});
