import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isValidTag } from '../../shared/reference.js';
import {
  assertDigest,
  digestOf,
  InvalidDigestError,
  verifyDigest,
} from '../../electron/core/registry/digest.js';
import { DigestMismatchError } from '../../electron/core/registry/errors.js';
import { referrersTag } from '../../electron/core/registry/referrers.js';

const bytes = Buffer.from('{"schemaVersion":2}');
const hex = (algorithm: string) => createHash(algorithm).update(bytes).digest('hex');

describe('digests Berth can verify', () => {
  it.each([
    [`sha256:${hex('sha256')}`, 'sha256'],
    [`sha512:${hex('sha512')}`, 'sha512'],
  ])('accepts %s as %s and verifies bytes against it', (digest, algorithm) => {
    expect(assertDigest('r', digest, 'manifest')).toBe(algorithm);
    expect(() => verifyDigest('r', digest, bytes, 'manifest')).not.toThrow();
    expect(digestOf(algorithm as 'sha256' | 'sha512', bytes)).toBe(digest);
  });

  it.each([
    ['an unregistered algorithm (md5)', `md5:${hex('md5')}`, /algorithm "md5" is not supported/],
    ['an unregistered algorithm (sha384)', `sha384:${hex('sha384')}`, /algorithm "sha384" is not supported/],
    ['sha512 with a sha256-length hex', `sha512:${hex('sha256')}`, /sha512 needs 128 hex characters, got 64/],
    ['upper-case hex', `sha256:${hex('sha256').toUpperCase()}`, /hex must be lower-case/],
    ['a path in place of hex', `sha256:../../${'a'.repeat(58)}`, /hex may contain only/],
    ['no algorithm', hex('sha256'), /must be algorithm:hex/],
  ])('refuses %s', (_name, digest, problem) => {
    const error = (() => {
      try {
        return assertDigest('registry.example.com', digest, 'manifest team/app');
      } catch (failure) {
        return failure;
      }
    })();
    expect(error).toBeInstanceOf(InvalidDigestError);
    expect((error as InvalidDigestError).message).toMatch(/^registry\.example\.com: manifest team\/app: /);
    expect((error as InvalidDigestError).message).toMatch(problem);
    expect((error as InvalidDigestError).code).toBe('INVALID_REFERENCE');
  });

  it('names both digests when the bytes are not the sha512 expected', () => {
    const expected = `sha512:${'0'.repeat(128)}`;
    expect(() => verifyDigest('r', expected, bytes, 'manifest')).toThrow(DigestMismatchError);
    expect(() => verifyDigest('r', expected, bytes, 'manifest')).toThrow(`hash to sha512:${hex('sha512')}`);
  });
});

describe('referrersTag', () => {
  it('is <alg>-<hex> for sha256', () => {
    expect(referrersTag(`sha256:${hex('sha256')}`)).toBe(`sha256-${hex('sha256')}`);
  });

  it('cuts a sha512 hex to 64 characters, so the tag stays a valid tag', () => {
    const tag = referrersTag(`sha512:${hex('sha512')}`);
    expect(tag).toBe(`sha512-${hex('sha512').slice(0, 64)}`);
    expect(isValidTag(tag)).toBe(true);
  });
});
