// jobs.start's handler: a request names saved connections, and the handler hands core locations in
// their registries, resolved by connection name once, never by looking a host up again.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { jobHandlers } from '../../electron/core/api/jobs.js';
import { BerthServices } from '../../electron/core/services.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';

let root: string;
let services: BerthServices;

beforeEach(async () => {
  root = await makeTempDir('jobs-start');
  services = new BerthServices({ dataDir: root });
  services.settings.save({ name: 'staging', host: '127.0.0.1:5001', insecureHttp: true });
  services.settings.save({ name: 'production', host: 'registry.example:5000' });
});

afterEach(async () => {
  await services.close();
  await removeDir(root);
});

/** Starts through the handler and answers what the job manager was asked to run, without running it. */
async function started(input: Parameters<(typeof jobHandlers)['jobs.start']>[0]) {
  const start = vi.spyOn(services.jobs, 'start').mockReturnValue('job-1');
  const findByHost = vi.spyOn(services.settings, 'findByHost');
  const connectionFor = vi.spyOn(services, 'connectionFor');
  expect(await jobHandlers['jobs.start'](input, { services, emit: () => undefined })).toEqual({
    id: 'job-1',
  });
  expect(findByHost).not.toHaveBeenCalled();
  expect(connectionFor).not.toHaveBeenCalled();
  return start.mock.calls;
}

describe('jobs.start resolves saved connections to locations', () => {
  it('copies between two saved connections in their registries, with no host looked up', async () => {
    const calls = await started({
      kind: 'copy',
      source: { connection: 'staging', repository: 'team/app', reference: '1.0' },
      destination: { connection: 'production', repository: 'prod/app' },
      platforms: ['linux/amd64'],
    });
    expect(calls).toEqual([
      [
        'copy',
        {
          source: { registry: '127.0.0.1:5001', repository: 'team/app', reference: '1.0' },
          destination: { registry: 'registry.example:5000', repository: 'prod/app' },
          platforms: ['linux/amd64'],
        },
        'copy 127.0.0.1:5001/team/app:1.0 → registry.example:5000/prod/app',
        // The title's parts, for a front door that says it in another language.
        {
          heading: {
            source: '127.0.0.1:5001/team/app:1.0',
            destination: 'registry.example:5000/prod/app',
          },
        },
      ],
    ]);
  });

  it('names a Docker Hub connection docker.io, and a one-part repository there library/…, as Docker does', async () => {
    services.settings.save({ name: 'hub', host: 'registry-1.docker.io' });
    const calls = await started({
      kind: 'copy',
      source: { connection: 'hub', repository: 'nginx', reference: '1.27' },
      destination: { connection: 'production', repository: 'mirror/nginx' },
    });
    expect(calls[0]?.[1]).toEqual({
      source: { registry: 'docker.io', repository: 'library/nginx', reference: '1.27' },
      destination: { registry: 'registry.example:5000', repository: 'mirror/nginx' },
    });
  });

  it('syncs, pulls and pushes at locations too', async () => {
    const calls = await started({
      kind: 'sync',
      source: { connection: 'staging', repository: 'team/app' },
      destination: { connection: 'production', repository: 'team/app' },
      tags: 'v1.*',
    });
    expect(calls[0]).toEqual([
      'sync',
      {
        source: { registry: '127.0.0.1:5001', repository: 'team/app' },
        destination: { registry: 'registry.example:5000', repository: 'team/app' },
        tags: 'v1.*',
      },
      'sync 127.0.0.1:5001/team/app → registry.example:5000/team/app',
      { heading: { source: '127.0.0.1:5001/team/app', destination: 'registry.example:5000/team/app' } },
    ]);
    vi.restoreAllMocks();
    const pulls = await started({
      kind: 'pull',
      image: { connection: 'staging', repository: 'team/app', reference: 'sha256:' + 'a'.repeat(64) },
    });
    expect(pulls[0]?.[1]).toEqual({
      image: { registry: '127.0.0.1:5001', repository: 'team/app', reference: 'sha256:' + 'a'.repeat(64) },
    });
    expect(pulls[0]?.[2]).toBe(`pull 127.0.0.1:5001/team/app@sha256:${'a'.repeat(64)}`);
    vi.restoreAllMocks();
    const pushes = await started({
      kind: 'push',
      source: 'team/app:1',
      to: { connection: 'production', repository: 'team/app', reference: '1' },
    });
    expect(pushes[0]).toEqual([
      'push',
      {
        source: 'team/app:1',
        to: { registry: 'registry.example:5000', repository: 'team/app', reference: '1' },
      },
      'push registry.example:5000/team/app:1',
      { heading: { source: 'registry.example:5000/team/app:1' } },
    ]);
  });

  it('refuses a connection that is not saved, by its name', async () => {
    await expect(
      jobHandlers['jobs.start'](
        {
          kind: 'copy',
          source: { connection: 'nowhere', repository: 'team/app', reference: '1' },
          destination: { connection: 'production', repository: 'team/app' },
        },
        { services, emit: () => undefined },
      ),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'there is no saved connection named "nowhere"' });
  });

  it('refuses a copy or sync onto its own source at once, starting no job', async () => {
    const start = vi.spyOn(services.jobs, 'start');
    const context = { services, emit: () => undefined };
    const app = { connection: 'staging', repository: 'team/app' };
    await expect(
      jobHandlers['jobs.start'](
        { kind: 'copy', source: { ...app, reference: '1.0' }, destination: app, platforms: ['linux/arm64'] },
        context,
      ),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: "the copy's destination 127.0.0.1:5001/team/app:1.0 is its source",
    });
    await expect(
      jobHandlers['jobs.start']({ kind: 'sync', source: app, destination: app }, context),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(
      jobHandlers['copy.plan'](
        { source: { ...app, reference: '1.0' }, destination: { ...app, reference: '1.0' } },
        { ...context, signal: AbortSignal.timeout(5_000) },
      ),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(start).not.toHaveBeenCalled();
  });

  it('retries only against registries a saved connection still names', async () => {
    const context = { services, emit: () => undefined };
    const { id } = await jobHandlers['jobs.start'](
      {
        kind: 'copy',
        source: { connection: 'staging', repository: 'team/app', reference: '1.0' },
        destination: { connection: 'production', repository: 'team/app' },
      },
      context,
    );
    services.jobs.cancel(id);
    expect((await services.jobs.wait(id)).status).toBe('cancelled');
    // Renamed: the same registry under another name, so the job runs again.
    services.settings.remove('staging');
    services.settings.save({ name: 'stage', host: '127.0.0.1:5001', insecureHttp: true });
    const again = await jobHandlers['jobs.retry']({ id }, context);
    services.jobs.cancel(again.id);
    await services.jobs.wait(again.id);
    // Removed: its login, CA and address choices are gone, so the job is not sent there without them.
    services.settings.remove('stage');
    const start = vi.spyOn(services.jobs, 'start');
    // The retry took the cancelled job's place: it is the one to retry now.
    expect(services.jobs.get(id)).toBeUndefined();
    await expect(jobHandlers['jobs.retry']({ id: again.id }, context)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'no saved connection is for 127.0.0.1:5001 any more',
    });
    expect(start).not.toHaveBeenCalled();
  });

  it('refuses a pull or push the engine would read as an image of another registry', async () => {
    services.settings.save({ name: 'lan', host: 'myregistry' });
    const start = vi.spyOn(services.jobs, 'start');
    const context = { services, emit: () => undefined };
    const image = { connection: 'lan', repository: 'team/app', reference: '1' };
    const refusal = {
      code: 'INVALID_REFERENCE',
      message:
        'the engine would read myregistry/team/app:1 as docker.io/myregistry/team/app, not as team/app in myregistry',
    };
    await expect(jobHandlers['jobs.start']({ kind: 'pull', image }, context)).rejects.toMatchObject(refusal);
    await expect(
      jobHandlers['jobs.start']({ kind: 'push', source: 'team/app:1', to: image }, context),
    ).rejects.toMatchObject(refusal);
    expect(start).not.toHaveBeenCalled();
    // Docker Hub's official images are `library/…` to the engine: the same repository.
    services.settings.save({ name: 'hub', host: 'docker.io' });
    const calls = await started({
      kind: 'pull',
      image: { connection: 'hub', repository: 'nginx', reference: '1' },
    });
    expect(calls[0]?.[2]).toBe('pull docker.io/library/nginx:1');
  });

  it("refuses insecure (Podman's tlsVerify=false) for a connection saved as HTTPS", async () => {
    const start = vi.spyOn(services.jobs, 'start');
    const context = { services, emit: () => undefined };
    const refusal = {
      code: 'INVALID_INPUT',
      message: 'insecure would turn off TLS checks for "production", which is saved as HTTPS',
    };
    const image = { connection: 'production', repository: 'team/app', reference: '1' };
    await expect(
      jobHandlers['jobs.start']({ kind: 'pull', image, insecure: true }, context),
    ).rejects.toMatchObject(refusal);
    await expect(
      jobHandlers['jobs.start']({ kind: 'push', source: 'team/app:1', to: image, insecure: true }, context),
    ).rejects.toMatchObject(refusal);
    await expect(
      jobHandlers['jobs.start'](
        { kind: 'push', source: 'registry.example:5000/team/app:1', insecure: true },
        context,
      ),
    ).rejects.toMatchObject(refusal);
    expect(start).not.toHaveBeenCalled();
    vi.restoreAllMocks();
    // A connection saved as plain HTTP is what insecure is for.
    const calls = await started({
      kind: 'pull',
      image: { connection: 'staging', repository: 'team/app', reference: '1' },
      insecure: true,
    });
    expect(calls[0]?.[1]).toMatchObject({ insecure: true });
  });
});

