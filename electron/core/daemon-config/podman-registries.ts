// Podman's registry settings: registries.conf (containers-registries.conf(5)) and its drop-ins, read the
// way containers/image `pkg/sysregistriesv2` finds and merges them. Podman never reads daemon.json
// (docker-conventions.md §3.8); this is what the daemon page shows in its place, read-only.
import { readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse, TomlError } from 'smol-toml';
import type {
  PodmanRegistries,
  PodmanRegistriesProblem,
  PodmanRegistryEntry,
} from '../../../shared/contract/index.js';

/** What one file says: its registries, its search list when it sets one, or why it cannot be read. */
export interface RegistriesConfFile {
  registries: Omit<PodmanRegistryEntry, 'file'>[];
  searchRegistries?: string[];
  problems: Omit<PodmanRegistriesProblem, 'file'>[];
}

type Table = Record<string, unknown>;
const isTable = (value: unknown): value is Table =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The first line of smol-toml's message, without its prefix ("Invalid TOML document: …"). */
function tomlMessage(error: TomlError): string {
  const first = error.message.split('\n')[0] ?? error.message;
  return `not valid TOML: ${first.replace(/^Invalid TOML document:\s*/, '')}`;
}

function stringList(value: unknown, what: string, problems: RegistriesConfFile['problems']): string[] {
  if (value === undefined) return [];
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value;
  problems.push({ message: `${what} must be a list of registry names in quotes, like ["docker.io"]` });
  return [];
}

function flag(value: unknown, what: string, problems: RegistriesConfFile['problems']): boolean {
  if (value === undefined) return false;
  if (typeof value === 'boolean') return value;
  problems.push({ message: `${what} must be true or false (without quotes)` });
  return false;
}

function text(value: unknown, what: string, problems: RegistriesConfFile['problems']): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  problems.push({ message: `${what} must be a registry name in quotes` });
  return '';
}

/** The v2 `[[registry]]` tables. */
function readV2(document: Table, problems: RegistriesConfFile['problems']) {
  const tables = document.registry;
  if (tables === undefined) return [];
  if (!Array.isArray(tables) || !tables.every(isTable)) {
    problems.push({ message: 'registry must be written as [[registry]] tables' });
    return [];
  }
  return tables.map((table, index) => {
    const name = `[[registry]] number ${index + 1}`;
    const location = text(table.location, `${name}'s location`, problems);
    const prefix = text(table.prefix, `${name}'s prefix`, problems) || location;
    const label = prefix ? `"${prefix}"` : name;
    const mirrorTables = table.mirror === undefined ? [] : table.mirror;
    if (!Array.isArray(mirrorTables) || !mirrorTables.every(isTable)) {
      problems.push({ message: `${label}'s mirrors must be written as [[registry.mirror]] tables` });
    }
    const mirrors = (Array.isArray(mirrorTables) ? mirrorTables.filter(isTable) : []).map((mirror) => ({
      location: text(mirror.location, `a mirror of ${label}: its location`, problems),
      isInsecure: flag(mirror.insecure, `a mirror of ${label}: insecure`, problems),
    }));
    if (!prefix) problems.push({ message: `${name} has neither a location nor a prefix` });
    return {
      prefix,
      location,
      isInsecure: flag(table.insecure, `${label}'s insecure`, problems),
      isBlocked: flag(table.blocked, `${label}'s blocked`, problems),
      mirrors,
    };
  });
}

/** The deprecated v1 lists (`[registries.search]`, `[registries.insecure]`, `[registries.block]`). */
function readV1(registries: Table, problems: RegistriesConfFile['problems']) {
  const list = (key: string) => {
    const section = registries[key];
    return isTable(section) ? stringList(section.registries, `[registries.${key}] registries`, problems) : [];
  };
  const insecure = list('insecure');
  const blocked = list('block');
  const names = [...new Set([...insecure, ...blocked])];
  return {
    searchRegistries: isTable(registries.search) ? list('search') : undefined,
    registries: names.map((name) => ({
      prefix: name,
      location: name,
      isInsecure: insecure.includes(name),
      isBlocked: blocked.includes(name),
      mirrors: [],
    })),
  };
}

