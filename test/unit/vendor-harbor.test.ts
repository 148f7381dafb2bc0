// Harbor's path rules as plain data: a repository name is split at its project, and the rest is
// URL-encoded twice where it has a slash (swagger.yaml, parameter `repository_name`).
import { describe, expect, it } from 'vitest';
import { harborParts, harborRepositorySegment } from '../../electron/core/vendors/index.js';

describe("Harbor's repository paths", () => {
  it('encodes a name with slashes twice: a/b becomes a%252Fb', () => {
    expect(harborRepositorySegment('a/b')).toBe('a%252Fb');
    expect(harborRepositorySegment('tools/lint/v2')).toBe('tools%252Flint%252Fv2');
    expect(harborRepositorySegment('api')).toBe('api');
  });

  it('splits a repository at its project, and finds none in a name without one', () => {
    expect(harborParts('dev/api')).toEqual({ project: 'dev', name: 'api' });
    expect(harborParts('dev/tools/lint')).toEqual({ project: 'dev', name: 'tools/lint' });
    expect(harborParts('alpine')).toBeUndefined();
    expect(harborParts('dev/')).toBeUndefined();
  });
});
