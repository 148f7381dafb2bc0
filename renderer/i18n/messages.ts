// Words every screen uses. A feature's own words live in its folder's messages.ts (ids `<folder>.<key>`).
import { defineMessages } from './index.js';

export const common = defineMessages({
  cancel: { id: 'common.cancel', defaultMessage: 'Cancel' },
  close: { id: 'common.close', defaultMessage: 'Close' },
  save: { id: 'common.save', defaultMessage: 'Save' },
  delete: { id: 'common.delete', defaultMessage: 'Delete' },
  remove: { id: 'common.remove', defaultMessage: 'Remove' },
  retry: { id: 'common.retry', defaultMessage: 'Retry' },
  tryAgain: { id: 'common.tryAgain', defaultMessage: 'Try again' },
  refresh: { id: 'common.refresh', defaultMessage: 'Refresh' },
  copy: { id: 'common.copy', defaultMessage: 'Copy' },
  copied: { id: 'common.copied', defaultMessage: 'Copied' },
  back: { id: 'common.back', defaultMessage: 'Back' },
  next: { id: 'common.next', defaultMessage: 'Next' },
  done: { id: 'common.done', defaultMessage: 'Done' },
  apply: { id: 'common.apply', defaultMessage: 'Apply' },
  edit: { id: 'common.edit', defaultMessage: 'Edit' },
  add: { id: 'common.add', defaultMessage: 'Add' },
  loading: { id: 'common.loading', defaultMessage: 'Loading…' },
  more: { id: 'common.more', defaultMessage: 'More' },
  none: { id: 'common.none', defaultMessage: 'None' },
  unknown: { id: 'common.unknown', defaultMessage: 'Unknown' },
  /** A size: `{value}` is the number already formatted for the locale, `{unit}` B, KB, MB, GB or TB. */
  size: { id: 'common.size', defaultMessage: '{value} {unit}' },
  /** A date and time in a list or a card: `{date}` is `2026-11-25`, `{time}` `14:25` (sortable, one line). */
  dateTime: { id: 'common.dateTime', defaultMessage: '{date} {time}' },
  /** A day short enough for a list row, this year. */
  dayThisYear: { id: 'common.dayThisYear', defaultMessage: '{when, date, ::MMMd}' },
  /** A day in an earlier year. */
  dayOtherYear: { id: 'common.dayOtherYear', defaultMessage: '{when, date, ::yyyyMMMd}' },
  /** Separates items of an inline list. */
  listSeparator: { id: 'common.listSeparator', defaultMessage: ', ' },
  language: { id: 'common.language', defaultMessage: 'Language' },
  languageSystem: { id: 'common.languageSystem', defaultMessage: 'System ({language})' },
});
