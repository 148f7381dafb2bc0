import { describe, expect, it } from 'vitest';
import { createIntl } from 'react-intl';
import { translator } from '../../renderer/i18n/index.js';
import type { EngineCandidate, EngineStatus, LocalImage } from '../../shared/docker.js';
import type { JobSnapshotOf } from '../../shared/jobs.js';
import {
  candidateLabel,
  describeEngine,
  engineProblem,
} from '../../renderer/features/local-images/engine-state.js';
import {
  filterRows,
  formatAge,
  imageReference,
  imageRows,
  isSameName,
  progressSummary,
  pushDefaults,
  splitRepoTag,
} from '../../renderer/features/local-images/image-rows.js';

/** The English the renderer speaks by default. */
const t = translator(createIntl({ locale: 'en', defaultLocale: 'en' }));

function image(id: string, repoTags: string[], extra: Partial<LocalImage> = {}): LocalImage {
  return {
    id: `sha256:${id.padEnd(64, '0')}`,
    repoTags,
    repoDigests: [],
    size: 1000,
    created: 1_700_000_000,
    labels: {},
    containers: -1,
    ...extra,
  };
}

describe('local image rows', () => {
  it('splits a name at the tag colon, not at the port colon', () => {
    expect(splitRepoTag('127.0.0.1:5000/team/app:1.0')).toEqual({
      repository: '127.0.0.1:5000/team/app',
      tag: '1.0',
    });
    expect(splitRepoTag('127.0.0.1:5000/team/app')).toEqual({
      repository: '127.0.0.1:5000/team/app',
      tag: 'latest',
    });
    expect(splitRepoTag('nginx:1.27')).toEqual({ repository: 'nginx', tag: '1.27' });
  });

  it('gives every tag its own row and names the image’s other tags on each', () => {
    const rows = imageRows([image('a', ['team/app:2', 'team/app:1'])]);
    expect(rows.map((row) => [row.name, row.tag, row.otherTags])).toEqual([
      ['team/app:1', '1', ['team/app:2']],
      ['team/app:2', '2', ['team/app:1']],
    ]);
    expect(rows.every((row) => !row.isDangling)).toBe(true);
  });

  it('marks an image without tags or digests dangling, and one pulled by digest not', () => {
    const rows = imageRows([
      image('b', []),
      image('c', [], { repoDigests: [`127.0.0.1:5000/team/pinned@sha256:${'d'.repeat(64)}`] }),
    ]);
    expect(rows.map((row) => [row.repository, row.name, row.isDangling])).toEqual([
      [undefined, undefined, true],
      ['127.0.0.1:5000/team/pinned', undefined, false],
    ]);
    // Keys stay unique without names.
    expect(new Set(rows.map((row) => row.key)).size).toBe(2);
  });

  it('filters by every word in the name or the image ID', () => {
    const rows = imageRows([image('abc123', ['team/app:1']), image('def456', ['tools/lint:2'])]);
    expect(filterRows(rows, 'team').map((row) => row.name)).toEqual(['team/app:1']);
    expect(filterRows(rows, 'def4').map((row) => row.name)).toEqual(['tools/lint:2']);
    expect(filterRows(rows, 'team lint')).toEqual([]);
    expect(filterRows(rows, '  ')).toHaveLength(2);
  });
});

