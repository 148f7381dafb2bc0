// The settings file's version and bounds, free of zod: the read path (read-settings.ts) and the schemas
// (schema.ts) both use them.

/** The settings format this Berth writes. Older files are migrated on read (see migrations.ts). */
export const SETTINGS_VERSION = 1;

/** Recently opened places kept. */
export const RECENT_LIMIT = 20;
/** Bookmarks kept: far more than a sidebar shows, a bound on a file every process reads. */
export const BOOKMARK_LIMIT = 500;
/** Saved cleanup rules kept. */
export const CLEANUP_RULE_LIMIT = 100;

/** A `docker-credential-<name>` helper's name: no path separators, no spaces (docker/cli runs it from PATH). */
export const HELPER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
