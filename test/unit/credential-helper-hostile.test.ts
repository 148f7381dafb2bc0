// A Docker credential helper that misbehaves: prints megabytes, never exits, answers garbage, or fails
// with its whole answer (secret included) on stdout. Helpers of the test's own, on a PATH of their own.
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CredentialHelper, DockerLogins } from '../../electron/core/credentials/index.js';

const SECRET = 'helper-secret-7d41c0aa9e2b';

let dir: string;
let env: NodeJS.ProcessEnv;

async function helper(name: string, script: string): Promise<CredentialHelper> {
  const file = join(dir, `docker-credential-${name}`);
  await writeFile(file, `#!/bin/sh\n${script}\n`);
  await chmod(file, 0o755);
  return new CredentialHelper(name, { env, timeoutMs: 1_500 });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'berth-helper-hostile-'));
  env = { PATH: `${dir}:/usr/bin:/bin` };
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a hostile credential helper', () => {
  it('does not quote a failed answer that holds the secret', async () => {
    const failing = await helper(
      'failjson',
      `printf '{"ServerURL":"r.example.com","Username":"alice","Secret":"${SECRET}"}'; exit 1`,
    );
    const error = await failing.get('r.example.com').then(
      () => undefined,
      (caught: unknown) => caught as Error,
    );
    expect(error).toBeInstanceOf(Error);
    expect(error?.message).toMatch(/docker-credential-failjson get failed/);
    expect(error?.message).not.toContain(SECRET.slice(0, 10));
  });

  it('shows no bidi override of a failure message', async () => {
    const failing = await helper('bidi', `printf 'denied \\342\\200\\256olleh'; exit 1`);
    const error = await failing.get('r.example.com').then(
      () => undefined,
      (caught: unknown) => caught as Error,
    );
    expect(error?.message).toMatch(/denied/);
    expect(error?.message).not.toMatch(/\u202e/);
  });

  it('stops one that prints megabytes', async () => {
    const loud = await helper('loud', 'head -c 5000000 /dev/zero | tr "\\0" x');
    await expect(loud.get('r.example.com')).rejects.toThrow(/more than 1 MiB/);
  });

  it('stops one that never answers', async () => {
    const silent = await helper('silent', 'exec sleep 30');
    await expect(silent.get('r.example.com')).rejects.toThrow(/did not answer within 2 s/);
  });

  it('refuses garbage answered with exit status 0', async () => {
    const garbage = await helper('garbage', 'printf "\\033]0;owned\\007 not json"');
    await expect(garbage.get('r.example.com')).rejects.toThrow(/did not answer JSON/);
  });

  it('runs nothing but docker-credential-NAME from PATH', () => {
    for (const name of ['../../bin/sh', '/bin/sh', '..', 'x/../../sh', '-rf'])
      expect(() => new CredentialHelper(name, { env })).toThrow(/not a credential helper name/);
  });
});

describe("Docker's logins with a helper that hangs, named for many registries", () => {
  it('waits for it once, not once per registry, and says how many were not asked', async () => {
    const started = join(dir, 'hang-started');
    await helper('hang', `echo x >> ${started}; exec sleep 30`);
    const config = join(dir, 'docker-hang');
    await mkdir(config, { recursive: true });
    const registries = Array.from({ length: 6 }, (_, i) => `r${i}.example.com`);
    await writeFile(
      join(config, 'config.json'),
      JSON.stringify({ auths: {}, credHelpers: Object.fromEntries(registries.map((r) => [r, 'hang'])) }),
    );
    const began = Date.now();
    const scan = await new DockerLogins({
      env: { ...env, DOCKER_CONFIG: config },
      homeDir: dir,
      helperTimeoutMs: 700,
      podman: false,
    }).scan();
    expect(Date.now() - began).toBeLessThan(3_000);
    expect((await readFile(started, 'utf8')).trim().split('\n')).toHaveLength(1);
    expect(scan.problems.map((problem) => problem.message)).toEqual([
      expect.stringMatching(/docker-credential-hang get did not answer within/),
      'docker-credential-hang was not asked for 5 more registries after it failed',
    ]);
  });
});
