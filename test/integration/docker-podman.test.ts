// The same list/pull/push through Podman's Docker-compatible API (4.3 here), with its differences:
// Libpod-API-Version, tlsVerify for plain-HTTP registries, no per-layer push progress, `latest` for a
// missing tag.
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DockerEngine,
  listLocalImages,
  makeEndpoint,
  probeEngine,
  registerEngineJobs,
  type EngineCredential,
} from '../../electron/core/docker/index.js';
import { JobManager } from '../../electron/core/jobs/index.js';
import type { JobSnapshot } from '../../shared/jobs.js';
import { runEngineJob } from '../fixtures/dockerd.js';
import { pushImage, pushIndex } from '../fixtures/images.js';
import { startPodman, type PodmanHandle } from '../fixtures/podman.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';
import { parseImageLocation } from '../../shared/location.js';

const MiB = 1024 * 1024;
let podman: PodmanHandle;
let registry: RegistryHandle;
let open: RegistryHandle;
let engine: DockerEngine;
/** The registry as `localhost:PORT`: not in Podman's registries.conf, so Podman must be told it is plain HTTP. */
let unlisted: string;

const ALICE: EngineCredential = { username: 'alice', password: 'wonderland-pass' };

function jobsWith(credential: EngineCredential | undefined): JobManager {
  const jobs = new JobManager({ throttleMs: 0 });
  registerEngineJobs(jobs, { engine, credentialFor: async () => credential });
  return jobs;
}

async function registryDigest(repository: string, tag: string): Promise<string> {
  const authorization = await registry.authorizationFor([`repository:${repository}:pull`]);
  const response = await request(`${registry.url}/v2/${repository}/manifests/${tag}`, {
    method: 'HEAD',
    headers: {
      authorization: authorization!,
      accept:
        'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json',
    },
  });
  await response.body.dump();
  if (response.statusCode !== 200) throw new Error(`${repository}:${tag}: HTTP ${response.statusCode}`);
  return String(response.headers['docker-content-digest']);
}

const layerItems = (job: JobSnapshot) => job.items.filter((item) => item.kind === 'layer');

beforeAll(async () => {
  [registry, open] = await Promise.all([
    startRegistry({ auth: 'htpasswd' }),
    startRegistry({ auth: 'none' }),
  ]);
  unlisted = `localhost:${registry.port}`;
  podman = await startPodman({ insecureRegistries: [registry.host, open.host] });
  engine = new DockerEngine(makeEndpoint(podman.host, 'chosen', 'test engine'));
}, 60_000);

afterAll(async () => {
  await engine?.close();
  await podman?.stop();
  await Promise.all([registry?.stop(), open?.stop()]);
});

