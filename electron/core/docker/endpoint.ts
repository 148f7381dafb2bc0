import type { EngineAddress } from '../../../shared/docker.js';
import { ConfigError } from '../errors.js';

/** TLS files for a tcp engine (`DOCKER_CERT_PATH` or a context's TLS folder); all optional. */
export interface EngineTlsFiles {
  /** Check the engine's certificate (DOCKER_TLS_VERIFY; a context's `SkipTLSVerify` turns it off). */
  verify: boolean;
  caFile?: string;
  certFile?: string;
  keyFile?: string;
}

export type EngineTransport =
  | { kind: 'unix'; socketPath: string }
  /** Node's `net` opens a named pipe when given `\\.\pipe\name` as a path. */
  | { kind: 'npipe'; pipePath: string }
  | { kind: 'tcp'; hostname: string; port: number; tls?: EngineTlsFiles };

/** An engine address with what it takes to connect to it. */
export interface EngineEndpoint extends EngineAddress {
  transport: EngineTransport;
}

const DEFAULT_TCP_PORT = 2375;
const DEFAULT_TLS_PORT = 2376;

/**
 * Parses a Docker host URL the way the Docker CLI accepts them (`opts/hosts.go`): `unix:///path`,
 * `npipe:////./pipe/name`, `tcp://host[:port]` (2375, or 2376 with TLS), and `http(s)://` as the Go client
 * does. A bare absolute path is taken as a unix socket. `ssh://` needs `docker system dial-stdio` over
 * ssh, which Berth does not do.
 */
export function parseEngineHost(host: string, tls?: EngineTlsFiles): EngineTransport {
  const text = host.trim();
  if (text.startsWith('/')) return { kind: 'unix', socketPath: text };
  const scheme = /^([a-z+]+):\/\//i.exec(text)?.[1]?.toLowerCase();
  const rest = scheme ? text.slice(scheme.length + 3) : '';
  switch (scheme) {
    case 'unix':
      if (!rest.startsWith('/'))
        throw new ConfigError(`"${host}": a unix socket address needs an absolute path (unix:///path)`);
      return { kind: 'unix', socketPath: rest };
    case 'npipe': {
      // npipe:////./pipe/docker_engine → \\.\pipe\docker_engine
      const pipe = rest.replace(/\//g, '\\');
      if (!/^\\\\[.?]\\pipe\\.+/.test(pipe))
        throw new ConfigError(`"${host}" is not a named pipe address (npipe:////./pipe/NAME)`);
      return { kind: 'npipe', pipePath: pipe };
    }
    case 'tcp':
    case 'http':
    case 'https': {
      const url = new URL(`http://${rest}`);
      if (!url.hostname) throw new ConfigError(`"${host}" has no host name`);
      const useTls = scheme === 'https' || tls !== undefined;
      const port = url.port
        ? Number(url.port)
        : scheme === 'https' || useTls
          ? DEFAULT_TLS_PORT
          : DEFAULT_TCP_PORT;
      const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
      return {
        kind: 'tcp',
        hostname,
        port,
        tls: useTls ? (tls ?? { verify: true }) : undefined,
      };
    }
    case 'ssh':
      throw new ConfigError(
        `"${host}": engines over ssh:// are not supported`,
        'Forward the remote socket and point Berth at it: ssh -NL /tmp/remote-docker.sock:/var/run/docker.sock HOST, then --engine unix:///tmp/remote-docker.sock',
        'Forward the remote socket (ssh -NL /tmp/remote-docker.sock:/var/run/docker.sock HOST), then choose unix:///tmp/remote-docker.sock as the engine.',
      );
    case undefined:
    default:
      throw new ConfigError(
        `"${host}" is not an engine address`,
        'Use unix:///path/to/docker.sock, npipe:////./pipe/NAME or tcp://HOST:PORT.',
      );
  }
}

/** The address in Docker's own URL form, for messages and the UI. */
export function formatTransport(transport: EngineTransport): string {
  switch (transport.kind) {
    case 'unix':
      return `unix://${transport.socketPath}`;
    case 'npipe':
      return `npipe://${transport.pipePath.replace(/\\/g, '/')}`;
    case 'tcp':
      return `tcp://${transport.hostname.includes(':') ? `[${transport.hostname}]` : transport.hostname}:${transport.port}`;
  }
}

export function makeEndpoint(
  host: string,
  source: EngineAddress['source'],
  reason: string,
  options: { tls?: EngineTlsFiles; context?: string } = {},
): EngineEndpoint {
  const transport = parseEngineHost(host, options.tls);
  return {
    host: formatTransport(transport),
    source,
    reason,
    context: options.context,
    tls: transport.kind === 'tcp' && transport.tls !== undefined,
    transport,
  };
}
