// Saving a registry that does not answer, and checking saved connections in the background, through the
// app's handlers over real services (temp data folder) and a registry that is there, then gone.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionStatus } from '../../shared/contract/index.js';
import { connectionHandlers } from '../../electron/core/api/connections.js';
import type { HandlerContext } from '../../electron/core/api/types.js';
import { BerthServices } from '../../electron/core/services.js';
import { freePort, makeTempDir, removeDir } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

let dir: string;
let services: BerthServices;
let registry: RegistryHandle;
let closedPort: number;
const statuses: ConnectionStatus[] = [];
let context: HandlerContext;

beforeAll(async () => {
  dir = await makeTempDir('save-anyway');
  [registry, closedPort] = await Promise.all([startRegistry({ auth: 'none' }), freePort()]);
  services = new BerthServices({ dataDir: path.join(dir, 'berth') });
  context = {
    services,
    emit: (name, payload) => {
      if (name === 'connections.status') statuses.push(payload as ConnectionStatus);
    },
  };
});

afterAll(async () => {
  await services?.close();
  await registry?.stop();
  if (dir) await removeDir(dir);
});

describe('saving a registry that does not answer', () => {
  it('refuses it unless asked, then saves it marked unreachable with the reason', async () => {
    const url = `http://127.0.0.1:${closedPort}`;
    await expect(
      connectionHandlers['connections.add']({ name: 'later', url }, context),
    ).rejects.toMatchObject({ code: 'NETWORK' });
    expect(services.settings.get('later')).toBeUndefined();

    const added = await connectionHandlers['connections.add'](
      { name: 'later', url, saveIfUnreachable: true },
      context,
    );
    expect(added.test).toBeUndefined();
    expect(added.unreachable).toMatchObject({ code: 'NETWORK', message: expect.stringMatching(/refused/) });
    expect(services.settings.get('later')).toMatchObject({
      host: `127.0.0.1:${closedPort}`,
      insecureHttp: true,
    });
    expect(statuses.at(-1)).toMatchObject({ name: 'later', state: 'unreachable' });
  });

  it('refuses a second connection to a saved address before asking the registry', async () => {
    const url = `http://127.0.0.1:${closedPort}`;
    await expect(
      connectionHandlers['connections.add']({ name: 'again', url, saveIfUnreachable: true }, context),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: `127.0.0.1:${closedPort} is already saved as "later"`,
      hint: 'Edit "later" instead, or remove it first.',
    });
  });
});

describe('checking every saved connection', () => {
  it('says which answer and which do not, each as it comes', async () => {
    await connectionHandlers['connections.add']({ name: 'there', url: `http://${registry.host}` }, context);
    statuses.length = 0;
    const { statuses: checked } = await connectionHandlers['connections.checkAll']({}, context);
    const byName = Object.fromEntries(checked.map((status) => [status.name, status]));
    expect(byName.there).toMatchObject({ state: 'reachable' });
    expect(byName.later).toMatchObject({ state: 'unreachable', error: { code: 'NETWORK' } });
    expect(statuses.map((status) => status.name).toSorted()).toEqual(['later', 'there']);

    const only = await connectionHandlers['connections.checkAll']({ names: ['there'] }, context);
    expect(only.statuses.map((status) => status.name)).toEqual(['there']);
  });
});

describe('editing a connection to an address that does not answer', () => {
  it("saves it only when asked, and never onto another connection's address", async () => {
    await expect(
      connectionHandlers['connections.update'](
        { name: 'there', url: `http://127.0.0.1:${closedPort}`, saveIfUnreachable: true },
        context,
      ),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/already saved as "later"/),
    });

    const url = `http://127.0.0.2:${closedPort}`;
    await expect(
      connectionHandlers['connections.update']({ name: 'there', url }, context),
    ).rejects.toMatchObject({
      code: 'NETWORK',
    });
    expect(services.settings.get('there')?.host).toBe(registry.host);
    const updated = await connectionHandlers['connections.update'](
      { name: 'there', url, saveIfUnreachable: true },
      context,
    );
    expect(updated.unreachable).toMatchObject({ code: 'NETWORK' });
    expect(services.settings.get('there')?.host).toBe(`127.0.0.2:${closedPort}`);
  });
});
