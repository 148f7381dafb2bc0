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

  'prune.preview': async (input, { services, signal }) =>
    previewPrune(services, input.rule, signal ? { signal } : {}),
};
