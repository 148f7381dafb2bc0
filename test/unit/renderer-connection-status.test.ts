import { describe, expect, it } from 'vitest';
import { ownServerFor } from '../../renderer/features/connections/own-server.js';

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
