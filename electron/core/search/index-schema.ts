// The search index file's schema (index-file.ts), a module of its own: it is loaded with the index's first
// read or write, so that the commands that never search load no zod.
import { z } from 'zod';

export const EntrySchema = z.object({
  host: z.string(),
  /** listed: names from a listing; unlisted: the registry lists nothing to this login; failed: it could not be asked. */
  state: z.enum(['listed', 'unlisted', 'failed']),
  refreshedAt: z.string(),
  names: z.array(z.string()),
  /** More names than the cap: the rest were left out. */
  truncated: z.boolean().optional(),
  /** Why it is unlisted or failed, as a sentence. */
  problem: z.string().optional(),
});

export const IndexSchema = z.object({
  version: z.literal(1),
  connections: z.record(z.string(), EntrySchema),
});

export type IndexEntry = z.infer<typeof EntrySchema>;
export type IndexData = z.infer<typeof IndexSchema>;
