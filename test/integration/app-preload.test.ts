// Reads the built preload (npm test builds before vitest runs).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IPC_CHANNELS } from '../../shared/contract/index.js';

describe('the preload bridge', () => {
  it('loads nothing but electron (a sandboxed preload cannot require files)', () => {
    const built = readFileSync('dist/electron/app/preload.cjs', 'utf8');
    const required = [...built.matchAll(/require\(["']([^"']+)["']\)/g)].map((match) => match[1]);
    expect(required).toEqual(['electron']);
    expect(built).toContain("exposeInMainWorld('berth'");
  });

  it('uses the contract’s channel names', () => {
    const built = readFileSync('dist/electron/app/preload.cjs', 'utf8');
    expect(built).toContain(`invoke: '${IPC_CHANNELS.invoke}'`);
    expect(built).toContain(`event: '${IPC_CHANNELS.event}'`);
  });
});
