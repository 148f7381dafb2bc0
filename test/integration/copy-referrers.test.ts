// Referrers travel with their image (issue 19): `berth cp --referrers` and `berth sync --referrers` bring
// signatures, SBOMs and attestations along, recursively, with their digests unchanged. Distribution 2.8.2
// has no Referrers API, so the tag-schema form is tested against it directly; the API form through
// referrers-front.ts, a front that answers `GET /v2/<name>/referrers/<digest>` and `OCI-Subject` on a
// manifest PUT the way Harbor, Quay or Zot do. skopeo, the oracle, reads each referrer at the destination.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { skopeo } from '../fixtures/berth-client.js';
import { BerthCli } from '../fixtures/berth-cli.js';
import { MEDIA_TYPES, pushImage, pushIndex, sha256 } from '../fixtures/images.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';
import { startReferrersFront, type ReferrersFront } from '../fixtures/referrers-front.js';
import {
  ARTIFACT_TYPES,
  EMPTY_CONFIG,
  addToReferrersTag,
  pushReferrer,
  readReferrersTag,
  type PushedReferrer,
} from '../fixtures/referrers.js';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { copyImage, type CopyInput } from '../../electron/core/copy/index.js';
import { addToTagSchemaIndex, indexLockName, undoIndexWrite } from '../../electron/core/copy/referrers.js';
import { BerthError } from '../../electron/core/errors.js';
import { JobManager, type AnyJobInputs } from '../../electron/core/jobs/index.js';
import { RegistryClient } from '../../electron/core/registry/index.js';
import { parseDestinationLocation, parseImageLocation } from '../../shared/location.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';
import { startFaultProxy } from '../fixtures/fault-proxy.js';

let dataDir: string;
let source: RegistryHandle;
let target: RegistryHandle;
let sourceFront: ReferrersFront;
let targetFront: ReferrersFront;

const cli = new BerthCli(() => ({ ...process.env, BERTH_DATA_DIR: dataDir }));
const berth = (args: string[]) => cli.run(args);

interface Summary {
  unchanged: boolean;
  tags?: { copied: string[] };
  referrers?: {
    count: number;
    bytes: number;
    kinds: Record<string, number>;
    copied: number;
    skipped: number;
    destinationIndex: string;
  };
}

beforeAll(async () => {
  dataDir = await makeTempDir('berth-cp-referrers-');
  [source, target] = await Promise.all([
    startRegistry({ auth: 'none' }),
    // Deletes allowed: a failed copy takes back what it pushed.
    startRegistry({ auth: 'none', deleteEnabled: true }),
  ]);
  [sourceFront, targetFront] = await Promise.all([startReferrersFront(source), startReferrersFront(target)]);
  for (const [name, host] of [
    ['src', source.host],
    ['dst', target.host],
    ['src-api', sourceFront.host],
    ['dst-api', targetFront.host],
  ] as const) {
    const added = await berth(['registry', 'add', name, `http://${host}`]);
    if (added.code !== 0) throw new Error(added.stderr);
  }
});

afterAll(async () => {
  await Promise.all([sourceFront?.stop(), targetFront?.stop()]);
  await Promise.all([source?.stop(), target?.stop()]);
  await removeDir(dataDir);
});

/** skopeo reads the manifest at the destination by digest: the bytes hash to that digest. */
async function expectSameDigest(registry: RegistryHandle, repository: string, digest: string) {
  const raw = await skopeo(registry, 'inspect', '--raw', `docker://${registry.host}/${repository}@${digest}`);
  expect(sha256(Buffer.from(raw))).toBe(digest);
}

async function manifestStatus(registry: RegistryHandle, repository: string, reference: string) {
  const response = await request(`${registry.url}/v2/${repository}/manifests/${reference}`, {
    method: 'HEAD',
    headers: { accept: `${MEDIA_TYPES.oci.manifest}, ${MEDIA_TYPES.oci.index}` },
  });
  await response.body.dump();
  return response.statusCode;
}

