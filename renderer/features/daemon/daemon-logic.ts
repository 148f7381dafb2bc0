// Pure helpers of the daemon settings page: list edits, diff lines, and where a JSON error points.
import type {
  DaemonEntryCheck,
  DaemonExpectedSettings,
  DaemonLiveSettings,
  DaemonPreview,
  PodmanRegistryEntry,
} from '../../../shared/contract/index.js';

/** The list with item `from` moved by `by` places; unchanged when that would leave the list. */
export function moveItem<T>(list: readonly T[], from: number, by: -1 | 1): T[] {
  const to = from + by;
  if (from < 0 || from >= list.length || to < 0 || to >= list.length) return [...list];
  const result = [...list];
  [result[from], result[to]] = [result[to]!, result[from]!];
  return result;
}

export function removeItem<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}

/** Whether an entry is already in the list as dockerd reads it (`http://a:5000` and `a:5000` are one). */
export function hasEntry(list: readonly DaemonEntryCheck[], check: DaemonEntryCheck): boolean {
  const value = check.value ?? check.entry;
  return list.some((item) => (item.value ?? item.entry) === value);
}

export function sameEntries(a: readonly DaemonEntryCheck[], b: readonly DaemonEntryCheck[]): boolean {
  return a.length === b.length && a.every((item, i) => item.entry === b[i]!.entry);
}

export type DiffLineKind = 'file' | 'hunk' | 'added' | 'removed' | 'context';

/** A unified diff (from the `diff` package) as lines to colour; the `===` banner is dropped. */
export function diffLines(diff: string): { kind: DiffLineKind; text: string }[] {
  return diff
    .split('\n')
    .filter((line, i, all) => !line.startsWith('=====') && !(i === all.length - 1 && line === ''))
    .map((text) => {
      if (text.startsWith('+++ ') || text.startsWith('--- ') || text.startsWith('Index: '))
        return { kind: 'file' as const, text };
      if (text.startsWith('@@')) return { kind: 'hunk' as const, text };
      if (text.startsWith('+')) return { kind: 'added' as const, text };
      if (text.startsWith('-')) return { kind: 'removed' as const, text };
      return { kind: 'context' as const, text };
    });
}

/** A caret under `column` (1-based) of `lineText`, keeping tabs so it lines up in monospace. */
export function caretLine(lineText: string, column: number): string {
  const before = lineText.slice(0, Math.max(0, column - 1)).replace(/[^\t]/g, ' ');
  return `${before}^`;
}

/**
 * Which dockerd a text with no problems was checked against: one release, for what Berth can check, never
 * "accepted" outright, since dockerd checks drivers, paths and addresses only as it starts.
 */
export function checkedAgainst(checked: DaemonPreview['checked']): string {
  return checked?.against ?? 'dockerd';
}

export type VerificationRowKind = 'cidrs' | 'hosts' | 'mirrors';

export interface VerificationRow {
  kind: VerificationRowKind;
  file: string[];
  engine: string[] | undefined;
  matches: boolean | undefined;
}

/**
 * File and engine side by side. The loopback ranges dockerd always adds are expected; ::1/128 only
 * counts when the engine lists it (dockerd before v29 does not).
 */
export function verificationRows(
  expected: DaemonExpectedSettings | undefined,
  live: DaemonLiveSettings | undefined,
): VerificationRow[] {
  const set = (values: string[]) => [...values].sort().join('\n');
  const cidrs = (expected?.cidrs ?? []).filter(
    (cidr) => cidr !== '::1/128' || live?.insecureCidrs.includes(cidr),
  );
  const row = (kind: VerificationRowKind, file: string[], engine: string[] | undefined, ordered = false) => ({
    kind,
    file,
    engine,
    matches:
      engine === undefined || expected === undefined
        ? undefined
        : ordered
          ? file.join('\n') === engine.join('\n')
          : set(file) === set(engine),
  });
  return [
    row('cidrs', cidrs, live?.insecureCidrs),
    row('hosts', expected?.hosts ?? [], live?.insecureHosts),
    row('mirrors', expected?.mirrors ?? [], live?.mirrors, true),
  ];
}

/** A backup's time as the user reads it: local date and time to the second. */
export function backupTime(iso: string): string {
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/**
 * What the running Podman reports in /info for a registries.conf entry (IndexConfigs keyed by prefix:
 * Secure = not insecure, and the mirrors' locations): the same as the file, unknown, or what it says.
 * Something else means Podman reads other files than Berth read (its own CONTAINERS_REGISTRIES_CONF).
 */
export function podmanReportFor(
  entry: PodmanRegistryEntry,
  live: DaemonLiveSettings | undefined,
): { kind: 'same' | 'unknown' | 'not-listed' } | { kind: 'other'; isSecure: boolean; mirrors: string[] } {
  if (!live?.indexes) return { kind: 'unknown' };
  const index = live.indexes.find((candidate) => candidate.name === entry.prefix);
  if (!index) return { kind: 'not-listed' };
  const mirrors = entry.mirrors.map((mirror) => mirror.location);
  const isSame =
    index.isSecure === !entry.isInsecure &&
    index.mirrors.length === mirrors.length &&
    index.mirrors.every((mirror, i) => mirror === mirrors[i]);
  if (isSame) return { kind: 'same' };
  return { kind: 'other', isSecure: index.isSecure, mirrors: index.mirrors };
}
