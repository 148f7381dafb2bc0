// Cleanup rules against a real Distribution: the preview equals what the run deletes, no tag outside the rule
// is lost (skopeo lists the tags before and after), protected tags and a protected tag's sibling on the same
// digest survive, a tag moved since the preview is skipped, and a registry that refuses deletes says so.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previewPrune } from '../../electron/core/prune/index.js';
import { createServer, registryServers } from '../../electron/core/registry-server/index.js';
import { imageAt, repositoryAt } from '../../shared/location.js';
import { BerthServices } from '../../electron/core/services.js';
import { CleanupRuleSchema } from '../../shared/contract/prune.js';
import type { CleanupRule, PrunePreview } from '../../shared/prune.js';
import { skopeo } from '../fixtures/berth-client.js';
import { pushImage, pushIndex, type PushedImage } from '../fixtures/images.js';
import { startKeyring, type KeyringHandle } from '../fixtures/keyring.js';
import { startFaultProxy, type FaultProxy } from '../fixtures/fault-proxy.js';
import { freePort, makeTempDir, removeDir, runCommand } from '../fixtures/process.js';
import { startHarborStandIn, type HarborStandIn } from '../fixtures/vendor-api/harbor/stand-in.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';
import { sendJson, startHostileRegistry, type HostileRegistry } from '../fixtures/hostile-registry.js';

const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString();

let dir: string;
const opened: BerthServices[] = [];

async function skopeoTags(registry: RegistryHandle, repository: string): Promise<string[]> {
  const out = JSON.parse(await skopeo(registry, 'list-tags', `docker://${registry.host}/${repository}`)) as {
    Tags: string[] | null;
  };
  return (out.Tags ?? []).sort();
}

function servicesFor(registry: RegistryHandle): BerthServices {
  // Every progress event at once: a test that cancels on the first deleted tag sees it as it happens.
  const services = new BerthServices({
    dataDir: path.join(dir, `berth-${opened.length}`),
    jobs: { throttleMs: 0 },
  });
  opened.push(services);
  services.settings.save({ name: 'local', host: registry.host, insecureHttp: true });
  return services;
}

function rule(fields: Partial<CleanupRule>): CleanupRule {
  return CleanupRuleSchema.parse({ name: 'test', connection: 'local', repositories: 'team/app', ...fields });
}

function deletionsOf(preview: PrunePreview) {
  return preview.tags.flatMap((tag) =>
    tag.goes && tag.digest ? [{ repository: tag.repository, tag: tag.tag, digest: tag.digest }] : [],
  );
}

async function runJob(services: BerthServices, deletions: ReturnType<typeof deletionsOf>) {
  const id = services.jobs.start('prune', { connection: 'local', deletions }, 'prune test');
  return services.jobs.wait(id);
}

/** Config, layers and manifest of an image: what it alone stores. */
function bytesOf(image: PushedImage): number {
  return image.configBytes.length + image.layers.reduce((sum, layer) => sum + layer.size, 0) + image.size;
}

beforeAll(async () => {
  dir = await makeTempDir('berth-prune-');
});

afterAll(async () => {
  for (const services of opened) await services.close();
  await removeDir(dir);
});

