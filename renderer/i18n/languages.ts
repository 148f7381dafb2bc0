// Which language the interface speaks: the user's pick, else the first of the OS / browser locales Berth
// has a catalogue for, else English. Plain functions of plain data.
import { LANGUAGES, type Language, type LanguageChoice } from '../../shared/contract/preferences.js';

/**
 * A pseudo-locale for developers and tests (`?lang=en-XA` in the browser host's address): every catalogue
 * message in accented letters between ⟦ and ⟧, so any English left on screen was never translated.
 */
export const PSEUDO_LOCALE = 'en-XA';

/** What the interface is shown in: a real language, or the pseudo-locale. */
export type InterfaceLocale = Language | typeof PSEUDO_LOCALE;

/** Each language by its own name, as a language menu lists them. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  'zh-CN': '简体中文',
};

/**
 * The catalogue language for one BCP 47 tag: `zh`, `zh-CN`, `zh-Hans-SG`, and also `zh-TW` / `zh-Hant`
 * (there is no Traditional catalogue, and Simplified reads better to them than English); `en-*` → `en`.
 */
export function catalogueFor(tag: string): Language | undefined {
  const lower = tag.trim().toLowerCase().replace(/_/g, '-');
  if (lower === 'zh' || lower.startsWith('zh-')) return 'zh-CN';
  if (lower === 'en' || lower.startsWith('en-')) return 'en';
  return undefined;
}

/** The first of the preferred locales (most preferred first) that has a catalogue; English otherwise. */
export function pickLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const language = catalogueFor(tag);
    if (language) return language;
  }
  return 'en';
}

/** The language shown for a choice: the choice itself, or what the system's locales pick. */
export function resolveLanguage(choice: LanguageChoice, preferred: readonly string[]): Language {
  return choice === 'system' ? pickLanguage(preferred) : choice;
}

export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}