describe('local image wording', () => {
  it('says how long ago an image was created', () => {
    const now = 1_700_000_000_000;
    expect(formatAge(t, now / 1000 - 20, now)).toBe('just now');
    expect(formatAge(t, now / 1000 - 60, now)).toBe('1 minute ago');
    expect(formatAge(t, now / 1000 - 3 * 3600 - 5, now)).toBe('3 hours ago');
    expect(formatAge(t, now / 1000 - 15 * 86_400, now)).toBe('2 weeks ago');
    expect(formatAge(t, now / 1000 - 800 * 86_400, now)).toBe('2 years ago');
    // A clock behind the engine's does not go negative.
    expect(formatAge(t, now / 1000 + 100, now)).toBe('just now');
  });

  it('defaults a push to the same repository path and tag, and checks the target', () => {
    expect(pushDefaults('127.0.0.1:5000/team/app:1.0')).toEqual({ repository: 'team/app', tag: '1.0' });
    expect(pushDefaults('nginx')).toEqual({ repository: 'library/nginx', tag: 'latest' });
    expect(pushDefaults(undefined)).toEqual({ repository: '', tag: 'latest' });
    expect(imageReference(t, '127.0.0.1:5001', ' mirror/app ', '2.0')).toEqual({
      reference: '127.0.0.1:5001/mirror/app:2.0',
      repository: 'mirror/app',
      tag: '2.0',
    });
    expect(imageReference(t, '127.0.0.1:5001', 'mirror/app', '')).toEqual({
      reference: '127.0.0.1:5001/mirror/app:latest',
      repository: 'mirror/app',
      tag: 'latest',
    });
    expect(imageReference(t, 'docker.io', 'nginx', '1')).toEqual({
      reference: 'docker.io/library/nginx:1',
      repository: 'library/nginx',
      tag: '1',
    });
    expect(imageReference(t, '127.0.0.1:5001', 'Mirror/App', '1')).toHaveProperty('problem');
    expect(imageReference(t, '127.0.0.1:5001', 'app', 'bad tag')).toHaveProperty('problem');
    expect(imageReference(t, '127.0.0.1:5001', '', '1')).toEqual({ problem: 'Name a repository.' });
  });

  it('compares names the way the engine normalises them', () => {
    expect(isSameName('nginx', 'docker.io/library/nginx:latest')).toBe(true);
    expect(isSameName('127.0.0.1:5000/a:1', '127.0.0.1:5000/a:2')).toBe(false);
    expect(isSameName('not a name', 'not a name')).toBe(false);
  });

  it('sums a job up in one line with a fraction for the bar', () => {
    const job = (overrides: Partial<JobSnapshotOf<'pull'>>): JobSnapshotOf<'pull'> => ({
      id: '1',
      kind: 'pull',
      title: 'pull x',
      status: 'running',
      startedAt: 0,
      items: [],
      overall: { bytesDone: 0, bytesTotal: 0, itemsDone: 0, itemsTotal: 0, rate: 0 },
      ...overrides,
    });
    expect(progressSummary(t, job({}))).toEqual({ text: 'starting…' });
    const layer = {
      id: 'l',
      label: 'l',
      kind: 'layer' as const,
      state: 'transferring' as const,
      bytesDone: 0,
    };
    expect(
      progressSummary(
        t,
        job({
          items: [layer],
          overall: { bytesDone: 500_000, bytesTotal: 2_000_000, itemsDone: 1, itemsTotal: 3, rate: 0 },
        }),
      ),
    ).toEqual({ fraction: 0.25, text: '500 KB of 2.00 MB · 1 of 3 items' });
    expect(
      progressSummary(
        t,
        job({
          status: 'succeeded',
          overall: { bytesDone: 2e6, bytesTotal: 2e6, itemsDone: 3, itemsTotal: 3, rate: 0 },
        }),
      ),
    ).toEqual({ fraction: 1, text: 'done · 2.00 MB' });
    expect(progressSummary(t, job({ status: 'failed' }))).toEqual({ text: 'failed' });
  });
});

describe('engine state', () => {
  const address = {
    host: 'unix:///nowhere.sock',
    source: 'DOCKER_HOST' as const,
    reason: 'DOCKER_HOST is set',
    tls: false,
  };
  const notRunning: EngineStatus = {
    address,
    state: 'not-running',
    message: 'No container engine is running at unix:///nowhere.sock',
    hint: 'Start the engine.',
  };
  const candidate = (host: string, exists: boolean): EngineCandidate => ({ ...address, host, exists });

  it('has no problem while the engine runs', () => {
    const running: EngineStatus = {
      address,
      state: 'running',
      engine: { kind: 'docker', apiVersion: '1.41', serverApiVersion: '1.41', version: '20.10.24' },
    };
    expect(engineProblem(t, running, [])).toBeUndefined();
    expect(describeEngine(running)).toBe('Docker 20.10.24 · API 1.41');
  });

  it('shows the core’s message and fix, and suspects a missing install when no socket exists anywhere', () => {
    const somewhere = engineProblem(t, notRunning, [
      candidate('unix:///nowhere.sock', false),
      candidate('unix:///run/podman/podman.sock', true),
    ]);
    expect(somewhere).toEqual({
      title: 'The container engine is not running',
      message: 'No container engine is running at unix:///nowhere.sock',
      fixes: ['Start the engine.'],
    });
    const nowhere = engineProblem(t, notRunning, [
      candidate('unix:///nowhere.sock', false),
      candidate('tcp://10.0.0.2:2376', true),
    ]);
    expect(nowhere?.fixes).toHaveLength(2);
    expect(nowhere?.fixes[1]).toMatch(/may not be installed/);
  });

  it('titles a permission problem as one', () => {
    const denied = engineProblem(
      t,
      { ...notRunning, state: 'permission-denied', hint: 'Join the docker group.' },
      [],
    );
    expect(denied?.title).toBe('Berth may not use the container engine');
    expect(denied?.fixes).toEqual(['Join the docker group.']);
  });

  it('labels each engine to switch to with where it came from and a missing socket', () => {
    expect(
      candidateLabel(t, { ...candidate('unix:///x.sock', false), source: 'context', context: 'colima' }),
    ).toBe('unix:///x.sock (context colima) — no socket');
    expect(candidateLabel(t, candidate('unix:///y.sock', true))).toBe('unix:///y.sock (DOCKER_HOST)');
  });
});

describe('the engine hints the app words itself', () => {
  it('say what the core says, word for word (the app recognises the core’s hint by it)', async () => {
    const { readFile } = await import('node:fs/promises');
    const { engine } = await import('../../renderer/features/local-images/messages.js');
    const core = await readFile(new URL('../../electron/core/docker/errors.ts', import.meta.url), 'utf8');
    expect(core).toContain(`'${engine.hintNotRunning.defaultMessage}'`);
    expect(core).toContain(`'${engine.hintPermission.defaultMessage}'`);
  });
});
