import type { Fix } from '../../../shared/contract/index.js';
import { locateDaemonConfig } from '../daemon-config/index.js';
import { probeEngine } from '../docker/index.js';
import { diagnoseRegistry, fixAndRecheck, type StepId } from '../doctor/index.js';
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
): Promise<{ fix: Fix; host: string; step: StepId }> {
  const diagnosis = await diagnoseRegistry(services, target, { connection });
  const offered = diagnosis.steps.find(
    (step) => step.fix !== undefined && step.fix.action === asked.action && step.fix.value === asked.value,
  );
  if (!offered?.fix)
    throw new BerthError('INVALID_INPUT', `the diagnosis of ${diagnosis.host} no longer offers this fix`, {
      hint: 'Something changed since the last run: run the diagnosis again and look at its result.',
    });
  return { fix: offered.fix, host: diagnosis.host, step: offered.id };
}

export const doctorHandlers: DoctorHandlers = {
  'doctor.run': async (input, { services, signal }) => {
    // Which engine pulls here decides whether Docker's rules are the ones to check.
    const engine = await probeEngine(services.engine(), signal);
    const diagnosis = await diagnoseRegistry(services, input.host, {
      connection: input.connection,
      ...(engine.engine ? { engineKind: engine.engine.kind } : {}),
    });
    // Each fix in the app's words: a button or a screen, not a `berth` command.
    const steps = diagnosis.steps.map((step) => {
      if (!step.fix?.appText) return step;
      const { appText, ...fix } = step.fix;
      return { ...step, fix: { ...fix, text: appText } };
    });
    return { ...diagnosis, steps };
  },

  'doctor.applyFix': async (input, { services }) => {
    const { fix, host, step } = await currentFix(services, input.host, input.connection, input.fix);
    const schemeGiven = /^(https?):\/\//i.exec(input.host)?.[1]?.toLowerCase() as
      'http' | 'https' | undefined;
    // The app gets the outcome in its own words (a button to press, not a command to type).
    const { appMessage, ...outcome } = await fixAndRecheck(services, fix, {
      host,
      connection: input.connection,
      daemonConfigFile: locateDaemonConfig().file,
      schemeGiven,
      step,
      target: input.host,
      diagnose: { connection: input.connection },
    });
    return appMessage ? { ...outcome, message: appMessage } : outcome;
  },
};
