// `npm start`: launch the Electron app, or say in one line why it cannot start here.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const electronDir = path.dirname(require.resolve('electron/package.json'));
const pathFile = path.join(electronDir, 'path.txt');
const installed =
  existsSync(pathFile) && existsSync(path.join(electronDir, 'dist', readFileSync(pathFile, 'utf8')));

if (!installed && process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  console.error(
    'berth: the Electron binary is not installed (ELECTRON_SKIP_BINARY_DOWNLOAD is set). ' +
      'Run `npm ci` without it to get the app, or run `npm run host` and open the printed URL in a browser.',
  );
  process.exit(1);
}

let electronPath;
try {
  // Electron's package downloads its binary on first use when the install step skipped it.
  electronPath = require('electron');
} catch (error) {
  console.error(
    `berth: Electron could not be installed (${error.message.split('\n')[0]}). Run \`npm run host\` and open the printed URL instead.`,
  );
  process.exit(1);
}
const child = spawn(electronPath, ['.'], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
