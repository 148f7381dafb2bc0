// The words of the Storage page's Cleanup rules tab: the saved rules, the rule editor, the preview and the run.
import { defineMessages } from '../../i18n/index.js';

export const cleanup = defineMessages({
  savedRules: { id: 'cleanup.savedRules', defaultMessage: 'Saved rules' },
  newRule: { id: 'cleanup.newRule', defaultMessage: 'New rule' },
  readingRules: { id: 'cleanup.readingRules', defaultMessage: 'Reading the saved rules' },
  unreadableLabel: { id: 'cleanup.unreadableLabel', defaultMessage: 'Rules that cannot be run' },
  unreadableCount: {
    id: 'cleanup.unreadableCount',
    defaultMessage: '{count, plural, one {One saved rule cannot be run} other {# saved rules cannot be run}}',
  },
  ruleWithoutName: { id: 'cleanup.ruleWithoutName', defaultMessage: 'A rule without a name' },
  /** A rule that cannot be run: `{name}` is its name (or "A rule without a name"), `{problem}` why. */
  unreadableRule: { id: 'cleanup.unreadableRule', defaultMessage: '{name}: {problem}' },
  removeRule: { id: 'cleanup.removeRule', defaultMessage: 'Remove {name}' },
  unreadableNote: {
    id: 'cleanup.unreadableNote',
    defaultMessage:
      'It was changed by hand in Berth’s settings file: correct it there, or remove it here and make it again. Nothing is deleted by it.',
  },
  noRules: {
    id: 'cleanup.noRules',
    defaultMessage:
      'No cleanup rules yet. A rule keeps the newest tags or the young ones and deletes the rest, after a preview.',
  },
  addRegistryFirst: {
    id: 'cleanup.addRegistryFirst',
    defaultMessage: 'Add a registry first: a cleanup rule works on a saved registry.',
  },
  editRule: { id: 'cleanup.editRule', defaultMessage: 'Edit {name}' },
  previewRule: { id: 'cleanup.previewRule', defaultMessage: 'Preview {name}' },
  preview: { id: 'cleanup.preview', defaultMessage: 'Preview' },
  readingTags: { id: 'cleanup.readingTags', defaultMessage: 'Reading tags, dates and sizes' },
  cancelPreview: { id: 'cleanup.cancelPreview', defaultMessage: 'Cancel preview' },
  resultLabel: { id: 'cleanup.resultLabel', defaultMessage: 'Cleanup result' },
  result: { id: 'cleanup.result', defaultMessage: 'Result' },
  deleting: { id: 'cleanup.deleting', defaultMessage: 'Deleting… {done} of {total} done.' },
  stopAfterTag: { id: 'cleanup.stopAfterTag', defaultMessage: 'Stop after this tag' },
  stopped: {
    id: 'cleanup.stopped',
    defaultMessage:
      'Stopped: {count, plural, one {# tag} other {# tags}} deleted before the stop; the rest were not touched.',
  },
  deleted: {
    id: 'cleanup.deleted',
    defaultMessage:
      'Deleted {count, plural, one {# tag} other {# tags}}; {skipped} skipped, {failed} failed.',
  },
  previewAgain: { id: 'cleanup.previewAgain', defaultMessage: 'Preview again' },
  collectGarbage: { id: 'cleanup.collectGarbage', defaultMessage: 'Collect garbage…' },
  spaceComesBack: {
    id: 'cleanup.spaceComesBack',
    defaultMessage: 'The space comes back when the registry collects garbage.',
  },
  deleteTagsButton: {
    id: 'cleanup.deleteTagsButton',
    defaultMessage: 'Delete {count, plural, one {# tag} other {# tags}}…',
  },
  nothingToDelete: { id: 'cleanup.nothingToDelete', defaultMessage: 'Nothing to delete' },
  deleteTagsTitle: {
    id: 'cleanup.deleteTagsTitle',
    defaultMessage: 'Delete {count, plural, one {# tag} other {# tags}}?',
  },
  deleteTagsText: {
    id: 'cleanup.deleteTagsText',
    defaultMessage:
      '{count, plural, one {# tag} other {# tags}} in {registry} go, exactly as the preview shows; a tag that moved since is skipped. Other tags on the same images stay.',
  },
  deleteTags: {
    id: 'cleanup.deleteTags',
    defaultMessage: 'Delete {count, plural, one {# tag} other {# tags}}',
  },
  untaggedNote: {
    id: 'cleanup.untaggedNote',
    defaultMessage:
      '{count, plural, one {The # tag the rule deleted left its image untagged: its layers come} other {The # tags the rule deleted left their images untagged: their layers come}} back only with “Also delete images no tag points to”, ticked here.',
  },
  totals: {
    id: 'cleanup.totals',
    defaultMessage:
      '{goes, plural, one {# tag} other {# tags}} of {total} go in {repositories, plural, one {# repository} other {# repositories}}; <b>{size}</b> become collectable.',
  },
  measuredAgainst: {
    id: 'cleanup.measuredAgainst',
    defaultMessage:
      'Counted against every kept tag of {count, plural, one {the repository} other {the # repositories}} scanned; a layer that another repository also uses stays until its last user goes, and the bytes come back only when the registry collects garbage (with untagged images removed).',
  },
  tableLabel: { id: 'cleanup.tableLabel', defaultMessage: 'Tags the rule keeps and deletes' },
  tag: { id: 'cleanup.tag', defaultMessage: 'Tag' },
  action: { id: 'cleanup.action', defaultMessage: 'Action' },
  date: { id: 'cleanup.date', defaultMessage: 'Date' },
  why: { id: 'cleanup.why', defaultMessage: 'Why' },
  goes: { id: 'cleanup.goes', defaultMessage: 'Goes' },
  stays: { id: 'cleanup.stays', defaultMessage: 'Stays' },
  /** A tag's date and where it comes from: the registry's push date or the image's build date. */
  dateWithSource: {
    id: 'cleanup.dateWithSource',
    defaultMessage: '{date} ({source, select, pushed {pushed} other {built}})',
  },
  noTags: { id: 'cleanup.noTags', defaultMessage: 'No tags: nothing the rule covers.' },
  firstListed: {
    id: 'cleanup.firstListed',
    defaultMessage: 'The first {shown} of {total} tags are listed, those that go first.',
  },
  showAll: { id: 'cleanup.showAll', defaultMessage: 'Show all {total}' },
  whyProtected: { id: 'cleanup.whyProtected', defaultMessage: 'protected by {pattern}' },
  whyNoMatch: { id: 'cleanup.whyNoMatch', defaultMessage: 'does not match {pattern}' },
  whyUnreadable: { id: 'cleanup.whyUnreadable', defaultMessage: 'not read: {problem}' },
  whyNoDate: { id: 'cleanup.whyNoDate', defaultMessage: 'no date found: its age is unknown' },
  whyNewest: { id: 'cleanup.whyNewest', defaultMessage: 'among the newest {keep}' },
  whyYounger: { id: 'cleanup.whyYounger', defaultMessage: 'younger than {age}' },
  whyOlder: { id: 'cleanup.whyOlder', defaultMessage: 'older than {age}' },
  whyOlderBeyond: {
    id: 'cleanup.whyOlderBeyond',
    defaultMessage: 'older than {age}, not among the newest {keep}',
  },
  whyBeyondNewest: { id: 'cleanup.whyBeyondNewest', defaultMessage: 'not among the newest {keep}' },
  /** A saved rule's summary parts, joined with " · ". */
  ruleAllTags: { id: 'cleanup.ruleAllTags', defaultMessage: 'all tags' },
  ruleTags: { id: 'cleanup.ruleTags', defaultMessage: 'tags {pattern}' },
  ruleKeep: { id: 'cleanup.ruleKeep', defaultMessage: 'keep newest {keep}' },
  ruleYounger: { id: 'cleanup.ruleYounger', defaultMessage: 'keep any younger than {age}' },
  ruleProtect: { id: 'cleanup.ruleProtect', defaultMessage: 'protect {patterns}' },
});

