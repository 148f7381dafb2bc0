import { previewPrune } from '../prune/index.js';
import type { Handlers } from './types.js';

type PruneHandlers = Pick<Handlers, Extract<keyof Handlers, `prune.${string}`>>;

export const pruneHandlers: PruneHandlers = {
  'prune.rules': async (_input, { services }) => services.settings.cleanupRules(),

  'prune.unreadableRules': async (_input, { services }) => services.settings.unreadableCleanupRules(),

  'prune.saveRule': async (input, { services }) =>
    services.settings.saveCleanupRule(input.rule, input.previousName),

  'prune.removeRule': async (input, { services }) => ({
    removed: services.settings.removeCleanupRule(input.name),
  }),

  'prune.preview': async (input, { services, signal }) => {
    const controller = new AbortController();
    const abort = () => controller.abort();
    signal?.addEventListener('abort', abort, { once: true });
    if (signal?.aborted) abort();
    if (input.previewId !== undefined) previews.set(input.previewId, controller);
    try {
      return await previewPrune(services, input.rule, { signal: controller.signal });
    } finally {
      signal?.removeEventListener('abort', abort);
      if (input.previewId !== undefined && previews.get(input.previewId) === controller)
        previews.delete(input.previewId);
    }
  },

  'prune.cancelPreview': async ({ previewId }) => {
    const controller = previews.get(previewId);
    controller?.abort();
    return { cancelled: controller !== undefined };
  },
};

/** Previews under way by the id their caller gave, so a Cancel can stop one (the app's IPC has no abort). */
const previews = new Map<string, AbortController>();
