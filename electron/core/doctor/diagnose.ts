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
import { judgeRateLimit } from './rate-limit.js';
import { parseTarget, type Target } from './target.js';
import { certsDFor, checkTls, type Findings, type Outcome } from './tls-step.js';
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
export const NOT_CHECKED = 'not checked: an earlier step failed';
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
          detail: NOT_CHECKED,
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
  if (!(error instanceof BerthError) || !error.hint) return { status: 'fail', detail: message };
  const appText = error.appHint !== error.hint ? { appText: error.appHint } : {};
  return { status: 'fail', detail: message, fix: { text: error.hint, ...appText } };
}

async function checkResolve(target: Target, deps: DoctorDeps, found: Findings): Promise<Outcome> {
  try {
    found.addresses = await resolveName(deps.resolver ?? systemResolver, target.hostname);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    const what =
      code === 'ENOTFOUND' || code === 'ENODATA'
        ? 'does not exist (NXDOMAIN)'
        : `could not be looked up (${code})`;
    return {
      status: 'fail',
      detail: `${target.hostname} ${what}`,
      fix: { text: `Check the spelling of ${target.hostname}, this machine's DNS settings or /etc/hosts.` },
    };
  }
  if (!found.addresses.length) {
    return {
      status: 'fail',
      detail: `${target.hostname} has no addresses`,
      fix: { text: 'Check the DNS records of the name.' },
    };
  }
  const named = found.addresses.length === 1 && found.addresses[0] === target.hostname;
  return {
    status: 'ok',
    detail: named ? `${target.hostname} is an address` : `${target.hostname} → ${found.addresses.join(', ')}`,
    data: { addresses: found.addresses },
  };
}

async function checkTcp(target: Target, found: Findings, timeoutMs: number): Promise<Outcome> {
  const failures: string[] = [];
  for (const address of found.addresses) {
    const result = await connectTcp(address, target.port, timeoutMs);
    if (result.ok) {
      found.address = address;
      return { status: 'ok', detail: `connected to ${address} port ${target.port}` };
    }
    failures.push(`${address}: ${result.reason === 'refused' ? 'connection refused' : result.message}`);
  }
  const refused = failures.every((line) => line.includes('refused'));
  return {
    status: 'fail',
    detail: `port ${target.port}: ${failures.join('; ')}`,
    fix: {
      text: refused
        ? `Nothing listens on port ${target.port}: start the registry, or check the port in "${target.host}".`
        : 'A firewall may be dropping the connection, or the host is down.',
    },
  };
}

async function checkRegistry(client: RegistryClient, target: Target, found: Findings): Promise<Outcome> {
  try {
    found.ping = await ping(client, target.host);
  } catch (error) {
    return unexpected(error);
  }
  const { apiVersion, authScheme, realm } = found.ping;
  const auth =
    authScheme === 'none'
      ? 'no authentication'
      : authScheme === 'bearer'
        ? `Bearer tokens from ${realm ?? '?'}`
        : authScheme === 'basic'
          ? 'Basic (user and password)'
          : 'an unknown auth scheme';
  if (!apiVersion) {
    return {
      status: 'warn',
      detail: `/v2/ answered without Docker-Distribution-API-Version (an OCI registry may omit it); asks for ${auth}`,
      data: { authScheme },
    };
  }
  return { status: 'ok', detail: `${apiVersion}; asks for ${auth}`, data: { apiVersion, authScheme, realm } };
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
    return { status: 'skipped', detail: 'the registry asks for no login: requests are anonymous' };
  if (!credential) {
    return {
      status: 'skipped',
      detail: 'no saved credential: requests are anonymous',
      fix: { text: `Log in to ${target.host} to pull private images.`, action: 'login' },
    };
  }
  const who = credential.kind === 'basic' ? credential.username : 'the saved token';
  try {
    const result = await verifyLogin(client, target.host);
    const how =
      result.authScheme === 'bearer'
        ? 'a token was issued'
        : result.authScheme === 'basic'
          ? '/v2/ accepted it'
          : 'the registry asks for none';
    return { status: result.authScheme === 'none' ? 'warn' : 'ok', detail: `${who}: ${how}` };
  } catch (error) {
    if (
      error instanceof AuthError &&
      (error.problem === 'credentials-rejected' || error.problem === 'credentials-required')
    ) {
      return {
        status: 'fail',
        detail: `${who} was refused by ${target.host}`,
        fix: { text: `Log in again with a password or token ${target.host} accepts.`, action: 'login' },
      };
    }
    return unexpected(error);
  }
}

async function checkDocker(target: Target, deps: DoctorDeps, found: Findings): Promise<Outcome> {
  if (deps.engineKind === 'podman')
    return {
      status: 'skipped',
      detail:
        "the local engine is Podman: it reads registries.conf and /etc/containers/certs.d, not Docker's daemon.json",
    };
  if (!deps.daemon) return { status: 'skipped', detail: 'no daemon.json was read' };
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
