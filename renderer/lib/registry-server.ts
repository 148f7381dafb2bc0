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
