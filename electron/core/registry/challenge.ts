/** One `WWW-Authenticate` challenge: scheme in lower case, parameter names in lower case. */
export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

const TOKEN_CHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;

/**
 * RFC 7235 challenges: `Bearer realm="…",service="…",scope="a:b:pull,push"`. Several challenges may
 * share one line (fetch-style joining) or come as separate header values; quoted values may hold
 * commas and `\` escapes. Unknown or broken input yields what could be read, never a throw.
 */
export function parseChallenges(values: string | string[] | undefined): Challenge[] {
  if (values === undefined) return [];
  const lines = Array.isArray(values) ? values : [values];
  return lines.flatMap(parseLine);
}

function parseLine(line: string): Challenge[] {
  const challenges: Challenge[] = [];
  let current: Challenge | undefined;
  let i = 0;
  const skipSpace = () => {
    while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  };
  const readToken = () => {
    const start = i;
    while (i < line.length && TOKEN_CHAR.test(line[i]!)) i++;
    return line.slice(start, i);
  };
  // Not RFC 7235, but seen: unquoted URLs (`realm=https://…`). Read up to the next comma or space.
  const readBare = () => {
    const start = i;
    while (i < line.length && line[i] !== ',' && line[i] !== ' ' && line[i] !== '\t') i++;
    return line.slice(start, i);
  };
  const readQuoted = () => {
    let value = '';
    i++; // opening quote
    while (i < line.length && line[i] !== '"') {
      if (line[i] === '\\' && i + 1 < line.length) i++;
      value += line[i];
      i++;
    }
    i++; // closing quote
    return value;
  };

  while (i < line.length) {
    skipSpace();
    if (line[i] === ',') {
      i++;
      continue;
    }
    const token = readToken();
    if (!token) {
      i++; // a character no grammar allows here: step over it
      continue;
    }
    skipSpace();
    if (line[i] === '=' && current) {
      // `name=value` belongs to the current challenge; a token68 (`abc==`) ends with '=' and no value.
      i++;
      skipSpace();
      const value = line[i] === '"' ? readQuoted() : readBare();
      current.params[token.toLowerCase()] = value;
    } else {
      current = { scheme: token.toLowerCase(), params: {} };
      challenges.push(current);
    }
  }
  return challenges;
}

/** Bearer beats Basic; other schemes are not ours to answer (go-containerregistry ping.go does the same). */
export function pickChallenge(challenges: Challenge[]): Challenge | undefined {
  return (
    challenges.find((c) => c.scheme === 'bearer') ??
    challenges.find((c) => c.scheme === 'basic') ??
    challenges[0]
  );
}

/** Scope strings are `type:name:actions`; the name may contain `:port`, so actions split off the last colon. */
export function parseScope(scope: string): { resource: string; actions: string[] } | undefined {
  const last = scope.lastIndexOf(':');
  if (last <= 0) return undefined;
  return {
    resource: scope.slice(0, last),
    actions: scope
      .slice(last + 1)
      .split(',')
      .filter(Boolean),
  };
}

/** Merges scopes by resource, unions actions, sorts: the same set always gives the same cache key. */
export function normalizeScopes(scopes: string[]): string[] {
  const byResource = new Map<string, Set<string>>();
  for (const item of scopes.flatMap((s) => s.split(' ')).filter(Boolean)) {
    const parsed = parseScope(item);
    if (!parsed) continue;
    const actions = byResource.get(parsed.resource) ?? new Set<string>();
    for (const action of parsed.actions) actions.add(action);
    byResource.set(parsed.resource, actions);
  }
  return [...byResource.entries()]
    .map(([resource, actions]) => `${resource}:${[...actions].sort().join(',')}`)
    .sort();
}

export function repositoryScope(repository: string, ...actions: string[]): string {
  return `repository:${repository}:${actions.join(',')}`;
}

export const CATALOG_SCOPE = 'registry:catalog:*';
