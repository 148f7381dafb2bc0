// The app's own preferences (the interface language), kept in the settings file beside the connections.
import { z } from 'zod';
import { request } from './define.js';

/** The languages Berth's interface is written in; the CLI stays English. */
export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

/** What the user picked: a language, or `system` (follow the OS / browser locale). */
export const LANGUAGE_CHOICES = ['system', ...LANGUAGES] as const;
export type LanguageChoice = (typeof LANGUAGE_CHOICES)[number];

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
