// The app's own preferences (the interface language), kept in the settings file beside the connections.
import { z } from 'zod';
import { request } from './define.js';
import { LANGUAGE_CHOICES, LANGUAGES, type Language, type LanguageChoice } from '../languages.js';

export { LANGUAGES, LANGUAGE_CHOICES, type Language, type LanguageChoice };

export interface Preferences {
  language: LanguageChoice;
}

/** The choice made, and whether it outlives this run (a damaged or read-only settings file: `why`). */
export interface PreferenceChange extends Preferences {
  remembered: boolean;
  why?: string;
}

export const preferenceRequests = {
  'preferences.get': request<Preferences>()(z.strictObject({})),
  /** Remembers the interface language for the next start; the renderer switches at once either way. */
  'preferences.setLanguage': request<PreferenceChange>()(
    z.strictObject({ language: z.enum(LANGUAGE_CHOICES) }),
  ),
};
