import type { Fix } from '../../../shared/contract/index.js';
import { locateDaemonConfig } from '../daemon-config/index.js';
import { diagnoseRegistry, fixRegistry } from '../doctor/index.js';
import { BerthError } from '../registry/index.js';
import type { BerthServices } from '../services.js';
import type { Handlers } from './types.js';

type DoctorHandlers = Pick<Handlers, 'doctor.run' | 'doctor.applyFix'>;

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
  const diagnosis = await diagnoseRegistry(services, target, { connection });
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
  'doctor.run': async (input, { services }) =>
    diagnoseRegistry(services, input.host, { connection: input.connection }),

  'doctor.applyFix': async (input, { services }) => {
    const { fix, host } = await currentFix(services, input.host, input.connection, input.fix);
    return fixRegistry(services, fix, {
      host,
      connection: input.connection,
      daemonConfigFile: locateDaemonConfig().file,
    });
  },
};
