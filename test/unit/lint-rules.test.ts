import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { copyFile, mkdir } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { ESLint, Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { makeTempDir, removeDir } from '../fixtures/process.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// One instance for every case: the type-aware rules build each tsconfig's program once.
const eslint = new ESLint({ cwd: root });

/** The rules `code` breaks when it stands at `filePath` (an existing file, so its tsconfig gives types). */
async function rulesBroken(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  const fatal = result!.messages.filter((message) => message.fatal);
  expect(fatal).toEqual([]);
  return result!.messages.map((message) => message.ruleId ?? '');
}

interface Case {
  name: string;
  rule: string;
  filePath: string;
  violation: string;
  clean: string;
}

const imports = 'berth/layer-imports';

const cases: Case[] = [
  {
    name: 'core imports no front door',
    rule: imports,
    filePath: 'electron/core/copy/preview.ts',
    violation: "export { runCli } from '../../cli/program.js';",
    clean: "export { previewCopy } from './index.js';",
  },
  {
    name: 'core imports no browser host or Electron shell',
    rule: imports,
    filePath: 'electron/core/services.ts',
    violation: "export { startHost } from '../host/server.js';\nexport { main } from '../app/main.js';",
    clean: "export { BerthError } from './errors.js';",
  },
  {
    name: 'core imports no renderer',
    rule: imports,
    filePath: 'electron/core/api/index.ts',
    violation: "export { call } from '../../../renderer/api.js';",
    clean: "export { BerthError } from '../errors.js';",
  },
  {
    name: 'a core folder reaches another only through its index.ts',
    rule: imports,
    filePath: 'electron/core/doctor/fixes.ts',
    violation: "export { certsDDirName } from '../registry/tls.js';",
    clean: "export { certsDDirName } from '../registry/index.js';",
  },
  {
    name: "core's root files reach a folder only through its index.ts",
    rule: imports,
    filePath: 'electron/core/services.ts',
    violation: "export { RegistryClient } from './registry/client.js';",
    clean: "export { RegistryClient } from './registry/index.js';",
  },
  {
    name: 'the CLI reaches core only through index.ts, services.ts and errors.ts',
    rule: imports,
    filePath: 'electron/cli/program.ts',
    violation: "export { BerthError } from '../core/registry/errors.js';",
    clean:
      "export { BerthError } from '../core/errors.js';\nexport { copyImage } from '../core/copy/index.js';",
  },
  {
    name: 'the browser host reaches core only through index.ts',
    rule: imports,
    filePath: 'electron/host/main.ts',
    violation: "export { JobManager } from '../core/jobs/manager.js';",
    clean: "export { JobManager } from '../core/jobs/index.js';",
  },
  {
    name: 'the Electron shell reaches core only through index.ts',
    rule: imports,
    filePath: 'electron/app/ipc.ts',
    violation: "export { scrub } from '../core/api/scrub.js';",
    clean: "export { BerthApi } from '../core/api/index.js';",
  },
  {
    name: 'the renderer imports nothing from electron/',
    rule: imports,
    filePath: 'renderer/api.ts',
    violation: "export { BerthError } from '../electron/core/errors.js';",
    clean: "export type { ErrorInfo } from '../shared/errors.js';",
  },
  {
    name: 'shared/ imports nothing outside shared/',
    rule: imports,
    filePath: 'shared/contract/registry.ts',
    violation: "export { BerthError } from '../../electron/core/errors.js';",
    clean: "export { parseImageLocation } from '../location.js';",
  },
  {
    name: 'shared/ imports no package but zod',
    rule: imports,
    filePath: 'shared/location.ts',
    violation: "export { request } from 'undici';",
    clean: "export { z } from 'zod';",
  },
  // Each layer rule again, with the import spelled another way: judged by the file it leads to.
  {
    name: 'a core folder reaches another only through its index.ts, written without .js',
    rule: imports,
    filePath: 'electron/core/doctor/fixes.ts',
    violation: "export { certsDDirName } from '../registry/tls';",
    clean: "export { certsDDirName } from '../registry/index.js';",
  },
  {
    name: 'a core folder reaches another only through its index.ts, however the path is spelled',
    rule: imports,
    filePath: 'electron/core/doctor/fixes.ts',
    violation: [
      "export { certsDDirName } from './../registry/tls.js';",
      "export { RegistryClient } from '../../core/registry/client.js';",
      "export { readBlob } from '.././registry/blobs.js';",
    ].join('\n'),
    clean: "export { certsDDirName } from './../registry/index.js';",
  },
  {
    name: 'a core folder reaches another only through its index.ts, in import() and import types too',
    rule: imports,
    filePath: 'electron/core/doctor/fixes.ts',
    violation:
      "export type Tls = import('../registry/tls.js').TlsMaterial;\nexport const tls = () => import('../registry/tls.js');",
    clean:
      "export type Tls = import('../registry/index.js').RegistryClient;\nexport const tls = () => import('../registry/index.js');",
  },
  {
    name: 'core imports no front door, however the path is spelled',
    rule: imports,
    filePath: 'electron/core/copy/preview.ts',
    violation: "export { runCli } from './../../cli/program.js';",
    clean: "export { previewCopy } from './../copy/index.js';",
  },
  {
    name: "core's root files reach a folder only through its index.ts, however the path is spelled",
    rule: imports,
    filePath: 'electron/core/services.ts',
    violation: "export { RegistryClient } from '../core/registry/client.js';",
    clean: "export { RegistryClient } from '../core/registry/index.js';",
  },
  {
    name: 'core imports no Electron module, by any entry point',
    rule: imports,
    filePath: 'electron/core/services.ts',
    violation: "export { app } from 'electron/main';",
    clean: "export { BerthError } from './errors.js';",
  },
  {
    name: 'the CLI reaches core only through index.ts, however the path is spelled',
    rule: imports,
    filePath: 'electron/cli/program.ts',
    violation: [
      "export { BerthError } from './../core/registry/errors.js';",
      "export { RegistryClient } from '../../electron/core/registry/client.js';",
      "export { readBlob } from 'electron/core/registry/blobs.js';",
    ].join('\n'),
    clean: "export { BerthError } from './../core/errors.js';",
  },
  {
    name: "the Electron shell's require() reaches core only through index.ts",
    rule: imports,
    filePath: 'electron/app/preload.cts',
    violation: "import tls = require('../core/registry/tls.js');\nexport = tls;",
    clean: "import registry = require('../core/registry/index.js');\nexport = registry;",
  },
  {
    name: 'the renderer imports nothing from electron/, however the path is spelled',
    rule: imports,
    filePath: 'renderer/api.ts',
    violation: [
      "export { BerthError } from './../electron/core/errors.js';",
      "export { scrub } from '../shared/../electron/core/api/scrub.js';",
      "export { ipcRenderer } from 'electron/renderer';",
      "export const errors = () => import('../electron/core/errors.js');",
    ].join('\n'),
    clean: "export type { ErrorInfo } from './../shared/errors.js';",
  },
  {
    name: 'the renderer imports renderer/ and shared/ only, not test/ or build/ (which reach electron/)',
    rule: imports,
    filePath: 'renderer/api.ts',
    violation: "export { startRegistry } from '../test/fixtures/registry.js';",
    clean: "export { Dialog } from './components/dialog.js';",
  },
  {
    name: 'shared/ imports nothing outside shared/, however the path is spelled',
    rule: imports,
    filePath: 'shared/location.ts',
    violation: "export { BerthError } from './../electron/core/errors.js';",
    clean: "export { parseReference } from './../shared/reference.js';",
  },
  {
    name: 'a promise is awaited or handled',
    rule: '@typescript-eslint/no-floating-promises',
    filePath: 'electron/core/copy/preview.ts',
    violation: 'async function work(): Promise<void> {}\nexport function start(): void {\n  work();\n}',
    clean:
      'async function work(): Promise<void> {}\nexport async function start(): Promise<void> {\n  await work();\n}',
  },
  {
    name: 'a promise is awaited or handled in the renderer too',
    rule: '@typescript-eslint/no-floating-promises',
    filePath: 'renderer/api.ts',
    violation: 'export function start(load: () => Promise<void>): void {\n  load();\n}',
    clean: 'export function start(load: () => Promise<void>): void {\n  load().catch(() => undefined);\n}',
  },
  {
    name: 'a promise is awaited or handled in the build scripts too',
    rule: '@typescript-eslint/no-floating-promises',
    filePath: 'build/launch.mjs',
    violation: 'async function work() {}\nexport function start() {\n  work();\n}',
    clean: 'async function work() {}\nexport async function start() {\n  await work();\n}',
  },
  {
    name: 'a promise is awaited or handled in the tests too',
    rule: '@typescript-eslint/no-floating-promises',
    filePath: 'test/fixtures/registry.ts',
    violation: 'export function start(load: () => Promise<void>): void {\n  load();\n}',
    clean: 'export async function start(load: () => Promise<void>): Promise<void> {\n  await load();\n}',
  },
  {
    name: 'a switch over a union names every member, default or not',
    rule: '@typescript-eslint/switch-exhaustiveness-check',
    filePath: 'electron/core/doctor/fixes.ts',
    violation:
      "export function size(kind: 'tag' | 'digest'): number {\n  switch (kind) {\n    case 'tag':\n      return 1;\n    default:\n      return 0;\n  }\n}",
    clean:
      "export function size(kind: 'tag' | 'digest'): number {\n  switch (kind) {\n    case 'tag':\n      return 1;\n    case 'digest':\n      return 0;\n  }\n}",
  },
  {
    name: 'only errors are thrown',
    rule: '@typescript-eslint/only-throw-error',
    filePath: 'electron/core/files/locked-file.ts',
    violation: "export function fail(): never {\n  throw 'no lock';\n}",
    clean: "export function fail(): never {\n  throw new Error('no lock');\n}",
  },
  {
    name: 'hooks are called unconditionally',
    rule: 'react-hooks/rules-of-hooks',
    filePath: 'renderer/app.tsx',
    violation:
      "import { useState } from 'react';\nexport function Count({ on }: { on: boolean }) {\n  if (on) useState(0);\n  return null;\n}",
    clean:
      "import { useState } from 'react';\nexport function Count({ on }: { on: boolean }) {\n  const [count] = useState(0);\n  return on ? count : null;\n}",
  },
  {
    name: 'an effect lists what it reads',
    rule: 'react-hooks/exhaustive-deps',
    filePath: 'renderer/app.tsx',
    violation:
      "import { useEffect } from 'react';\nexport function Title({ text }: { text: string }) {\n  useEffect(() => {\n    document.title = text;\n  }, []);\n  return null;\n}",
    clean:
      "import { useEffect } from 'react';\nexport function Title({ text }: { text: string }) {\n  useEffect(() => {\n    document.title = text;\n  }, [text]);\n  return null;\n}",
  },
  {
    name: 'components are not made during render',
    rule: 'react-hooks/static-components',
    filePath: 'renderer/app.tsx',
    violation:
      'export function List({ wide }: { wide: boolean }) {\n  const Row = wide ? () => <li>wide</li> : () => <li />;\n  return <Row />;\n}',
    clean: 'function Row() {\n  return <li />;\n}\nexport function List() {\n  return <Row />;\n}',
  },
  {
    name: 'a ref is not read or written during render',
    rule: 'react-hooks/refs',
    filePath: 'renderer/app.tsx',
    violation:
      "import { useRef } from 'react';\nexport function useLatest(value: string) {\n  const latest = useRef(value);\n  latest.current = value;\n  return latest;\n}",
    clean:
      "import { useLayoutEffect, useRef } from 'react';\nexport function useLatest(value: string) {\n  const latest = useRef(value);\n  useLayoutEffect(() => {\n    latest.current = value;\n  });\n  return latest;\n}",
  },
  {
    name: 'state follows a prop while rendering, not from an effect',
    rule: 'react-hooks/set-state-in-effect',
    filePath: 'renderer/app.tsx',
    violation:
      "import { useEffect, useState } from 'react';\nexport function Pick({ item }: { item: string }) {\n  const [chosen, setChosen] = useState(item);\n  useEffect(() => {\n    setChosen(item);\n  }, [item]);\n  return <p>{chosen}</p>;\n}",
    clean:
      "import { useState } from 'react';\nexport function Pick({ item }: { item: string }) {\n  const [chosen, setChosen] = useState(item);\n  const [shown, setShown] = useState(item);\n  if (shown !== item) {\n    setShown(item);\n    setChosen(item);\n  }\n  return <p>{chosen}</p>;\n}",
  },
  {
    name: 'rendering reads no clock',
    rule: 'react-hooks/purity',
    filePath: 'renderer/app.tsx',
    violation:
      'export function Age({ at }: { at: number }) {\n  const now = Date.now();\n  return <span>{now - at}</span>;\n}',
    clean:
      'export function Age({ at, now }: { at: number; now: number }) {\n  return <span>{now - at}</span>;\n}',
  },
  {
    name: 'an API the compiler cannot memoize is named where it is used',
    rule: 'react-hooks/incompatible-library',
    filePath: 'renderer/app.tsx',
    violation:
      "import { useVirtualizer } from '@tanstack/react-virtual';\nexport function Rows({ count }: { count: number }) {\n  const rows = useVirtualizer({ count, getScrollElement: () => null, estimateSize: () => 20 });\n  return <div style={{ height: rows.getTotalSize() }} />;\n}",
    clean:
      'export function Rows({ count }: { count: number }) {\n  return <div style={{ height: count * 20 }} />;\n}',
  },
];

describe('lint rules that hold the layers and the code', () => {
  it.each(cases)('$name: $rule reports the violation and not the clean code', async (testCase) => {
    expect(await rulesBroken(testCase.filePath, testCase.violation)).toContain(testCase.rule);
    expect(await rulesBroken(testCase.filePath, testCase.clean)).not.toContain(testCase.rule);
  });
});

describe('the layer rule wherever the checkout is', () => {
  it('holds the layers in a checkout whose path has a space in it', async () => {
    const checkout = path.join(await makeTempDir('lint-layers'), 'my projects', 'berth');
    try {
      await mkdir(path.join(checkout, 'build/lint'), { recursive: true });
      await copyFile(
        path.join(root, 'build/lint/layer-imports.js'),
        path.join(checkout, 'build/lint/layer-imports.js'),
      );
      const plugin = (await import(
        pathToFileURL(path.join(checkout, 'build/lint/layer-imports.js')).href
      )) as {
        default: NonNullable<Linter.Config['plugins']>[string];
      };
      const messages = new Linter({ configType: 'flat', cwd: checkout }).verify(
        "export { certsDDirName } from '../registry/tls.js';",
        [{ plugins: { berth: plugin.default }, rules: { 'berth/layer-imports': 'error' } }],
        path.join(checkout, 'electron/core/doctor/fixes.js'),
      );
      expect(messages.map((message) => message.ruleId)).toEqual(['berth/layer-imports']);
    } finally {
      await removeDir(path.dirname(path.dirname(checkout)));
    }
  });
});
