// A saved connection names its credential helper as Docker's config.json does; the program run is
// `docker-credential-<name>` from PATH, so a name with a path or a space in it is refused.
import { describe, expect, it } from 'vitest';
import { settingsSchemas } from '../../electron/core/settings/index.js';

const connection = (credentialHelper: string) => ({ name: 'ecr', host: 'ecr.example.com', credentialHelper });

describe('a saved connection’s credentialHelper', () => {
  it.each(['ecr-login', 'gcloud', 'acr-env', 'desktop.exe', 'osxkeychain'])('accepts %s', (name) => {
    expect(settingsSchemas().savedConnection.parse(connection(name)).credentialHelper).toBe(name);
  });

  it.each(['../../bin/sh', '/usr/bin/evil', 'a b', 'ecr login', '-rf', '', 'dir\\\\evil'])(
    'refuses %j',
    (name) => {
      expect(settingsSchemas().savedConnection.safeParse(connection(name)).success).toBe(false);
    },
  );
});
