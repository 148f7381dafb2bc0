import { describe, expect, it } from 'vitest';
import { ownServerFor } from '../../renderer/features/connections/own-server.js';
import { isKnownUnreachable, pickerLabel } from '../../renderer/lib/connection-state.js';
import { englishT } from '../fixtures/i18n.js';

const t = englishT();

const servers = [
  { name: 'lab', host: '127.0.0.1:5000', bind: '127.0.0.1', port: 5000 },
  { name: 'shared', host: '192.0.2.7:5001', bind: '0.0.0.0', port: 5001 },
  { name: 'named', host: 'registry.lan:5002', bind: '192.0.2.8', port: 5002 },
];

describe("a connection's own registry", () => {
  it('is the server on the same port and name, any loopback name reaching one on loopback', () => {
    expect(ownServerFor('127.0.0.1:5000', servers)?.name).toBe('lab');
    expect(ownServerFor('localhost:5000', servers)?.name).toBe('lab');
    expect(ownServerFor('[::1]:5000', servers)?.name).toBe('lab');
    expect(ownServerFor('registry.lan:5002', servers)?.name).toBe('named');
  });

  it('reaches a server on every address through loopback too', () => {
    expect(ownServerFor('localhost:5001', servers)?.name).toBe('shared');
    expect(ownServerFor('192.0.2.7:5001', servers)?.name).toBe('shared');
  });

  it('is none for another port or another machine', () => {
    expect(ownServerFor('127.0.0.1:5003', servers)).toBeUndefined();
    expect(ownServerFor('other.lan:5000', servers)).toBeUndefined();
    expect(ownServerFor('registry.lan', servers)).toBeUndefined();
  });
});

describe('a connection in a picker', () => {
  const dead = { name: 'dead', host: '127.0.0.1:5000' };
  const checked = { name: 'dead', host: '127.0.0.1:5000', checkedAt: 1, warnings: [] };
  const refused = { code: 'NETWORK', message: '127.0.0.1:5000: connection refused' } as const;

  it('says a connection nothing answered is not reachable', () => {
    const status = { ...checked, state: 'unreachable' as const, error: refused };
    expect(pickerLabel(t, dead, status)).toBe('dead (127.0.0.1:5000) — not reachable');
    expect(isKnownUnreachable(status)).toBe(true);
  });

  it('says what the last check found otherwise, and nothing before any check', () => {
    expect(pickerLabel(t, dead, { ...checked, state: 'reachable' })).toBe(
      'dead (127.0.0.1:5000) — reachable',
    );
    expect(pickerLabel(t, dead, { ...checked, state: 'auth-ok' })).toBe('dead (127.0.0.1:5000) — signed in');
    expect(pickerLabel(t, dead, undefined, true)).toBe('dead (127.0.0.1:5000) — checking…');
    expect(pickerLabel(t, dead, undefined)).toBe('dead (127.0.0.1:5000)');
  });

  it('does not call a refused password or an unknown state unreachable', () => {
    const denied = {
      code: 'AUTH',
      message: 'the registry refused the password',
      status: 401,
    } as const;
    expect(isKnownUnreachable({ ...checked, state: 'auth-failed', error: denied })).toBe(false);
    expect(isKnownUnreachable(undefined)).toBe(false);
    expect(pickerLabel(t, dead, { ...checked, state: 'auth-failed', error: denied })).toBe(
      'dead (127.0.0.1:5000) — sign-in failed',
    );
  });
});
