// Berth's engine client against a real dockerd (20.10 here) and a real Distribution registry with htpasswd.
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DockerEngine,
  listLocalImages,
  makeEndpoint,
  probeEngine,
  resolveEngine,
  registerEngineJobs,
  registryAuthHeader,
  removeLocalImage,
  tagLocalImage,
  type EngineCredential,
} from '../../electron/core/docker/index.js';
import { JobManager } from '../../electron/core/jobs/index.js';
import type { JobItem, JobSnapshot } from '../../shared/jobs.js';
import { skopeo } from '../fixtures/berth-client.js';
import { runEngineJob, startDockerd, type DockerdHandle } from '../fixtures/dockerd.js';
import { pushImage, pushIndex } from '../fixtures/images.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';
import { parseDestinationLocation, parseImageLocation } from '../../shared/location.js';

const MiB = 1024 * 1024;
// Three users: one of them makes an X-Registry-Auth value that needs `=` padding (see the push test).
const USERS = { alice: 'wonderland-pass', alice2: 'wonderland-pass', alice23: 'wonderland-pass' };

let dockerd: DockerdHandle;
let registry: RegistryHandle;
let engine: DockerEngine;
let scratch: string;
let credential: EngineCredential | undefined;

function jobsWith(lookup: (host: string) => Promise<EngineCredential | undefined>): JobManager {
  const jobs = new JobManager({ throttleMs: 0 });
  registerEngineJobs(jobs, { engine, credentialFor: lookup });
  return jobs;
}

const withCredential = () => jobsWith(async (host) => (host === registry.host ? credential : undefined));

function layers(job: JobSnapshot): JobItem[] {
  return job.items.filter((item) => item.kind === 'layer');
}

/** The registry's own account of a manifest (digest and layer sizes), read with plain HTTP. */
async function registryManifest(repository: string, reference: string) {
  const authorization = await registry.authorizationFor([`repository:${repository}:pull`]);
  const response = await request(`${registry.url}/v2/${repository}/manifests/${reference}`, {
    headers: {
      authorization: authorization!,
      accept: 'application/vnd.docker.distribution.manifest.v2+json',
    },
  });
  const body = (await response.body.json()) as { layers: Array<{ size: number; digest: string }> };
  return { digest: String(response.headers['docker-content-digest']), layers: body.layers };
}

beforeAll(async () => {
  scratch = await makeTempDir('docker-engine');
  [dockerd, registry] = await Promise.all([
    startDockerd({ tls: true }),
    startRegistry({ auth: 'htpasswd', users: USERS }),
  ]);
  engine = new DockerEngine(makeEndpoint(dockerd.host, 'chosen', 'test engine'));
  // The user whose credentials need base64 padding: Node's base64url would drop it and the engine would
  // go anonymous without a word.
  const padded = Object.keys(USERS).find((username) => {
    const json = JSON.stringify({ username, password: 'wonderland-pass', serveraddress: registry.host });
    return Buffer.byteLength(json) % 3 !== 0;
  })!;
  credential = { username: padded, password: 'wonderland-pass' };
}, 90_000);

afterAll(async () => {
  await engine?.close();
  await Promise.all([dockerd?.stop(), registry?.stop()]);
  await removeDir(scratch);
});

