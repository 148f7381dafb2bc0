/** How the engine header describes the engine; plain functions of the core's EngineStatus. */
import type { EngineCandidate, EngineState, EngineStatus } from '../../../shared/docker.js';
import type { ErrorCode } from '../../../shared/errors.js';
import type { Translate } from '../../i18n/index.js';
import { describeError } from '../../i18n/errors.js';
import { engine as words } from './messages.js';

/** The code the core gives the same failure as an error (electron/core/docker/errors.ts). */
const STATE_CODES: Record<Exclude<EngineState, 'running'>, ErrorCode> = {
  'not-running': 'NETWORK',
  'permission-denied': 'DENIED',
  unreachable: 'NETWORK',
  unsupported: 'UNSUPPORTED',
};

export interface EngineProblem {
  title: string;
  /** What is wrong, at which address: the core's words through describeError. */
  message: string;
  /** What to do, most likely fix first. */
  fixes: string[];
}

/** Undefined while the engine works; otherwise a title, the core's message and the fix. */
export function engineProblem(
  t: Translate,
  status: EngineStatus,
  candidates: readonly EngineCandidate[],
): EngineProblem | undefined {
  if (status.state === 'running') return undefined;
  const appHint = status.appHint ?? status.hint;
  const described = describeError(t, {
    code: STATE_CODES[status.state],
    message: status.message ?? `${status.address.host}: ${status.state}`,
    ...(appHint ? { hint: appHint } : {}),
  });
  // The core gives these two states one fixed hint each: said here in the interface language.
  const knownHint =
    status.state === 'not-running' && appHint?.startsWith('Start the engine (')
      ? t(words.hintNotRunning)
      : status.state === 'permission-denied' && appHint?.startsWith('Add your user to the docker group')
        ? t(words.hintPermission)
        : undefined;
  const hint = knownHint ?? described.hint;
  const fixes = hint ? [hint] : [];
  // No socket of Docker or Podman exists anywhere Berth looked: more likely not installed than stopped.
  if (status.state === 'not-running' && candidates.length && !candidates.some(isLocalSocketThere))
    fixes.push(t(words.notInstalled));
  return {
    title: t(words.problemTitle, { state: selectKey(status.state) }),
    message: described.message,
    fixes,
  };
}

const SOCKETS: Record<string, string> = {
  "Docker Desktop's engine": 'dockerDesktopEngine',
  "Docker Desktop's socket": 'dockerDesktopSocket',
  "Podman's rootful socket": 'podmanRootful',
  "Podman's rootless socket": 'podmanRootless',
  "Podman machine's Docker-compatible pipe": 'podmanMachinePipe',
  "Podman machine's socket": 'podmanMachine',
};

/**
 * Why Berth talks to an address, in the interface language: the core's reason (discovery.ts, services.ts)
 * is a few fixed phrases around hosts, files and context names, read back here into their message; a
 * reason of other words is shown as the core wrote it.
 */
export function addressReason(t: Translate, reason: string): string {
  if (reason.startsWith('chosen in Berth: '))
    return t(words.reasonChosenFound, { reason: addressReason(t, reason.slice('chosen in Berth: '.length)) });
  if (reason === 'chosen in Berth') return t(words.reasonChosen);
  if (reason.startsWith('chosen with ')) return t(words.reasonStartOption);
  if (reason === 'DOCKER_HOST is set') return t(words.reasonDockerHost);
  if (reason === 'the platform default') return t(words.reasonDefault);
  const socket = SOCKETS[reason];
  if (socket) return t(words.reasonSocket, { which: socket });
  const fallback = /^(\S+) does not exist; (.+) does$/.exec(reason);
  if (fallback)
    return t(words.reasonFallback, { missing: fallback[1], found: addressReason(t, fallback[2]!) });
  const context = /^(.+): context "([^"]*)"$/.exec(reason);
  if (context) {
    const why = context[1]!;
    const file = /^currentContext in (.+)$/.exec(why)?.[1];
    const said =
      why === 'DOCKER_CONTEXT is set'
        ? t(words.reasonDockerContext)
        : why === 'a Docker context'
          ? t(words.reasonAContext)
          : file !== undefined
            ? t(words.reasonCurrentContext, { file })
            : why;
    return t(words.reasonContext, { why: said, name: context[2] });
  }
  return reason;
}

/** A state or source as a message's select key (ICU keys take no `-`): `not-running` → `notRunning`. */
function selectKey(value: string): string {
  return value.replace(/-([a-z])/g, (_match, letter: string) => letter.toUpperCase());
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
export function candidateLabel(t: Translate, candidate: EngineCandidate): string {
  const source = t(words.source, {
    source: selectKey(candidate.source),
    context: candidate.context ?? '',
  }).trim();
  return t(candidate.exists ? words.candidate : words.candidateMissing, { host: candidate.host, source });
}
