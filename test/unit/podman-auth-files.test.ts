// Which auth.json files Podman reads, in its order (containers-auth.json(5), and podman 4.3's own debug
// output): plain data from an environment, no files read.
import { describe, expect, it } from 'vitest';
import { podmanAuthFiles } from '../../electron/core/credentials/index.js';

const HOME = '/home/ada';

describe('podmanAuthFiles', () => {
  it('reads the runtime file first, then the config file under ~/.config', () => {
    expect(
      podmanAuthFiles({ env: { XDG_RUNTIME_DIR: '/run/user/1000' }, homeDir: HOME, platform: 'linux' }),
    ).toEqual([
      { path: '/run/user/1000/containers/auth.json', role: 'primary' },
      { path: '/home/ada/.config/containers/auth.json', role: 'config' },
    ]);
  });

  it('uses /run/containers/UID without XDG_RUNTIME_DIR, and XDG_CONFIG_HOME for the second file', () => {
    expect(
      podmanAuthFiles({ env: { XDG_CONFIG_HOME: '/cfg' }, homeDir: HOME, platform: 'linux', uid: 0 }),
    ).toEqual([
      { path: '/run/containers/0/auth.json', role: 'primary' },
      { path: '/cfg/containers/auth.json', role: 'config' },
    ]);
  });

  it('puts the file REGISTRY_AUTH_FILE names in the primary file’s place, and still reads the config file', () => {
    const env = {
      REGISTRY_AUTH_FILE: '/srv/auth.json',
      XDG_RUNTIME_DIR: '/run/user/1000',
      DOCKER_CONFIG: '/d',
    };
    expect(podmanAuthFiles({ env, homeDir: HOME, platform: 'linux' })).toEqual([
      { path: '/srv/auth.json', role: 'REGISTRY_AUTH_FILE' },
      { path: '/home/ada/.config/containers/auth.json', role: 'config' },
    ]);
  });

  it('leaves the primary file to Docker’s config.json when DOCKER_CONFIG is set', () => {
    expect(
      podmanAuthFiles({
        env: { DOCKER_CONFIG: '/d', XDG_RUNTIME_DIR: '/run/user/1000' },
        homeDir: HOME,
        platform: 'linux',
      }),
    ).toEqual([{ path: '/home/ada/.config/containers/auth.json', role: 'config' }]);
  });

  it('reads ~/.config/containers/auth.json once on macOS, where it is the primary file', () => {
    expect(podmanAuthFiles({ env: {}, homeDir: HOME, platform: 'darwin' })).toEqual([
      { path: '/home/ada/.config/containers/auth.json', role: 'primary' },
    ]);
  });
});
