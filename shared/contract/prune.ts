import { z } from 'zod';
import { MAX_PRUNE_DELETIONS, type CleanupRule, type PrunePreview } from '../prune.js';
import { ConnectionName, Digest, RepositoryName, Tag } from './common.js';
import { request } from './define.js';
import { cleanupRuleSchema } from './lazy-schemas.js';

const PreviewId = z.string().regex(/^[\w-]{1,64}$/, 'a preview id is letters, digits, _ and -');

/** A cleanup rule as saved and as typed: checked here, at the edge, for the settings, the app and the CLI. */
export const CleanupRuleSchema = cleanupRuleSchema();

export const PruneDeletionSchema = z.strictObject({
  repository: RepositoryName,
  tag: Tag,
  digest: Digest,
});

/** What a prune job starts from: the preview's deletions, each checked again before it is deleted. */
export const PruneJobFields = {
  connection: ConnectionName,
  rule: z.string().max(100).optional(),
  deletions: z
    .array(PruneDeletionSchema)
    .min(1, 'the preview deletes nothing')
    .max(MAX_PRUNE_DELETIONS, `at most ${MAX_PRUNE_DELETIONS} tags in one run`),
};

export const pruneRequests = {
  /** The saved rules. */
  'prune.rules': request<CleanupRule[]>()(z.strictObject({})),
  /** Saves a rule (a new one, or one of the same name replaced); `previousName` renames. */
  /**
   * Saved rules the settings file holds that do not read as rules (edited by hand): never run, shown so
   * they can be fixed or removed (by name, where they have one).
   */
  'prune.unreadableRules': request<{ name?: string; problem: string }[]>()(z.strictObject({})),
  'prune.saveRule': request<CleanupRule>()(
    z.strictObject({ rule: CleanupRuleSchema, previousName: z.string().max(100).optional() }),
  ),
  'prune.removeRule': request<{ removed: boolean }>()(z.strictObject({ name: z.string().min(1).max(100) })),
  /**
   * Which tags the rule deletes and keeps, and why; reads only. A preview of many repositories, or of a
   * registry that never answers, takes long: `previewId` lets `prune.cancelPreview` stop it.
   */
  'prune.preview': request<PrunePreview>()(
    z.strictObject({ rule: CleanupRuleSchema, previewId: PreviewId.optional() }),
  ),
  /** Stops the preview of that id; `cancelled` is false when none is under way. */
  'prune.cancelPreview': request<{ cancelled: boolean }>()(z.strictObject({ previewId: PreviewId })),
};
