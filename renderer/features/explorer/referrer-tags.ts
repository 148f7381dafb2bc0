/**
 * OCI 1.1's "Referrers Tag Schema": where a registry has no referrers API, the referrers of a manifest
 * live in an index tagged `<alg>-<hex>` of its digest. They are bookkeeping, not images anyone tagged,
 * so the tag list hides them unless asked.
 */
const REFERRERS_TAG = /^(?:sha256-[0-9a-f]{64}|sha512-[0-9a-f]{128})$/;

export function isReferrersTag(tag: string): boolean {
  return REFERRERS_TAG.test(tag);
}

/** The tags split into what the list shows by default and the referrers tags it hides. */
export function splitReferrersTags(tags: readonly string[]): { images: string[]; referrers: string[] } {
  const images: string[] = [];
  const referrers: string[] = [];
  for (const tag of tags) (isReferrersTag(tag) ? referrers : images).push(tag);
  return { images, referrers };
}