/** A signed image in the tag-schema form: a cosign signature, an SBOM, and a Notation signature of the SBOM. */
async function signedImage(registry: RegistryHandle, repository: string) {
  const image = await pushImage(registry, repository, '1', { layers: 1 });
  const signature = await pushReferrer(registry, repository, image, ARTIFACT_TYPES.cosign, {
    tagSchema: true,
  });
  const sbom = await pushReferrer(registry, repository, image, ARTIFACT_TYPES.spdx, { tagSchema: true });
  const sbomSignature = await pushReferrer(registry, repository, sbom, ARTIFACT_TYPES.notation, {
    tagSchema: true,
  });
  return { image, signature, sbom, sbomSignature };
}

describe('referrers in the tag-schema form (Distribution, no Referrers API)', () => {
  it('berth cp --referrers copies them recursively, keeps their digests and merges the index there', async () => {
    const { image, signature, sbom, sbomSignature } = await signedImage(source, 'signed/app');
    // Someone else's signature is already listed in the destination's index: it must stay there.
    const foreign = await pushReferrer(target, 'signed/app', image, ARTIFACT_TYPES.notation, {
      tagSchema: true,
    });

    const plain = await berth([
      'cp',
      `${source.host}/signed/app:1`,
      `${target.host}/signed/app:1`,
      '--referrers',
    ]);
    expect(plain.code, plain.stderr).toBe(0);
    const progress = plain.stderr.split('\n');
    expect(progress).toContain(`signature ${signature.digest.slice(7, 19)} pushed`);
    expect(progress).toContain(`SBOM ${sbom.digest.slice(7, 19)} pushed`);
    expect(progress).toContain(`signature ${sbomSignature.digest.slice(7, 19)} pushed`);
    expect(plain.stdout).toMatch(
      /Referrers: 3 \(2 signatures, 1 SBOM; [\d.]+ \S+\): 3 copied, 0 already there; listed in the sha256-<digest> tag index/,
    );

    for (const referrer of [signature, sbom, sbomSignature])
      await expectSameDigest(target, 'signed/app', referrer.digest);
    const imageIndex = await readReferrersTag(target, 'signed/app', image.digest);
    expect(imageIndex?.manifests.map((entry) => entry.digest).sort()).toEqual(
      [foreign.digest, signature.digest, sbom.digest].sort(),
    );
    expect(imageIndex?.manifests.find((e) => e.digest === sbom.digest)?.artifactType).toBe(
      ARTIFACT_TYPES.spdx,
    );
    const sbomIndex = await readReferrersTag(target, 'signed/app', sbom.digest);
    expect(sbomIndex?.manifests.map((entry) => entry.digest)).toEqual([sbomSignature.digest]);

    // Again: the image is identical and every referrer there; nothing is pushed, the counts still say what was found.
    const again = await berth([
      'cp',
      `${source.host}/signed/app:1`,
      `${target.host}/signed/app:1`,
      '--referrers',
      '--json',
    ]);
    expect(again.code).toBe(0);
    const summary = JSON.parse(again.stdout) as Summary;
    expect(summary.unchanged).toBe(true);
    expect(summary.referrers).toMatchObject({
      count: 3,
      copied: 0,
      skipped: 3,
      destinationIndex: 'tag-schema',
      kinds: { [ARTIFACT_TYPES.cosign]: 1, [ARTIFACT_TYPES.spdx]: 1, [ARTIFACT_TYPES.notation]: 1 },
    });
    // The three manifests, the shared empty config once, and each payload.
    expect(summary.referrers!.bytes).toBeGreaterThan(signature.size + sbom.size + sbomSignature.size + 2);
  });

  it('berth inspect --referrers shows that the copy is still signed, in text and JSON', async () => {
    const { image, signature, sbom } = await signedImage(source, 'checked/app');
    const copied = await berth([
      'cp',
      `${source.host}/checked/app:1`,
      `${target.host}/checked/app:1`,
      '--referrers',
    ]);
    expect(copied.code, copied.stderr).toBe(0);

    const shown = await berth(['inspect', `${target.host}/checked/app:1`, '--referrers']);
    expect(shown.code, shown.stderr).toBe(0);
    const lines = shown.stdout.split('\n');
    const at = lines.indexOf(
      `Referrers:  2 (1 signature, 1 SBOM), from the sha256-${image.digest.slice(7)} tag`,
    );
    expect(at, shown.stdout).toBeGreaterThan(-1);
    expect(lines.slice(at + 1, at + 3).sort()).toEqual(
      [
        `  Signature  ${signature.digest}  ${ARTIFACT_TYPES.cosign}`,
        `  SBOM       ${sbom.digest}  ${ARTIFACT_TYPES.spdx}`,
      ].sort(),
    );

    const json = await berth(['inspect', `${target.host}/checked/app:1`, '--referrers', '--json']);
    const parsed = JSON.parse(json.stdout) as {
      referrers: { source: string; referrers: { digest: string }[] };
    };
    expect(parsed.referrers.source).toBe('tag-schema');
    expect(parsed.referrers.referrers.map((entry) => entry.digest).sort()).toEqual(
      [signature.digest, sbom.digest].sort(),
    );

    await pushImage(source, 'checked/lean', '1', { layers: 1 });
    const unsigned = await berth(['inspect', `${source.host}/checked/lean:1`, '--referrers']);
    expect(unsigned.stdout).toContain('Referrers:  none (no signature, SBOM or attestation refers to it)');
  });

  it('without --referrers nothing but the image is copied', async () => {
    const { image, signature } = await signedImage(source, 'unsigned/app');
    const result = await berth([
      'cp',
      `${source.host}/unsigned/app:1`,
      `${target.host}/unsigned/app:1`,
      '--json',
    ]);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as Summary).referrers).toBeUndefined();
    expect(await manifestStatus(target, 'unsigned/app', image.digest)).toBe(200);
    expect(await manifestStatus(target, 'unsigned/app', signature.digest)).toBe(404);
    expect(await readReferrersTag(target, 'unsigned/app', image.digest)).toBeUndefined();
  });

  it('berth sync --referrers copies the tags, not the sha256-… index tags, and brings the referrers', async () => {
    const { image, signature, sbom, sbomSignature } = await signedImage(source, 'synced/app');
    const result = await berth([
      'sync',
      `${source.host}/synced/app`,
      `${target.host}/synced/app`,
      '--referrers',
      '--json',
    ]);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as Summary;
    expect(summary.tags?.copied).toEqual(['1']);
    expect(summary.referrers).toMatchObject({ count: 3, copied: 3, destinationIndex: 'tag-schema' });
    for (const referrer of [signature, sbom, sbomSignature])
      await expectSameDigest(target, 'synced/app', referrer.digest);
    expect((await readReferrersTag(target, 'synced/app', image.digest))?.manifests).toHaveLength(2);
  });
});

