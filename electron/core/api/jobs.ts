import { previewCopy } from '../copy/index.js';
import type { Handlers } from './types.js';

type JobHandlers = Pick<Handlers, 'jobs.list' | 'jobs.start' | 'jobs.cancel' | 'jobs.retry' | 'copy.plan'>;

export const jobHandlers: JobHandlers = {
  'jobs.list': async (_input, { services }) => services.jobs.list(),

  'jobs.start': async (input, { services }) => {
    const { kind, ...rest } = input;
    const title =
      input.kind === 'copy' || input.kind === 'sync'
        ? `${input.kind} ${input.source} → ${input.destination}`
        : input.kind === 'pull'
          ? `pull ${input.reference}`
          : `push ${input.to ?? input.source}`;
    return { id: services.jobs.start(kind, rest, title) };
  },

  'jobs.cancel': async (input, { services }) => ({ cancelled: services.jobs.cancel(input.id) }),

  'jobs.retry': async (input, { services }) => ({ id: services.jobs.retry(input.id) }),

  'copy.plan': async (input, { services, signal }) => previewCopy(services.client, input, signal),
};
