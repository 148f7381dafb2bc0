import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MESSAGE = /RepositoryLocation/;

/** The `no-restricted-syntax` entries eslint.config.js gives a file at `file` (relative to the repo). */
async function restrictedSyntaxFor(file: string): Promise<Linter.RuleEntry | undefined> {
  const config = (await new ESLint({ cwd: root }).calculateConfigForFile(file)) as Linter.Config;
  return config.rules?.['no-restricted-syntax'];
}

function hasLocationRule(entry: Linter.RuleEntry | undefined): boolean {
  return (
    Array.isArray(entry) &&
    entry.some((option) => typeof option === 'object' && MESSAGE.test(String(option?.message)))
  );
}

describe('the location-parameter lint rule', () => {
  let linter: ESLint;

  beforeAll(async () => {
    const entry = await restrictedSyntaxFor('electron/core/registry/example.ts');
    // Only this rule, on the TypeScript parser: the snippets need no type information and no project.
    linter = new ESLint({
      cwd: root,
      overrideConfigFile: true,
      overrideConfig: [
        {
          files: ['**/*.ts'],
          languageOptions: { parser: tseslint.parser },
          rules: { 'no-restricted-syntax': entry! },
        },
      ],
    });
  });

  async function findings(code: string): Promise<string[]> {
    const [result] = await linter.lintText(code, { filePath: path.join(root, 'electron/core/example.ts') });
    return result!.messages.map((message) => message.message);
  }

  it('applies to core and not to the front doors or tests', async () => {
    expect(hasLocationRule(await restrictedSyntaxFor('electron/core/registry/example.ts'))).toBe(true);
    expect(hasLocationRule(await restrictedSyntaxFor('electron/core/copy/example.ts'))).toBe(true);
    expect(hasLocationRule(await restrictedSyntaxFor('test/integration/example.test.ts'))).toBe(false);
  });

  it.each([
    ['a function', 'export function a(client: unknown, host: string, repository: string): void {}'],
    [
      'an arrow function',
      'export const b = (registry: string, repository: string) => registry + repository;',
    ],
    ['a method', 'export class C { m(host: string, repository: string) { return host + repository; } }'],
    ['an overload', 'export function d(host: string, repository: string): void;'],
    ['a function type', 'export type F = (host: string, repository: string) => void;'],
    ['an interface method', 'export interface G { m(host: string, repository: string): void }'],
  ])('refuses a (host, repository) pair in %s', async (_, code) => {
    const messages = await findings(code);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(MESSAGE);
  });

  it('lets a location object, a host alone and other names through', async () => {
    expect(
      await findings(
        [
          "import type { RepositoryLocation } from '../../shared/location.js';",
          'export function a(client: unknown, at: RepositoryLocation, digest: string): void {}',
          'export function b({ registry, repository }: RepositoryLocation): string { return registry + repository; }',
          'export function c(host: string, name: string): void {}',
        ].join('\n'),
      ),
    ).toEqual([]);
  });
});
