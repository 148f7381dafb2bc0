// Whether dockerd would start with a daemon.json, following how it reads one (moby
// `daemon/config/config.go` `getConflictFreeConfiguration`, docker-conventions.md §1.2):
// 1. the file is decoded into a map (a repeated key: the last wins) and objects under keys other than
//    FLAT_OPTIONS are flattened, their members counted as top-level keys;
// 2. every key must be a flag's name, a NamedOption's name or in skipValidateOptions ("the following
//    directives don't match any configuration option");
// 3. no key may also be set by a command-line flag ("specified both as a flag and in the configuration
//    file"), `runtimes` excepted;
// 4. the file is decoded again into Config with encoding/json: every occurrence of a key is decoded into
//    its field (names matched case-insensitively), so one value of the wrong type anywhere is fatal;
// 5. `config.Validate` and the start-up checks that need no system: labels, DNS, counts, runtimes, modes.
// What this cannot know (drivers, paths, addresses, log options) dockerd checks later while starting.
import { parseTree } from 'jsonc-parser';
import {
  formatRelease,
  generation,
  inRelease,
  isAfter,
  MERGED_WITH_FLAGS,
  MIGRATED_KEYS,
  NEWEST_MODELLED,
  OLDEST_MODELLED,
  parseRelease,
  type DockerdFlag,
} from './dockerd-keys.js';
import { valueProblems } from './dockerd-values.js';
import { field, lastWins, members, typeErrors } from './go-decode.js';

export interface EngineFacts {
  /** The engine's version as /info reports it (`20.10.24+dfsg1`); unknown when it could not be asked. */
  version?: string;
  /** dockerd's arguments (without the program name); unknown when Berth could not read them. */
  commandLine?: string[];
  /** dockerd on Windows has keys of its own; Berth's table is Linux's (default). */
  os?: 'linux' | 'windows';
}

export interface FileCheck {
  /** Why dockerd would refuse to start: empty when nothing was found. */
  problems: string[];
  /** Accepted, but not doing what it looks like (a value dockerd ignores, a repeated key). */
  notes: string[];
  /** What could not be checked here; the verdict says nothing about these. */
  unchecked: string[];
  /** Which dockerd the keys and types were checked against (`dockerd 20.10`). */
  checkedAgainst: string;
}

const quote = (key: string) => JSON.stringify(key);

/** The flags given on dockerd's command line (pflag syntax), by long name. */
export function flagsGiven(args: readonly string[], flags: Map<string, DockerdFlag>): Set<string> {
  const given = new Set<string>();
  const byShorthand = new Map(
    [...flags].flatMap(([name, flag]) => (flag.shorthand ? [[flag.shorthand, name]] : [])),
  );
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (arg === '--') break;
    if (arg.startsWith('--')) {
      const name = arg.slice(2).split('=')[0]!;
      const flag = flags.get(name);
      if (!flag) continue;
      given.add(name);
      if (!arg.includes('=') && !flag.isBool) index++;
    } else if (arg.startsWith('-') && arg.length > 1) {
      for (let position = 1; position < arg.length; position++) {
        const name = byShorthand.get(arg[position]!);
        if (!name) break;
        given.add(name);
        if (!flags.get(name)!.isBool) {
          if (position === arg.length - 1) index++;
          break;
        }
      }
    }
  }
  return given;
}

function flagText(name: string, flag: DockerdFlag): string {
  return flag.shorthand ? `-${flag.shorthand}/--${name}` : `--${name}`;
}

