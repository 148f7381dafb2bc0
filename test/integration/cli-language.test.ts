// The `berth` command speaks English whatever the locale says (README.md, "Interface language"): the same
// output, byte for byte, under LANG=C and under a Chinese LANG / LC_ALL / LANGUAGE — help, a reading
// command, a refusal with its hint — so scripts can match it. Only the app's interface is translated.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BerthCli } from '../fixtures/berth-cli.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';

let root: string;

beforeAll(async () => {
  root = await makeTempDir('cli-language');
});

afterAll(async () => {
  if (root) await removeDir(root);
});

function cliWith(locale: NodeJS.ProcessEnv): BerthCli {
  return new BerthCli(() => ({
    PATH: process.env.PATH,
    HOME: root,
    BERTH_DATA_DIR: path.join(root, 'data'),
    DOCKER_CONFIG: path.join(root, 'docker'),
    ...locale,
  }));
}

const ENGLISH = { LANG: 'C' };
const CHINESE = { LANG: 'zh_CN.UTF-8', LC_ALL: 'zh_CN.UTF-8', LANGUAGE: 'zh_CN:zh' };
const CJK = /[\u3400-\u9fff]/;

describe('the CLI under a Chinese locale', () => {
  for (const args of [['--help'], ['ref', 'nginx'], ['registry', 'list'], ['tags', 'not a reference']]) {
    it(`prints what it prints under LANG=C: berth ${args.join(' ')}`, async () => {
      const [english, chinese] = await Promise.all([cliWith(ENGLISH).run(args), cliWith(CHINESE).run(args)]);
      expect(english.stdout + english.stderr).not.toBe('');
      expect(chinese).toEqual(english);
      expect(chinese.stdout + chinese.stderr).not.toMatch(CJK);
    });
  }
});

describe('the CLI with a language in the settings file it cannot use', () => {
  it('lists the saved connections and removes one (the language is no reason to refuse the file)', async () => {
    const dataDir = path.join(root, 'data-bad-language');
    await mkdir(dataDir, { recursive: true });
    await writeFile(
      path.join(dataDir, 'config.json'),
      JSON.stringify({
        schemaVersion: 1,
        connections: [{ name: 'lab', host: 'registry.lab.test' }],
        language: 'xx',
      }),
    );
    const cli = new BerthCli(() => ({
      PATH: process.env.PATH,
      HOME: root,
      BERTH_DATA_DIR: dataDir,
      LANG: 'C',
    }));
    const listed = await cli.run(['registry', 'list']);
    expect(listed.stderr).not.toMatch(/damaged/);
    expect(listed.stdout).toContain('registry.lab.test');
    const removed = await cli.run(['registry', 'remove', 'lab']);
    expect(removed.stderr).not.toMatch(/damaged|not changed/);
    expect((await cli.run(['registry', 'list'])).stdout).not.toContain('registry.lab.test');
  });
});
