// After tsc: make the CLI entry executable so `npx berth` runs it, and bundle the `berth` command that
// package.json's bin names (bundle-cli.mjs).
import { chmodSync } from 'node:fs';
import { bundleCli } from './bundle-cli.mjs';

chmodSync(new URL('../dist/electron/cli/main.js', import.meta.url), 0o755);
await bundleCli();
