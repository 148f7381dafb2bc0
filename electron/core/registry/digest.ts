import { createHash, type Hash } from 'node:crypto';
import { digestProblem } from '../../../shared/reference.js';
import { BerthError, DigestMismatchError } from './errors.js';

/**
 * The algorithms the OCI image spec registers for digests (descriptor.md "Registered algorithms"):
 * sha256, the one every registry computes, and sha512. Anything else cannot be verified, so it is
 * refused rather than trusted. The name is also Node's hash name.
 */
export type DigestAlgorithm = 'sha256' | 'sha512';

/** A digest Berth cannot check: an unregistered algorithm, or not `algorithm:hex` of the right length. */
export class InvalidDigestError extends BerthError {
  constructor(registry: string, digest: string, problem: string, what: string, from: 'input' | 'registry') {
    super('INVALID_REFERENCE', `${registry}: ${what}: ${problem}`, {
      registry,
      hint:
        from === 'registry'
          ? `The registry named a digest Berth cannot verify (${shorten(digest)}), so nothing it points at was used.`
          : 'Berth verifies sha256 and sha512 digests, the algorithms the OCI image spec registers: write one as sha256:<64 hex digits>.',
    });
  }
}

function shorten(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/**
 * Checks a digest's form (algorithm, lower-case hex of the algorithm's length) before it goes into a
 * URL or is trusted; `from` says who named it, for the hint.
 */
export function assertDigest(
  registry: string,
  digest: string,
  what: string,
  from: 'input' | 'registry' = 'input',
): DigestAlgorithm {
  const problem = digestProblem(digest);
  if (problem !== undefined) throw new InvalidDigestError(registry, digest, problem, what, from);
  return digest.slice(0, digest.indexOf(':')) as DigestAlgorithm;
}

export { isValidDigest } from '../../../shared/reference.js';

export function digestOf(algorithm: DigestAlgorithm, bytes: Buffer): string {
  return `${algorithm}:${createHash(algorithm).update(bytes).digest('hex')}`;
}

/** A running hash in the algorithm of `digest` (already checked with assertDigest). */
export function hasherFor(digest: string): { hash: Hash; finish: () => string } {
  const algorithm = digest.slice(0, digest.indexOf(':')) as DigestAlgorithm;
  const hash = createHash(algorithm);
  return { hash, finish: () => `${algorithm}:${hash.digest('hex')}` };
}

/** Throws DigestMismatchError unless `bytes` hash to `expected` in its own algorithm. */
export function verifyDigest(
  registry: string,
  expected: string,
  bytes: Buffer,
  what: string,
  from: 'input' | 'registry' = 'input',
): void {
  const algorithm = assertDigest(registry, expected, what, from);
  const actual = digestOf(algorithm, bytes);
  if (actual !== expected) throw new DigestMismatchError(registry, expected, actual, what);
}