describe('referrers in the API form (a registry with the Referrers API and OCI-Subject)', () => {
  it('berth sync --referrers copies those of an index and of its platforms, and writes no tag index', async () => {
    const through = sourceFront.handle;
    const index = await pushIndex(through, 'api/app', '1', {
      format: 'oci',
      platforms: [
        { os: 'linux', architecture: 'amd64' },
        { os: 'linux', architecture: 'arm64' },
      ],
      layers: 1,
    });
    const indexSignature = await pushReferrer(through, 'api/app', index, ARTIFACT_TYPES.cosign);
    const platformSbom = await pushReferrer(through, 'api/app', index.children[1]!, ARTIFACT_TYPES.spdx);
    const sbomSignature = await pushReferrer(through, 'api/app', platformSbom, ARTIFACT_TYPES.notation);

    const result = await berth([
      'sync',
      `${sourceFront.host}/api/app`,
      `${targetFront.host}/api/app`,
      '--referrers',
      '--json',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout) as Summary;
    expect(summary.referrers).toMatchObject({ count: 3, copied: 3, skipped: 0, destinationIndex: 'api' });
    // Read through the source's API, not its tags.
    expect(sourceFront.requests).toContain(`GET /v2/api/app/referrers/${index.digest}`);
    expect(sourceFront.requests).toContain(`GET /v2/api/app/referrers/${platformSbom.digest}`);

    for (const referrer of [indexSignature, platformSbom, sbomSignature])
      await expectSameDigest(target, 'api/app', referrer.digest);
    // The destination lists them itself; no sha256-… tag is written there.
    const listed = await request(`${targetFront.url}/v2/api/app/referrers/${index.children[1]!.digest}`);
    expect(((await listed.body.json()) as { manifests: Array<{ digest: string }> }).manifests).toEqual([
      expect.objectContaining({ digest: platformSbom.digest, artifactType: ARTIFACT_TYPES.spdx }),
    ]);
    expect(await readReferrersTag(target, 'api/app', index.digest)).toBeUndefined();
    expect(await readReferrersTag(target, 'api/app', platformSbom.digest)).toBeUndefined();
  });

  it("with --platform, brings the kept platforms' referrers, not those of the index it narrows", async () => {
    const through = sourceFront.handle;
    const index = await pushIndex(through, 'subset/app', '1', {
      format: 'oci',
      platforms: [
        { os: 'linux', architecture: 'amd64' },
        { os: 'linux', architecture: 'arm64' },
      ],
      layers: 1,
    });
    const indexSignature = await pushReferrer(through, 'subset/app', index, ARTIFACT_TYPES.cosign);
    const armSbom = await pushReferrer(through, 'subset/app', index.children[1]!, ARTIFACT_TYPES.spdx);
    const amdSbom = await pushReferrer(through, 'subset/app', index.children[0]!, ARTIFACT_TYPES.spdx);
    const result = await berth([
      'cp',
      `${sourceFront.host}/subset/app:1`,
      `${targetFront.host}/subset/app:1`,
      '--platform',
      'linux/arm64',
      '--referrers',
      '--json',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as Summary).referrers).toMatchObject({ count: 1, copied: 1 });
    await expectSameDigest(target, 'subset/app', armSbom.digest);
    // The source index is not at the destination (a new index is), so what signs it stays behind.
    expect(await manifestStatus(target, 'subset/app', indexSignature.digest)).toBe(404);
    expect(await manifestStatus(target, 'subset/app', amdSbom.digest)).toBe(404);
  });

  it('copies from an API source to a tag-schema destination, where the index is written', async () => {
    const through = sourceFront.handle;
    const image = await pushImage(through, 'mixed/app', '1', { layers: 1 });
    const signature = await pushReferrer(through, 'mixed/app', image, ARTIFACT_TYPES.cosign);
    const result = await berth([
      'cp',
      `${sourceFront.host}/mixed/app:1`,
      `${target.host}/mixed/app:1`,
      '--referrers',
      '--json',
    ]);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as Summary).referrers).toMatchObject({
      copied: 1,
      destinationIndex: 'tag-schema',
    });
    expect((await readReferrersTag(target, 'mixed/app', image.digest))?.manifests).toEqual([
      expect.objectContaining({ digest: signature.digest, artifactType: ARTIFACT_TYPES.cosign }),
    ]);
  });
});

