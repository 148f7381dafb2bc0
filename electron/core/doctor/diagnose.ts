import { performance } from 'node:perf_hooks';
import {
  AuthError,
  BerthError,
  headManifest,
  isDockerInsecureByDefault,
  ping,
  RegistryClient,
  verifyLogin,
} from '../registry/index.js';
import { judgeDockerView } from './docker-view.js';
import { connectTcp, probeTls, resolveName, systemResolver } from './network.js';
import { detailOf, fixOf, say } from './phrases.js';
import { judgeRateLimit } from './rate-limit.js';
import { parseTarget, type Target } from './target.js';
import { certsDFor, checkTls, type Findings, type Outcome } from './tls-step.js';
import type { Said } from '../../../shared/contract/phrase.js';
import type { Diagnosis, DoctorDeps, Step, StepId } from './types.js';

const TITLES: Record<StepId, string> = {
  resolve: 'Name resolves',
  tcp: 'TCP connects',
  tls: 'TLS',
  registry: '/v2/ answers as a registry',
  credential: 'Saved credential works',
  docker: 'Local Docker daemon',
  'rate-limit': 'Docker Hub pull rate limit',
};
/** The detail of a step after the first broken one. */
export const NOT_CHECKED = say('notChecked').text;
const ORDER: StepId[] = ['resolve', 'tcp', 'tls', 'registry', 'credential', 'docker', 'rate-limit'];

/**
 * Walks the path a pull takes to `target` (host[:port] or a URL) and stops at the first broken step;
 * the steps after it are reported as skipped. Nothing here prints or returns a secret.
 */
export async function diagnose(targetInput: string, deps: DoctorDeps = {}): Promise<Diagnosis> {
  const connection = deps.connection;
  const timeoutMs = deps.timeoutMs ?? 5000;
  const target = await targetFor(targetInput, connection, timeoutMs);
  const clock = deps.now ?? (() => performance.now());
  const found: Findings = { addresses: [] };
  const client = new RegistryClient({
    connectionFor: () => ({ ...connection, host: target.host, insecureHttp: target.scheme === 'http' }),
    certsDRoot: deps.certsDRoot,
    retry: { attempts: 1 },
    onSecret: deps.onSecret,
    // The doctor's own step timeout for its registry requests too (a saved connection's own wins).
    timeouts: { connectMs: timeoutMs, answerMs: timeoutMs, idleMs: timeoutMs },
  });
  const checks: Record<StepId, () => Promise<Outcome>> = {
    resolve: () => checkResolve(target, deps, found),
    tcp: () => checkTcp(target, found, timeoutMs),
    tls: () => checkTls(target, deps, found, timeoutMs),
    registry: () => checkRegistry(client, target, found),
    credential: () => checkCredential(client, target, deps, found),
    docker: () => checkDocker(target, deps, found),
    'rate-limit': () => checkRateLimit(client, target, deps),
  };
  const steps: Step[] = [];
  let broken = false;
  // Only Docker Hub limits pulls by rate-limit headers: elsewhere the step would say nothing.
  const order = target.isDockerHub ? ORDER : ORDER.filter((id) => id !== 'rate-limit');
  try {
    for (const id of order) {
      if (broken) {
        steps.push({
          id,
          title: TITLES[id],
          status: 'skipped',
          ms: 0,
          ...detailOf(say('notChecked')),
        });
        continue;
      }
      const started = clock();
      let outcome: Outcome;
      try {
        outcome = await checks[id]();
      } catch (error) {
        outcome = unexpected(error);
      }
      steps.push({ id, title: TITLES[id], ms: Math.round(clock() - started), ...outcome });
      if (outcome.status === 'fail') broken = true;
    }
  } finally {
    await client.close();
  }
  return {
    target: targetInput,
    host: target.host,
    scheme: target.scheme,
    steps,
    ok: steps.every((step) => step.status !== 'fail'),
  };
}

/**
 * The scheme: the one written, else the saved connection's, else Docker's rule — a host Docker treats as
 * insecure (loopback) is HTTPS if it speaks TLS and plain HTTP otherwise, as `docker pull` would find it.
 */
async function targetFor(
  input: string,
  connection: DoctorDeps['connection'],
  timeoutMs: number,
): Promise<Target> {
  const target = parseTarget(input, connection?.insecureHttp ? 'http' : 'https');
  const schemeGiven = /^https?:\/\//i.test(input);
  if (schemeGiven || !connection?.dockerSchemeRule || target.scheme === 'http') return target;
  if (!(await isDockerInsecureByDefault(target.host))) return target;
  const probe = await probeTls(target.hostname, target.port, target.hostname, timeoutMs);
  return probe.kind === 'not-tls' ? { ...target, scheme: 'http' } : target;
}

function unexpected(error: unknown): Outcome {
  const message = error instanceof Error ? error.message : String(error);
  const info = error instanceof BerthError ? { error: error.toInfo() } : {};
  if (!(error instanceof BerthError) || !error.hint) return { status: 'fail', detail: message, ...info };
  const appText = error.appHint !== error.hint ? { appText: error.appHint } : {};
  return { status: 'fail', detail: message, ...info, fix: { text: error.hint, ...appText } };
}

