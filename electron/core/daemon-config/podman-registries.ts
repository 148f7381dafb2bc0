// Podman's registry settings: registries.conf (containers-registries.conf(5)) and its drop-ins, read the
// way containers/image `pkg/sysregistriesv2` finds and merges them. Podman never reads daemon.json
// (docker-conventions.md §3.8); this is what the daemon page shows in its place, read-only.
import { constants } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
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
): Promise<{ main: string; dropInDirs: string[]; reason: string; reasonCode: 'env' | 'user' | 'system' }> {
  const userFile = path.join(home, '.config', 'containers', 'registries.conf');
  const userDir = path.join(home, '.config', 'containers', 'registries.conf.d');
  const systemDir = '/etc/containers/registries.conf.d';
  if (env.CONTAINERS_REGISTRIES_CONF)
    return {
      main: env.CONTAINERS_REGISTRIES_CONF,
      dropInDirs: [systemDir, userDir],
      reason: 'the CONTAINERS_REGISTRIES_CONF environment variable names the main file',
      reasonCode: 'env',
    };
  // Only whether it is there: reading it here would read a huge file (or wait on a FIFO) for nothing.
  const hasUserFile = await stat(userFile).then(
    () => true,
    () => false,
  );
  if (hasUserFile)
    return {
      main: userFile,
      dropInDirs: [userDir],
      reason: "this user's own file replaces the system's",
      reasonCode: 'user',
    };
  return {
    main: '/etc/containers/registries.conf',
    dropInDirs: [systemDir, userDir],
    reason: "this user has no file of their own, so the system's applies",
    reasonCode: 'system',
  };
}

/** A registries.conf (or drop-in) larger than this is not read: real ones are a few kilobytes. */
export const MAX_REGISTRIES_CONF_BYTES = 1024 * 1024;
/** Drop-ins read per directory (in name order); the rest are named in one problem. */
export const MAX_DROP_INS = 200;

async function dropIns(dir: string): Promise<{ files: string[]; skipped: number }> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const files = names
    .filter((name) => name.endsWith('.conf'))
    .sort()
    .map((name) => path.join(dir, name));
  return { files: files.slice(0, MAX_DROP_INS), skipped: Math.max(0, files.length - MAX_DROP_INS) };
}

class UnreadableFile extends Error {}

/**
 * One file's text, or undefined when it does not exist. Opened without blocking and refused unless it
 * is a regular file within the cap: a FIFO would wait for a writer for ever, /dev/zero never ends, and a
 * file of gigabytes would be read into memory whole.
 */
async function readConfText(file: string): Promise<string | undefined> {
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new UnreadableFile(
      code === 'EACCES' ? 'this user may not read it' : `it cannot be read (${code ?? 'unknown reason'})`,
    );
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new UnreadableFile('it is not a regular file, so it was not read');
    if (info.size > MAX_REGISTRIES_CONF_BYTES)
      throw new UnreadableFile(
        `it is ${info.size} bytes, over the ${MAX_REGISTRIES_CONF_BYTES}-byte limit for this file, so it was not read`,
      );
    const buffer = Buffer.alloc(MAX_REGISTRIES_CONF_BYTES + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > MAX_REGISTRIES_CONF_BYTES)
        throw new UnreadableFile(
          `it is over the ${MAX_REGISTRIES_CONF_BYTES}-byte limit for this file, so it was not read`,
        );
    }
    return buffer.toString('utf8', 0, length);
  } catch (error) {
    if (error instanceof UnreadableFile) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new UnreadableFile(`it cannot be read (${code ?? 'unknown reason'})`);
  } finally {
    await handle.close();
  }
}

/**
 * Podman's registry settings as this user's Podman reads them: the main file, then each drop-in
 * directory's `*.conf` in name order. A file that cannot be read or parsed is a problem naming it (and
 * its line), never an exception.
 */
export async function readPodmanRegistries(env: NodeJS.ProcessEnv = process.env): Promise<PodmanRegistries> {
  const location = await locateRegistriesConf(env);
  const dirs = await Promise.all(location.dropInDirs.map(dropIns));
  const candidates = [location.main, ...dirs.flatMap((dir) => dir.files)];
  const read: { file: string; content: RegistriesConfFile }[] = [];
  for (const file of candidates) {
    let source: string | undefined;
    try {
      source = await readConfText(file);
    } catch (error) {
      read.push({ file, content: { registries: [], problems: [{ message: (error as Error).message }] } });
      continue;
    }
    // A missing file is an empty one to Podman (its built-in defaults).
    if (source === undefined) continue;
    read.push({ file, content: parseRegistriesConf(source) });
  }
  const merged = mergeRegistriesConf(read);
  location.dropInDirs.forEach((dir, index) => {
    const skipped = dirs[index]!.skipped;
    if (skipped > 0)
      merged.problems.push({
        file: dir,
        message: `it holds more than ${MAX_DROP_INS} drop-in files: the first ${MAX_DROP_INS} by name were read, ${skipped} more were not`,
      });
  });
  return {
    files: read.map((entry) => entry.file),
    reason: location.reason,
    reasonCode: location.reasonCode,
    ...merged,
  };
}
