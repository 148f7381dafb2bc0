// The search across registries through a kind's own API: a Harbor member's search index is filled from
// Harbor's project listing (its catalog refuses a non-admin), and Harbor's own search answers beside the
// index — never with repositories of projects the login may not see. Every Harbor answer is checked
// against Harbor's swagger.yaml by the stand-in.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BerthServices } from '../../electron/core/services.js';
import { pushImage } from '../fixtures/images.js';
import { startKeyring, type KeyringHandle } from '../fixtures/keyring.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';
import { startHarborStandIn, type HarborStandIn } from '../fixtures/vendor-api/harbor/stand-in.js';

const SERVICE = `BerthTest-search-vendors-${randomUUID()}`;
let keyring: KeyringHandle;
let registry: RegistryHandle;
let harbor: HarborStandIn;
let dir: string;
let services: BerthServices;

beforeAll(async () => {
  keyring = await startKeyring();
  keyring.useInThisProcess();
  dir = await makeTempDir('search-vendors');
  registry = await startRegistry({ auth: 'none' });
  await pushImage(registry, 'dev/api-gateway', '1.0', { seed: 'gateway' });
  await pushImage(registry, 'dev/tools/lint', 'latest', { seed: 'lint' });
  await pushImage(registry, 'secret/api-keys', '1', { seed: 'keys' });
  harbor = await startHarborStandIn({
    registryUrl: registry.url,
    registryDataDir: registry.dataDir,
    users: { dana: 'dana-pass', erin: 'erin-pass' },
    projects: [
      { name: 'dev', members: ['dana'] },
      { name: 'secret', members: ['erin'] },
    ],
  });
  services = new BerthServices({ dataDir: path.join(dir, 'berth'), keychainService: SERVICE });
  await services.credentials.save(harbor.host, 'dana', 'dana-pass', 'password');
  services.settings.save({
    name: 'team-harbor',
    host: harbor.host,
    insecureHttp: true,
    kind: 'harbor',
    username: 'dana',
  });
}, 120_000);

afterAll(async () => {
  await services?.close();
  await harbor?.stop();
  await registry?.stop();
  await keyring?.stop();
  if (dir) await removeDir(dir);
});

it('fills the index from Harbor’s projects and finds what the member may see, nothing else', async () => {
  expect(await services.search.refresh(services.settings.list())).toEqual([]);
  const answer = await services.search.query('api', { limit: 20, refreshInBackground: false });
  const group = answer.groups.find((candidate) => candidate.connection === 'team-harbor');
  expect(group?.hits.map((hit) => [hit.repository, hit.source])).toEqual([['dev/api-gateway', 'index']]);
  // Harbor's catalog answers a member with 401: the names came through Harbor's own API.
  expect(harbor.requests.some((request) => request.startsWith('GET /api/v2.0/projects'))).toBe(true);
  expect(answer.vendorSearch).toEqual(['team-harbor']);
  expect(harbor.invalid).toEqual([]);
});

it('asks Harbor’s own search beside the index, and shows only what Harbor lets the member see', async () => {
  const found = await services.search.vendorSearch('api', 'team-harbor', 10);
  expect(found.failed).toBeUndefined();
  expect(found.group?.hits.map((hit) => [hit.repository, hit.source])).toEqual([
    ['dev/api-gateway', 'vendor'],
  ]);
  expect(harbor.requests.some((request) => request.startsWith('GET /api/v2.0/search?q=api'))).toBe(true);
  expect(harbor.invalid).toEqual([]);
  expect(harbor.validated).toBeGreaterThan(0);
});