describe('Docker engine', () => {
  it('negotiates the API version from /_ping and knows it is talking to Docker', async () => {
    const ping = await dockerd.api.call('HEAD', '/_ping');
    const status = await probeEngine(engine);
    expect(status.state).toBe('running');
    expect(status.engine?.kind).toBe('docker');
    expect(status.engine?.serverApiVersion).toBe(ping.headers['api-version']);
    // 20.10 speaks 1.41, below Berth's maximum: Berth talks 1.41 to it.
    expect(status.engine?.apiVersion).toBe(ping.headers['api-version']);
    expect(status.engine?.version).toMatch(/^\d+\.\d+/);
  });

  it('lists local images with their tags, ID, size and creation time', async () => {
    const loaded = await dockerd.api.load({
      repoTags: ['berth.test/list/app:1', 'berth.test/list/app:2'],
      layerSizes: [64 * 1024],
    });
    const images = await listLocalImages(engine);
    const image = images.find((candidate) => candidate.id === loaded.imageId);
    expect(image?.repoTags.sort()).toEqual(['berth.test/list/app:1', 'berth.test/list/app:2']);
    expect(image?.size).toBeGreaterThanOrEqual(64 * 1024);
    expect(image?.created).toBeGreaterThan(Date.now() / 1000 - 3600);
  });

  it('tags a local image and removes only the tag it was asked to', async () => {
    const loaded = await dockerd.api.load({ repoTags: ['berth.test/tag/app:1'], layerSizes: [1024] });
    await tagLocalImage(engine, 'berth.test/tag/app:1', 'berth.test/tag/copy:7');
    expect((await dockerd.api.inspect('berth.test/tag/copy:7')).Id).toBe(loaded.imageId);
    const removed = await removeLocalImage(engine, 'berth.test/tag/copy:7');
    expect(removed).toEqual({ untagged: ['berth.test/tag/copy:7'], deleted: [] });
    expect(await dockerd.api.hasImage('berth.test/tag/copy:7')).toBe(false);
    expect((await dockerd.api.inspect('berth.test/tag/app:1')).Id).toBe(loaded.imageId);
  });

  it('pushes a multi-layer image with credentials, each layer counted up to the size the engine reports', async () => {
    // Precondition of this test: the credential's X-Registry-Auth needs padding.
    expect(registryAuthHeader(credential, registry.host)).toMatch(/=$/);
    const local = `${registry.host}/team/app:1`;
    await dockerd.api.load({ repoTags: [local], layerSizes: [MiB, 2 * MiB, 1.5 * MiB] });
    const totals = new Map<string, number>();
    const { job, events } = await runEngineJob(withCredential(), 'push', { source: local }, (event) => {
      for (const item of layers(event.job)) {
        // Never more than the total, never going back.
        if (item.bytesTotal !== undefined) expect(item.bytesDone).toBeLessThanOrEqual(item.bytesTotal);
        expect(item.bytesDone).toBeGreaterThanOrEqual(totals.get(item.id) ?? 0);
        totals.set(item.id, item.bytesDone);
      }
    });
    expect(job.error).toBeUndefined();
    expect(job.status).toBe('succeeded');
    const result = job.result!;
    const [pushed] = result.pushed;
    expect(pushed).toMatchObject({ reference: local, tag: '1' });
    expect(pushed?.digest).toBe((await registryManifest('team/app', '1')).digest);
    // skopeo, an independent client, sees the same digest.
    const inspected = JSON.parse(await skopeo(registry, 'inspect', `docker://${local}`)) as {
      Digest: string;
    };
    expect(inspected.Digest).toBe(pushed?.digest);

    const pushedLayers = layers(job);
    expect(pushedLayers).toHaveLength(3);
    for (const layer of pushedLayers) {
      expect(layer.state).toBe('done');
      expect(layer.bytesTotal).toBeGreaterThan(MiB - 1);
      expect(layer.bytesDone).toBe(layer.bytesTotal);
    }
    // Several progress events while the layers moved, not one at the end.
    const moving = events.filter((event) => layers(event.job).some((item) => item.state === 'transferring'));
    expect(moving.length).toBeGreaterThan(1);
    expect(job.overall.bytesDone).toBe(job.overall.bytesTotal);
    expect(result.layerBytes).toBe(true);
  });

  it('pulls the image back after the local copy is removed; layer bytes add up to the registry’s layer sizes', async () => {
    const local = `${registry.host}/team/app:1`;
    const before = await dockerd.api.inspect(local);
    await dockerd.api.remove(local);
    expect(await dockerd.api.hasImage(local)).toBe(false);
    const manifest = await registryManifest('team/app', '1');
    // A second tag in the registry: a pull sent without a tag would fetch it too (Docker pulls all tags).
    await pushImage(registry, 'team/app', 'other', { format: 'docker', layers: 1 });

    const { job } = await runEngineJob(withCredential(), 'pull', { image: parseImageLocation(local) });
    expect(job.error).toBeUndefined();
    const result = job.result!;
    expect(result).toMatchObject({
      reference: local,
      engine: 'docker',
      digest: manifest.digest,
      upToDate: false,
    });
    expect(result.imageId).toBe(before.Id);
    expect((await dockerd.api.inspect(local)).Id).toBe(before.Id);
    expect(await dockerd.api.hasImage(`${registry.host}/team/app:other`)).toBe(false);

    const pulled = layers(job);
    expect(pulled.map((item) => item.bytesTotal).sort()).toEqual(
      manifest.layers.map((layer) => layer.size).sort(),
    );
    for (const layer of pulled) {
      expect(layer.state).toBe('done');
      expect(layer.bytesDone).toBe(layer.bytesTotal);
    }
    const sum = manifest.layers.reduce((total, layer) => total + layer.size, 0);
    expect(job.overall).toMatchObject({ bytesDone: sum, bytesTotal: sum, itemsDone: 4, itemsTotal: 4 });
  });

  it('reports an image that is already there as up to date', async () => {
    const { job } = await runEngineJob(withCredential(), 'pull', {
      image: parseImageLocation(`${registry.host}/team/app:1`),
    });
    expect(job.result).toMatchObject({ upToDate: true });
    expect(job.items.find((item) => item.kind === 'tag')).toMatchObject({
      state: 'done',
      note: 'image is up to date',
    });
  });

  it('pulls by digest, leaving the image without a tag', async () => {
    const image = await pushImage(registry, 'team/pinned', 'moving', { format: 'docker', layers: 1 });
    const reference = `${registry.host}/team/pinned@${image.digest}`;
    const { job } = await runEngineJob(withCredential(), 'pull', { image: parseImageLocation(reference) });
    expect(job.error).toBeUndefined();
    expect(job.result).toMatchObject({ reference, digest: image.digest });
    expect((await dockerd.api.inspect(reference)).RepoDigests).toContain(reference);
    expect(await dockerd.api.hasImage(`${registry.host}/team/pinned:moving`)).toBe(false);
  });

  it('pulls the platform asked for out of a multi-platform index', async () => {
    await pushIndex(registry, 'team/multi', '1', {
      format: 'docker',
      platforms: [
        { os: 'linux', architecture: 'amd64' },
        { os: 'linux', architecture: 'arm64' },
      ],
    });
    const reference = `${registry.host}/team/multi:1`;
    const { job } = await runEngineJob(withCredential(), 'pull', {
      image: parseImageLocation(reference),
      platform: 'linux/arm64',
    });
    expect(job.error).toBeUndefined();
    expect(job.result?.platform).toBe('linux/arm64');
    expect((await dockerd.api.inspect(reference)).Architecture).toBe('arm64');
  });

  it('fails a push refused mid-stream (HTTP 200, then errorDetail) with an AUTH error that names the registry', async () => {
    const local = `${registry.host}/team/refused:1`;
    await dockerd.api.load({ repoTags: [local], layerSizes: [4096] });
    const wrong = jobsWith(async () => ({ username: 'alice', password: 'not-the-password' }));
    const { job } = await runEngineJob(wrong, 'push', { source: local });
    expect(job.status).toBe('failed');
    expect(job.error).toMatchObject({ code: 'AUTH', registry: registry.host });
    expect(job.error?.message).toContain('refused the credentials');
    expect(job.error?.hint).toContain('Edit connection');
    expect(job.error?.commandHint).toContain('berth login');
    expect(JSON.stringify(job)).not.toContain('not-the-password');
    expect(job.items.find((item) => item.kind === 'tag')?.state).toBe('failed');
  });

  it('fails a pull with wrong credentials (an HTTP 500 from the engine) with an AUTH error', async () => {
    const wrong = jobsWith(async () => ({ username: 'alice', password: 'not-the-password' }));
    const { job } = await runEngineJob(wrong, 'pull', {
      image: parseImageLocation(`${registry.host}/team/app:2`),
    });
    expect(job.error).toMatchObject({ code: 'AUTH', registry: registry.host, status: 500 });
    expect(job.error?.message).toContain('refused the credentials');
  });

  it('says credentials are needed when a pull goes anonymous to a registry that requires them', async () => {
    const { job } = await runEngineJob(
      jobsWith(async () => undefined),
      'pull',
      {
        image: parseImageLocation(`${registry.host}/team/app:1`),
      },
    );
    expect(job.error).toMatchObject({ code: 'AUTH' });
    expect(job.error?.message).toContain('needs credentials');
  });

  it('fails a push of a name the engine does not have with NOT_FOUND before anything is sent', async () => {
    const { job } = await runEngineJob(withCredential(), 'push', { source: `${registry.host}/team/none:1` });
    expect(job.error).toMatchObject({ code: 'NOT_FOUND' });
    expect(job.error?.message).toContain('has no image');
  });

  it('pushes every local tag of a repository with --all-tags, one tag after another', async () => {
    const repository = `${registry.host}/team/tags`;
    await dockerd.api.load({ repoTags: [`${repository}:a`, `${repository}:b`], layerSizes: [8192] });
    await dockerd.api.load({ repoTags: [`${repository}:c`], layerSizes: [8192] });
    const { job } = await runEngineJob(withCredential(), 'push', { source: repository, allTags: true });
    expect(job.error).toBeUndefined();
    const result = job.result!;
    expect(result.pushed.map((tag) => tag.tag)).toEqual(['a', 'b', 'c']);
    for (const tag of result.pushed)
      expect(tag.digest).toBe((await registryManifest('team/tags', tag.tag)).digest);
    // b shares a's layer: it was already there.
    expect(job.items.filter((item) => item.kind === 'tag').map((item) => item.state)).toEqual([
      'done',
      'done',
      'done',
    ]);
  });

  it('pushes a local image under another name with --to and leaves no new local tag behind', async () => {
    const local = 'berth.test/local/app:dev';
    const loaded = await dockerd.api.load({ repoTags: [local], layerSizes: [4096] });
    const to = `${registry.host}/team/renamed:2`;
    const { job } = await runEngineJob(withCredential(), 'push', {
      source: local,
      to: parseDestinationLocation(to),
    });
    expect(job.error).toBeUndefined();
    expect(job.result?.pushed[0]).toMatchObject({ reference: to, tag: '2' });
    expect((await registryManifest('team/renamed', '2')).digest).toBe(job.result?.pushed[0]?.digest);
    expect(await dockerd.api.hasImage(to)).toBe(false);
    expect((await dockerd.api.inspect(local)).Id).toBe(loaded.imageId);
  });

  it('keeps the name it made for a push on the local image when asked (keepName)', async () => {
    const local = 'berth.test/local/kept:dev';
    const loaded = await dockerd.api.load({ repoTags: [local], layerSizes: [4096] });
    const to = `${registry.host}/team/kept:5`;
    const { job } = await runEngineJob(withCredential(), 'push', {
      source: local,
      to: parseDestinationLocation(to),
      keepName: true,
    });
    expect(job.error).toBeUndefined();
    expect(job.result?.pushed[0]).toMatchObject({ reference: to, tag: '5' });
    expect((await dockerd.api.inspect(to)).Id).toBe(loaded.imageId);
    expect((await dockerd.api.inspect(local)).Id).toBe(loaded.imageId);
  });

  it('cancels a pull in the middle of a download, and the engine drops it', async () => {
    await pushImage(registry, 'team/slow', '1', { format: 'docker', layers: 1, layerSize: 6 * MiB });
    const throttle = await startThrottle(registry, MiB);
    try {
      // The engine reaches the registry through the proxy: the credential goes to the proxy's host.
      const jobs = jobsWith(async () => credential);
      const reference = `${throttle.host}/team/slow:1`;
      let cancelledAt = 0;
      const { job } = await runEngineJob(
        jobs,
        'pull',
        { image: parseImageLocation(reference) },
        (event, id) => {
          const moving = layers(event.job).some(
            (item) => item.state === 'transferring' && item.bytesDone > 0,
          );
          if (moving && !cancelledAt) {
            cancelledAt = Date.now();
            jobs.cancel(id);
          }
        },
      );
      expect(cancelledAt).toBeGreaterThan(0);
      expect(job.status).toBe('cancelled');
      expect(job.error?.code).toBe('CANCELLED');
      expect(Date.now() - cancelledAt).toBeLessThan(3000);
      expect(layers(job).every((item) => item.state === 'failed' && item.note === 'cancelled')).toBe(true);
      // The engine closed the blob download it was making (it would take 6 s at 1 MiB/s).
      await waitFor(() => throttle.abortedDownloads > 0, 3000);
      expect(throttle.completedDownloads).toBe(0);
      expect(await dockerd.api.hasImage(reference)).toBe(false);
    } finally {
      await throttle.stop();
    }
  });
});