/** Reads one registries.conf text (v2, or the deprecated v1 lists); never throws. */
export function parseRegistriesConf(source: string): RegistriesConfFile {
  let document: Table;
  try {
    document = parse(source) as Table;
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    const lineText = source.split(/\r?\n/)[error.line - 1];
    return {
      registries: [],
      problems: [
        { message: tomlMessage(error), line: error.line, column: error.column, lineText: lineText ?? '' },
      ],
    };
  }
  const problems: RegistriesConfFile['problems'] = [];
  const hasV1 = isTable(document.registries);
  const hasV2 = document.registry !== undefined || document['unqualified-search-registries'] !== undefined;
  if (hasV1 && hasV2) {
    problems.push({
      message:
        'the file mixes the old [registries.*] lists with [[registry]] tables; Podman refuses it. Keep one of the two forms.',
    });
    return { registries: [], problems };
  }
  if (hasV1) return { ...readV1(document.registries as Table, problems), problems };
  const search = document['unqualified-search-registries'];
  return {
    registries: readV2(document, problems),
    searchRegistries:
      search === undefined ? undefined : stringList(search, 'unqualified-search-registries', problems),
    problems,
  };
}

/** Merges files in order as containers/image does: a later entry with the same prefix replaces one. */
export function mergeRegistriesConf(files: { file: string; content: RegistriesConfFile }[]) {
  const byPrefix = new Map<string, PodmanRegistryEntry>();
  let searchRegistries: string[] = [];
  const problems: PodmanRegistriesProblem[] = [];
  for (const { file, content } of files) {
    problems.push(...content.problems.map((problem) => ({ file, ...problem })));
    for (const entry of content.registries) {
      byPrefix.delete(entry.prefix);
      byPrefix.set(entry.prefix, { ...entry, file });
    }
    if (content.searchRegistries) searchRegistries = content.searchRegistries;
  }
  return { registries: [...byPrefix.values()], searchRegistries, problems };
}

/** Where registries.conf lives for this process, as containers/image decides (`newConfigWrapper`). */
export async function locateRegistriesConf(
  env: NodeJS.ProcessEnv = process.env,
  home = env.HOME ?? os.homedir(),
): Promise<{ main: string; dropInDirs: string[]; reason: string }> {
  const userFile = path.join(home, '.config', 'containers', 'registries.conf');
  const userDir = path.join(home, '.config', 'containers', 'registries.conf.d');
  const systemDir = '/etc/containers/registries.conf.d';
  if (env.CONTAINERS_REGISTRIES_CONF)
    return {
      main: env.CONTAINERS_REGISTRIES_CONF,
      dropInDirs: [systemDir, userDir],
      reason: 'the CONTAINERS_REGISTRIES_CONF environment variable names the main file',
    };
  const hasUserFile = await readFile(userFile).then(
    () => true,
    () => false,
  );
  if (hasUserFile)
    return { main: userFile, dropInDirs: [userDir], reason: "this user's own file replaces the system's" };
  return {
    main: '/etc/containers/registries.conf',
    dropInDirs: [systemDir, userDir],
    reason: "this user has no file of their own, so the system's applies",
  };
}

async function dropIns(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names
    .filter((name) => name.endsWith('.conf'))
    .sort()
    .map((name) => path.join(dir, name));
}

/**
 * Podman's registry settings as this user's Podman reads them: the main file, then each drop-in
 * directory's `*.conf` in name order. A file that cannot be read or parsed is a problem naming it (and
 * its line), never an exception.
 */
export async function readPodmanRegistries(env: NodeJS.ProcessEnv = process.env): Promise<PodmanRegistries> {
  const location = await locateRegistriesConf(env);
  const candidates = [location.main, ...(await Promise.all(location.dropInDirs.map(dropIns))).flat()];
  const read: { file: string; content: RegistriesConfFile }[] = [];
  for (const file of candidates) {
    let source: string;
    try {
      source = await readFile(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // A missing file is an empty one to Podman (its built-in defaults).
      if (code === 'ENOENT') continue;
      const why =
        code === 'EACCES' ? 'this user may not read it' : `it cannot be read (${code ?? 'unknown reason'})`;
      read.push({ file, content: { registries: [], problems: [{ message: why }] } });
      continue;
    }
    read.push({ file, content: parseRegistriesConf(source) });
  }
  const merged = mergeRegistriesConf(read);
  return { files: read.map((entry) => entry.file), reason: location.reason, ...merged };
}
