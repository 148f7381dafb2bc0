import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  authKeyForHost,
  convertToHostname,
  decodeAuthField,
  dockerConfigDir,
  hostForAuthKey,
  readDockerConfig,
} from '../../electron/core/credentials/index.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';

const b64 = (text: string) => Buffer.from(text).toString('base64');

describe("Docker's config keys", () => {
  it.each([
    ['https://index.docker.io/v1/', 'index.docker.io'],
    ['https://registry.example.com/v1/', 'registry.example.com'],
    ['http://registry.example.com:5000/v2/', 'registry.example.com:5000'],
    ['https://user@registry.example.com:443', 'registry.example.com:443'],
    ['https://[::1]:5000/', '[::1]:5000'],
    ['registry.example.com/v1/', 'registry.example.com'],
    ['127.0.0.1:5000', '127.0.0.1:5000'],
    ['ghcr.io', 'ghcr.io'],
  ])('ConvertToHostname(%s) = %s', (key, host) => {
    expect(convertToHostname(key)).toBe(host);
  });

  it.each([
    ['https://index.docker.io/v1/', 'docker.io'],
    ['index.docker.io', 'docker.io'],
    ['registry-1.docker.io', 'docker.io'],
    ['docker.io', 'docker.io'],
    ['https://ghcr.io', 'ghcr.io'],
  ])('the key %s belongs to %s', (key, host) => {
    expect(hostForAuthKey(key)).toBe(host);
  });

  it('files Docker Hub under https://index.docker.io/v1/ and other registries under their host', () => {
    expect(authKeyForHost('docker.io')).toBe('https://index.docker.io/v1/');
    expect(authKeyForHost('index.docker.io')).toBe('https://index.docker.io/v1/');
    expect(authKeyForHost('127.0.0.1:5000')).toBe('127.0.0.1:5000');
  });
});

describe('decodeAuthField', () => {
  it('splits at the first colon, so passwords may hold colons', () => {
    expect(decodeAuthField(b64('alice:pa:ss:word'))).toEqual({ username: 'alice', password: 'pa:ss:word' });
  });

  it('trims NULs around the password like docker/cli', () => {
    expect(decodeAuthField(b64('alice:secret\0\0'))).toEqual({ username: 'alice', password: 'secret' });
  });

  it.each([
    ['an empty username', b64(':secret'), /username:password/],
    ['no colon', b64('alice'), /username:password/],
    ['unpadded base64', b64('alice:secret1').replace(/=+$/, ''), /standard base64/],
    ['URL-safe base64', '-_-_', /standard base64/],
  ])('refuses %s', (_what, auth, message) => {
    expect(() => decodeAuthField(auth)).toThrow(message);
  });
});

describe('readDockerConfig', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await makeTempDir('docker-config');
  });
  afterEach(async () => removeDir(dir));

  it('uses $DOCKER_CONFIG, else ~/.docker', () => {
    expect(dockerConfigDir({ DOCKER_CONFIG: '/opt/dc' }, '/home/u')).toBe('/opt/dc');
    expect(dockerConfigDir({}, '/home/u')).toBe(path.join('/home/u', '.docker'));
  });

  it('takes a missing file as an empty config', async () => {
    const config = await readDockerConfig({ env: { DOCKER_CONFIG: path.join(dir, 'none') } });
    expect(config).toMatchObject({ exists: false, auths: {}, credHelpers: {} });
  });

  it('reads auths, credsStore and credHelpers and ignores everything else', async () => {
    await writeFile(
      path.join(dir, 'config.json'),
      JSON.stringify({
        auths: { 'ghcr.io': { auth: 'eA==', email: 'x@y' }, 'quay.io': {} },
        credsStore: 'desktop',
        credHelpers: { '123.dkr.ecr.us-east-1.amazonaws.com': 'ecr-login' },
        currentContext: 'desktop-linux',
        psFormat: 'table',
      }),
    );
    const config = await readDockerConfig({ env: { DOCKER_CONFIG: dir } });
    expect(config.auths).toEqual({
      'ghcr.io': { auth: 'eA==', identitytoken: undefined, registrytoken: undefined },
      'quay.io': { auth: undefined, identitytoken: undefined, registrytoken: undefined },
    });
    expect(config.credsStore).toBe('desktop');
    expect(config.credHelpers).toEqual({ '123.dkr.ecr.us-east-1.amazonaws.com': 'ecr-login' });
  });

  it('reports a config that is not JSON, naming the file, and leaves it alone', async () => {
    const file = path.join(dir, 'config.json');
    await writeFile(file, '{"auths": {');
    await expect(readDockerConfig({ env: { DOCKER_CONFIG: dir } })).rejects.toThrow(
      `Docker's config ${file} is not valid JSON`,
    );
    expect(await readFile(file, 'utf8')).toBe('{"auths": {');
  });
});