describe('an engine over tcp with TLS', () => {
  it('connects with the client certificate from DOCKER_CERT_PATH and lists the same images', async () => {
    const endpoint = resolveEngine({
      env: {
        DOCKER_HOST: dockerd.tcp!.host,
        DOCKER_TLS_VERIFY: '1',
        DOCKER_CERT_PATH: dockerd.tcp!.certPath,
      },
    });
    expect(endpoint).toMatchObject({ source: 'DOCKER_HOST', tls: true });
    const overTls = new DockerEngine(endpoint);
    try {
      expect((await probeEngine(overTls)).state).toBe('running');
      const ids = (images: { id: string }[]) => images.map((image) => image.id).sort();
      expect(ids(await listLocalImages(overTls))).toEqual(ids(await listLocalImages(engine)));
    } finally {
      await overTls.close();
    }
  });

  it('reports a TLS failure when the engine’s CA is not among the certificates', async () => {
    const certPath = join(scratch, 'no-ca');
    await mkdir(certPath);
    for (const file of ['cert.pem', 'key.pem'])
      await copyFile(join(dockerd.tcp!.certPath, file), join(certPath, file));
    const untrusting = new DockerEngine(
      resolveEngine({
        env: { DOCKER_HOST: dockerd.tcp!.host, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certPath },
      }),
    );
    try {
      const status = await probeEngine(untrusting);
      expect(status.state).toBe('unreachable');
      expect(status.message).toMatch(/^TLS to the engine at tcp:\/\/127\.0\.0\.1:\d+ failed/);
    } finally {
      await untrusting.close();
    }
  });
});

