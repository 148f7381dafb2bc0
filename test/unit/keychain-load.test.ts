// keytar is loaded on first use; when it cannot be, the error says why in one line and what to do.
import { describe, expect, it } from 'vitest';
import { KeychainError, keytarKeychain } from '../../electron/core/credentials/index.js';

function failingLoad(message: string) {
  return () => Promise.reject(Object.assign(new Error(message), { code: 'MODULE_NOT_FOUND' }));
}

describe('a keychain module that does not load', () => {
  it('says its native part was never built, and how to install it with the build allowed', async () => {
    // What Node says when keytar's install script never ran (npm --ignore-scripts, a refused script).
    const keychain = keytarKeychain(
      failingLoad(
        "Cannot find module '../build/Release/keytar.node'\nRequire stack:\n- /usr/lib/node_modules/berth-cli/node_modules/keytar/lib/keytar.js",
      ),
    );
    const error = await keychain.getPassword('Berth', 'host/alice').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KeychainError);
    expect((error as KeychainError).message).toBe(
      "the OS keychain module (keytar) could not be loaded: Cannot find module '../build/Release/keytar.node'",
    );
    expect((error as KeychainError).hint).toContain('npm install -g --allow-scripts=keytar berth-cli');
  });

  it('points to libsecret when the module is there but its library is not', async () => {
    const keychain = keytarKeychain(
      failingLoad('libsecret-1.so.0: cannot open shared object file: No such file or directory'),
    );
    const error = (await keychain
      .getPassword('Berth', 'host/alice')
      .catch((caught: unknown) => caught)) as KeychainError;
    expect(error.message).toContain('libsecret-1.so.0');
    if (process.platform === 'linux') expect(error.hint).toContain('Install libsecret');
  });
});
