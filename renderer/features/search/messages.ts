// The words of the search palette, the sidebar's Search button and Starred group, the star button, and of
// renderer/lib/go-to.ts (what a typed reference cannot open).
import { defineMessages } from '../../i18n/index.js';

export const search = defineMessages({
  sourceIndex: { id: 'search.sourceIndex', defaultMessage: 'listed' },
  sourceVendor: { id: 'search.sourceVendor', defaultMessage: 'registry search' },
  sourceGuess: { id: 'search.sourceGuess', defaultMessage: 'by name' },
  /** Where a place is: `{connection}` is a saved connection's name. */
  onConnection: { id: 'search.onConnection', defaultMessage: 'on {connection}' },
  groupStarred: { id: 'search.groupStarred', defaultMessage: 'Starred' },
  groupRecent: { id: 'search.groupRecent', defaultMessage: 'Recent' },
  groupOpenByName: { id: 'search.groupOpenByName', defaultMessage: 'Open by name' },
  groupCommands: { id: 'search.groupCommands', defaultMessage: 'Commands' },
  emptyHint: {
    id: 'search.emptyHint',
    defaultMessage: 'Type part of a repository’s name to search every registry; star one to keep it here.',
  },
  searching: { id: 'search.searching', defaultMessage: 'Searching…' },
  asking: { id: 'search.asking', defaultMessage: 'Asking {registries}…' },
  updating: {
    id: 'search.updating',
    defaultMessage: 'Updating the list of {registries} in the background; results may grow.',
  },
  more: { id: 'search.more', defaultMessage: '{count} more match; type more of the name.' },
  title: { id: 'search.title', defaultMessage: 'Search' },
  label: { id: 'search.label', defaultMessage: 'Search repositories' },
  placeholder: {
    id: 'search.placeholder',
    defaultMessage: 'Search repositories in every registry, or type host/team/app:tag',
  },
  tooLong: {
    id: 'search.tooLong',
    defaultMessage: 'A search is at most {max} characters; type a word or two of the name.',
  },
  failed: { id: 'search.failed', defaultMessage: 'The search failed: {reason}' },
  noMatch: {
    id: 'search.noMatch',
    defaultMessage:
      'No repository matches “{query}” in {count, plural, one {the saved registry} other {# registries}}.',
  },
  notListed: { id: 'search.notListed', defaultMessage: 'Registries not listed' },
  couldNotList: { id: 'search.couldNotList', defaultMessage: '{connection} could not be listed: {reason}' },
  couldNotSearch: {
    id: 'search.couldNotSearch',
    defaultMessage: '{connection} could not be searched: {reason}',
  },
  button: { id: 'search.button', defaultMessage: 'Search' },
  starredHeading: { id: 'search.starredHeading', defaultMessage: 'Starred' },
  placeOn: { id: 'search.placeOn', defaultMessage: '{place} on {connection}' },
  star: { id: 'search.star', defaultMessage: 'Star {name}' },
  starredTitle: {
    id: 'search.starredTitle',
    defaultMessage: 'Starred: {name} is at the top of the sidebar and of search',
  },
  notChanged: { id: 'search.notChanged', defaultMessage: 'Not changed: {reason}' },
});

/** What a typed reference cannot open (renderer/lib/go-to.ts). */
export const goTo = defineMessages({
  typeRepository: {
    id: 'search.goToType',
    defaultMessage: 'Type a repository, such as team/app or 127.0.0.1:5000/team/app:1.0.',
  },
  noLogin: {
    id: 'search.goToNoLogin',
    defaultMessage:
      "Type the registry and repository without a user name or password, such as 127.0.0.1:5000/team/app: Berth logs in with the saved connection's own.",
  },
  noConnectionFor: {
    id: 'search.goToNoConnectionFor',
    defaultMessage: 'No saved connection is for {host}: add it with Add connection, then go to it.',
  },
  chooseConnection: {
    id: 'search.goToChooseConnection',
    defaultMessage:
      'Choose a connection in the sidebar first, or type the registry too, such as 127.0.0.1:5000/team/app.',
  },
  notARepository: {
    id: 'search.goToNotARepository',
    defaultMessage:
      '“{name}” is not a repository name: use lowercase letters, digits and . _ - between slashes, then :tag if you want one (team/app:1.0).',
  },
});
