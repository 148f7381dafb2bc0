// The interface language for the whole renderer: react-intl's provider over the catalogue of the language
// picked (Settings, remembered by the main process) or the OS / browser locale, switched without a restart.
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { IntlProvider, type ResolvedIntlConfig } from 'react-intl';
import type { Language, LanguageChoice, PreferenceChange } from '../../shared/contract/preferences.js';
import type { ErrorInfo } from '../../shared/errors.js';
import { api } from '../api.js';
import { messagesFor } from './catalogue.js';
import { PSEUDO_LOCALE, resolveLanguage, type InterfaceLocale } from './languages.js';

export interface LanguageSetting {
  /** What the user picked (`system`: the OS locale decides). */
  choice: LanguageChoice;
  /** The language shown. */
  language: Language;
  /** Switches now; remembers the choice in the settings file (a refusal is in the answer, not thrown). */
  choose(
    choice: LanguageChoice,
  ): Promise<{ ok: true; value: PreferenceChange } | { ok: false; error: ErrorInfo }>;
}

const LanguageContext = createContext<LanguageSetting | undefined>(undefined);

export function useLanguageSetting(): LanguageSetting {
  const setting = useContext(LanguageContext);
  if (!setting) throw new Error('useLanguageSetting outside LanguageProvider');
  return setting;
}

/** The locales the system prefers, most preferred first (Electron's follow the OS, like app.getLocale()). */
function systemLocales(): readonly string[] {
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}

/** `?lang=en-XA` (or `?lang=zh-CN`) in the address: for tests and screenshots, this page load only. */
function addressOverride(): LanguageChoice | typeof PSEUDO_LOCALE | undefined {
  const value = new URLSearchParams(location.search).get('lang');
  return value === PSEUDO_LOCALE || value === 'en' || value === 'zh-CN' ? value : undefined;
}

declare global {
  interface Window {
    /** Message ids a catalogue lacked while this page ran (read by the end-to-end tests). */
    __berthMissingMessages?: Set<string>;
  }
}

const reportError: ResolvedIntlConfig['onError'] = (error) => {
  const id = (error as { descriptor?: { id?: string } }).descriptor?.id;
  (window.__berthMissingMessages ??= new Set()).add(id ?? error.message);
  console.warn(`[i18n] ${error.message}`);
};

/** How long the first frame waits for the remembered language before showing the system's. */
const PREFERENCE_WAIT_MS = 2_000;

export function LanguageProvider({ children }: { children: ReactNode }) {
  const [override] = useState(addressOverride);
  const [choice, setChoice] = useState<LanguageChoice>(
    override === undefined || override === PSEUDO_LOCALE ? 'system' : override,
  );
  const [isReady, setIsReady] = useState(override !== undefined);

  useEffect(() => {
    if (override !== undefined) return;
    let isCurrent = true;
    // A host that does not answer at all must not leave a blank window: after a moment the system's
    // language shows, and the remembered one replaces it if the answer still comes.
    const deadline = setTimeout(() => setIsReady(true), PREFERENCE_WAIT_MS);
    void api.invoke('preferences.get', {}).then((outcome) => {
      if (!isCurrent) return;
      clearTimeout(deadline);
      if (outcome.ok) setChoice(outcome.value.language);
      // An unreadable preference (an older host, a damaged file): the system's language, as on a first run.
      setIsReady(true);
    });
    return () => {
      isCurrent = false;
      clearTimeout(deadline);
    };
  }, [override]);

  const language = resolveLanguage(choice, systemLocales());
  const locale: InterfaceLocale = override === PSEUDO_LOCALE ? PSEUDO_LOCALE : language;

  useEffect(() => {
    document.documentElement.lang = locale === PSEUDO_LOCALE ? 'en' : locale;
  }, [locale]);

  // Choices are remembered one after the other: two quick switches sent at once could reach the host in
  // either order and leave the file remembering the first.
  const remembering = useRef<Promise<unknown>>(Promise.resolve());
  const choose = useCallback<LanguageSetting['choose']>((next) => {
    setChoice(next);
    const answer = remembering.current.then(() => api.invoke('preferences.setLanguage', { language: next }));
    remembering.current = answer.catch(() => undefined);
    return answer;
  }, []);

  const setting = useMemo(() => ({ choice, language, choose }), [choice, language, choose]);

  // The first frame waits for the remembered choice (one local request), so a Chinese user never sees
  // an English flash.
  if (!isReady) return null;
  return (
    <LanguageContext.Provider value={setting}>
      <IntlProvider
        locale={locale === PSEUDO_LOCALE ? 'en' : locale}
        defaultLocale="en"
        messages={messagesFor(locale) as Record<string, string>}
        onError={reportError}
      >
        {children}
      </IntlProvider>
    </LanguageContext.Provider>
  );
}
