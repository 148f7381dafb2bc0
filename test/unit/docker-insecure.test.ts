// Docker's loopback rule reads hosts and addresses without asking Node's IPv6 expression of text that
// cannot be IPv6 (registry/docker-insecure.ts): the answers stay node:net's.
import { isIP } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  hostnameOf,
  isDockerInsecureByDefault,
  isLoopbackAddress,
} from '../../electron/core/registry/index.js';

describe("Docker's loopback rule", () => {
  it('splits host and port as before, IPv6 literals included', () => {
    expect(hostnameOf('127.0.0.1:5000')).toBe('127.0.0.1');
    expect(hostnameOf('127.0.0.1')).toBe('127.0.0.1');
    expect(hostnameOf('registry.example.com:443')).toBe('registry.example.com');
    expect(hostnameOf('registry.example.com')).toBe('registry.example.com');
    expect(hostnameOf('[::1]:5000')).toBe('::1');
    expect(hostnameOf('::1')).toBe('::1');
    expect(hostnameOf('fe80::1')).toBe('fe80::1');
  });

  it('knows loopback addresses as node:net reads them', () => {
    for (const address of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', '::ffff:127.0.0.1', '0:0:0:0:0:0:0:1'])
      expect(isLoopbackAddress(address), address).toBe(true);
    for (const address of ['10.0.0.1', '::2', 'localhost', '127.0.0.1:5000', '1:2', ''])
      expect(isLoopbackAddress(address), address).toBe(false);
    expect(isIP('127.0.0.1:5000')).toBe(0);
  });

  it('asks the resolver only about names', async () => {
    const asked: string[] = [];
    const resolve = async (name: string) => {
      asked.push(name);
      return ['127.0.0.1'];
    };
    expect(await isDockerInsecureByDefault('127.0.0.1:5000', resolve)).toBe(true);
    expect(await isDockerInsecureByDefault('[::1]:5000', resolve)).toBe(true);
    expect(await isDockerInsecureByDefault('10.1.2.3:5000', resolve)).toBe(false);
    expect(await isDockerInsecureByDefault('reg.local:5000', resolve)).toBe(true);
    expect(asked).toEqual(['reg.local']);
  });
});
