import type { EngineKind, EngineState } from '../../../shared/docker.js';
import type { ErrorCode } from '../../../shared/errors.js';
import { BerthError } from '../errors.js';
import {
  AuthError,
  DeniedError,
  NetworkError,
  NotFoundError,
  RateLimitError,
  RegistryResponseError,
  TlsError,
} from '../registry/index.js';

const STATE_CODES: Record<Exclude<EngineState, 'running'>, ErrorCode> = {
  'not-running': 'NETWORK',
  'permission-denied': 'DENIED',
  unreachable: 'NETWORK',
  unsupported: 'UNSUPPORTED',
};

/** The engine itself cannot be used: nothing listening, no permission, too old, not reachable. */
export class EngineError extends BerthError {
  constructor(
    readonly state: Exclude<EngineState, 'running'>,
    readonly host: string,
    message: string,
    hint: string,
    options: { code?: ErrorCode; cause?: unknown; appHint?: string } = {},
  ) {
    super(options.code ?? STATE_CODES[state], message, {
      hint,
      appHint: options.appHint,
      cause: options.cause,
    });
  }
}

const NOT_RUNNING_HINT =
  'Start the engine (Docker Desktop, `sudo systemctl start docker`, or `systemctl --user start podman.socket`), or choose another engine with --engine.';
/** The same in the app, where the engine is chosen on the Local images page. */
const NOT_RUNNING_APP_HINT =
  'Start the engine (Docker Desktop, `sudo systemctl start docker`, or `systemctl --user start podman.socket`), or choose another engine under Engine on the Local images page.';
const PERMISSION_HINT =
  'Add your user to the docker group (`sudo usermod -aG docker $USER`, then log out and in again), or use a rootless engine such as Podman’s rootless socket.';

function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}

function describe(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 5; depth++) {
    if (current.message && !parts.includes(current.message)) parts.push(current.message);
    current = current.cause;
  }
  return parts.join(': ') || String(error);
}

/** Turns a failed connection to the engine into a clear state. */
export function connectionError(host: string, error: unknown): EngineError {
  const codes = errorCodes(error);
  const has = (...wanted: string[]) => codes.some((code) => wanted.includes(code));
  if (has('ENOENT', 'ECONNREFUSED'))
    return new EngineError(
      'not-running',
      host,
      `No container engine is running at ${host}`,
      NOT_RUNNING_HINT,
      { cause: error, appHint: NOT_RUNNING_APP_HINT },
    );
  if (has('EACCES', 'EPERM'))
    return new EngineError('permission-denied', host, `Permission denied opening ${host}`, PERMISSION_HINT, {
      cause: error,
    });
  if (codes.some((code) => /^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO|DEPTH_ZERO|SELF_SIGNED)/.test(code)))
    return new EngineError(
      'unreachable',
      host,
      `TLS to the engine at ${host} failed: ${describe(error)}`,
      'Check DOCKER_CERT_PATH (ca.pem, cert.pem, key.pem) or the context’s TLS files.',
      { code: 'TLS', cause: error },
    );
  return new EngineError(
    'unreachable',
    host,
    `The engine at ${host} did not answer: ${describe(error)}`,
    'Check that the address is right and the engine is up.',
    { cause: error },
  );
}

export interface StreamErrorContext {
  /** Registry host the pull or push talks to. */
  registry: string;
  engine: EngineKind;
  /** Whether Berth sent credentials (refused vs. missing). */
  hadCredential: boolean;
  /** `pull 127.0.0.1:5000/team/app:1` — goes in front of the engine's words. */
  action: string;
  status?: number;
}

function tlsHint(context: StreamErrorContext, plainHttp: boolean): string {
  if (plainHttp) {
    return context.engine === 'docker'
      ? `${context.registry} speaks plain HTTP. Add it to "insecure-registries" in the engine's daemon.json and reload the engine.`
      : `${context.registry} speaks plain HTTP. Turn on "Plain HTTP" for its connection in Berth, or list it as insecure in registries.conf.`;
  }
  return context.engine === 'docker'
    ? `Put the registry's CA certificate in /etc/docker/certs.d/${context.registry}/ca.crt (Docker Desktop: ~/.docker/certs.d) and try again.`
    : `Put the registry's CA certificate in /etc/containers/certs.d/${context.registry}/ca.crt and try again.`;
}

/**
 * The engine reports registry failures as text: in an `errorDetail` of a 200 stream or in the
 * `message` of a 500. The texts come from the registry's error codes and Go's HTTP client, so they
 * are stable enough to sort into Berth's error kinds.
 */
export function classifyEngineMessage(message: string, context: StreamErrorContext): BerthError {
  const { registry } = context;
  const said = `${context.action}: ${message}`;
  const details = { status: context.status };
  if (/toomanyrequests|too many requests|rate limit/i.test(message))
    return new RateLimitError(registry, said, undefined, undefined, details);
  if (
    /unauthorized|authentication required|no basic auth credentials|incorrect username or password|401 Unauthorized/i.test(
      message,
    )
  ) {
    return context.hadCredential
      ? new AuthError(registry, 'credentials-rejected', `${registry} refused the credentials (${said})`, {
          hint: `Check the username and password for ${registry}, or log in again: berth login ${registry}`,
          appHint: `Check the username and password of the connection for ${registry} (Edit connection)`,
          ...details,
        })
      : new AuthError(registry, 'credentials-required', `${registry} needs credentials (${said})`, {
          hint: `Log in first (berth login ${registry}) or pass --username and --password-stdin.`,
          appHint: `Save a connection for ${registry} with a username and password, then try again.`,
          ...details,
        });
  }
  if (/denied|forbidden/i.test(message)) return new DeniedError(registry, said, details);
  if (/HTTP response to HTTPS client/i.test(message))
    return new TlsError(registry, 'https-only', said, tlsHint(context, true));
  if (/x509|certificate|tls:/i.test(message))
    return new TlsError(registry, 'unknown-ca', said, tlsHint(context, false));
  if (
    /no matching manifest|does not match the specified platform|no image found in manifest list/i.test(
      message,
    )
  )
    return new BerthError('NOT_FOUND', said, {
      registry,
      hint: 'The image has no variant for that platform. Inspect it in Berth to see which platforms it has.',
      ...details,
    });
  if (
    /manifest unknown|not found|does not exist|no such image|image not known|name unknown|repository name not known/i.test(
      message,
    )
  )
    return new NotFoundError(registry, said, details);
  if (
    /connection refused|no such host|i\/o timeout|dial tcp|connection reset|network is unreachable/i.test(
      message,
    )
  )
    return new NetworkError(
      registry,
      said,
      `The engine could not reach ${registry}. The engine resolves and connects on its own side (a VM for Docker Desktop and Podman machine).`,
    );
  // Anything else may be the engine's own failure (storing a layer, a full disk), not the registry's:
  // the default "the registry's own words" hint would send the reader to the wrong side.
  return new RegistryResponseError(registry, said, {
    ...details,
    hint: `These are the ${context.engine === 'podman' ? 'Podman' : 'Docker'} engine's words: a failure of its own (storing a layer, disk space) is in its log; berth doctor ${registry} checks the way to the registry.`,
    appHint: `These are the ${context.engine === 'podman' ? 'Podman' : 'Docker'} engine's words: a failure of its own (storing a layer, disk space) is in its log; Diagnose on the connection for ${registry} checks the way to the registry.`,
  });
}
