// The words of the Storage page's Usage tab: the scan form, its progress, and the report.
import { defineMessages } from '../../i18n/index.js';

export const storage = defineMessages({
  title: { id: 'storage.title', defaultMessage: 'Storage' },
  tabUsage: { id: 'storage.tabUsage', defaultMessage: 'Usage' },
  tabCleanup: { id: 'storage.tabCleanup', defaultMessage: 'Cleanup rules' },
  addRegistryFirst: {
    id: 'storage.addRegistryFirst',
    defaultMessage: 'Add a registry first: its storage is counted here.',
  },
  scanForm: { id: 'storage.scanForm', defaultMessage: 'Scan storage' },
  repositoryOptional: { id: 'storage.repositoryOptional', defaultMessage: 'Repository (optional)' },
  everyRepository: { id: 'storage.everyRepository', defaultMessage: 'every repository' },
  scanning: { id: 'storage.scanning', defaultMessage: 'Scanning…' },
  scan: { id: 'storage.scan', defaultMessage: 'Scan' },
  cancelled: { id: 'storage.cancelled', defaultMessage: 'The scan of {subject} was cancelled.' },
  storageOf: { id: 'storage.storageOf', defaultMessage: 'Storage of <b>{subject}</b>' },
  tagsRead: {
    id: 'storage.tagsRead',
    defaultMessage: '· {count, plural, one {# tag} other {# tags}} read in {seconds, number, ::.0} s',
  },
  intro: {
    id: 'storage.intro',
    defaultMessage:
      'A scan reads every tag once and counts each layer once: shared layers show as shared. On a registry of your own it also shows the disk and what a garbage collection would give back.',
  },
  listing: { id: 'storage.listing', defaultMessage: 'Listing the repositories of {subject}…' },
  counted: {
    id: 'storage.counted',
    defaultMessage: 'Counted {counted} of {total, plural, one {# repository} other {# repositories}}',
  },
  tagsProgress: {
    id: 'storage.tagsProgress',
    defaultMessage: '{name}: {done} of {total, plural, one {# tag} other {# tags}} read',
  },
  tagsProgressText: { id: 'storage.tagsProgressText', defaultMessage: '{name}: {note}' },
  cancelScan: { id: 'storage.cancelScan', defaultMessage: 'Cancel scan' },
  scanOf: { id: 'storage.scanOf', defaultMessage: 'Storage scan of {subject}' },
});

