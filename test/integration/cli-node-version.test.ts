// `berth` on a Node older than Berth supports says which Node it needs, instead of failing while its
// modules load (Node 20 lacks node:tls getCACertificates: a SyntaxError stack). /usr/bin/node on the test
// machine is Debian's Node 20; the launcher is the file package.json's `bin` names.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isSupportedNode, MINIMUM_NODE } from '../../electron/cli/node-version.js';
import { CLI } from '../fixtures/berth-cli.js';

// An old Node to run the launcher on: .ci/run installs Node 20 from the npm registry and names it in
// BERTH_TEST_OLD_NODE; elsewhere /usr/bin/node is tried. Without one the test fails and says so.
const OLD_NODE = process.env.BERTH_TEST_OLD_NODE || '/usr/bin/node';
const packageJson = JSON.parse(readFileSync('package.json', 'utf8')) as {
  bin: Record<string, string>;
  engines: { node: string };
};

function versionOf(node: string): string | undefined {
  if (!existsSync(node)) return undefined;
  return spawnSync(node, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim() || undefined;
}

const oldNode = versionOf(OLD_NODE);

describe('the berth launcher checks the Node version first', () => {
  it('needs the version package.json promises, compared part by part', () => {
    expect(packageJson.engines.node).toBe(`>=${MINIMUM_NODE.replace(/\.0$/, '')}`);
    expect(isSupportedNode('22.19.0')).toBe(true);
    expect(isSupportedNode('22.20.1')).toBe(true);
    expect(isSupportedNode('24.21.0')).toBe(true);
    expect(isSupportedNode('22.18.9')).toBe(false);
    expect(isSupportedNode('20.20.2')).toBe(false);
    expect(isSupportedNode('8.17.0')).toBe(false);
  });

  it('is the bin entry, executable, and runs on the Node that runs the tests', () => {
    expect(packageJson.bin.berth).toBe('dist/cli/main.js');
    expect(CLI.endsWith(packageJson.bin.berth ?? 'missing')).toBe(true);
    expect(readFileSync(CLI, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    accessSync(CLI, constants.X_OK);
    const result = spawnSync(process.execPath, [CLI, '--version'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe('0.1.0');
  });

  it(`on an old Node (${OLD_NODE}, Node ${oldNode ?? 'missing'}) says which Node it needs and exits 1, without a stack`, () => {
    expect(
      oldNode && !isSupportedNode(oldNode),
      `needs a Node older than ${MINIMUM_NODE} at ${OLD_NODE}: set BERTH_TEST_OLD_NODE (.ci/run installs node@20)`,
    ).toBe(true);
    for (const args of [['--version'], ['tags', '127.0.0.1:1/team/app']]) {
      const result = spawnSync(OLD_NODE, [CLI, ...args], { encoding: 'utf8', timeout: 30_000 });
      expect(result.status).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(
        `berth: Berth needs Node.js ${MINIMUM_NODE} or newer; this is Node.js ${oldNode}`,
      );
      expect(result.stderr).toMatch(/^hint: Install Node\.js/m);
      expect(result.stderr).not.toMatch(/SyntaxError|at .*\.js:\d+/);
    }
  });
});