async function checkResolve(target: Target, deps: DoctorDeps, found: Findings): Promise<Outcome> {
  try {
    found.addresses = await resolveName(deps.resolver ?? systemResolver, target.hostname);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    const { hostname } = target;
    return {
      status: 'fail',
      ...detailOf(
        code === 'ENOTFOUND' || code === 'ENODATA'
          ? say('resolveNotFound', { hostname })
          : say('resolveFailed', { hostname, code }),
      ),
      fix: fixOf(say('resolveFix', { hostname })),
    };
  }
  if (!found.addresses.length) {
    return {
      status: 'fail',
      ...detailOf(say('resolveNoAddresses', { hostname: target.hostname })),
      fix: fixOf(say('resolveNoAddressesFix')),
    };
  }
  const named = found.addresses.length === 1 && found.addresses[0] === target.hostname;
  return {
    status: 'ok',
    ...detailOf(
      named
        ? say('resolveIsAddress', { hostname: target.hostname })
        : say('resolveAddresses', { hostname: target.hostname, addresses: found.addresses.join(', ') }),
    ),
    data: { addresses: found.addresses },
  };
}

async function checkTcp(target: Target, found: Findings, timeoutMs: number): Promise<Outcome> {
  const failures: Said[] = [];
  let refused = true;
  for (const address of found.addresses) {
    const result = await connectTcp(address, target.port, timeoutMs);
    if (result.ok) {
      found.address = address;
      return { status: 'ok', ...detailOf(say('tcpConnected', { address, port: target.port })) };
    }
    refused &&= result.reason === 'refused';
    failures.push(
      result.reason === 'refused'
        ? say('tcpRefused', { address })
        : result.reason === 'timeout' && result.code === 'timeout'
          ? say('tcpTimeout', { address, ms: timeoutMs })
          : say('tcpError', { address, message: result.message }),
    );
  }
  const [first, ...rest] = failures;
  return {
    status: 'fail',
    ...detailOf(...(first ? [say('tcpPortFailed', { port: target.port, failure: first }), ...rest] : [])),
    fix: fixOf(
      refused ? say('tcpRefusedFix', { port: target.port, host: target.host }) : say('tcpDroppedFix'),
    ),
  };
}

async function checkRegistry(client: RegistryClient, target: Target, found: Findings): Promise<Outcome> {
  try {
    found.ping = await ping(client, target.host);
  } catch (error) {
    return unexpected(error);
  }
  const { apiVersion, authScheme, realm } = found.ping;
  const asksFor = say('asksFor', {
    auth:
      authScheme === 'none'
        ? say('authNone')
        : authScheme === 'bearer'
          ? say('authBearer', { realm: realm ?? '?' })
          : authScheme === 'basic'
            ? say('authBasic')
            : say('authUnknown'),
  });
  if (!apiVersion) {
    return { status: 'warn', ...detailOf(say('noApiVersion'), asksFor), data: { authScheme } };
  }
  return {
    status: 'ok',
    ...detailOf(say('apiVersion', { apiVersion }), asksFor),
    data: { apiVersion, authScheme, realm },
  };
}

async function checkCredential(
  client: RegistryClient,
  target: Target,
  deps: DoctorDeps,
  found: Findings,
): Promise<Outcome> {
  const credential = deps.connection?.credential;
  // A registry that asks for no login has nothing to log in to: no fix to offer.
  if (!credential && found.ping?.authScheme === 'none')
    return { status: 'skipped', ...detailOf(say('credentialNotAsked')) };
  if (!credential) {
    return {
      status: 'skipped',
      ...detailOf(say('credentialNone')),
      fix: fixOf(say('loginFix', { host: target.host }), { action: 'login' }),
    };
  }
  const who = credential.kind === 'basic' ? credential.username : say('savedToken');
  try {
    const result = await verifyLogin(client, target.host);
    const how =
      result.authScheme === 'bearer'
        ? say('tokenIssued')
        : result.authScheme === 'basic'
          ? say('basicAccepted')
          : say('noneAsked');
    return {
      status: result.authScheme === 'none' ? 'warn' : 'ok',
      ...detailOf(say('credentialWorks', { who, how })),
    };
  } catch (error) {
    if (
      error instanceof AuthError &&
      (error.problem === 'credentials-rejected' || error.problem === 'credentials-required')
    ) {
      return {
        status: 'fail',
        ...detailOf(say('credentialRefused', { who, host: target.host })),
        fix: fixOf(say('loginAgainFix', { host: target.host }), { action: 'login' }),
      };
    }
    return unexpected(error);
  }
}

async function checkDocker(target: Target, deps: DoctorDeps, found: Findings): Promise<Outcome> {
  if (deps.engineKind === 'podman') return { status: 'skipped', ...detailOf(say('dockerPodman')) };
  if (!deps.daemon) return { status: 'skipped', ...detailOf(say('dockerNoFile')) };
  const certsD = await certsDFor(target, deps);
  return judgeDockerView({
    host: target.host,
    hostname: target.hostname,
    isDockerHub: target.isDockerHub,
    addresses: found.addresses,
    speaks: found.speaks ?? target.scheme,
    chain: found.chain,
    trustedBySystem: found.trustedBySystem,
    certsD,
    daemon: deps.daemon,
  });
}

async function checkRateLimit(client: RegistryClient, target: Target, deps: DoctorDeps): Promise<Outcome> {
  const head = await headManifest(client, {
    registry: 'docker.io',
    repository: 'ratelimitpreview/test',
    reference: 'latest',
  });
  return judgeRateLimit(head.rateLimit, deps.connection?.credential !== undefined);
}