export const report = defineMessages({
  notes: { id: 'storage.report.notes', defaultMessage: 'Notes on the figures' },
  figures: { id: 'storage.report.figures', defaultMessage: 'Storage figures' },
  stored: { id: 'storage.report.stored', defaultMessage: 'Stored' },
  storedDetail: { id: 'storage.report.storedDetail', defaultMessage: 'each layer counted once' },
  shared: { id: 'storage.report.shared', defaultMessage: 'Shared' },
  sharedByTags: { id: 'storage.report.sharedByTags', defaultMessage: 'by several of its tags' },
  sharedByRepositories: {
    id: 'storage.report.sharedByRepositories',
    defaultMessage: 'by several repositories',
  },
  tags: { id: 'storage.report.tags', defaultMessage: 'Tags' },
  repositories: { id: 'storage.report.repositories', defaultMessage: 'Repositories' },
  inThisRepository: { id: 'storage.report.inThisRepository', defaultMessage: 'in this repository' },
  tagsInAll: {
    id: 'storage.report.tagsInAll',
    defaultMessage: '{count, plural, one {# tag} other {# tags}} in all',
  },
  onDisk: { id: 'storage.report.onDisk', defaultMessage: 'On disk' },
  atLeast: { id: 'storage.report.atLeast', defaultMessage: '≥ {size}' },
  storageFolder: { id: 'storage.report.storageFolder', defaultMessage: '{server}’s storage folder' },
  gcWouldFree: { id: 'storage.report.gcWouldFree', defaultMessage: 'Garbage collection would free' },
  gcWouldFreeWhole: {
    id: 'storage.report.gcWouldFreeWhole',
    defaultMessage: 'Garbage collection would free (whole registry)',
  },
  notKnown: { id: 'storage.report.notKnown', defaultMessage: 'not known: {problem}' },
  withUntagged: {
    id: 'storage.report.withUntagged',
    defaultMessage: '{size} with untagged images removed too',
  },
  platformWarning: {
    id: 'storage.report.platformWarning',
    defaultMessage:
      'Removing untagged images would also delete {count, plural, one {# platform image} other {# platform images}} of multi-platform images, which this registry takes for untagged.',
  },
  collectGarbage: {
    id: 'storage.report.collectGarbage',
    defaultMessage: 'Collect garbage in Your registries…',
  },
  noRepositories: { id: 'storage.report.noRepositories', defaultMessage: 'No repositories counted.' },
  bySize: { id: 'storage.report.bySize', defaultMessage: 'Repositories by size' },
  legendOwn: { id: 'storage.report.legendOwn', defaultMessage: 'only in this repository' },
  legendShared: {
    id: 'storage.report.legendShared',
    defaultMessage: 'shared with others · choose one for its tags',
  },
  barLabel: {
    id: 'storage.report.barLabel',
    defaultMessage: '{name}: {size}, {shared} shared, {count, plural, one {# tag} other {# tags}}',
  },
  notListed: { id: 'storage.report.notListed', defaultMessage: 'not listed' },
  tagCount: { id: 'storage.report.tagCount', defaultMessage: '{count, plural, one {# tag} other {# tags}}' },
  smaller: {
    id: 'storage.report.smaller',
    defaultMessage:
      '{count, plural, one {# smaller repository} other {# smaller repositories}}: {size} together',
  },
  tagsOf: { id: 'storage.report.tagsOf', defaultMessage: 'Tags of {name}' },
  tagsOfSize: { id: 'storage.report.tagsOfSize', defaultMessage: '· {size}' },
  tagsOfSizeShared: {
    id: 'storage.report.tagsOfSizeShared',
    defaultMessage: '· {size}, {shared} shared with other repositories',
  },
  tagsUnlisted: {
    id: 'storage.report.tagsUnlisted',
    defaultMessage: 'Its tags could not be listed: {problem}',
  },
  tag: { id: 'storage.report.tag', defaultMessage: 'Tag' },
  size: { id: 'storage.report.size', defaultMessage: 'Size' },
  sharedWithTags: { id: 'storage.report.sharedWithTags', defaultMessage: 'Shared with other tags' },
  digest: { id: 'storage.report.digest', defaultMessage: 'Digest' },
  largestListed: {
    id: 'storage.report.largestListed',
    defaultMessage:
      'The largest {shown} of {count, plural, one {# tag} other {# tags}} are listed; all are counted.',
  },
  unreadableTags: { id: 'storage.report.unreadableTags', defaultMessage: 'Tags that could not be read' },
  moreUnreadable: {
    id: 'storage.report.moreUnreadable',
    defaultMessage: 'and {count, plural, one {# more tag} other {# more tags}} could not be read',
  },
  largest: { id: 'storage.report.largest', defaultMessage: 'Largest images' },
  image: { id: 'storage.report.image', defaultMessage: 'Image' },
  untagged: { id: 'storage.report.untagged', defaultMessage: 'Untagged images' },
  untaggedUnknown: {
    id: 'storage.report.untaggedUnknown',
    defaultMessage: 'Not known through this registry: only a registry of your own shows them.',
  },
  untaggedNone: {
    id: 'storage.report.untaggedNone',
    defaultMessage: 'None: every stored image has a tag.',
  },
  untaggedNoneRepository: {
    id: 'storage.report.untaggedNoneRepository',
    defaultMessage: 'None: every stored image in this repository has a tag.',
  },
  untaggedCount: {
    id: 'storage.report.untaggedCount',
    defaultMessage:
      '{count, plural, one {# image has} other {# images have}} no tag; a clean-up that removes untagged images takes them.',
  },
  repository: { id: 'storage.report.repository', defaultMessage: 'Repository' },
});
