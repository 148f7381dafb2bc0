import { InvalidReferenceError, parseReference, parseRepositoryName } from '../../../shared/reference.js';
import { previewCopy } from '../copy/index.js';
import type { MirrorTestInput } from '../daemon-config/index.js';
import { BerthError } from '../errors.js';
import type { ValidInput } from '../../../shared/contract/index.js';
import { mirrorRules } from './daemon.js';
import type { Handlers } from './types.js';

type JobHandlers = Pick<Handlers, 'jobs.list' | 'jobs.start' | 'jobs.cancel' | 'jobs.retry' | 'copy.plan'>;

/** Parses with `parse`; a malformed reference is a typed error now rather than a failed job later. */
function checkReference(text: string, parse: (text: string) => unknown): void {
  try {
    parse(text);
  } catch (error) {
    if (!(error instanceof InvalidReferenceError)) throw error;
    throw new BerthError('INVALID_REFERENCE', error.message, {
      hint: 'Write it as host/repository:tag (or @sha256:digest), in lower case.',
    });
  }
}

function checkReferences(input: Exclude<ValidInput<'jobs.start'>, { kind: 'mirror-test' }>): void {
  if (input.kind === 'copy') {
    checkReference(input.source, parseReference);
    checkReference(input.destination, parseReference);
  } else if (input.kind === 'sync') {
    checkReference(input.source, parseRepositoryName);
    checkReference(input.destination, parseRepositoryName);
  } else if (input.kind === 'pull') checkReference(input.reference, parseReference);
  else {
    checkReference(input.source, parseReference);
    if (input.to) checkReference(input.to, parseReference);
  }
}

export const jobHandlers: JobHandlers = {
  'jobs.list': async (_input, { services }) => services.jobs.list(),

  'jobs.start': async (input, { services }) => {
    if (input.kind === 'mirror-test') {
      const { mirrors } = input;
      const title = `mirror test ${mirrors.length === 1 ? mirrors[0] : `of ${mirrors.length} mirrors`}`;
      const job: MirrorTestInput = { mirrors, rules: await mirrorRules(services) };
      return { id: services.jobs.start('mirror-test', job, title) };
    }
    checkReferences(input);
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

  'copy.plan': async (input, { services, signal }) => {
    checkReference(input.source, parseReference);
    checkReference(input.destination, parseReference);
    return previewCopy(services.client, input, signal);
  },
};