describe('a cleanup rule on a registry that deletes', () => {
  let registry: RegistryHandle;
  const images = new Map<string, PushedImage>();

  beforeAll(async () => {
    registry = await startRegistry({ auth: 'none', deleteEnabled: true });
    const shared = daysAgo(450);
    const push = async (repository: string, tag: string, days: number, seed?: string) =>
      images.set(
        `${repository}:${tag}`,
        await pushImage(registry, repository, tag, {
          created: seed ? shared : daysAgo(days),
          ...(seed ? { seed } : {}),
        }),
      );
    for (const repository of ['team/app', 'team/api']) {
      await push(repository, 'build-1', 400);
      await push(repository, 'build-2', 300);
      await push(repository, 'build-3', 200);
      await push(repository, 'build-4', 20);
      await push(repository, 'build-5', 1);
      await push(repository, 'latest', 500);
      await push(repository, 'v1.0', 500);
      // Two tags on one old digest: v2.0 is protected, its sibling goes; the delete must not take v2.0 along.
      await push(repository, 'v2.0', 450, `${repository}-shared`);
      await push(repository, 'old-alias', 450, `${repository}-shared`);
      await push(repository, 'nightly-1', 100);
    }
    await push('team/lib', 'build-1', 400);
    await push('team/lib', 'build-2', 300);
  }, 240_000);

  afterAll(async () => {
    await registry?.stop();
  });

  it('deletes exactly what the preview showed, and no tag outside the rule is lost', async () => {
    const services = servicesFor(registry);
    const before = {
      app: await skopeoTags(registry, 'team/app'),
      api: await skopeoTags(registry, 'team/api'),
      lib: await skopeoTags(registry, 'team/lib'),
    };
    const preview = await previewPrune(
      services,
      rule({ repositories: 'team/a*', match: 'build-*', keep: 1, olderThan: '30d' }),
    );
    expect(preview.repositories.sort()).toEqual(['team/api', 'team/app']);
    const app = Object.fromEntries(
      preview.tags.filter((tag) => tag.repository === 'team/app').map((tag) => [tag.tag, tag]),
    );
    expect(app['build-5']).toMatchObject({ goes: false, reason: 'newest', dateSource: 'built' });
    expect(app['build-4']).toMatchObject({ goes: false, reason: 'younger' });
    expect(app['build-3']).toMatchObject({ goes: true, reason: 'older' });
    expect(app['build-1']).toMatchObject({
      goes: true,
      reason: 'older',
      why: expect.stringMatching(/older than 30d/),
    });
    expect(app['latest']).toMatchObject({ goes: false, reason: 'protected', why: 'protected by latest' });
    expect(app['v1.0']).toMatchObject({ goes: false, reason: 'protected', why: 'protected by v*' });
    expect(app['nightly-1']).toMatchObject({ goes: false, reason: 'no-match' });
    // build-1..3 of both repositories: each image's own config, layers and manifest.
    const going = ['build-1', 'build-2', 'build-3'].flatMap((tag) => [`team/app:${tag}`, `team/api:${tag}`]);
    expect(
      preview.tags
        .filter((tag) => tag.goes)
        .map((tag) => `${tag.repository}:${tag.tag}`)
        .sort(),
    ).toEqual(going.sort());
    expect(preview.collectableBytes).toBe(going.reduce((sum, key) => sum + bytesOf(images.get(key)!), 0));

    const job = await runJob(services, deletionsOf(preview));
    expect(job.status).toBe('succeeded');
    const summary = job.kind === 'prune' ? job.result! : undefined;
    expect(summary?.deleted.map((entry) => `${entry.repository}:${entry.tag}`).sort()).toEqual(going.sort());
    expect(summary?.skipped).toEqual([]);
    expect(summary?.failed).toEqual([]);

    const gone = (tags: string[]) => tags.filter((tag) => !['build-1', 'build-2', 'build-3'].includes(tag));
    expect(await skopeoTags(registry, 'team/app')).toEqual(gone(before.app));
    expect(await skopeoTags(registry, 'team/api')).toEqual(gone(before.api));
    expect(await skopeoTags(registry, 'team/lib')).toEqual(before.lib);
  }, 180_000);

  it('keeps a protected tag when its sibling on the same digest goes', async () => {
    const services = servicesFor(registry);
    const preview = await previewPrune(services, rule({ olderThan: '400d', match: 'old-*' }));
    const byTag = Object.fromEntries(preview.tags.map((tag) => [tag.tag, tag]));
    expect(byTag['old-alias']).toMatchObject({ goes: true });
    expect(byTag['v2.0']).toMatchObject({ goes: false, reason: 'protected' });
    expect(byTag['v2.0']!.digest).toBe(byTag['old-alias']!.digest);
    // The shared image stays with v2.0: deleting old-alias frees nothing.
    expect(preview.collectableBytes).toBe(0);
    const job = await runJob(services, deletionsOf(preview));
    expect(job.status).toBe('succeeded');
    const tags = await skopeoTags(registry, 'team/app');
    expect(tags).toContain('v2.0');
    expect(tags).not.toContain('old-alias');
    expect(tags).toContain('latest');
    expect(tags).toContain('v1.0');
    // The same run again (another window, or the CLI, ran it first): every tag is already gone, nothing fails.
    const again = await runJob(services, deletionsOf(preview));
    const summary = again.kind === 'prune' ? again.result! : undefined;
    expect(summary?.deleted).toEqual([]);
    expect(summary?.skipped.map((entry) => entry.note)).toEqual(
      deletionsOf(preview).map(() => 'already gone: deleted since the preview'),
    );
  }, 120_000);

  it('skips a tag that moved between the preview and the run', async () => {
    const services = servicesFor(registry);
    const preview = await previewPrune(
      services,
      rule({ repositories: 'team/api', match: 'nightly-*', keep: 0 }),
    );
    expect(deletionsOf(preview).map((entry) => entry.tag)).toEqual(['nightly-1']);
    const moved = await pushImage(registry, 'team/api', 'nightly-1', { created: daysAgo(200) });
    const job = await runJob(services, deletionsOf(preview));
    expect(job.status).toBe('succeeded');
    const summary = job.kind === 'prune' ? job.result! : undefined;
    expect(summary?.deleted).toEqual([]);
    expect(summary?.skipped[0]?.note).toMatch(/moved since the preview/);
    expect(await skopeoTags(registry, 'team/api')).toContain('nightly-1');
    expect(moved.digest).not.toBe(deletionsOf(preview)[0]!.digest);
  }, 120_000);

  it('stops before the next delete when cancelled, and says which tags were deleted', async () => {
    const services = servicesFor(registry);
    for (let build = 1; build <= 6; build++)
      await pushImage(registry, 'team/many', `build-${build}`, { created: daysAgo(100 + build) });
    const preview = await previewPrune(services, rule({ repositories: 'team/many', keep: 0 }));
    expect(deletionsOf(preview)).toHaveLength(6);
    const id = services.jobs.start(
      'prune',
      { connection: 'local', deletions: deletionsOf(preview) },
      'prune',
    );
    const unsubscribe = services.jobs.subscribe((event) => {
      if (event.job.id === id && event.job.items.some((item) => item.state === 'done'))
        services.jobs.cancel(id);
    });
    const job = await services.jobs.wait(id);
    unsubscribe();
    expect(job.status).toBe('cancelled');
    const deleted = job.items
      .filter((item) => item.state === 'done')
      .map((item) => item.label.split(':')[1]!);
    const untouched = job.items.filter((item) => item.state !== 'done');
    expect(deleted.length).toBeGreaterThanOrEqual(1);
    expect(deleted.length).toBeLessThan(6);
    for (const item of untouched) expect(item.note).toMatch(/cancelled/);
    const left = await skopeoTags(registry, 'team/many');
    expect(left).toEqual(untouched.map((item) => item.label.split(':')[1]!).sort());
  }, 120_000);

  it('covers no repository when the pattern matches none, and deletes nothing', async () => {
    const services = servicesFor(registry);
    const preview = await previewPrune(services, rule({ repositories: 'nobody/*', keep: 0 }));
    expect(preview.repositories).toEqual([]);
    expect(preview.tags).toEqual([]);
    expect(preview.collectableBytes).toBe(0);
  });
});