export const editor = defineMessages({
  formLabel: { id: 'cleanup.editor.formLabel', defaultMessage: 'Cleanup rule' },
  editTitle: { id: 'cleanup.editor.editTitle', defaultMessage: 'Edit rule “{name}”' },
  newTitle: { id: 'cleanup.editor.newTitle', defaultMessage: 'New rule' },
  name: { id: 'cleanup.editor.name', defaultMessage: 'Name' },
  namePlaceholder: { id: 'cleanup.editor.namePlaceholder', defaultMessage: 'nightly builds' },
  registry: { id: 'cleanup.editor.registry', defaultMessage: 'Registry' },
  repositories: { id: 'cleanup.editor.repositories', defaultMessage: 'Repositories' },
  repositoriesHelp: {
    id: 'cleanup.editor.repositoriesHelp',
    defaultMessage: 'One repository, or a pattern with * and ?',
  },
  match: { id: 'cleanup.editor.match', defaultMessage: 'Tag pattern' },
  matchPlaceholder: { id: 'cleanup.editor.matchPlaceholder', defaultMessage: 'all tags' },
  matchHelp: {
    id: 'cleanup.editor.matchHelp',
    defaultMessage: 'Only these tags are considered, e.g. build-*',
  },
  keep: { id: 'cleanup.editor.keep', defaultMessage: 'Keep newest' },
  keepPlaceholder: { id: 'cleanup.editor.keepPlaceholder', defaultMessage: 'no count' },
  keepHelp: { id: 'cleanup.editor.keepHelp', defaultMessage: 'Of the matching tags that are not protected' },
  olderThan: { id: 'cleanup.editor.olderThan', defaultMessage: 'Older than' },
  olderThanPlaceholder: { id: 'cleanup.editor.olderThanPlaceholder', defaultMessage: 'no age' },
  olderThanHelp: {
    id: 'cleanup.editor.olderThanHelp',
    defaultMessage: 'Tags younger than this stay: 12h, 30d, 2w',
  },
  protect: { id: 'cleanup.editor.protect', defaultMessage: 'Protected tags' },
  protectHelp: { id: 'cleanup.editor.protectHelp', defaultMessage: 'Always kept; separate with commas' },
  keepWhole: {
    id: 'cleanup.editor.keepWhole',
    defaultMessage: 'a whole number of tags, 0 or more',
  },
  /** A field's problem: `{field}` is the field's label. */
  problem: { id: 'cleanup.editor.problem', defaultMessage: '{field}: {problem}' },
  saveRule: { id: 'cleanup.editor.saveRule', defaultMessage: 'Save rule' },
});