/** Checks a daemon.json text (valid JSON, an object at the top) the way the given dockerd reads it. */
export function checkDockerdFile(text: string, engine: EngineFacts): FileCheck {
  const release = parseRelease(engine.version);
  const inTable = release && !isAfter(OLDEST_MODELLED, release) && !isAfter(release, NEWEST_MODELLED);
  const modelled = inTable && engine.os !== 'windows' ? release : undefined;
  const gen = generation(
    modelled ?? (release && isAfter(OLDEST_MODELLED, release) ? OLDEST_MODELLED : NEWEST_MODELLED),
  );
  const name = `dockerd ${formatRelease(gen.release)}`;
  const problems: string[] = [];
  const notes: string[] = [];
  const unchecked: string[] = [];
  if (!release) unchecked.push(`the engine's version (Berth could not ask it): checked against ${name}`);
  else if (engine.os === 'windows')
    unchecked.push(`keys of dockerd on Windows that Linux's dockerd does not have: Berth's table is Linux's`);
  else if (!modelled)
    unchecked.push(
      `keys Berth does not know for dockerd ${engine.version}: its table covers ${formatRelease(OLDEST_MODELLED)} to ${formatRelease(NEWEST_MODELLED)}`,
    );

  // From 23.0 getConflictFreeConfiguration decodes a byte-order mark and takes a blank file as empty
  // (moby d42495033e); 20.10 hands the bytes to a JSON decoder, which fails on both.
  if (isAfter([23, 0], gen.release)) {
    if (text.startsWith('\uFEFF'))
      problems.push(
        `the file starts with a UTF-8 byte-order mark, which ${name} cannot read: remove the mark in a text editor (Berth keeps the one a file has)`,
      );
    if (text.replace(/^\uFEFF/, '').trim() === '')
      problems.push(
        `the file is empty, and ${name} refuses to start on an empty daemon.json ("EOF"): write {} instead`,
      );
  }
  const tree = parseTree(text.replace(/^\uFEFF/, ''), [], { disallowComments: true });
  if (tree?.type !== 'object') return { problems, notes, unchecked, checkedAgainst: name };
  const body = text.replace(/^\uFEFF/, '');
  const all = members(tree);
  const top = lastWins(tree);

  for (const [key, count] of countBy(all.map(([key]) => key)))
    if (count > 1) notes.push(`${quote(key)} appears ${count} times: dockerd uses the last one`);

  // 1–2: flattened names, each one dockerd must know.
  const flattened = new Map<string, string | undefined>();
  for (const [key, value] of top) {
    if (value.type === 'object' && !gen.flat.has(key)) {
      for (const [inner] of lastWins(value)) flattened.set(inner, key);
      if (!field(gen.fields, key) && lastWins(value).size > 0)
        notes.push(`${name} reads the keys inside ${quote(key)} as top-level names but ignores their values`);
    } else flattened.set(key, undefined);
  }
  const unknown = [...flattened].filter(([key]) => !gen.accepted.has(key));
  for (const [key, parent] of unknown) {
    const where = parent ? `${quote(key)} (inside ${quote(parent)})` : quote(key);
    if (modelled) problems.push(`${where} is not a setting ${name} knows: it refuses to start`);
    else unchecked.push(`${where}, which Berth's table does not have for this engine`);
  }

  // 3: set in the file and on the command line (or under its old and new names).
  const given = engine.commandLine ? flagsGiven(engine.commandLine, gen.flags) : new Set<string>();
  const clash = (key: string, flagName: string) =>
    `${quote(key)} is also set on dockerd's command line (${flagText(flagName, gen.flags.get(flagName)!)}): dockerd refuses a setting given both ways; remove it from the file or from the command line`;
  for (const flagName of given) {
    const key = gen.flags.get(flagName)!.named ?? flagName;
    if (flattened.has(key) && !MERGED_WITH_FLAGS.has(key)) problems.push(clash(key, flagName));
  }
  for (const [oldName, migration] of MIGRATED_KEYS) {
    if (!inRelease(migration, gen.release) || !flattened.has(oldName)) continue;
    if (flattened.has(migration.newName))
      problems.push(
        `${quote(oldName)} and ${quote(migration.newName)} must not both be set: keep ${quote(migration.newName)}`,
      );
    if (given.has(migration.flag)) problems.push(clash(oldName, migration.flag));
  }
  if (!engine.commandLine)
    unchecked.push(
      `whether a key is also a flag on dockerd's command line (Berth could not read it): dockerd refuses those, e.g. "hosts" where systemd passes -H`,
    );

  // 4: every occurrence decoded into its field.
  for (const [key, value] of all) {
    const shape = field(gen.fields, key);
    if (shape) problems.push(...typeErrors(body, key, value, shape, unchecked));
    else if (gen.accepted.has(key)) {
      const flag = gen.flags.get(key);
      notes.push(
        flag?.named
          ? `${quote(key)} is the name of the command-line flag: ${name} accepts it in the file but ignores it; the file's key is ${quote(flag.named)}`
          : `${name} accepts ${quote(key)} in the file but ignores its value`,
      );
    }
  }
  // 5: the values checked before anything starts (only worth reading once the types hold).
  if (problems.length === 0) problems.push(...valueProblems(top, gen));
  return { problems, notes: [...new Set(notes)], unchecked: [...new Set(unchecked)], checkedAgainst: name };
}

function countBy(keys: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}