describe('two copies at once', () => {
  it("two jobs of one process adding signatures to the same index keep each other's", async () => {
    const client = new RegistryClient({
      certsDRoot: false,
      connectionFor: (host) => ({ host, insecureHttp: true }),
    });
    const jobs = new JobManager<AnyJobInputs & { copy: CopyInput }>({ throttleMs: 0 });
    jobs.register('copy', (input, context) => copyImage({ client }, input, context));
    // The same image in two repositories (copied, so the digest is the same), signed differently in each.
    const image = await pushImage(source, 'race/a', '1', { layers: 1 });
    const copied = await jobs.launch(
      'copy',
      {
        source: parseImageLocation(`${source.host}/race/a:1`),
        destination: parseDestinationLocation(`${source.host}/race/b:1`),
      },
      'copy race/a',
    ).done;
    expect(copied.status).toBe('succeeded');
    const signatures: PushedReferrer[] = [];
    for (const repository of ['race/a', 'race/b'])
      signatures.push(
        await pushReferrer(source, repository, image, ARTIFACT_TYPES.cosign, { tagSchema: true }),
      );
    const runs = ['race/a', 'race/b'].map(
      (repository, n) =>
        jobs.launch(
          'copy',
          {
            source: parseImageLocation(`${source.host}/${repository}:1`),
            destination: parseDestinationLocation(`${target.host}/race/app:${n + 1}`),
            referrers: true,
          },
          `copy ${repository}`,
        ).done,
    );
    for (const job of await Promise.all(runs)) {
      expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
      // The signature's own blobs (its payload, the empty config) are the referrers', not the image's.
      const referrerBlobs = job.items.filter((item) => item.of === 'referrers').map((item) => item.id);
      expect(referrerBlobs).toHaveLength(2);
      expect(referrerBlobs).toContain(EMPTY_CONFIG.digest);
      expect(job.items.filter((item) => item.kind === 'blob' && !item.of).map((item) => item.id)).toEqual(
        expect.arrayContaining(image.layers.map((layer) => layer.digest)),
      );
    }
    const index = await readReferrersTag(target, 'race/app', image.digest);
    expect(index?.manifests.map((entry) => entry.digest).sort()).toEqual(
      signatures.map((s) => s.digest).sort(),
    );
  });
});

