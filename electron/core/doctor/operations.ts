import { savedConnection } from '../connections/index.js';
import { toRegistryCredential } from '../credentials/index.js';
import { locateDaemonConfig } from '../daemon-config/index.js';
import { BerthError } from '../registry/index.js';
import type { RegistryConnection } from '../registry/index.js';
import { toConnection, type BerthServices } from '../services.js';
import { diagnose, NOT_CHECKED } from './diagnose.js';
import { readDaemonView } from './docker-view.js';
import { applyFix, type FixContext } from './fixes.js';
import { parseTarget } from './target.js';
import type { Diagnosis, Fix, FixOutcome, Recheck, Step, StepId } from './types.js';

export interface DiagnoseOptions {
  /** A saved connection to check with its keychain login; default whatever Berth has for the host. */
  connection?: string;
  /** daemon.json to judge; default the detected one. */
  daemonConfigFile?: string;
  certsDRoot?: string;
  /** Per network step. */
  timeoutMs?: number;
  /** The local engine's kind, when the caller asked it (the app does; Docker's step is skipped for Podman). */
  engineKind?: 'docker' | 'podman';
}

/** `host[:port]` of a target the user typed (maybe a URL). */
function hostOf(target: string): string {
  try {
    return parseTarget(target).host;
  } catch (error) {
    throw new BerthError('INVALID_INPUT', (error as Error).message, {
      hint: 'Name the registry as host[:port] or http(s)://host[:port].',
    });
  }
}

/** The named connection with its keychain credential, or whatever Berth has saved for the host. */
async function connectionOf(
  services: BerthServices,
  host: string,
  name: string | undefined,
): Promise<RegistryConnection | undefined> {
  if (!name) return services.connectionFor(host);
  const saved = savedConnection(services, name);
  const stored = saved.username ? await services.credentials.get(saved.host, saved.username) : undefined;
  const credential = stored ? toRegistryCredential(stored) : undefined;
  services.secrets.addCredential(credential);
  return toConnection(saved, credential);
}

/** Walks the path a pull takes to a registry, for the app's doctor and `berth doctor` alike. */
export async function diagnoseRegistry(
  services: BerthServices,
  target: string,
  options: DiagnoseOptions = {},
): Promise<Diagnosis> {
  return diagnose(target, {
    connection: await connectionOf(services, hostOf(target), options.connection),
    daemon: await readDaemonView(options.daemonConfigFile ?? locateDaemonConfig().file),
    certsDRoot: options.certsDRoot,
    timeoutMs: options.timeoutMs,
    engineKind: options.engineKind,
    onSecret: (secret) => services.secrets.add(secret),
  });
}

/** Applies a fix the doctor offered; the fix may change how the host is reached, so the client forgets it. */
export async function fixRegistry(
  services: BerthServices,
  fix: Fix,
  context: Omit<FixContext, 'services'>,
): Promise<FixOutcome> {
  const outcome = await applyFix(fix, { services, ...context });
  services.client.forget(context.host);
  return outcome;
}

/**
 * What the new run says about the step a fix was for. A warning counts as passing unless it still
 * offers the same one-click fix (an insecure-registries entry that only works by luck).
 */
export function recheckOf(diagnosis: Diagnosis, fixed: { step: StepId; fix: Fix }): Recheck {
  const step = diagnosis.steps.find((candidate) => candidate.id === fixed.step);
  const broken = diagnosis.steps.find((candidate) => candidate.status === 'fail');
  const sameFixOffered = (candidate: Step | undefined) =>
    candidate?.fix?.action !== undefined && candidate.fix.action === fixed.fix.action;
  const passes =
    step !== undefined &&
    (step.status === 'ok' ||
      (step.status === 'warn' && !sameFixOffered(step)) ||
      (step.status === 'skipped' && step.detail !== NOT_CHECKED));
  return {
    step: fixed.step,
    title: step?.title ?? fixed.step,
    status: step?.status ?? 'skipped',
    passes,
    detail: step?.detail ?? '',
    ...(broken ? { broken: { step: broken.id, title: broken.title, detail: broken.detail } } : {}),
    ok: diagnosis.ok,
  };
}

/**
 * Applies a fix, then walks the path again (same target, same options) and reports whether the step it
 * was for now passes: a fix is judged by the registry and the files, not by its own word.
 */
export async function fixAndRecheck(
  services: BerthServices,
  fix: Fix,
  context: Omit<FixContext, 'services'> & { step: StepId; target: string; diagnose?: DiagnoseOptions },
): Promise<FixOutcome & { recheck: Recheck }> {
  const { step, target, diagnose: options, ...fixContext } = context;
  const outcome = await fixRegistry(services, fix, fixContext);
  const diagnosis = await diagnoseRegistry(services, target, options);
  return { ...outcome, recheck: recheckOf(diagnosis, { step, fix }) };
}
