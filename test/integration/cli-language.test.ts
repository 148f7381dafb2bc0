// The `berth` command speaks English whatever the locale says (README.md, "Interface language"): the same
// output, byte for byte, under LANG=C and under a Chinese LANG / LC_ALL / LANGUAGE — help, a reading
// command, a refusal with its hint — so scripts can match it. Only the app's interface is translated.
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
