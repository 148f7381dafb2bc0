import { z } from 'zod';
import { connectionNameSchema } from './lazy-schemas.js';

/** The name of a saved connection; requests about a registry name the connection, not a URL. */
export const ConnectionName = connectionNameSchema();

/** Distribution's repository-name grammar (lower case path components, `/`-separated). */
export const RepositoryName = z
  .string()
  .regex(
    /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/,
    'a repository name is lower-case path components like team/app',
  )
  .max(255, 'a repository name is at most 255 characters');

const TAG_PATTERN = /^[\w][\w.-]{0,127}$/;

export const Tag = z.string().regex(TAG_PATTERN, 'a tag is up to 128 letters, digits, _ . -');

/** The algorithms the OCI image spec registers, with their hex lengths; Berth verifies no others. */
export const Digest = z
  .string()
  .regex(
    /^(?:sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/,
    'a digest is sha256:<64 hex digits> or sha512:<128 hex digits>, in lower case',
  );

/** A tag or a digest. */
export const ManifestReference = z.union([Tag, Digest], {
  error: 'a reference is a tag (1.0) or a digest (sha256:…)',
});

/** A repository in a saved connection's registry: how a request names one, never a `host/repo` string. */
export const RepositoryAt = z.strictObject(
  { connection: ConnectionName, repository: RepositoryName },
  { error: locationError('{connection, repository}') },
);

/** An image in a saved connection's registry: a tag or a digest of a repository there. */
export const ImageAt = z.strictObject(
  { connection: ConnectionName, repository: RepositoryName, reference: ManifestReference },
  { error: locationError('{connection, repository, reference}') },
);

/** Where a copy or push goes: as `ImageAt`, but with no reference the source's tag is kept. */
export const DestinationAt = z.strictObject(
  { connection: ConnectionName, repository: RepositoryName, reference: ManifestReference.optional() },
  { error: locationError('{connection, repository, reference?}') },
);

/**
 * Where a push goes: as `DestinationAt`, but only a tag, because the engine pushes a name and a registry
 * names what it stores by digest itself. With no reference the engine pushes `latest` (or, with every tag,
 * each tag of the source).
 */
export const PushDestinationAt = z.strictObject(
  {
    connection: ConnectionName,
    repository: RepositoryName,
    reference: z.string().regex(TAG_PATTERN, 'a push goes to a tag (1.0), not a digest').optional(),
  },
  { error: locationError('{connection, repository, reference?}') },
);

export type RepositoryAt = z.output<typeof RepositoryAt>;
export type ImageAt = z.output<typeof ImageAt>;
export type DestinationAt = z.output<typeof DestinationAt>;

/** A reference string where a location belongs is named as such, not as a bare type mismatch. */
function locationError(shape: string) {
  return (issue: { code?: string; input?: unknown }) =>
    issue.code === 'invalid_type'
      ? typeof issue.input === 'string'
        ? `name a saved connection's image as ${shape}, not as a reference string`
        : `expected ${shape}`
      : undefined;
}

export const PlatformText = z
  .string()
  .regex(/^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9_.]+)?$/i, 'a platform is os/arch or os/arch/variant');

/** A cursor handed out by a paged listing; opaque to the caller. */
export const Cursor = z.string().min(1).max(200);

export const PageSize = z.number().int().min(1).max(10_000);
