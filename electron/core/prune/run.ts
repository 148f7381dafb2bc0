// A prune run: deletes exactly the tags a preview marked to go, each only if it still names the manifest the
// preview saw, with the sibling-safe tag delete; a cancel stops before the next delete.
import { imageAt, repositoryAt } from '../../../shared/location.js';
import type { PruneDeletion, PruneSummary } from '../../../shared/prune.js';
import { deleteTagOf, savedConnection } from '../connections/index.js';
import { CancelledError } from '../errors.js';
import type { JobContext } from '../jobs/index.js';
import { BerthError, headManifest, TagMovedError, UnsupportedError } from '../registry/index.js';
import { registryServers } from '../registry-server/index.js';
import type { BerthServices } from '../services.js';

export interface PruneInput {
  connection: string;
  rule?: string | undefined;
  deletions: PruneDeletion[];
}

export async function runPrune(
  services: BerthServices,
  input: PruneInput,
  context: JobContext,
): Promise<PruneSummary> {
  const { host } = savedConnection(services, input.connection);
  const summary: PruneSummary = {
    registry: host,
    ...(input.rule ? { rule: input.rule } : {}),
    deleted: [],
    skipped: [],
    failed: [],
    notReached: [],
  };
  const items = input.deletions.map((deletion) =>
    context.item(`${deletion.repository}:${deletion.tag}`, {
      label: `${deletion.repository}:${deletion.tag}`,
      kind: 'tag',
      state: 'waiting',
    }),
  );
  let refusal: BerthError | undefined;
  for (const [index, deletion] of input.deletions.entries()) {
    const item = items[index]!;
    if (context.signal.aborted || refusal) {
      const note = refusal ? `not tried: ${refusal.message}` : 'not deleted: the run was cancelled';
      summary.notReached.push({ ...deletion, note });
      item.setState('skipped', note);
      continue;
    }
    const image = imageAt(repositoryAt(host, deletion.repository), deletion.tag);
    item.setState('checking');
    try {
      const now = await headManifest(services.client, image, context.signal).catch((error: unknown) => {
        if (error instanceof BerthError && error.code === 'NOT_FOUND') return undefined;
        throw error;
      });
      if (!now) {
        skip(summary, item, deletion, 'already gone: deleted since the preview');
        continue;
      }
      if (now.digest !== deletion.digest) {
        skip(
          summary,
          item,
          deletion,
          `moved since the preview: it now names ${now.digest.slice(0, 19)}…, not ${deletion.digest.slice(0, 19)}…`,
        );
        continue;
      }
      item.setState('transferring');
      const result = await deleteTagOf(services, image, context.signal, {
        expectDigest: deletion.digest,
      }).catch((error: unknown) => {
        if (error instanceof TagMovedError) return error;
        // Gone between the check and the delete: another run (the app and the CLI at once) took it.
        if (error instanceof BerthError && error.code === 'NOT_FOUND') return 'gone' as const;
        throw error;
      });
      if (result === 'gone') {
        skip(summary, item, deletion, 'already gone: deleted since the preview');
        continue;
      }
      if (result instanceof TagMovedError) {
        skip(
          summary,
          item,
          deletion,
          `moved since the preview: it now names ${result.found.slice(0, 19)}…, not ${deletion.digest.slice(0, 19)}…`,
        );
        continue;
      }
      if (result.digest !== deletion.digest) {
        // It moved between the check and the delete: what was deleted is said, not hidden.
        const note = `deleted, but it had just moved to ${result.digest.slice(0, 19)}…`;
        summary.deleted.push({ ...deletion, note });
        item.setState('done', note);
        continue;
      }
      summary.deleted.push({ ...deletion });
      item.setState('done', 'deleted');
    } catch (error) {
      if (context.signal.aborted) {
        summary.notReached.push({ ...deletion, note: 'not deleted: the run was cancelled' });
        item.setState('skipped', 'not deleted: the run was cancelled');
        continue;
      }
      const failure = error instanceof BerthError ? error : new BerthError('PROTOCOL', String(error));
      summary.failed.push({ ...deletion, note: failure.message });
      item.setState('failed', failure.message);
      // A registry that refuses deletes refuses them all, a refused login is refused for every tag (and
      // thousands of tries with it can lock the account), and a rate limit only grows: the rest are not tried.
      if (stopsTheRun(failure)) refusal = failure;
    }
  }
  if (context.signal.aborted)
    throw new CancelledError(
      `cleanup cancelled after deleting ${summary.deleted.length} of ${input.deletions.length} tags`,
    );
  if (refusal) {
    throw new BerthError(refusal.code, refusal.message, {
      hint: `${refusal.hint ?? ''} ${outcomeSentence(summary)}`.trim(),
      appHint: `${refusalSentence(refusal)} ${outcomeSentence(summary)}`,
    });
  }
  const own = await ownServer(services, host);
  if (own) summary.ownServer = own;
  return summary;
}

function stopsTheRun(failure: BerthError): boolean {
  return failure instanceof UnsupportedError || failure.code === 'AUTH' || failure.code === 'RATE_LIMITED';
}

function refusalSentence(refusal: BerthError): string {
  if (refusal.code === 'AUTH')
    return 'The registry refused the login, so the other tags were not tried: sign in again, then run the rule again.';
  if (refusal.code === 'RATE_LIMITED')
    return 'The registry is limiting requests, so the other tags were not tried: run the rule again later.';
  return 'The registry refuses deletes.';
}

function skip(
  summary: PruneSummary,
  item: { setState(state: 'skipped', note: string): void },
  deletion: PruneDeletion,
  note: string,
) {
  summary.skipped.push({ ...deletion, note });
  item.setState('skipped', note);
}

/** "2 deleted, 1 skipped, 1 failed, 3 not tried." */
export function outcomeSentence(
  summary: Pick<PruneSummary, 'deleted' | 'skipped' | 'failed' | 'notReached'>,
): string {
  const parts = [
    `${summary.deleted.length} deleted`,
    `${summary.skipped.length} skipped`,
    `${summary.failed.length} failed`,
  ];
  if (summary.notReached.length) parts.push(`${summary.notReached.length} not tried`);
  return `${parts.join(', ')}.`;
}

/** The name of the user's own registry server at `host`, if it is one (garbage collection can then be offered). */
async function ownServer(services: BerthServices, host: string): Promise<string | undefined> {
  const servers = await registryServers(services)
    .list()
    .catch(() => []);
  return servers.find((server) => server.host === host)?.name;
}