describe('engine states', () => {
  it('reports not-running with a hint when no socket is there', async () => {
    const missing = new DockerEngine(
      makeEndpoint(`unix://${join(scratch, 'nothing.sock')}`, 'chosen', 'test'),
    );
    const status = await probeEngine(missing);
    expect(status.state).toBe('not-running');
    expect(status.message).toContain(`unix://${join(scratch, 'nothing.sock')}`);
    expect(status.hint).toMatch(/Start the engine/);
    // The command line's hint names --engine; the app's names the Engine choice on Local images.
    expect(status.hint).toMatch(/--engine/);
    expect(status.appHint).toMatch(/under Engine on the Local images page/);
    expect(status.appHint).not.toMatch(/--engine/);
    await missing.close();
  });

  it('reports not-running when the socket path is there but nothing listens on it', async () => {
    const stale = join(scratch, 'stale.sock');
    await writeFile(stale, '');
    const engineThere = new DockerEngine(makeEndpoint(`unix://${stale}`, 'chosen', 'test'));
    expect((await probeEngine(engineThere)).state).toBe('not-running');
    await engineThere.close();
  });

  it('fails a pull job against a stopped engine with the not-running message, not a stack trace', async () => {
    const missing = new DockerEngine(makeEndpoint(`unix://${join(scratch, 'gone.sock')}`, 'chosen', 'test'));
    const jobs = new JobManager({ throttleMs: 0 });
    registerEngineJobs(jobs, { engine: missing, credentialFor: async () => undefined });
    const { job } = await runEngineJob(jobs, 'pull', {
      image: parseImageLocation(`${registry.host}/team/app:1`),
    });
    expect(job.error).toMatchObject({ code: 'NETWORK' });
    expect(job.error?.message).toContain('No container engine is running');
    await missing.close();
  });
});