describe('the same cleanup rule run twice at once (the app and the CLI)', () => {
  let registry: RegistryHandle;

  beforeAll(async () => {
    registry = await startRegistry({ auth: 'none', deleteEnabled: true });
    for (let build = 1; build <= 8; build++)
      await pushImage(registry, 'team/app', `build-${build}`, { created: daysAgo(100 + build) });
    // A protected tag on the digest of a tag that goes.
    const shared = daysAgo(300);
    await pushImage(registry, 'team/app', 'v3.0', { created: shared, seed: 'shared' });
    await pushImage(registry, 'team/app', 'old-alias', { created: shared, seed: 'shared' });
    await pushImage(registry, 'team/app', 'fresh', { created: daysAgo(1) });
  }, 240_000);

  afterAll(async () => {
    await registry?.stop();
  });

  it('deletes each tag once between them, fails none, and loses no tag outside the rule', async () => {
    const app = servicesFor(registry);
    const cli = servicesFor(registry);
    const preview = await previewPrune(app, rule({ olderThan: '30d' }));
    const deletions = deletionsOf(preview);
    expect(deletions.map((entry) => entry.tag).sort()).toEqual([
      'build-1',
      'build-2',
      'build-3',
      'build-4',
      'build-5',
      'build-6',
      'build-7',
      'build-8',
      'old-alias',
    ]);
    const [first, second] = await Promise.all([runJob(app, deletions), runJob(cli, deletions)]);
    const summaries = [first, second].map((job) => (job.kind === 'prune' ? job.result : undefined));
    expect(
      [first, second].map((job) => job.status),
      JSON.stringify(summaries),
    ).toEqual(['succeeded', 'succeeded']);
    expect(summaries.flatMap((summary) => summary?.failed ?? [])).toEqual([]);
    // Each tag was deleted by one run or the other (the other skips it as gone, or as moved to its throwaway).
    const deleted = new Set(summaries.flatMap((summary) => summary?.deleted.map((entry) => entry.tag) ?? []));
    expect([...deleted].sort()).toEqual(deletions.map((entry) => entry.tag).sort());
    expect(await skopeoTags(registry, 'team/app')).toEqual(['fresh', 'v3.0']);
  }, 120_000);
});