describe('two processes at once', () => {
  it("the CLI twice at once, signing the same image into one repository, keep each other's signatures", async () => {
    // Distribution has no conditional PUT: two writers that both read the index before either wrote it
    // drop one entry. The index PUT is held up, so both read it before either wrote; each round is a
    // fresh image, so a dropped entry shows in at least one round without the lock file.
    const slow = await startFaultProxy(target, {
      onRequest: (request) =>
        request.method === 'PUT' && /\/manifests\/sha256-/.test(request.path) ? { delayMs: 600 } : undefined,
    });
    try {
      const added = await berth(['registry', 'add', 'dst-slow', `http://${slow.host}`]);
      expect(added.code, added.stderr).toBe(0);
      const lost: string[] = [];
      for (let round = 0; round < 6; round++) {
        // The same image in two repositories, signed differently in each.
        const image = await pushImage(source, 'procs/a', '1', { layers: 1 });
        const copied = await berth(['cp', `${source.host}/procs/a:1`, `${source.host}/procs/b:1`]);
        expect(copied.code, copied.stderr).toBe(0);
        const signatures: PushedReferrer[] = [];
        for (const repository of ['procs/a', 'procs/b'])
          signatures.push(
            await pushReferrer(source, repository, image, ARTIFACT_TYPES.cosign, { tagSchema: true }),
          );
        const runs = await Promise.all(
          ['procs/a', 'procs/b'].map((repository, n) =>
            berth([
              'cp',
              '--referrers',
              `${source.host}/${repository}:1`,
              `${slow.host}/procs/app-${round}:${n + 1}`,
            ]),
          ),
        );
        for (const run of runs) expect(run.code, run.stderr).toBe(0);
        const index = await readReferrersTag(target, `procs/app-${round}`, image.digest);
        const listed = new Set(index?.manifests.map((entry) => entry.digest));
        for (const signature of signatures)
          if (!listed.has(signature.digest)) lost.push(`round ${round}: ${signature.digest}`);
      }
      expect(lost).toEqual([]);
      // Every lock was let go.
      expect(
        (await readdir(path.join(dataDir, 'locks'))).filter((name) => name.endsWith('.berth-lock')),
      ).toEqual([]);
    } finally {
      await slow.stop();
    }
  });

  it("taking a failed copy's entries back out of an index keeps those another writer added since", async () => {
    const image = await pushImage(target, 'procs/undo', '1', { layers: 1 });
    const before = await pushReferrer(target, 'procs/undo', image, ARTIFACT_TYPES.notation, {
      tagSchema: true,
    });
    const mine = await pushReferrer(target, 'procs/undo', image, ARTIFACT_TYPES.cosign);
    const client = new RegistryClient({
      certsDRoot: false,
      connectionFor: (host) => ({ host, insecureHttp: true }),
    });
    const destination = { registry: target.host, repository: 'procs/undo' };
    const locks = { dir: path.join(dataDir, 'undo-locks') };
    const undo = await addToTagSchemaIndex(
      client,
      destination,
      image.digest,
      [mine.descriptor],
      undefined,
      locks,
    );
    expect(undo?.added).toEqual([mine.digest]);
    // The CLI signs the same image in the meantime; then this copy fails and takes its signature back.
    const theirs = await pushReferrer(target, 'procs/undo', image, ARTIFACT_TYPES.spdx, { tagSchema: true });
    await undoIndexWrite(client, destination, undo!, locks);
    const index = await readReferrersTag(target, 'procs/undo', image.digest);
    expect(index?.manifests.map((entry) => entry.digest)).toEqual([before.digest, theirs.digest]);
  });

  it('a copy that cannot have the lock in time says who holds it and writes no index', async () => {
    const image = await pushImage(source, 'procs/held', '1', { layers: 1 });
    const signature = await pushReferrer(source, 'procs/held', image, ARTIFACT_TYPES.cosign);
    const client = new RegistryClient({
      certsDRoot: false,
      connectionFor: (host) => ({ host, insecureHttp: true }),
    });
    const destination = { registry: target.host, repository: 'procs/held' };
    const dir = path.join(dataDir, 'held-locks');
    await mkdir(dir, { recursive: true });
    // Another Berth, alive on this machine (the test runner's parent), holds the index's lock.
    const owner = { pid: process.ppid, host: os.hostname(), token: 'other', since: new Date().toISOString() };
    await writeFile(
      `${path.join(dir, indexLockName(destination, image.digest))}.berth-lock`,
      JSON.stringify(owner),
    );
    const error = await addToTagSchemaIndex(
      client,
      destination,
      image.digest,
      [signature.descriptor],
      undefined,
      {
        dir,
        waitMs: 1000,
      },
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BerthError);
    expect((error as BerthError).message).toBe(
      `${target.host}: procs/held:sha256-${image.digest.slice(7)} (the referrers index) is being written by another Berth (process ${process.ppid}); gave up after 1 s`,
    );
    expect((error as BerthError).hint).toMatch(/^Let the other copy or sync finish/);
    expect(await readReferrersTag(target, 'procs/held', image.digest)).toBeUndefined();
  });
});

