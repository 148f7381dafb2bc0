// What the daemon.json editor says about an entry, a change and a reload, by key: the CLI prints the
// English, the app translates the key (renderer/features/daemon/messages.ts holds the same English, ids
// `daemon.said.<key>`; test/unit/doctor-phrases.test.ts keeps the two equal).
import { phrasebook } from '../../../shared/contract/phrase.js';

export const DAEMON_PHRASES = {
  // insecure-registries entries (dockerd's own words where it has them)
  hyphen: 'invalid index name ({entry}). Cannot begin or end with a hyphen',
  noScheme: "insecure registry {entry} should not contain '://'",
  schemeDropped: '"{entry}": dockerd drops the {scheme}:// and reads {value}',
  noPath:
    'insecure registry {entry} is not valid: only a host and port go here, without a path or a trailing "/" — write {bare}',
  notValid: 'insecure registry {entry} is not valid: {problem}',
  notHost: '"{host}" is not a host name or IP address',
  notPort: '"{port}" is not a port number',
  portRange: 'port {port} is out of range (0 to 65535)',
  // registry-mirrors entries
  mirrorNoScheme:
    "invalid mirror: no scheme specified for \"{entry}\": must use either 'https://' or 'http://'",
  mirrorNotUri: 'invalid mirror: "{entry}" is not a valid URI',
  mirrorScheme: 'invalid mirror: unsupported scheme "{scheme}" in "{entry}"',
  mirrorQuery: 'invalid mirror: query or fragment at end of the URI "{entry}"',
  mirrorUserinfo: 'invalid mirror: username/password not allowed in URI "{entry}"',
  mirrorPath: 'invalid mirror: path, query, or fragment at end of the URI "{entry}"',
  // Notes on a change
  alreadyIn: '{value} is already in {key}.',
  mirrorsHubOnly: 'Mirrors serve only pulls from Docker Hub: never pushes, never other registries.',
  portless: 'An entry without a port covers only {host} itself: {host}:5000 needs its own entry.',
  loopback: '127.0.0.0/8 (and ::1) are always insecure: registries on localhost need no entry.',
  emptied: 'The list is written as "{key}": [] — a key missing from the file would not be cleared on reload.',
  // daemon.json that is not JSON (jsonc-parser's error codes as the mistake a person would name; braces
  // and brackets are params, as a message's `{` `}` are its arguments)
  notJson: '{file} is not valid JSON: {mistake} (line {line}, column {column})',
  jsonListOfStrings: '"{key}" must be a list of strings',
  jsonTopLevel: 'the top level must be a JSON object',
  jsonNotJson: 'the text is not JSON',
  jsonInvalidSymbol: 'there is a character JSON does not allow here',
  jsonInvalidNumberFormat: 'a number is written in a way JSON does not allow',
  jsonPropertyNameExpected: 'a key in double quotes is missing, or a comma is left before a "{brace}"',
  jsonValueExpected: 'a value is missing, or a comma is left before a "{bracket}" or "{brace}"',
  jsonColonExpected: 'a colon is missing after a key',
  jsonCommaExpected: 'a comma is missing between two entries',
  jsonCloseBraceExpected: 'a closing "{brace}" is missing',
  jsonCloseBracketExpected: 'a closing "{bracket}" is missing',
  jsonEndOfFileExpected: 'there is more text after the closing "{brace}"',
  jsonInvalidCommentToken: 'there is a comment, and daemon.json allows none',
  jsonUnexpectedEndOfComment: 'a comment never ends',
  jsonUnexpectedEndOfString: 'a string has no closing quote',
  jsonUnexpectedEndOfNumber: 'a number is cut off',
  jsonInvalidUnicode: 'a \\u escape is not followed by four hex digits',
  jsonInvalidEscapeCharacter: 'a backslash escape is one JSON does not know',
  jsonInvalidCharacter: 'a string holds a raw tab or line break (write \\t or \\n)',
} as const satisfies Record<string, string>;

export type DaemonPhraseKey = keyof typeof DAEMON_PHRASES;

export const say = phrasebook<DaemonPhraseKey>('daemon.said', DAEMON_PHRASES);