describe('a load names the archive by a one-use token, never by a path', () => {
  it('takes the file the open dialog chose, once, into a saved connection', async () => {
    const context = { services, emit: () => undefined };
    await expect(jobHandlers['archive.choose']({}, context)).rejects.toThrow(/cannot open a file dialog/);
    services.chooseArchive = async () => '/home/me/images/release.tar';
    const chosen = await jobHandlers['archive.choose']({}, context);
    expect(chosen).toEqual({ file: expect.any(String), name: 'release.tar' });
    const calls = await started({
      kind: 'load',
      file: chosen.file!,
      destination: { connection: 'production', repository: 'prod/app' },
    });
    expect(calls).toEqual([
      [
        'load',
        {
          path: '/home/me/images/release.tar',
          name: 'release.tar',
          destination: { registry: 'registry.example:5000', repository: 'prod/app' },
          isTemporary: false,
        },
        'load release.tar → registry.example:5000/prod/app',
        // A file on disk can be loaded again; an upload is used up (no Retry).
        {
          isOneShot: false,
          heading: { source: 'release.tar', destination: 'registry.example:5000/prod/app' },
        },
      ],
    ]);
    await expect(
      jobHandlers['jobs.start'](
        {
          kind: 'load',
          file: chosen.file!,
          destination: { connection: 'production', repository: 'prod/app' },
        },
        context,
      ),
    ).rejects.toThrow(/no longer available/);
    services.chooseArchive = async () => undefined;
    expect(await jobHandlers['archive.choose']({}, context)).toEqual({});
  });
});
