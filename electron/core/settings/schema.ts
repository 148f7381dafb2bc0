import { z } from 'zod';

/** The settings format this Berth writes. Older files are migrated on read (see migrations.ts). */
export const SETTINGS_VERSION = 1;

import { REGISTRY_KINDS } from '../../../shared/contract/connections.js';
import { CleanupRuleSchema } from '../../../shared/contract/prune.js';
import { LANGUAGES } from '../../../shared/contract/preferences.js';

export { REGISTRY_KINDS };
export type RegistryKind = (typeof REGISTRY_KINDS)[number];

/** A `docker-credential-<name>` helper's name: no path separators, no spaces (docker/cli runs it from PATH). */
export const HELPER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export const TlsOptionsSchema = z.object({
  caFile: z.string().optional(),
  certFile: z.string().optional(),
  keyFile: z.string().optional(),
  skipVerify: z.boolean().optional(),
});

/** What the explorer remembers about a connection; free of anything secret. */
export const ConnectionUiSchema = z.object({
  pinnedRepositories: z.array(z.string()).default([]),
  lastRepository: z.string().optional(),
  color: z
    .string()
    .regex(/^#[0-9a-f]{6}$/i)
    .optional(),
});

/** A saved registry connection. Never holds a secret: passwords and tokens live in the keychain. */
export const SavedConnectionSchema = z.object({
  /** Display name, unique. */
  name: z
    .string()
    .min(1, 'a connection needs a name')
    .max(100, 'a connection name is at most 100 characters'),
  /** Registry host as references name it (`127.0.0.1:5000`, `docker.io`). */
  host: z.string().min(1, 'the registry host is missing'),
  /** Plain HTTP instead of HTTPS (the scheme); only when the user chose it. */
  insecureHttp: z.boolean().default(false),
  tls: TlsOptionsSchema.default({}),
  /** Selects the keychain entry `<host>/<username>`. */
  username: z.string().min(1, 'the username is empty').optional(),
  /**
   * The login comes from Docker's credential helper `docker-credential-<name>`, asked each time Berth starts
   * using the connection (cloud registries hand out tokens valid for hours): nothing is kept in the keychain.
   * A name only, as Docker's config.json gives it: the program is looked up on PATH.
   */
  credentialHelper: z
    .string()
    .regex(HELPER_NAME, 'a credential helper is named by a plain word such as ecr-login or gcloud')
    .max(100)
    .optional(),
  kind: z.enum(REGISTRY_KINDS).default('generic'),
  /**
   * Where the registry kind's own API lives when it is not the usual place (a self-managed GitLab's
   * address, GitHub Enterprise's API); optional, so no new format version.
   */
  apiUrl: z
    .string()
    .url()
    .refine((url) => /^https?:\/\//i.test(url), 'the API address starts with https:// or http://')
    .optional(),
  ui: ConnectionUiSchema.default({ pinnedRepositories: [] }),
  /**
   * Network timeouts for this registry in seconds (connect, answer, silence in a body), for a slow link.
   * Optional, so no new format version: older files have none and get the defaults.
   */
  timeoutSeconds: z.number().positive().max(86_400).optional(),
});

export type SavedConnection = z.infer<typeof SavedConnectionSchema>;
/** What callers hand to `save`: defaults (scheme, TLS, kind, ui) may be left out. */
export type SavedConnectionInput = z.input<typeof SavedConnectionSchema>;

/** A repository (no reference) or an image (a tag or digest) in a saved connection. */
export const PlaceSchema = z.object({
  connection: z.string().min(1),
  repository: z.string().min(1),
  reference: z.string().min(1).optional(),
});

export type Place = z.infer<typeof PlaceSchema>;

/** Recently opened places kept. */
export const RECENT_LIMIT = 20;
/** Bookmarks kept: far more than a sidebar shows, a bound on a file every process reads. */
export const BOOKMARK_LIMIT = 500;
/** Saved cleanup rules kept. */
export const CLEANUP_RULE_LIMIT = 100;

export const SettingsSchema = z.object({
  schemaVersion: z.literal(SETTINGS_VERSION),
  connections: z.array(SavedConnectionSchema).default([]),
  /**
   * The Docker engine chosen in Local images (`unix:///…`, `tcp://…`); absent: found the way the Docker
   * CLI finds it. Optional, so no new format version: older files simply have none, and an older Berth
   * reading this one still understands every connection in it.
   */
  engine: z.string().min(1).optional(),
  /**
   * Starred repositories and images, and the last ones opened (most recent first). Optional, so no new
   * format version; removing a connection drops its places (nothing could open them any more).
   */
  bookmarks: z.array(PlaceSchema).max(BOOKMARK_LIMIT).optional(),
  recent: z.array(PlaceSchema).max(RECENT_LIMIT).optional(),
  /**
   * Saved cleanup rules (issue 20), run again from the Storage page or `berth prune --rule NAME`. Optional,
   * so no new format version: older files have none, and an older Berth keeps reading the rest.
   */
  cleanupRules: z.array(CleanupRuleSchema).max(CLEANUP_RULE_LIMIT).optional(),
  /**
   * The interface language picked in the app (issue 22); absent: the OS / browser locale decides. Optional,
   * so no new format version. A value Berth cannot use (a hand edit, a language a newer Berth added) reads
   * as absent: it must not make the file unreadable, and the connections with it, for the app and the CLI.
   */
  language: z.enum(LANGUAGES).optional().catch(undefined),
});

export type Settings = z.infer<typeof SettingsSchema>;
