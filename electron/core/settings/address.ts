import { isDockerHubHost } from '../../../shared/reference.js';
import { ConfigError } from '../errors.js';

/** `https://host:port/anything` or `host:port` → host and scheme; paths are not part of a registry address. */
export function parseRegistryUrl(input: string): { host: string; insecureHttp: boolean } {
  const text = input.trim();
  // Never quoted back as typed: what stands before an @ is a password or a token (`user:pw@host`).
  const shown = text.replace(/^([a-z][a-z0-9+.-]*:\/\/)?.*@/i, '$1…@');
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new ConfigError(
      `"${shown}" is not a registry address`,
      'Use host[:port], for example 127.0.0.1:5000 or ghcr.io.',
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(
      `"${shown}": registries speak https (or http), not ${url.protocol}`,
      'Use host[:port], with https:// or http:// in front if you want to say which.',
    );
  }
  if (url.username || url.password) {
    throw new ConfigError(
      `"${shown}" carries credentials in the URL`,
      'Leave them out of the address, and give the username and password on their own.',
    );
  }
  if (url.pathname !== '/' && url.pathname !== '/v2/' && url.pathname !== '/v2') {
    throw new ConfigError(
      `"${shown}": a registry address has no path (${url.pathname})`,
      'Use only host[:port].',
    );
  }
  const host = isDockerHubHost(url.host) ? 'docker.io' : url.host;
  return { host, insecureHttp: url.protocol === 'http:' };
}