describe('a cleanup rule on a registry that refuses deletes', () => {
  let registry: RegistryHandle;

  beforeAll(async () => {
    registry = await startRegistry({ auth: 'none', deleteEnabled: false });
    await pushImage(registry, 'team/app', 'build-1', { created: daysAgo(100) });
    await pushImage(registry, 'team/app', 'build-2', { created: daysAgo(90) });
    // A config whose created is no date (and one at the epoch, as reproducible builds write): no age.
    await pushImage(registry, 'team/app', 'undated', { created: 'last tuesday' });
    await pushImage(registry, 'team/app', 'epoch', { created: '1970-01-01T00:00:00Z' });
  }, 120_000);

  afterAll(async () => {
    await registry?.stop();
  });

  it('fails with the reason and what happened, and every tag is still there', async () => {
    const services = servicesFor(registry);
    const preview = await previewPrune(services, rule({ olderThan: '30d' }));
    expect(deletionsOf(preview)).toHaveLength(2);
    for (const tag of ['undated', 'epoch'])
      expect(preview.tags.find((entry) => entry.tag === tag)).toMatchObject({
        goes: false,
        reason: 'no-date',
      });
    const job = await runJob(services, deletionsOf(preview));
    expect(job.status).toBe('failed');
    expect(job.error?.message).toMatch(/deletion is disabled/);
    expect(job.error?.hint).toMatch(/0 deleted, 0 skipped, 1 failed, 1 not tried/);
    expect(job.items.map((item) => item.state)).toEqual(['failed', 'skipped']);
    expect(await skopeoTags(registry, 'team/app')).toEqual(['build-1', 'build-2', 'epoch', 'undated']);
  }, 120_000);
});

