import { z } from 'zod';
import {
  DEFAULT_PROTECTED,
  MAX_PRUNE_DELETIONS,
  parseDuration,
  REPOSITORY_GLOB,
  TAG_GLOB,
  type CleanupRule,
  type PrunePreview,
} from '../prune.js';
import { ConnectionName, Digest, RepositoryName, Tag } from './common.js';
import { request } from './define.js';

const TagPattern = z
  .string()
  .trim()
  .regex(TAG_GLOB, 'a tag pattern is letters, digits, _ . - with * and ? wildcards (v*, main-*)');

const PreviewId = z.string().regex(/^[\w-]{1,64}$/, 'a preview id is letters, digits, _ and -');

/** A cleanup rule as saved and as typed: checked here, at the edge, for the settings, the app and the CLI. */
export const CleanupRuleSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, 'a rule needs a name')
      .max(100, 'a rule name is at most 100 characters')
      .regex(/^[^\p{Cc}]+$/u, 'a rule name has no control characters'),
    connection: ConnectionName,
    repositories: z
      .string()
      .trim()
      .regex(REPOSITORY_GLOB, 'repositories are a name like team/app or a pattern like team/*'),
    keep: z
      .number()
      .int('keep a whole number of tags')
      .min(0, 'keep 0 or more tags')
      .max(10_000, 'keep at most 10,000 tags')
      .optional(),
    match: TagPattern.optional(),
    olderThan: z
      .string()
      .trim()
      .refine(
        (text) => parseDuration(text) !== undefined,
        'an age is a number and a unit: 90m, 12h, 30d or 2w (up to ten years)',
      )
      .optional(),
    protect: z.array(TagPattern).max(50, 'at most 50 protected patterns').default(DEFAULT_PROTECTED),
  })
  .refine((rule) => rule.keep !== undefined || rule.olderThan !== undefined, {
    message: 'say what to keep: the newest N tags, tags younger than an age, or both',
    path: ['keep'],
  });

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
