// After tsc: make the CLI entry executable so `npx berth` runs it.
import { chmodSync } from 'node:fs';

chmodSync(new URL('../dist/electron/cli/main.js', import.meta.url), 0o755);