describe('hostile referrers', () => {
  it('a loop (a signature listing its own image as its referrer) ends with a clear error and nothing copied', async () => {
    const through = sourceFront.handle;
    const image = await pushImage(through, 'loop/app', '1', { layers: 1 });
    const signature = await pushReferrer(through, 'loop/app', image, ARTIFACT_TYPES.cosign);
    sourceFront.list('loop/app', signature.digest, [
      { mediaType: image.mediaType, digest: image.digest, size: image.size },
    ]);
    const result = await berth([
      'cp',
      `${sourceFront.host}/loop/app:1`,
      `${target.host}/loop/app:1`,
      '--referrers',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('the referrers loop');
    expect(result.stderr).toContain('hint: ');
    expect(await manifestStatus(target, 'loop/app', '1')).toBe(404);
    expect(await manifestStatus(target, 'loop/app', signature.digest)).toBe(404);

    // Without --referrers the image itself still copies.
    const bare = await berth(['cp', `${sourceFront.host}/loop/app:1`, `${target.host}/loop/app:1`]);
    expect(bare.code).toBe(0);
  });

  it('more referrers than the cap ends with a clear error before any is read', async () => {
    const through = sourceFront.handle;
    const image = await pushImage(through, 'flood/app', '1', { layers: 1 });
    const flood = Array.from({ length: 1001 }, (_, n) => ({
      mediaType: MEDIA_TYPES.oci.manifest,
      digest: sha256(String(n)),
      size: 100,
      artifactType: ARTIFACT_TYPES.cosign,
    }));
    sourceFront.list('flood/app', image.digest, flood);
    const before = sourceFront.requests.length;
    const result = await berth([
      'cp',
      `${sourceFront.host}/flood/app:1`,
      `${target.host}/flood/app:1`,
      '--referrers',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('more than 1000 referrers');
    expect(
      sourceFront.requests
        .slice(before)
        .filter((line) => line.startsWith('GET /v2/flood/app/manifests/sha256:')),
    ).toHaveLength(0);
    expect(await manifestStatus(target, 'flood/app', '1')).toBe(404);
  });

  it('referrers nested deeper than the cap end with a clear error and nothing copied', async () => {
    const through = sourceFront.handle;
    const image = await pushImage(through, 'deep/app', '1', { layers: 1 });
    // A signature of a signature of … nine levels: past the cap of eight.
    let subject: { mediaType: string; digest: string; size: number } = image;
    for (let level = 0; level < 9; level++)
      subject = await pushReferrer(through, 'deep/app', subject, ARTIFACT_TYPES.cosign);
    const result = await berth([
      'cp',
      `${sourceFront.host}/deep/app:1`,
      `${target.host}/deep/app:1`,
      '--referrers',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('nest more than 8 levels deep');
    expect(result.stderr).toContain('hint: ');
    expect(await manifestStatus(target, 'deep/app', '1')).toBe(404);
    expect(await manifestStatus(target, 'deep/app', subject.digest)).toBe(404);
  });

  it("a referrer whose subject is another image is refused, and the destination's index is left as it was", async () => {
    const image = await pushImage(source, 'stale/app', '1', { layers: 1 });
    const other = await pushImage(source, 'stale/app', '2', { layers: 1 });
    const signature = await pushReferrer(source, 'stale/app', other, ARTIFACT_TYPES.cosign);
    // The tag index of `image` lists a signature of `other`: stale or forged.
    await addToReferrersTag(source, 'stale/app', image.digest, signature.descriptor);
    const result = await berth([
      'cp',
      `${source.host}/stale/app:1`,
      `${target.host}/stale/app:1`,
      '--referrers',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `is listed as a referrer of ${image.digest} but its subject is ${other.digest}`,
    );
    expect(await manifestStatus(target, 'stale/app', '1')).toBe(404);
  });

  it('a copy that fails after its referrers were pushed takes them back and puts the index back as it was', async () => {
    const { image, signature, sbom, sbomSignature } = await signedImage(source, 'undo/app');
    const foreign = await pushReferrer(target, 'undo/app', image, ARTIFACT_TYPES.notation, {
      tagSchema: true,
    });
    // The destination refuses the last step, the image's tag.
    const proxy = await startFaultProxy(target, {
      onRequest: (request) =>
        request.method === 'PUT' && request.path === '/v2/undo/app/manifests/1'
          ? {
              status: 400,
              body: JSON.stringify({
                errors: [{ code: 'MANIFEST_INVALID', message: 'refused by the test', detail: null }],
              }),
            }
          : undefined,
    });
    try {
      const added = await berth(['registry', 'add', 'refusing', `http://${proxy.host}`]);
      expect(added.code, added.stderr).toBe(0);
      const result = await berth([
        'cp',
        `${source.host}/undo/app:1`,
        `${proxy.host}/undo/app:1`,
        '--referrers',
      ]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('refused by the test');
      // Pushed, then taken back: the referrers, and the new index of the SBOM; the image's index as before.
      expect(proxy.requests.some((r) => r.method === 'PUT' && r.path.endsWith(sbomSignature.digest))).toBe(
        true,
      );
      for (const referrer of [signature, sbom, sbomSignature])
        expect(await manifestStatus(target, 'undo/app', referrer.digest)).toBe(404);
      expect(
        (await readReferrersTag(target, 'undo/app', image.digest))?.manifests.map((e) => e.digest),
      ).toEqual([foreign.digest]);
      expect(await readReferrersTag(target, 'undo/app', sbom.digest)).toBeUndefined();
      expect(await manifestStatus(target, 'undo/app', foreign.digest)).toBe(200);
    } finally {
      await proxy.stop();
    }
  });
});
