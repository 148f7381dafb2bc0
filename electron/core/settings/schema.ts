import { z } from 'zod';
import { cleanupRuleSchema } from '../../../shared/contract/lazy-schemas.js';
import { LANGUAGES } from '../../../shared/languages.js';
import { REGISTRY_KINDS } from '../../../shared/registry-kinds.js';
import { BOOKMARK_LIMIT, CLEANUP_RULE_LIMIT, HELPER_NAME, RECENT_LIMIT, SETTINGS_VERSION } from './limits.js';

export { BOOKMARK_LIMIT, CLEANUP_RULE_LIMIT, HELPER_NAME, RECENT_LIMIT, SETTINGS_VERSION };
export { REGISTRY_KINDS };
export type RegistryKind = (typeof REGISTRY_KINDS)[number];

/**
 * The settings file's schemas, built on first use (writes, the app): a command that only reads settings
 * (`berth inspect`) validates the file with read-settings.ts and builds none of them. The two are kept equal by
 * test/unit/settings-read.test.ts.
 */
export const settingsSchemas = once(buildSchemas);

function once<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  return () => (built ??= { value: build() }).value;
}

function buildSchemas() {
  const TlsOptionsSchema = z.object({
    caFile: z.string().optional(),
    certFile: z.string().optional(),
    keyFile: z.string().optional(),
    skipVerify: z.boolean().optional(),
  });

  /** What the explorer remembers about a connection; free of anything secret. */
  const ConnectionUiSchema = z.object({
    pinnedRepositories: z.array(z.string()).default([]),
    lastRepository: z.string().optional(),
    color: z
      .string()
      .regex(/^#[0-9a-f]{6}$/i)
      .optional(),
  });

  /** A saved registry connection. Never holds a secret: passwords and tokens live in the keychain. */
  const SavedConnectionSchema = z.object({
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

  /** A repository (no reference) or an image (a tag or digest) in a saved connection. */
  const PlaceSchema = z.object({
    connection: z.string().min(1),
    repository: z.string().min(1),
    reference: z.string().min(1).optional(),
  });

  const SettingsSchema = z.object({
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
    cleanupRules: z.array(cleanupRuleSchema()).max(CLEANUP_RULE_LIMIT).optional(),
    /**
     * The interface language picked in the app (issue 22); absent: the OS / browser locale decides. Optional,
     * so no new format version. A value Berth cannot use (a hand edit, a language a newer Berth added) reads
     * as absent: it must not make the file unreadable, and the connections with it, for the app and the CLI.
     */
    language: z.enum(LANGUAGES).optional().catch(undefined),
  });
  return {
    tlsOptions: TlsOptionsSchema,
    connectionUi: ConnectionUiSchema,
    savedConnection: SavedConnectionSchema,
    place: PlaceSchema,
    settings: SettingsSchema,
  };
}

type Schemas = ReturnType<typeof buildSchemas>;
export type SavedConnection = z.infer<Schemas['savedConnection']>;
/** What callers hand to `save`: defaults (scheme, TLS, kind, ui) may be left out. */
export type SavedConnectionInput = z.input<Schemas['savedConnection']>;
/** A repository (no reference) or an image (a tag or digest) in a saved connection. */
export type Place = z.infer<Schemas['place']>;
export type Settings = z.infer<Schemas['settings']>;
