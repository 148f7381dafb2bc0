#!/usr/bin/env node
// The `berth` command. This file only checks that the Node running it is new enough, in syntax any Node
// with ES modules parses, and then loads the CLI itself (program.ts): its modules use APIs an older Node
// lacks (node:tls getCACertificates), and failed while loading with a SyntaxError stack instead of a word.
import { enableCompileCache } from './compile-cache.js';
import { isSupportedNode, MINIMUM_NODE } from './node-version.js';
import { keepWasmOnBaselineCompiler } from './wasm-tiering.js';
import { keepYoungGenerationSmall } from './young-generation.js';

if (!isSupportedNode(process.versions.node)) {
  process.stderr.write(
    'berth: Berth needs Node.js ' +
      MINIMUM_NODE +
      ' or newer; this is Node.js ' +
      process.versions.node +
      ' (' +
      process.execPath +
      ')\n' +
      'hint: Install Node.js ' +
      MINIMUM_NODE +
      ' or newer from https://nodejs.org (or your package manager), ' +
      'or run berth with it: /path/to/node ' +
      process.argv[1] +
      '\n',
  );
  process.exitCode = 1;
} else {
  keepYoungGenerationSmall();
  enableCompileCache();
  keepWasmOnBaselineCompiler();
  let settled = false;
  // The command is awaited through a dynamic import, so Node would not report a command that never
  // settled (its "unsettled top-level await", exit 13). The event loop draining with the command still
  // pending (beforeExit; an explicit process.exit, as for --help, is not that) is said here, and a
  // script sees exit 13 instead of a silent 0.
  process.once('beforeExit', function () {
    if (settled) return;
    process.stderr.write(
      'berth: the command stopped before it finished (work was still pending)\n' +
        'hint: Berth did not expect this: please report it with the command that caused it.\n',
    );
    process.exitCode = 13;
  });
  // `berth --version` alone is answered here, as commander would answer it (the version and a newline):
  // it needs neither the command parser nor the output filter's modules.
  const args = process.argv.slice(2);
  const onlyVersion = args.length === 1 && (args[0] === '--version' || args[0] === '-V');
  const command = onlyVersion
    ? Promise.all([import('./version.js'), import('./output-closed.js')]).then(function (loaded) {
        loaded[1].stopOnUnwritableOutput();
        process.stdout.write(loaded[0].berthVersion() + '\n');
      })
    : import('./program.js').then(function (cli) {
        return cli.runCli(process.argv);
      });
  command.then(
    function () {
      settled = true;
    },
    function (error: unknown) {
      settled = true;
      process.stderr.write(
        'berth: ' +
          (error instanceof Error ? error.message : String(error)) +
          '\nhint: Berth did not expect this error: please report it with the command that caused it.\n',
      );
      process.exitCode = 1;
    },
  );
}
