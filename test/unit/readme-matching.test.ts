import { describe, expect, it } from 'vitest';
import {
  compareLines,
  documentedCommands,
  fencedBlocks,
  linePattern,
  transcriptSteps,
} from '../fixtures/readme.js';

const HOSTS = { '127.0.0.1:5001': '127.0.0.1:40123' };

const README = [
  'Text.',
  '',
  '```sh',
  'npx berth tags 127.0.0.1:5000/team/app',
  'npx berth ref nginx                        # docker.io/library/nginx:latest',
  'npm test',
  '```',
  '',
  '- a list item',
  '',
  '  ```sh',
  '  npx berth daemon remove-insecure registry.lan:5000 # a comment',
  '  ```',
  '',
  '```console',
  '$ npx berth cp 127.0.0.1:5001/team/app:1 127.0.0.1:5001/prod/app:1 2>&1 | tee copy.log',
  'blob 81aff1c2e8f2 738 B mounted from team/app',
  'manifest 1 pushed',
  '$ npx berth ref nginx',
  'canonical docker.io/library/nginx:latest',
  '```',
].join('\n');

describe("reading the README's examples", () => {
  it('finds the documented commands of every sh block, without their comments', () => {
    expect(documentedCommands(fencedBlocks(README))).toEqual([
      'npx berth tags 127.0.0.1:5000/team/app',
      'npx berth ref nginx',
      'npx berth daemon remove-insecure registry.lan:5000',
    ]);
  });

  it('splits console blocks into commands and the lines each prints', () => {
    expect(transcriptSteps(fencedBlocks(README))).toEqual([
      {
        command: 'npx berth cp 127.0.0.1:5001/team/app:1 127.0.0.1:5001/prod/app:1 2>&1 | tee copy.log',
        expected: ['blob 81aff1c2e8f2 738 B mounted from team/app', 'manifest 1 pushed'],
      },
      { command: 'npx berth ref nginx', expected: ['canonical docker.io/library/nginx:latest'] },
    ]);
  });

  it('matches digests, sizes, seconds and hosts by pattern, and every other word literally', () => {
    const pattern = linePattern(
      'Copied 127.0.0.1:5001/team/app:1 in 0.15 s, 3.0 KiB, sha256:' + 'a'.repeat(64),
      HOSTS,
    );
    expect(
      pattern.test(`Copied 127.0.0.1:40123/team/app:1 in 12.34 s, 512 B, sha256:${'0'.repeat(64)}`),
    ).toBe(true);
    expect(
      pattern.test(`Copied 127.0.0.1:5001/team/app:1 in 0.15 s, 3.0 KiB, sha256:${'a'.repeat(64)}`),
    ).toBe(false);
    const blob = linePattern('blob 81aff1c2e8f2 738 B mounted from team/app', HOSTS);
    expect(blob.test('blob 0123456789ab 1.2 KiB mounted from team/app')).toBe(true);
    // What issue 24 found: a state said twice, a bar, a cut name.
    expect(blob.test('blob 0123456789ab 1.2 KiB mounted mounted from team/app')).toBe(false);
    expect(blob.test('blob 0123456789ab mounted from team/ap')).toBe(false);
  });

  it('lets a run of blob lines come in any order, and nothing else', () => {
    const documented = [
      'blob aaaaaaaaaaaa 1 B transferred',
      'blob aaaaaaaaaaaa 1 B mounted from x',
      'manifest 1 pushed',
    ];
    expect(
      compareLines(
        ['blob 111111111111 1 B mounted from x', 'blob 222222222222 2 B transferred', 'manifest 1 pushed'],
        documented,
        HOSTS,
      ),
    ).toEqual([]);
    expect(
      compareLines(
        ['manifest 1 pushed', 'blob 111111111111 1 B mounted from x', 'blob 222222222222 2 B transferred'],
        documented,
        HOSTS,
      ),
    ).not.toEqual([]);
  });

  it('counts a line printed but not documented, and one documented but not printed', () => {
    const documented = ['manifest 1 pushed'];
    expect(
      compareLines(['manifest 1 pushed', 'manifest 1 transferring 0 B / 0 B'], documented, HOSTS),
    ).toContain('2 lines printed, 1 documented');
    expect(compareLines([], documented, HOSTS)).toEqual([
      '0 lines printed, 1 documented',
      'documented "manifest 1 pushed" not printed (as ^manifest 1 pushed$)',
    ]);
  });
});
