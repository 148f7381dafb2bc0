// copy.plan's core against two real registries: what a copy would transfer, mount or find already
// there, decided with reads only (the destination is checked afterwards to hold nothing new).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previewCopy } from '../../electron/core/copy/index.js';
import { RegistryClient, type RegistryConnection } from '../../electron/core/registry/index.js';
import { pushImage, pushIndex, type PushedImage } from '../fixtures/images.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';
import { parseDestinationLocation, parseImageLocation } from '../../shared/location.js';

let source: RegistryHandle;
let target: RegistryHandle;
let client: RegistryClient;
let app: PushedImage;
let multi: PushedImage & { children: PushedImage[] };

beforeAll(async () => {
  [source, target] = await Promise.all([startRegistry(), startRegistry()]);
  const connections: Record<string, RegistryConnection> = {
    [source.host]: { host: source.host, insecureHttp: true },
    [target.host]: { host: target.host, insecureHttp: true },
  };
  client = new RegistryClient({ certsDRoot: false, connectionFor: (host) => connections[host] });
  app = await pushImage(source, 'team/app', '1.0', { layers: 2 });
  multi = await pushIndex(source, 'team/multi', 'latest', {
    format: 'oci',
    platforms: [
      { os: 'linux', architecture: 'amd64' },
      { os: 'linux', architecture: 'arm64', variant: 'v8' },
    ],
  });
});

afterAll(async () => {
  await client?.close();
  await Promise.all([source?.stop(), target?.stop()]);
});

async function tagsOf(registry: RegistryHandle, repository: string): Promise<number> {
  return (await fetch(`${registry.url}/v2/${repository}/tags/list`)).status;
}

/** previewCopy of two references, parsed into locations the way the CLI parses its arguments. */
function previewText(input: { source: string; destination: string; platforms?: string[] }) {
  return previewCopy(client, {
    ...input,
    source: parseImageLocation(input.source),
    destination: parseDestinationLocation(input.destination),
  });
}

describe('previewCopy', () => {
  it('plans every blob as a transfer to an empty registry and writes nothing', async () => {
    const plan = await previewText({
      source: `${source.host}/team/app:1.0`,
      destination: `${target.host}/team/app:1.0`,
    });
    expect(plan).toMatchObject({
      digest: app.digest,
      sourceDigest: app.digest,
      newIndex: false,
      isUnchanged: false,
    });
    expect(plan.blobs.map((blob) => blob.action)).toEqual(['transfer', 'transfer', 'transfer']);
    expect(plan.bytesToTransfer).toBe(
      app.configBytes.length + app.layers.reduce((sum, l) => sum + l.size, 0),
    );
    expect(await tagsOf(target, 'team/app')).toBe(404);
  });

  it('plans a mount within one registry, and sees blobs and the tag already there', async () => {
    const promote = await previewText({
      source: `${source.host}/team/app:1.0`,
      destination: `${source.host}/prod/app:1.0`,
    });
    expect(promote.blobs.every((blob) => blob.action === 'mount')).toBe(true);
    expect(promote.bytesToTransfer).toBe(0);

    // The same seed makes the same bytes: the target gets this image's blobs under another tag first.
    const shared = await pushImage(source, 'team/shared', '2.0', { seed: 'shared' });
    await pushImage(target, 'team/shared', 'old', { seed: 'shared' });
    const input = { source: `${source.host}/team/shared:2.0`, destination: `${target.host}/team/shared:2.0` };
    const present = await previewText(input);
    expect(present.isUnchanged).toBe(false);
    expect(present.blobs.map((blob) => blob.action)).toEqual(['exists', 'exists', 'exists']);
    expect(present.bytesToTransfer).toBe(0);

    await pushImage(target, 'team/shared', '2.0', { seed: 'shared' });
    expect(await previewText(input)).toMatchObject({ isUnchanged: true, digest: shared.digest });
  });

  it('narrows an index to a platform as a new index with its own digest', async () => {
    const plan = await previewText({
      source: `${source.host}/team/multi:latest`,
      destination: `${target.host}/team/multi:arm`,
      platforms: ['linux/arm64'],
    });
    expect(plan.newIndex).toBe(true);
    expect(plan.platforms).toEqual(['linux/arm64/v8']);
    expect(plan.digest).not.toBe(multi.digest);
    expect(plan.sourceDigest).toBe(multi.digest);
    expect(plan.blobs).toHaveLength(1 + multi.children[1]!.layers.length);
  });
});