describe('Podman engine', () => {
  it('is recognised by its Libpod-API-Version header and spoken to at its compat API version', async () => {
    const ping = await podman.api.call('HEAD', '/_ping');
    const status = await probeEngine(engine);
    expect(status.state).toBe('running');
    expect(status.engine?.kind).toBe('podman');
    expect(status.engine?.version).toBe(ping.headers['libpod-api-version']);
    expect(status.engine?.apiVersion).toBe(ping.headers['api-version']);
  });

  it('lists the images Podman has', async () => {
    const loaded = await podman.api.load({ repoTags: ['berth.test/list/app:1'], layerSizes: [4096] });
    const images = await listLocalImages(engine);
    expect(images.find((image) => image.id === loaded.imageId)?.repoTags).toEqual(['berth.test/list/app:1']);
  });

  it('pushes repo:tag with credentials to a plain-HTTP registry when told to (tlsVerify=false), one item per image', async () => {
    const local = `${unlisted}/team/app:1`;
    await podman.api.load({ repoTags: [local], layerSizes: [MiB, MiB / 2] });
    const { Size: size } = JSON.parse((await podman.api.call('GET', `/images/${local}/json`)).text) as {
      Size: number;
    };
    const { job } = await runEngineJob(jobsWith(ALICE), 'push', { source: local, insecure: true });
    expect(job.error).toBeUndefined();
    const result = job.result!;
    expect(result).toMatchObject({ engine: 'podman', layerBytes: false });
    expect(result.pushed[0]?.digest).toBe(await registryDigest('team/app', '1'));
    // Podman 4 says nothing about layers while pushing: progress degrades to the image.
    expect(layerItems(job)).toEqual([]);
    expect(job.items).toEqual([
      expect.objectContaining({ kind: 'tag', state: 'done', bytesTotal: size, bytesDone: size }),
    ]);
    expect(job.overall).toMatchObject({ bytesDone: size, bytesTotal: size, itemsDone: 1, itemsTotal: 1 });
  });

  it('fails a push to a plain-HTTP registry it was not told about with a TLS error that says what to do', async () => {
    const local = `${unlisted}/team/app:1`;
    const { job } = await runEngineJob(jobsWith(ALICE), 'push', { source: local });
    expect(job.error).toMatchObject({ code: 'TLS', registry: unlisted });
    expect(job.error?.message).toContain('HTTP response to HTTPS client');
    expect(job.error?.hint).toContain('plain HTTP');
  });

  it('pulls back through the compat API after the local image is removed, with a state per layer', async () => {
    const reference = `${registry.host}/team/app:1`;
    await podman.api.remove(`${unlisted}/team/app:1`);
    expect(await podman.api.hasImage(reference)).toBe(false);
    const { job } = await runEngineJob(jobsWith(ALICE), 'pull', { image: parseImageLocation(reference) });
    expect(job.error).toBeUndefined();
    expect(job.result).toMatchObject({ reference, engine: 'podman', upToDate: false });
    const layers = layerItems(job);
    // Two layers and the config blob, each seen from "Pulling fs layer" to done.
    expect(layers.length).toBeGreaterThanOrEqual(3);
    expect(layers.every((item) => item.state === 'done')).toBe(true);
    expect(await podman.api.hasImage(reference)).toBe(true);
  });

  it('pulls through Podman’s own API with tlsVerify=false when told the registry is plain HTTP', async () => {
    const reference = `${unlisted}/team/app:1`;
    const { job } = await runEngineJob(jobsWith(ALICE), 'pull', {
      image: parseImageLocation(reference),
      insecure: true,
    });
    expect(job.error).toBeUndefined();
    const result = job.result!;
    expect(result.imageId).toBe((await podman.api.inspect(reference)).Id);
    // "Copying blob sha256:…" lines become layer items.
    expect(layerItems(job).length).toBeGreaterThanOrEqual(2);
    expect(layerItems(job).every((item) => item.state === 'done')).toBe(true);
  });

  it('pulls the platform asked for out of a multi-platform index', async () => {
    await pushIndex(registry, 'team/multi', '1', {
      format: 'oci',
      platforms: [
        { os: 'linux', architecture: 'amd64' },
        { os: 'linux', architecture: 'arm64' },
      ],
    });
    const reference = `${registry.host}/team/multi:1`;
    const { job } = await runEngineJob(jobsWith(ALICE), 'pull', {
      image: parseImageLocation(reference),
      platform: 'linux/arm64',
    });
    expect(job.error).toBeUndefined();
    expect((await podman.api.inspect(reference)).Architecture).toBe('arm64');
  });

  it('pulls anonymously from an open registry', async () => {
    await pushImage(open, 'public/tool', '3', { format: 'docker', layers: 1 });
    const reference = `${open.host}/public/tool:3`;
    const { job } = await runEngineJob(jobsWith(undefined), 'pull', { image: parseImageLocation(reference) });
    expect(job.error).toBeUndefined();
    expect(await podman.api.hasImage(reference)).toBe(true);
  });

  it('pushes every local tag, one by one (Podman pushes only latest when no tag is given)', async () => {
    const repository = `${registry.host}/team/tags`;
    await podman.api.load({ repoTags: [`${repository}:x`, `${repository}:y`], layerSizes: [4096] });
    const { job } = await runEngineJob(jobsWith(ALICE), 'push', { source: repository, allTags: true });
    expect(job.error).toBeUndefined();
    const result = job.result!;
    expect(result.pushed.map((tag) => tag.tag)).toEqual(['x', 'y']);
    for (const tag of result.pushed) expect(tag.digest).toBe(await registryDigest('team/tags', tag.tag));
  });

  it('fails a push with wrong credentials with an AUTH error', async () => {
    const local = `${registry.host}/team/app:1`;
    const { job } = await runEngineJob(jobsWith({ username: 'alice', password: 'nope-nope' }), 'push', {
      source: local,
    });
    expect(job.error).toMatchObject({ code: 'AUTH', registry: registry.host });
    expect(JSON.stringify(job)).not.toContain('nope-nope');
  });
});
