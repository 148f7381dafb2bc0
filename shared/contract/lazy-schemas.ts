// The contract's schemas that the settings store also validates with — a saved connection's name and a
// cleanup rule — built on first use. The store is loaded by every command, also by those that never write
// (`berth inspect`, `berth tags`, `berth cp`), and zod 4 binds dozens of methods to each schema it builds:
// importing this module builds nothing. The contract modules build them at import, as they build the rest.
import { z } from 'zod';
import { DEFAULT_PROTECTED, parseDuration, REPOSITORY_GLOB, TAG_GLOB } from '../prune.js';

function once<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  return () => (built ??= { value: build() }).value;
}

/** The name of a saved connection; requests about a registry name the connection, not a URL. */
export const connectionNameSchema = once(() =>
  z.string().trim().min(1, 'name a saved connection').max(100, 'a connection name is at most 100 characters'),
);

/** A tag pattern of a cleanup rule (`v*`, `main-*`). */
export const tagPatternSchema = once(() =>
  z
    .string()
    .trim()
    .regex(TAG_GLOB, 'a tag pattern is letters, digits, _ . - with * and ? wildcards (v*, main-*)'),
);

/** A cleanup rule as saved and as typed: checked at the edge, for the settings, the app and the CLI. */
export const cleanupRuleSchema = once(() =>
  z
    .object({
      name: z
        .string()
        .trim()
        .min(1, 'a rule needs a name')
        .max(100, 'a rule name is at most 100 characters')
        .regex(/^[^\p{Cc}]+$/u, 'a rule name has no control characters'),
      connection: connectionNameSchema(),
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
      match: tagPatternSchema().optional(),
      olderThan: z
        .string()
        .trim()
        .refine(
          (text) => parseDuration(text) !== undefined,
          'an age is a number and a unit: 90m, 12h, 30d or 2w (up to ten years)',
        )
        .optional(),
      protect: z
        .array(tagPatternSchema())
        .max(50, 'at most 50 protected patterns')
        .default(DEFAULT_PROTECTED),
    })
    .refine((rule) => rule.keep !== undefined || rule.olderThan !== undefined, {
      message: 'say what to keep: the newest N tags, tags younger than an age, or both',
      path: ['keep'],
    }),
);
