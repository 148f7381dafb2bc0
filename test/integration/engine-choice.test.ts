// The engine chosen in Local images outlives the run: it is kept in the settings file and used at the
// next start, under --engine (given for one run) and over discovery. Resolution only: no engine needs to
// answer for Berth to know which one it talks to.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineHandlers } from '../../electron/core/api/engine.js';
import { BerthServices } from '../../electron/core/services.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';

let root: string;

beforeAll(async () => {
  root = await makeTempDir('engine-choice');
});

afterAll(async () => {
  if (root) await removeDir(root);
});

function berth(name: string, options: { engine?: string; onWarning?: (message: string) => void } = {}) {
  return new BerthServices({ dataDir: path.join(root, name), ...options });
}

describe('the engine chosen in Berth', () => {
  it('is saved when chosen and used at the next start', async () => {
    const chosen = `unix://${path.join(root, 'chosen.sock')}`;
    const first = berth('saved');
    try {
      const status = await engineHandlers['engine.use'](
        { host: chosen },
        { services: first, emit: () => undefined },
      );
      // Nothing listens there: the choice is still the user's, and kept.
      expect(status.state).not.toBe('running');
    } finally {
      await first.close();
    }
    const saved = JSON.parse(await readFile(path.join(root, 'saved', 'config.json'), 'utf8'));
    expect(saved).toMatchObject({ schemaVersion: 1, engine: chosen });

    const next = berth('saved');
    try {
      expect(next.engine().endpoint).toMatchObject({ host: chosen, source: 'chosen' });
    } finally {
      await next.close();
    }
    // --engine is for one run: it wins over the saved choice and does not replace it.
    const given = `unix://${path.join(root, 'given.sock')}`;
    const once = berth('saved', { engine: given });
    try {
      expect(once.engine().endpoint.host).toBe(given);
      expect(once.settings.engine()).toBe(chosen);
    } finally {
      await once.close();
    }
  });

  it('keeps the connections of the file it is saved in', async () => {
    const services = berth('with-connections');
    try {
      services.settings.save({ name: 'lab', host: 'registry.lab:5000' });
      await engineHandlers['engine.use'](
        { host: `unix://${path.join(root, 'lab.sock')}` },
        { services, emit: () => undefined },
      );
      expect(services.settings.list().map((connection) => connection.name)).toEqual(['lab']);
    } finally {
      await services.close();
    }
  });

  it('falls back to finding one, and says so, when the saved address cannot be used', async () => {
    const dir = path.join(root, 'broken');
    const seed = berth('broken');
    seed.settings.save({ name: 'lab', host: 'registry.lab:5000' });
    await seed.close();
    const file = path.join(dir, 'config.json');
    const text = JSON.parse(await readFile(file, 'utf8'));
    await writeFile(file, JSON.stringify({ ...text, engine: 'ssh://someone@build-box' }));

    const warnings: string[] = [];
    const services = berth('broken', { onWarning: (message) => warnings.push(message) });
    try {
      expect(services.engine().endpoint.source).not.toBe('chosen');
      expect(warnings).toEqual([
        expect.stringMatching(/saved engine ssh:\/\/someone@build-box cannot be used/),
      ]);
      // The file is not rewritten on a read: the user's entry stays for them to fix.
      expect(JSON.parse(await readFile(file, 'utf8')).engine).toBe('ssh://someone@build-box');
    } finally {
      await services.close();
    }
  });

  it('says when the choice cannot be remembered (a damaged settings file), and still switches for this run', async () => {
    const dir = path.join(root, 'damaged');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'config.json'), '{"schemaVersion": 1, "connections": [');
    const chosen = `unix://${path.join(root, 'damaged.sock')}`;
    const services = berth('damaged', { onWarning: () => undefined });
    try {
      const switched = await engineHandlers['engine.use'](
        { host: chosen },
        { services, emit: () => undefined },
      );
      expect(switched.remembered).toBe(false);
      expect(switched.why).toMatch(/settings not changed/);
      expect(services.engine().endpoint.host).toBe(chosen);
      // The damaged file is left for the user to fix.
      expect(await readFile(path.join(dir, 'config.json'), 'utf8')).toBe(
        '{"schemaVersion": 1, "connections": [',
      );
    } finally {
      await services.close();
    }
  });

  it('says it is remembered when it is', async () => {
    const services = berth('remembered');
    try {
      const switched = await engineHandlers['engine.use'](
        { host: `unix://${path.join(root, 'remembered.sock')}` },
        { services, emit: () => undefined },
      );
      expect(switched).toMatchObject({ remembered: true });
      expect(switched.why).toBeUndefined();
    } finally {
      await services.close();
    }
  });
});