describe('a cleanup rule on Harbor, which gives push dates', () => {
  const robot = 'robot$dev+ci';
  const secret = 'robot-secret-prune';
  let keyring: KeyringHandle;
  let registry: RegistryHandle;
  let harbor: HarborStandIn;

  beforeAll(async () => {
    keyring = await startKeyring();
    keyring.useInThisProcess();
    registry = await startRegistry({ auth: 'none' });
    // Built long ago, pushed recently (and the other way round): the push date is the one that counts.
    await pushImage(registry, 'dev/api', 'build-1', { created: daysAgo(400) });
    await pushImage(registry, 'dev/api', 'build-2', { created: daysAgo(1) });
    await pushImage(registry, 'dev/api', 'build-3', { created: daysAgo(400) });
    harbor = await startHarborStandIn({
      registryUrl: registry.url,
      registryDataDir: registry.dataDir,
      users: { [robot]: secret },
      projects: [{ name: 'dev', members: [robot] }],
    });
    await harbor.setPushTime('dev/api', 'build-1', new Date(Date.now() - 2 * DAY));
    await harbor.setPushTime('dev/api', 'build-2', new Date(Date.now() - 90 * DAY));
  }, 120_000);

  afterAll(async () => {
    await harbor?.stop();
    await registry?.stop();
    await keyring?.stop();
  });

  it('dates tags by their push, not their build, where Harbor says, and deletes through Harbor', async () => {
    const services = new BerthServices({
      dataDir: path.join(dir, 'berth-harbor'),
      keychainService: `BerthTest-prune-${randomUUID()}`,
    });
    opened.push(services);
    services.settings.save({
      name: 'harbor',
      host: harbor.host,
      insecureHttp: true,
      kind: 'harbor',
      username: robot,
    });
    await services.credentials.save(harbor.host, robot, secret, 'password');
    const preview = await previewPrune(
      services,
      CleanupRuleSchema.parse({ name: 'h', connection: 'harbor', repositories: 'dev/*', olderThan: '30d' }),
    );
    const byTag = Object.fromEntries(preview.tags.map((tag) => [tag.tag, tag]));
    expect(byTag['build-1']).toMatchObject({ goes: false, reason: 'younger', dateSource: 'pushed' });
    expect(byTag['build-2']).toMatchObject({ goes: true, reason: 'older', dateSource: 'pushed' });
    // Built 400 days ago, pushed just now.
    expect(byTag['build-3']).toMatchObject({ goes: false, reason: 'younger', dateSource: 'pushed' });
    const job = await services.jobs.wait(
      services.jobs.start('prune', { connection: 'harbor', deletions: deletionsOf(preview) }, 'prune harbor'),
    );
    expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
    const summary = job.kind === 'prune' ? job.result! : undefined;
    expect(summary?.deleted.map((entry) => entry.tag)).toEqual(
      deletionsOf(preview).map((entry) => entry.tag),
    );
    expect(await skopeoTags(registry, 'dev/api')).toEqual(
      ['build-1', 'build-2', 'build-3'].filter((tag) => !byTag[tag]!.goes),
    );
  }, 120_000);
});

