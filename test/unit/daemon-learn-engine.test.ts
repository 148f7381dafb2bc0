// learnEngine is how the app's daemon page and `berth daemon` both learn which rules the engine follows.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { learnEngine } from '../../electron/core/daemon-config/index.js';

const nowhere = path.join('/nonexistent', 'berth-test');

describe('learnEngine', () => {
  it('falls back to the modern rules, saying why, when there is no local socket to ask', async () => {
    const learnt = await learnEngine(undefined, { problem: 'the engine is at tcp://remote:2375' });
    expect(learnt).toMatchObject({ rules: 'modern', problem: 'the engine is at tcp://remote:2375' });
    expect(learnt.live).toBeUndefined();
    expect(learnt.facts.commandLine).toBeUndefined();
  });

  it('falls back to the modern rules with the reason when the socket does not answer', async () => {
    const learnt = await learnEngine(`${nowhere}.sock`, { pidFile: `${nowhere}.pid` });
    expect(learnt.rules).toBe('modern');
    expect(learnt.problem).toBeTruthy();
    expect(learnt.live).toBeUndefined();
  });
});
