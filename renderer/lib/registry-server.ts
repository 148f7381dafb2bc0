// What the "Your registries" page works out without the core: defaults for a new registry and what a
// garbage-collection dry run said.
import type { ServerView } from '../../shared/contract/servers.js';

export const FIRST_PORT = 5000;

/** The first port from 5000 on that none of Berth's registries uses. */
export function suggestPort(servers: Pick<ServerView, 'port'>[]): number {
  const taken = new Set(servers.map((server) => server.port));
  let port = FIRST_PORT;
  while (taken.has(port)) port += 1;
  return port;
}

/** `registry`, then `registry-2`, … : a name no registry of Berth's has. */
export function suggestName(servers: Pick<ServerView, 'name'>[]): string {
  const taken = new Set(servers.map((server) => server.name));
  if (!taken.has('registry')) return 'registry';
  let index = 2;
  while (taken.has(`registry-${index}`)) index += 1;
  return `registry-${index}`;
}

export interface DryRunSummary {
  blobs: number;
  manifests: number;
  /** The digests Distribution would delete. */
  eligible: string[];
}

/**
 * Reads `registry garbage-collect --dry-run`: Distribution prints "blob eligible for deletion: DIGEST"
 * per blob and ends with "N blobs marked, B blobs and M manifests eligible for deletion".
 */
export function summarizeDryRun(output: string): DryRunSummary {
  const eligible = [...output.matchAll(/blob eligible for deletion: (\S+)/g)].map((match) => match[1]!);
  const totals = /(\d+) blobs and (\d+) manifests eligible for deletion/.exec(output);
  return {
    blobs: totals ? Number(totals[1]) : eligible.length,
    manifests: totals ? Number(totals[2]) : 0,
    eligible,
  };
}

/** One log line as the search shows it: the text cut into the parts that match and those that do not. */
export interface LogLine {
  /** Its number in the tail shown (1 is the oldest). */
  number: number;
  parts: { text: string; isMatch: boolean }[];
}

/**
 * The log's lines that contain `query` (case-insensitive; every line for an empty query), each cut at the
 * matches so they can be highlighted. A trailing newline makes no empty last line.
 */
export function searchLog(text: string, query: string): { lines: LogLine[]; total: number } {
  const all = text.replace(/\n$/, '').split('\n');
  const needle = query.trim().toLowerCase();
  const lines: LogLine[] = [];
  all.forEach((line, index) => {
    if (!needle) {
      lines.push({ number: index + 1, parts: [{ text: line, isMatch: false }] });
      return;
    }
    const lower = line.toLowerCase();
    let at = lower.indexOf(needle);
    if (at < 0) return;
    const parts: LogLine['parts'] = [];
    let from = 0;
    while (at >= 0) {
      if (at > from) parts.push({ text: line.slice(from, at), isMatch: false });
      parts.push({ text: line.slice(at, at + needle.length), isMatch: true });
      from = at + needle.length;
      at = lower.indexOf(needle, from);
    }
    if (from < line.length) parts.push({ text: line.slice(from), isMatch: false });
    lines.push({ number: index + 1, parts });
  });
  return { lines, total: text ? all.length : 0 };
}
