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
import { isIP } from 'node:net';
import { parseTree, type Node } from 'jsonc-parser';
import {
  formatRelease,
  generation,
  isAfter,
  MERGED_WITH_FLAGS,
  NEWEST_MODELLED,
  OLDEST_MODELLED,
  parseRelease,
  type DockerdFlag,
  type DockerdGeneration,
  type Shape,
} from './dockerd-keys.js';

export interface EngineFacts {
  /** The engine's version as /info reports it (`20.10.24+dfsg1`); unknown when it could not be asked. */
  version?: string;
  /** dockerd's arguments (without the program name); unknown when Berth could not read them. */
  commandLine?: string[];
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

/** The value of each property of an object, every occurrence, in order. */
function members(node: Node | undefined): Array<[string, Node]> {
  if (node?.type !== 'object') return [];
  return (node.children ?? []).flatMap((property) => {
    const [key, value] = property.children ?? [];
    return typeof key?.value === 'string' && value ? [[key.value, value] as [string, Node]] : [];
  });
}

/** Go's map decoding: the last occurrence of a key wins. */
const lastWins = (node: Node | undefined) => new Map(members(node));

const JSON_KIND: Record<string, string> = {
  object: 'an object',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  boolean: 'true/false',
};

function describe(shape: Shape): string {
  if (shape === 'bool') return 'true or false';
  if (shape === 'string') return 'a string';
  if (shape === 'int') return 'a whole number';
  if (shape === 'uint32') return 'a whole number from 0 to 4294967295';
  if (shape === 'ip') return 'an IP address in quotes';
  if (shape === 'mem-bytes') return 'a size in quotes such as "64M"';
  if (shape === 'any') return 'any value';
  if ('list' in shape) return `a list of ${describe(shape.list)}`;
  if ('map' in shape) return `an object whose values are ${describe(shape.map)}`;
  return 'an object';
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
/** go-units RAMInBytes. */
const SIZE = /^(\d+(\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$/;

/** Go's field lookup: an exact name first, else one equal ignoring case. */
function field<T>(fields: Map<string, T> | Record<string, T>, key: string): T | undefined {
  const entries = fields instanceof Map ? [...fields] : Object.entries(fields);
  return (
    entries.find(([name]) => name === key)?.[1] ??
    entries.find(([name]) => name.toLowerCase() === key.toLowerCase())?.[1]
  );
}

/** Where `value` does not decode into `shape`, as encoding/json would fail (one message per place). */
function typeErrors(text: string, path: string, value: Node, shape: Shape, unchecked: string[]): string[] {
  const wrong = () => [`${path}: dockerd expects ${describe(shape)}, not ${JSON_KIND[value.type] ?? 'null'}`];
  if (shape === 'any') {
    unchecked.push(`the contents of ${path}`);
    return [];
  }
  if (shape === 'mem-bytes') {
    // opts.MemBytes.UnmarshalJSON is called for null too, and wants a quoted size.
    if (value.type !== 'string') return wrong();
    return SIZE.test(value.value as string) ? [] : [`${path}: "${value.value}" is not a size such as "64M"`];
  }
  if (value.type === 'null') return [];
  if (shape === 'bool') return value.type === 'boolean' ? [] : wrong();
  if (shape === 'string') return value.type === 'string' ? [] : wrong();
  if (shape === 'ip') {
    if (value.type !== 'string') return wrong();
    const address = value.value as string;
    return address === '' || (isIP(address) && !address.includes('%'))
      ? []
      : [`${path}: "${address}" is not an IP address`];
  }
  if (shape === 'int' || shape === 'uint32') {
    if (value.type !== 'number') return wrong();
    const literal = text.slice(value.offset, value.offset + value.length);
    const integer = shape === 'int' ? /^-?\d+$/ : /^\d+$/;
    const max = shape === 'int' ? INT64_MAX : 4294967295n;
    const min = shape === 'int' ? INT64_MIN : 0n;
    if (!integer.test(literal) || BigInt(literal) > max || BigInt(literal) < min)
      return [`${path}: dockerd expects ${describe(shape)}, not ${literal}`];
    return [];
  }
  if ('list' in shape) {
    if (value.type !== 'array') return wrong();
    return (value.children ?? []).flatMap((item, index) =>
      typeErrors(text, `${path}[${index}]`, item, shape.list, unchecked),
    );
  }
  if (value.type !== 'object') return wrong();
  if ('map' in shape)
    return members(value).flatMap(([key, item]) =>
      typeErrors(text, `${path}.${key}`, item, shape.map, unchecked),
    );
  return members(value).flatMap(([key, item]) => {
    const inner = field(shape.struct, key);
    return inner ? typeErrors(text, `${path}.${key}`, item, inner, unchecked) : [];
  });
}

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

const LOG_LEVELS = new Set(['panic', 'fatal', 'error', 'warn', 'warning', 'info', 'debug', 'trace']);
const BUILTIN_RUNTIMES = new Set(['runc', 'io.containerd.runtime.v1.linux', 'io.containerd.runc.v2']);
/** opts.ValidateDNSSearch's domain rule. */
const DOMAIN =
  /^(:?(([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])\.)*([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9])\.?)$/;

const stringsOf = (node: Node | undefined) =>
  node?.type === 'array'
    ? (node.children ?? []).flatMap((item) => (item.type === 'string' ? [item.value as string] : []))
    : [];
const numberOf = (node: Node | undefined) => (node?.type === 'number' ? (node.value as number) : undefined);
const stringOf = (node: Node | undefined) => (node?.type === 'string' ? (node.value as string) : undefined);

/** config.Validate, GetConflictFreeLabels and the log level: the value checks dockerd makes before anything else. */
function valueProblems(top: Map<string, Node>, gen: DockerdGeneration): string[] {
  const problems: string[] = [];
  const labels = new Map<string, string>();
  for (const label of stringsOf(top.get('labels'))) {
    const at = label.indexOf('=');
    if (at < 0) {
      problems.push(`labels: "${label}" is not key=value`);
      continue;
    }
    const [key, value] = [label.slice(0, at), label.slice(at + 1)];
    if (labels.has(key) && labels.get(key) !== value)
      problems.push(`labels: "${key}" is given two values ("${labels.get(key)}" and "${value}")`);
    labels.set(key, value);
  }
  // Before 25.0 `dns` is a list of strings, each checked by opts.ValidateIPAddress; later the type does it.
  const dns = gen.fields.get('dns');
  if (typeof dns === 'object' && 'list' in dns && dns.list === 'string')
    for (const server of stringsOf(top.get('dns')))
      if (!isIP(server.trim())) problems.push(`dns: "${server}" is not an IP address`);
  for (const domain of stringsOf(top.get('dns-search')))
    if (domain !== '.' && (!DOMAIN.test(domain) || domain.length > 255))
      problems.push(`dns-search: "${domain}" is not a domain name`);
  for (const key of ['max-concurrent-downloads', 'max-concurrent-uploads']) {
    const count = numberOf(top.get(key));
    if (count !== undefined && count < 0) problems.push(`${key}: must not be negative`);
  }
  const attempts = numberOf(top.get('max-download-attempts'));
  if (attempts !== undefined && attempts <= 0) problems.push('max-download-attempts: must be at least 1');
  const runtimes = lastWins(top.get('runtimes'));
  if (runtimes.has('runc')) problems.push('runtimes: the name "runc" is reserved');
  const defaultRuntime = stringOf(top.get('default-runtime'));
  if (defaultRuntime && !BUILTIN_RUNTIMES.has(defaultRuntime) && !runtimes.has(defaultRuntime))
    problems.push(`default-runtime: no runtime "${defaultRuntime}" is defined`);
  const ipcMode = stringOf(top.get('default-ipc-mode'));
  if (ipcMode && ipcMode !== 'private' && ipcMode !== 'shareable')
    problems.push(`default-ipc-mode: "${ipcMode}" is not "shareable" or "private"`);
  const cgroupns = stringOf(top.get('default-cgroupns-mode'));
  if (cgroupns && cgroupns !== 'host' && cgroupns !== 'private')
    problems.push(`default-cgroupns-mode: "${cgroupns}" is not "host" or "private"`);
  const level = stringOf(top.get('log-level'));
  if (level && !LOG_LEVELS.has(level.toLowerCase()))
    problems.push(`log-level: "${level}" is not one of debug, info, warn, error, fatal`);
  if (gen.fields.has('graph') && stringOf(top.get('graph')) && stringOf(top.get('data-root')))
    problems.push('"graph" and "data-root" are both set: keep "data-root" only');
  return problems;
}

/** Checks a daemon.json text (valid JSON, an object at the top) the way the given dockerd reads it. */
export function checkDockerdFile(text: string, engine: EngineFacts): FileCheck {
  const release = parseRelease(engine.version);
  const modelled =
    release && !isAfter(OLDEST_MODELLED, release) && !isAfter(release, NEWEST_MODELLED) ? release : undefined;
  const gen = generation(
    modelled ?? (release && isAfter(OLDEST_MODELLED, release) ? OLDEST_MODELLED : NEWEST_MODELLED),
  );
  const name = `dockerd ${formatRelease(gen.release)}`;
  const problems: string[] = [];
  const notes: string[] = [];
  const unchecked: string[] = [];
  if (!release) unchecked.push(`the engine's version (Berth could not ask it): checked against ${name}`);
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

  // 3: set in the file and on the command line.
  if (engine.commandLine) {
    for (const flagName of flagsGiven(engine.commandLine, gen.flags)) {
      const flag = gen.flags.get(flagName)!;
      const key = flag.named ?? flagName;
      if (flattened.has(key) && !MERGED_WITH_FLAGS.has(key))
        problems.push(
          `${quote(key)} is also set on dockerd's command line (${flagText(flagName, flag)}): dockerd refuses a setting given both ways; remove it from the file or from the command line`,
        );
    }
  } else
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
  return { problems, notes, unchecked: [...new Set(unchecked)], checkedAgainst: name };
}

function countBy(keys: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}
