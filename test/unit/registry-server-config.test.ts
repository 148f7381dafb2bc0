import { describe, expect, it } from 'vitest';
import {
  localHost,
  renderConfig,
  secretOf,
  serverPaths,
  type ServerSpec,
} from '../../electron/core/registry-server/index.js';

const spec: ServerSpec = {
  name: 'plain',
  runtime: 'process',
  bind: '0.0.0.0',
  port: 5000,
  storageDir: '/srv/registry "data"',
  deleteEnabled: true,
  auth: 'none',
  users: [],
  tls: 'none',
  tlsNames: [],
  createdAt: '2026-11-25T00:00:00Z',
};
const paths = serverPaths('/berth/servers', 'plain');

describe('registry server config.yml', () => {
  it('writes an open plain-HTTP registry with deletes, nosniff and the storage health check', () => {
    const text = renderConfig(spec, paths, 'secret');
    expect(text).toContain('rootdirectory: "/srv/registry \\"data\\""');
    expect(text).toContain('  delete:\n    enabled: true');
    expect(text).toContain('addr: "0.0.0.0:5000"');
    expect(text).toContain('X-Content-Type-Options: [nosniff]');
    expect(text).toContain('health:\n  storagedriver:\n    enabled: true');
    expect(text).not.toMatch(/tls:|auth:|maintenance:/);
  });

  it('turns on read-only maintenance for garbage collection and keeps the HTTP secret', () => {
    const text = renderConfig(spec, paths, 'the "secret"', { readOnly: true });
    expect(text).toContain('  maintenance:\n    readonly:\n      enabled: true\n');
    expect(secretOf(text)).toBe('the "secret"');
    expect(secretOf('version: 0.1\n')).toBeUndefined();
  });

  it('adds TLS and htpasswd sections pointing into the server folder', () => {
    const text = renderConfig(
      { ...spec, tls: 'existing', auth: 'htpasswd', users: ['alice'] },
      paths,
      'secret',
    );
    expect(text).toContain(
      '  tls:\n    certificate: "/berth/servers/plain/tls/server.crt"\n    key: "/berth/servers/plain/tls/server.key"',
    );
    expect(text).toContain(
      'auth:\n  htpasswd:\n    realm: "berth-plain"\n    path: "/berth/servers/plain/htpasswd"',
    );
  });

  it('reaches a wildcard bind on loopback and brackets IPv6 addresses', () => {
    expect(localHost({ bind: '0.0.0.0', port: 5000 })).toBe('127.0.0.1:5000');
    expect(localHost({ bind: '::1', port: 5001 })).toBe('[::1]:5001');
    expect(localHost({ bind: '192.168.1.5', port: 443 })).toBe('192.168.1.5:443');
  });
});