describe("a cleanup rule on a registry of the user's own", () => {
  let source: RegistryHandle;
  let services: BerthServices;
  let ownHost: string;
  let platforms: string[];

  beforeAll(async () => {
    source = await startRegistry({ auth: 'none' });
    services = new BerthServices({ dataDir: path.join(dir, 'berth-own') });
    opened.push(services);
    const port = await freePort();
    await createServer(services, { name: 'own', port, bind: '127.0.0.1', tls: { mode: 'none' } });
    for (const [tag, days] of [
      ['build-1', 90],
      ['build-2', 60],
      ['build-3', 1],
    ] as const) {
      await pushImage(source, 'team/app', tag, { created: daysAgo(days), layers: 2, layerSize: 64 * 1024 });
      const id = services.jobs.start(
        'copy',
        {
          source: imageAt(repositoryAt(source.host, 'team/app'), tag),
          destination: repositoryAt(`127.0.0.1:${port}`, 'team/app'),
        },
        `copy ${tag}`,
      );
      const copied = await services.jobs.wait(id);
      if (copied.status !== 'succeeded') throw new Error(JSON.stringify(copied.error));
    }
    // A multi-platform image beside them, which no rule touches: its platform images are untagged
    // manifests to Distribution 2.8's own --delete-untagged.
    ownHost = `127.0.0.1:${port}`;
    const multi = await pushIndex(source, 'team/multi', 'latest', {
      format: 'oci',
      layers: 1,
      layerSize: 16 * 1024,
      platforms: [
        { os: 'linux', architecture: 'amd64' },
        { os: 'linux', architecture: 'arm64' },
      ],
    });
    platforms = multi.children.map((child) => child.digest);
    const copied = await services.jobs.wait(
      services.jobs.start(
        'copy',
        {
          source: imageAt(repositoryAt(source.host, 'team/multi'), 'latest'),
          destination: repositoryAt(ownHost, 'team/multi'),
        },
        'copy multi',
      ),
    );
    if (copied.status !== 'succeeded') throw new Error(JSON.stringify(copied.error));
  }, 180_000);

  afterAll(async () => {
    await registryServers(services)
      .remove('own', { deleteData: true })
      .catch(() => undefined);
    await source?.stop();
  });

  it('offers garbage collection, which gives back the bytes the preview called collectable', async () => {
    const preview = await previewPrune(
      services,
      CleanupRuleSchema.parse({ name: 'own', connection: 'own', repositories: 'team/app', olderThan: '30d' }),
    );
    expect(
      deletionsOf(preview)
        .map((entry) => entry.tag)
        .sort(),
    ).toEqual(['build-1', 'build-2']);
    const job = await services.jobs.wait(
      services.jobs.start('prune', { connection: 'own', deletions: deletionsOf(preview) }, 'prune own'),
    );
    expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
    expect(job.kind === 'prune' && job.result?.ownServer).toBe('own');
    const collected = await registryServers(services).collectGarbage('own', { deleteUntagged: true });
    // What the collection gives back is the previewed bytes, plus the tag files and revision links the
    // registry keeps beside them (and the tiny throwaway manifests a tag delete leaves), never less.
    expect(collected.bytesReclaimed).toBeGreaterThanOrEqual(preview.collectableBytes);
    expect(collected.bytesReclaimed - preview.collectableBytes).toBeLessThan(16 * 1024);
    // And the multi-platform image beside them is whole: every platform still reads by digest.
    for (const digest of platforms) {
      const inspected = await runCommand(
        'skopeo',
        ['inspect', '--raw', '--tls-verify=false', `docker://${ownHost}/team/multi@${digest}`],
        { allowFailure: true },
      );
      expect(inspected.code, inspected.stderr).toBe(0);
    }
  }, 180_000);
});

describe('a cleanup rule whose tag is pushed again between its check and its delete', () => {
  let registry: RegistryHandle;
  let proxy: FaultProxy;
  let running = false;
  let checked = false;
  let repushed: PushedImage | undefined;

  beforeAll(async () => {
    registry = await startRegistry({ auth: 'none', deleteEnabled: true });
    await pushImage(registry, 'team/app', 'build-1', { created: daysAgo(100) });
    proxy = await startFaultProxy(registry, {
      onRequest: async (request) => {
        if (!running) return undefined;
        if (request.method === 'HEAD' && request.path.endsWith('/manifests/build-1') && !checked) {
          checked = true;
          return undefined;
        }
        // Right after the run's check says the tag still names the old image, a CI job pushes a new one.
        if (checked && !repushed)
          repushed = await pushImage(registry, 'team/app', 'build-1', { created: daysAgo(0) });
        return undefined;
      },
    });
  }, 120_000);

  afterAll(async () => {
    await proxy?.stop();
    await registry?.stop();
  });

  it('leaves the new push alone and says it moved', async () => {
    const services = new BerthServices({ dataDir: path.join(dir, 'berth-repushed') });
    opened.push(services);
    services.settings.save({ name: 'local', host: proxy.host, insecureHttp: true });
    const preview = await previewPrune(services, rule({ olderThan: '30d' }));
    expect(deletionsOf(preview).map((entry) => entry.tag)).toEqual(['build-1']);
    running = true;
    const job = await runJob(services, deletionsOf(preview));
    expect(repushed).toBeDefined();
    const summary = job.kind === 'prune' ? job.result : undefined;
    expect(summary?.deleted).toEqual([]);
    expect(summary?.skipped[0]?.note).toMatch(/moved since the preview/);
    expect(await skopeoTags(registry, 'team/app')).toEqual(['build-1']);
    const now = await skopeo(registry, 'inspect', `docker://${registry.host}/team/app:build-1`);
    expect((JSON.parse(now) as { Digest: string }).Digest).toBe(repushed!.digest);
  }, 120_000);
});

