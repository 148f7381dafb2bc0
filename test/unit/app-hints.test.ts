// The app has no command line: the hints it shows name what to do in the app, never a `berth` command or
// a flag. The CLI keeps its own hints (BerthError.hint); the app receives toInfo(), which carries appHint.
import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { classifyEngineMessage } from '../../electron/core/docker/errors.js';
import { BerthError, DEFAULT_APP_HINTS, DEFAULT_HINTS } from '../../electron/core/errors.js';
import { TimeoutError } from '../../electron/core/registry/timeouts.js';
import { checkPortFree } from '../../electron/core/registry-server/tools.js';

/** A command line in a hint: `berth login`, `--port`, `--timeout SECONDS`. */
const COMMAND_LINE = /\bberth [a-z]|(^|[\s(`])--[a-z]/;

describe('hints in the app', () => {
  it('by default, name no command and no flag for any code', () => {
    for (const [code, hint] of Object.entries(DEFAULT_APP_HINTS))
      expect(hint, code).not.toMatch(COMMAND_LINE);
    // …while the command line's own defaults still name commands (so the test above can tell them apart).
    expect(Object.values(DEFAULT_HINTS).some((hint) => COMMAND_LINE.test(hint))).toBe(true);
  });

  it('reach the app through toInfo, with the command line hint beside them for the CLI', () => {
    const error = new BerthError('AUTH', 'registry.test refused the credentials');
    expect(error.hint).toMatch(/berth login/);
    expect(error.toInfo().hint).not.toMatch(COMMAND_LINE);
    expect(error.toInfo().commandHint).toBe(error.hint);
    const same = new BerthError('CONFIG', 'x', { hint: 'Fix the file.' });
    expect(same.toInfo()).toEqual({ code: 'CONFIG', message: 'x', hint: 'Fix the file.' });
  });

  it.each(['connect', 'answer', 'whole', 'idle'] as const)(
    'after a %s timeout say how to wait longer without a flag',
    (phase) => {
      const error = new TimeoutError('registry.test', phase, 30_000);
      expect(error.hint).toMatch(/--timeout/);
      expect(error.toInfo().hint).toMatch(/BERTH_TIMEOUT=SECONDS/);
      expect(error.toInfo().hint).not.toMatch(COMMAND_LINE);
    },
  );

  it('for a port in use say "another port", not --port', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const error = await checkPortFree({ name: 'shelf', bind: '127.0.0.1', port }).then(
        () => undefined,
        (e: unknown) => e as BerthError,
      );
      expect(error?.hint).toMatch(/--port/);
      expect(error?.toInfo().hint).toMatch(/on another port\.$/);
      expect(error?.toInfo().hint).not.toMatch(COMMAND_LINE);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('for an engine that wants a login name the connection, not berth login', () => {
    for (const hadCredential of [true, false]) {
      const error = classifyEngineMessage('unauthorized: authentication required', {
        registry: 'registry.test',
        engine: 'docker',
        action: 'pull',
        hadCredential,
      });
      expect(error.hint).toMatch(/berth login/);
      expect(error.toInfo().hint).not.toMatch(COMMAND_LINE);
    }
  });
});
