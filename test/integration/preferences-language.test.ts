// The interface language remembered through the app's handlers over real services and a real settings
// file: kept across a new services instance, back to the system's with `system`, and a damaged or
// unwritable file answers remembered: false with the reason (the renderer switches anyway).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { preferenceHandlers } from '../../electron/core/api/preferences.js';
import type { HandlerContext } from '../../electron/core/api/types.js';
import { BerthServices } from '../../electron/core/services.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';

let dir: string;
let dataDir: string;
const opened: BerthServices[] = [];

function contextFor(services: BerthServices): HandlerContext {
  return { services, emit: () => undefined };
}

function open(): HandlerContext {
  const services = new BerthServices({ dataDir });
  opened.push(services);
  return contextFor(services);
}

beforeEach(async () => {
  dir = await makeTempDir('preferences-language');
  dataDir = path.join(dir, 'berth');
  await mkdir(dataDir, { recursive: true });
});

afterEach(async () => {
  await Promise.all(opened.splice(0).map((services) => services.close()));
  await removeDir(dir);
});

describe('the remembered interface language', () => {
  it('follows the system on a first run, and keeps a choice for the next start', async () => {
    const first = open();
    expect(await preferenceHandlers['preferences.get']({}, first)).toEqual({ language: 'system' });
    expect(await preferenceHandlers['preferences.setLanguage']({ language: 'zh-CN' }, first)).toEqual({
      language: 'zh-CN',
      remembered: true,
    });
    expect(JSON.parse(await readFile(path.join(dataDir, 'config.json'), 'utf8'))).toMatchObject({
      language: 'zh-CN',
    });

    const next = open();
    expect(await preferenceHandlers['preferences.get']({}, next)).toEqual({ language: 'zh-CN' });
    await preferenceHandlers['preferences.setLanguage']({ language: 'system' }, next);
    expect(await preferenceHandlers['preferences.get']({}, open())).toEqual({ language: 'system' });
  });

  it('answers remembered: false with the reason when the settings file is damaged', async () => {
    await writeFile(path.join(dataDir, 'config.json'), '{ "connections": [ broken');
    const context = open();
    const answer = await preferenceHandlers['preferences.setLanguage']({ language: 'zh-CN' }, context);
    expect(answer).toMatchObject({
      language: 'zh-CN',
      remembered: false,
      why: expect.stringMatching(/damaged/),
    });
    // The damaged file is left as it was; the choice lives for this run only.
    expect(await readFile(path.join(dataDir, 'config.json'), 'utf8')).toBe('{ "connections": [ broken');
  });

  it('answers remembered: false when the settings file cannot be written', async () => {
    // A folder where the file should be: no write can replace it, not even as root (where modes do not
    // stop a write).
    await mkdir(path.join(dataDir, 'config.json'));
    const answer = await preferenceHandlers['preferences.setLanguage']({ language: 'en' }, open());
    expect(answer).toMatchObject({ language: 'en', remembered: false, why: expect.any(String) });
    expect(answer.why).not.toBe('');
  });
});

describe('a language in the settings file that Berth cannot use (edited by hand, or by a newer Berth)', () => {
  for (const [label, value] of [
    ['an unknown language', 'xx'],
    ['a number', 7],
    ['null', null],
    ['an object', { zh: true }],
  ] as const) {
    it(`${label}: the system's language, every connection still usable, and a new choice replaces it`, async () => {
      const file = path.join(dataDir, 'config.json');
      await writeFile(
        file,
        JSON.stringify({
          schemaVersion: 1,
          connections: [{ name: 'lab', host: 'registry.lab.test' }],
          language: value,
        }),
      );
      const context = open();
      expect(await preferenceHandlers['preferences.get']({}, context)).toEqual({ language: 'system' });
      expect(context.services.settings.problem).toBeUndefined();
      expect(context.services.settings.list().map((connection) => connection.name)).toEqual(['lab']);
      expect(await preferenceHandlers['preferences.setLanguage']({ language: 'zh-CN' }, context)).toEqual({
        language: 'zh-CN',
        remembered: true,
      });
      const written = JSON.parse(await readFile(file, 'utf8')) as {
        language: unknown;
        connections: unknown[];
      };
      expect(written.language).toBe('zh-CN');
      expect(written.connections).toHaveLength(1);
    });
  }
});
