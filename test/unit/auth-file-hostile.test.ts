// Docker's config.json and Podman's auth.json as a hostile or broken machine leaves them: a link to
// /dev/zero, a FIFO, a file of 10 MB, a file every user may write. Each is a problem named beside the
// other logins, found at once, never a hang or memory filled.
import { execFileSync } from 'node:child_process';
import { chmod, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DockerLogins } from '../../electron/core/credentials/index.js';
import { readAuthFile } from '../../electron/core/credentials/docker-config.js';

describe('a login file Berth must not read', () => {
  let dir: string;
  const login = JSON.stringify({ auths: { 'registry.example.com': { auth: 'YWxpY2U6c2VjcmV0' } } });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'berth-auth-file-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a link to /dev/zero at once', async () => {
    const file = join(dir, 'zero.json');
    await symlink('/dev/zero', file);
    await expect(readAuthFile(file, "Podman's auth file")).rejects.toThrow(/not a regular file/);
  }, 5_000);

  it('refuses a FIFO without waiting for a writer', async () => {
    const file = join(dir, 'fifo.json');
    execFileSync('mkfifo', [file]);
    await expect(readAuthFile(file, "Podman's auth file")).rejects.toThrow(/not a regular file/);
  }, 5_000);

  it('refuses a file of 10 MB', async () => {
    const file = join(dir, 'huge.json');
    await writeFile(file, `{"auths":{},"x":"${'x'.repeat(10 * 1024 * 1024)}"}`);
    await expect(readAuthFile(file, "Podman's auth file")).rejects.toThrow(/larger than 4 MiB/);
  });

  it('takes no logins from a file every user may write, and says so beside the others', async () => {
    const file = join(dir, 'shared.json');
    await writeFile(file, login);
    await chmod(file, 0o666);
    await expect(readAuthFile(file, "Podman's auth file")).rejects.toThrow(/every user/);
    const scan = await new DockerLogins({
      env: {
        REGISTRY_AUTH_FILE: file,
        DOCKER_CONFIG: join(dir, 'docker'),
        XDG_CONFIG_HOME: join(dir, 'xdg'),
      },
      homeDir: dir,
    }).scan();
    expect(scan.logins).toEqual([]);
    expect(scan.problems.map((problem) => problem.message).join('\n')).toMatch(/every user/);
  });

  it('says where a broken one stops being JSON without quoting the login beside the fault', async () => {
    const file = join(dir, 'broken.json');
    // An unquoted value: V8's message would quote `{"auth": YWxpY2U6c3`.
    await writeFile(file, '{"auths": {"r.example.com": {"auth": YWxpY2U6c3VwZXItc2VjcmV0LXBhc3N3b3Jk}}}', {
      mode: 0o600,
    });
    const error = await readAuthFile(file, "Podman's auth file").then(
      () => undefined,
      (caught: unknown) => caught as Error,
    );
    expect(error?.message).toMatch(/is not valid JSON: it does not parse/);
    expect(error?.message).not.toContain('YWxp');
  });

  it('still reads an ordinary one', async () => {
    const file = join(dir, 'auth.json');
    await writeFile(file, login, { mode: 0o600 });
    expect((await readAuthFile(file, "Podman's auth file")).auths['registry.example.com']?.auth).toBe(
      'YWxpY2U6c2VjcmV0',
    );
  });
});
