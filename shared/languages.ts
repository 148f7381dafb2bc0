// The interface languages, without the contract's schemas: the settings store reads the picked language on
// every command, and `berth inspect` must not build the contract's zod schemas for it.

/** The languages Berth's interface is written in; the CLI stays English. */
export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

/** What the user picked: a language, or `system` (follow the OS / browser locale). */
export const LANGUAGE_CHOICES = ['system', ...LANGUAGES] as const;
export type LanguageChoice = (typeof LANGUAGE_CHOICES)[number];
