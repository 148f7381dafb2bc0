import { BerthError } from '../errors.js';
import type { Handlers } from './types.js';

type PreferenceHandlers = Pick<Handlers, 'preferences.get' | 'preferences.setLanguage'>;

export const preferenceHandlers: PreferenceHandlers = {
  'preferences.get': async (_input, { services }) => ({
    language: services.settings.language() ?? 'system',
  }),

  'preferences.setLanguage': async ({ language }, { services }) => {
    // A damaged or read-only settings file still switches the language for this run; the answer says
    // the choice will not outlive it.
    try {
      services.settings.setLanguage(language === 'system' ? undefined : language);
      return { language, remembered: true };
    } catch (error) {
      const hint = error instanceof BerthError ? error.appHint : undefined;
      const why = `${(error as Error).message}${hint ? `. ${hint}` : ''}`;
      services.warn(`the language choice is not remembered: ${why}`);
      return { language, remembered: false, why };
    }
  },
};
