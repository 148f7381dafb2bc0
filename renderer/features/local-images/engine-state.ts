/** How the engine header describes the engine; plain functions of the core's EngineStatus. */
import type { EngineAddress, EngineCandidate, EngineState, EngineStatus } from '../../../shared/docker.js';

const PROBLEM_TITLES: Record<Exclude<EngineState, 'running'>, string> = {
  'not-running': 'The container engine is not running',
  'permission-denied': 'Berth may not use the container engine',
  unreachable: 'The container engine does not answer',
  unsupported: 'This container engine cannot be used',
};

export interface EngineProblem {
  title: string;
  /** The core's own words: what is wrong, at which address. */
  message: string;
  /** What to do, most likely fix first. */
  fixes: string[];
}

/** Undefined while the engine works; otherwise a title, the core's message and the fix. */
export function engineProblem(
  status: EngineStatus,
  candidates: readonly EngineCandidate[],
): EngineProblem | undefined {
  if (status.state === 'running') return undefined;
  const hint = status.appHint ?? status.hint;
  const fixes = hint ? [hint] : [];
  // No socket of Docker or Podman exists anywhere Berth looked: more likely not installed than stopped.
  if (status.state === 'not-running' && candidates.length && !candidates.some(isLocalSocketThere))
    fixes.push(
      'None of the usual engine sockets exist on this machine, so Docker or Podman may not be installed: install Docker Engine (or Docker Desktop) or Podman, start it, then check again.',
    );
  return {
    title: PROBLEM_TITLES[status.state],
    message: status.message ?? `${status.address.host}: ${status.state}`,
    fixes,
  };
}

function isLocalSocketThere(candidate: EngineCandidate): boolean {
  return candidate.exists && /^(unix|npipe):/.test(candidate.host);
}

/** `Docker 20.10.24 · API 1.41` */
export function describeEngine(status: EngineStatus): string | undefined {
  const engine = status.engine;
  if (!engine) return undefined;
  const name = engine.kind === 'podman' ? 'Podman' : 'Docker';
  return [`${name}${engine.version ? ` ${engine.version}` : ''}`, `API ${engine.apiVersion}`].join(' · ');
}

/** An option of the engine switch: the address, why Berth knows it, and whether its socket is there. */
export function candidateLabel(candidate: EngineCandidate): string {
  const missing = candidate.exists ? '' : ' — no socket';
  return `${candidate.host} (${describeSource(candidate)})${missing}`;
}

function describeSource(address: EngineAddress): string {
  switch (address.source) {
    case 'chosen':
      return 'chosen';
    case 'DOCKER_HOST':
      return 'DOCKER_HOST';
    case 'context':
      return `context ${address.context ?? ''}`.trim();
    case 'default':
      return 'default socket';
    case 'docker-desktop':
      return 'Docker Desktop';
    case 'podman-rootful':
      return 'Podman, rootful';
    case 'podman-rootless':
      return 'Podman, rootless';
  }
}