describe('a cleanup rule whose login is refused after the first deletes', () => {
  let registry: RegistryHandle;
  let proxy: FaultProxy;
  let refusing = false;
  let refused = false;
  let refusedRequests = 0;

  beforeAll(async () => {
    registry = await startRegistry({ auth: 'none', deleteEnabled: true });
    for (let build = 1; build <= 6; build++)
      await pushImage(registry, 'team/app', `build-${build}`, { created: daysAgo(100 + build) });
    proxy = await startFaultProxy(registry, {
      onRequest: (request) => {
        if (!refusing) return undefined;
        // Tags go newest first (build-1, build-2, …): from the third tag on, the login is refused.
        if (/\/manifests\/build-[3-6]$/.test(request.path)) refused = true;
        if (!refused) return undefined;
        refusedRequests++;
        return { status: 401, headers: { 'www-authenticate': 'Basic realm="registry"' } };
      },
    });
  }, 120_000);

  afterAll(async () => {
    await proxy?.stop();
    await registry?.stop();
  });

  it('stops at the first refusal instead of trying every other tag with a login that is refused', async () => {
    const services = new BerthServices({ dataDir: path.join(dir, 'berth-refused'), jobs: { throttleMs: 0 } });
    opened.push(services);
    services.settings.save({ name: 'local', host: proxy.host, insecureHttp: true });
    const preview = await previewPrune(services, rule({ olderThan: '30d' }));
    expect(deletionsOf(preview)).toHaveLength(6);
    refusing = true;
    const job = await runJob(services, deletionsOf(preview));
    expect(job.status).toBe('failed');
    expect(job.error?.hint).toMatch(/2 deleted, 0 skipped, 1 failed, 3 not tried/);
    expect(job.error?.message).toMatch(/needs a login/);
    expect(job.items.map((item) => item.state)).toEqual([
      'done',
      'done',
      'failed',
      'skipped',
      'skipped',
      'skipped',
    ]);
    // One tag met the refusal (its check, answered again once with the challenge), no other was tried.
    expect(refusedRequests).toBeLessThanOrEqual(2);
    expect(await skopeoTags(registry, 'team/app')).toEqual(['build-3', 'build-4', 'build-5', 'build-6']);
  }, 120_000);
});

