import type { Fix } from '../../../shared/contract/index.js';
import { toRegistryCredential } from '../credentials/index.js';
import { locateDaemonConfig } from '../daemon-config/index.js';
import { applyFix, diagnose, parseTarget, readDaemonView, type Diagnosis } from '../doctor/index.js';
import { BerthError, type RegistryConnection } from '../registry/index.js';
import { toConnection, type BerthServices } from '../services.js';
import { savedConnection } from '../connections/index.js';
import type { Handlers } from './types.js';

type DoctorHandlers = Pick<Handlers, 'doctor.run' | 'doctor.applyFix'>;

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

async function run(
  services: BerthServices,
  target: string,
  connection: string | undefined,
): Promise<Diagnosis> {
  return diagnose(target, {
    connection: await connectionOf(services, hostOf(target), connection),
    daemon: await readDaemonView(locateDaemonConfig().file),
    onSecret: (secret) => services.secrets.add(secret),
  });
}

/**
 * A fix is applied only as the diagnosis offers it now: the renderer names the fix, but the folder to
 * write and the certificate to trust come from the core's own finding, not from the request.
 */
async function currentFix(
  services: BerthServices,
  target: string,
  connection: string | undefined,
  asked: Fix,
): Promise<{ fix: Fix; host: string }> {
  const diagnosis = await run(services, target, connection);
  const offered = diagnosis.steps
    .map((step) => step.fix)
    .find((fix): fix is Fix => fix !== undefined && fix.action === asked.action && fix.value === asked.value);
  if (!offered)
    throw new BerthError('INVALID_INPUT', `the diagnosis of ${diagnosis.host} no longer offers this fix`, {
      hint: 'Something changed since the last run: run the diagnosis again and look at its result.',
    });
  return { fix: offered, host: diagnosis.host };
}

export const doctorHandlers: DoctorHandlers = {
  'doctor.run': async (input, { services }) => run(services, input.host, input.connection),

  'doctor.applyFix': async (input, { services }) => {
    const { fix, host } = await currentFix(services, input.host, input.connection, input.fix);
    const outcome = await applyFix(fix, {
      services,
      host,
      connection: input.connection,
      daemonConfigFile: locateDaemonConfig().file,
    });
    services.client.forget(host);
    return outcome;
  },
};
