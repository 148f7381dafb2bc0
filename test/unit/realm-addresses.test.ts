import { describe, expect, it } from 'vitest';
import { isPrivateAddress, realmCredentialProblem } from '../../electron/core/registry/addresses.js';

/** Names as they reach the check: the hostname of a parsed URL (brackets, normalised IPv6 and all). */
const hostname = (url: string) => new URL(url).hostname;

describe('isPrivateAddress', () => {
  it.each([
    ['http://localhost/', true],
    ['http://localhost./', true],
    ['http://LOCALHOST/', true],
    ['http://registry.localhost/', true],
    ['http://a.b.localhost./', true],
    ['http://127.0.0.1/', true],
    ['http://127.1.2.3/', true],
    ['http://2130706433/', true], // 127.0.0.1 as one number
    ['http://0x7f.1/', true],
    ['http://0.0.0.0/', true],
    ['http://10.1.2.3/', true],
    ['http://100.64.0.1/', true], // carrier-grade NAT, RFC 6598
    ['http://100.127.255.254/', true],
    ['http://169.254.169.254/', true], // cloud metadata
    ['http://172.16.0.1/', true],
    ['http://172.31.255.255/', true],
    ['http://192.168.1.1/', true],
    ['http://198.18.0.1/', true],
    ['http://224.0.0.1/', true],
    ['http://255.255.255.255/', true],
    ['http://[::1]/', true],
    ['http://[::]/', true],
    ['http://[::ffff:127.0.0.1]/', true],
    ['http://[::ffff:10.0.0.1]/', true],
    ['http://[::127.0.0.1]/', true],
    ['http://[64:ff9b::192.168.0.1]/', true],
    ['http://[2002:c0a8:101::1]/', true], // 6to4 of 192.168.1.1
    ['http://[fd00::1]/', true],
    ['http://[fe80::1]/', true],
    ['http://[ff02::1]/', true],
    ['http://100.63.255.255/', false],
    ['http://100.128.0.1/', false],
    ['http://172.32.0.1/', false],
    ['http://8.8.8.8/', false],
    ['http://[::ffff:8.8.8.8]/', false],
    ['http://[2606:4700::1111]/', false],
    ['http://auth.docker.io/', false],
    ['http://localhost.example.com/', false],
    ['http://mylocalhost/', false],
  ])('%s → %s', (url, expected) => {
    expect(isPrivateAddress(hostname(url))).toBe(expected);
  });
});

describe('realmCredentialProblem', () => {
  it.each([
    // Plain HTTP: the registry's own origin only.
    ['http://127.0.0.1:5000', 'http://127.0.0.1:5000/token', undefined],
    ['http://127.0.0.1:5000', 'http://127.0.0.1:5001/token', 'plain-http'],
    ['http://127.0.0.1:5000', 'http://localhost:5000/token', 'plain-http'],
    ['http://127.0.0.1:5000', 'http://[::ffff:127.0.0.1]:5000/token', 'plain-http'],
    ['http://registry.lan:5000', 'http://auth.lan:5000/token', 'plain-http'],
    ['https://registry.example.com', 'http://registry.example.com/token', 'plain-http'],
    ['https://registry.example.com', 'http://auth.example.com/token', 'plain-http'],
    // HTTPS: another public host is normal (Docker Hub), the registry's own host on any port too.
    ['https://registry-1.docker.io', 'https://auth.docker.io/token', undefined],
    ['https://registry.example.com', 'https://registry.example.com:8443/token', undefined],
    ['https://127.0.0.1:5000', 'https://127.0.0.1:5001/token', undefined],
    ['http://127.0.0.1:5000', 'https://127.0.0.1:5001/token', undefined],
    ['https://localhost:5000', 'https://localhost.:5001/token', undefined],
    // HTTPS to a private name that is not the registry.
    ['https://registry.example.com', 'https://10.0.0.8/token', 'private-address'],
    ['https://registry.example.com', 'https://[::ffff:127.0.0.1]:5001/token', 'private-address'],
    ['https://registry.example.com', 'https://evil.localhost/token', 'private-address'],
    ['https://registry.example.com', 'https://localhost./token', 'private-address'],
    ['https://registry.example.com', 'https://100.64.0.1/token', 'private-address'],
    ['http://127.0.0.1:5000', 'https://tokens.localhost:5001/token', 'private-address'],
  ])('registry %s, realm %s → %s', (registry, realm, expected) => {
    expect(realmCredentialProblem(new URL(realm), new URL(registry))).toBe(expected);
  });
});