describe('a cleanup rule on a registry that lies', () => {
  let registry: RegistryHandle;
  let proxy: FaultProxy;
  let lyingConfig: PushedImage;

  beforeAll(async () => {
    registry = await startRegistry({ auth: 'none', deleteEnabled: true });
    await pushImage(registry, 'team/app', 'build-1', { created: daysAgo(100) });
    lyingConfig = await pushImage(registry, 'team/app', 'build-2', { created: daysAgo(100) });
    await pushImage(registry, 'team/app', 'build-3', { created: daysAgo(100) });
    proxy = await startFaultProxy(registry, {
      onRequest: (request) => {
        // build-2's config arrives with a byte flipped; build-3's manifest is not JSON at all.
        if (request.method === 'GET' && request.path.includes(`/blobs/${lyingConfig.configDigest}`))
          return { corruptBody: true };
        if (request.path.endsWith('/manifests/build-3'))
          return { replaceBody: Buffer.from('<html>no</html>') };
        return undefined;
      },
    });
  }, 120_000);

  afterAll(async () => {
    await proxy?.stop();
    await registry?.stop();
  });

  it('keeps a tag whose date or manifest cannot be trusted, says why, and deletes only the rest', async () => {
    const services = new BerthServices({ dataDir: path.join(dir, 'berth-lies') });
    opened.push(services);
    services.settings.save({ name: 'local', host: proxy.host, insecureHttp: true });
    const preview = await previewPrune(services, rule({ olderThan: '30d' }));
    const byTag = Object.fromEntries(preview.tags.map((tag) => [tag.tag, tag]));
    expect(byTag['build-1']).toMatchObject({ goes: true, dateSource: 'built' });
    expect(byTag['build-2']).toMatchObject({ goes: false, reason: 'no-date' });
    expect(byTag['build-3']).toMatchObject({ goes: false, reason: 'unreadable' });
    expect(preview.warnings.join(' ')).toMatch(/1 tag could not be read/);
    const job = await runJob(services, deletionsOf(preview));
    expect(job.status).toBe('succeeded');
    expect(await skopeoTags(registry, 'team/app')).toEqual(['build-2', 'build-3']);
  }, 120_000);
});

describe('a cleanup rule over more tags than a preview reads', () => {
  let registry: HostileRegistry;

  beforeAll(async () => {
    registry = await startHostileRegistry([
      {
        method: 'GET',
        path: '/v2/_catalog',
        handler: (_request, response) =>
          sendJson(response, 200, { repositories: ['team/r0', 'team/r1', 'team/r2'] }),
      },
      {
        method: 'GET',
        path: /^\/v2\/team\/r\d\/tags\/list$/,
        handler: (_request, response) =>
          sendJson(response, 200, { name: 'x', tags: Array.from({ length: 60 }, (_, index) => `b${index}`) }),
      },
    ]);
  });

  afterAll(async () => {
    await registry?.stop();
  });

  it('stops at the cap before reading the repository that passes it, and says how to narrow it', async () => {
    const services = new BerthServices({ dataDir: path.join(dir, 'berth-many') });
    opened.push(services);
    services.settings.save({ name: 'local', host: registry.host, insecureHttp: true });
    await expect(
      previewPrune(services, rule({ repositories: 'team/*', keep: 1 }), { maxTags: 100 }),
    ).rejects.toMatchObject({
      code: 'TOO_LARGE',
      message: expect.stringMatching(/more than 100 tags/) as unknown,
    });
    const manifests = registry.requests.filter((request) => request.path.includes('/manifests/'));
    expect(manifests.every((request) => request.path.startsWith('/v2/team/r0/'))).toBe(true);
    expect(manifests.length).toBeLessThanOrEqual(60);
  }, 120_000);
});

describe('rules refused at the edge', () => {
  it.each([
    [{ keep: -1 }, /keep 0 or more/],
    [{ keep: 1.5 }, /whole number/],
    [{ olderThan: '5y' }, /90m, 12h, 30d or 2w/],
    [{ olderThan: '0d' }, /90m, 12h, 30d or 2w/],
    [{ match: 'a b' }, /tag pattern/],
    [{ match: '../x' }, /tag pattern/],
    [{ repositories: 'Team/App' }, /repositories are/],
    [{ protect: ['latest', ''] }, /tag pattern/],
    [{}, /say what to keep/],
  ])('refuses %j', (fields, message) => {
    const parsed = CleanupRuleSchema.safeParse({
      name: 'r',
      connection: 'local',
      repositories: 'team/app',
      ...fields,
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((issue) => issue.message).join('; ')).toMatch(message);
  });
});
