import { tryParseReference } from '../../shared/reference.js';
import { goTo as m } from '../features/search/messages.js';
import type { Translate } from '../i18n/index.js';

/** A saved connection as far as "go to repository" needs it. */
export interface GoToConnection {
  name: string;
  host: string;
}

export interface GoToTarget {
  connection: string;
  repository: string;
  /** A tag, or a digest (`sha256:…`) when one was typed. */
  tag?: string;
}

export type GoToAnswer = { target: GoToTarget; query: string } | { problem: string; query: string };

/** More than any reference (a registry, a 255-character name, a tag or digest) is not read. */
export const MAX_TYPED = 1024;

function hostKey(host: string): string {
  return host
    .trim()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/\/+$/, '')
    .toLowerCase();
}

const DOCKER_HUB = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

function sameHost(a: string, b: string): boolean {
  const [left, right] = [hostKey(a), hostKey(b)];
  return left === right || (DOCKER_HUB.has(left) && DOCKER_HUB.has(right));
}

/** A first path part that names a registry, as Docker reads it: a dot, a port, or localhost. */
function isRegistryPart(part: string): boolean {
  return part.includes('.') || part.includes(':') || part === 'localhost';
}

/**
 * What the "go to repository" text names: `team/app` or `team/app:tag` on the connection shown, or
 * `host/team/app[:tag|@digest]` on the saved connection for that host. `query` is the repository part,
 * for matching names as the user types.
 */
export function resolveGoTo(
  t: Translate,
  text: string,
  connections: readonly GoToConnection[],
  current: string | undefined,
): GoToAnswer {
  const typed = text
    .slice(0, MAX_TYPED)
    .trim()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/\/+$/, '');
  const [typedFirst = '', ...others] = typed.split('/');
  // `user:pass@host/…` (a URL pasted with its login): the login is dropped, never repeated in a message;
  // Berth logs in with the saved connection's own.
  const first = others.length > 0 ? typedFirst.replace(/^[^@]*@/, '') : typedFirst;
  const hasHost = others.length > 0 && isRegistryPart(first);
  const rest = hasHost ? others.join('/') : typed;
  const query = rest.replace(/[:@].*$/, '');
  if (!rest) return { problem: t(m.typeRepository), query };
  if (/@(?![a-z0-9]+:[a-f0-9]+$)/i.test(rest)) return { problem: t(m.noLogin), query };
  const connection = hasHost
    ? connections.find((entry) => sameHost(entry.host, first))
    : (connections.find((entry) => entry.name === current) ??
      (connections.length === 1 ? connections[0] : undefined));
  if (!connection)
    return {
      problem: hasHost ? t(m.noConnectionFor, { host: first }) : t(m.chooseConnection),
      query,
    };
  const parsed = tryParseReference(`${hostKey(connection.host)}/${rest}`);
  if (parsed instanceof Error) return { problem: t(m.notARepository, { name: rest }), query };
  const tag = parsed.digest ?? parsed.tag;
  return {
    target: { connection: connection.name, repository: parsed.repository, ...(tag ? { tag } : {}) },
    query,
  };
}