// A plain-HTTP proxy to the registry that sends blob bodies at `bytesPerSecond`, and counts blob downloads
// the client closed before the end.
async function startThrottle(target: RegistryHandle, bytesPerSecond: number) {
  const state = { abortedDownloads: 0, completedDownloads: 0 };
  const chunk = 64 * 1024;
  const server: Server = createServer((incoming, outgoing) => {
    const upstream = httpRequest(
      {
        host: '127.0.0.1',
        port: target.port,
        method: incoming.method,
        path: incoming.url,
        headers: incoming.headers,
      },
      async (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        const isBlob = incoming.method === 'GET' && /\/blobs\/sha256:/.test(incoming.url ?? '');
        if (!isBlob) {
          answer.pipe(outgoing);
          return;
        }
        let closed = false;
        outgoing.on('close', () => {
          if (!outgoing.writableFinished) {
            closed = true;
            state.abortedDownloads++;
            answer.destroy();
          }
        });
        for await (const data of answer as AsyncIterable<Buffer>) {
          for (let offset = 0; offset < data.length && !closed; offset += chunk) {
            outgoing.write(data.subarray(offset, offset + chunk));
            await sleep((chunk / bytesPerSecond) * 1000);
          }
          if (closed) return;
        }
        outgoing.end();
        state.completedDownloads++;
      },
    );
    upstream.on('error', () => outgoing.destroy());
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    host: `127.0.0.1:${port}`,
    get abortedDownloads() {
      return state.abortedDownloads;
    },
    get completedDownloads() {
      return state.completedDownloads;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await sleep(20);
}
