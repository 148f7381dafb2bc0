// The language menu in the sidebar's foot: follow the system, English or 简体中文, each language by its own
// name. Switching is immediate; the choice is remembered in the settings file, and a refusal to remember
// it (a damaged or read-only file) is said under the menu while the switch still happens.
import { useRef, useState } from 'react';
import { LANGUAGE_CHOICES, type LanguageChoice } from '../shared/contract/preferences.js';
import type { ErrorInfo } from '../shared/errors.js';
import { describeError } from './i18n/errors.js';
import { useT } from './i18n/index.js';
import { LANGUAGE_NAMES, pickLanguage } from './i18n/languages.js';
import { common } from './i18n/messages.js';
import { useLanguageSetting } from './i18n/provider.js';
import { app as m } from './messages.js';

function systemLocales(): readonly string[] {
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}

export function LanguageMenu() {
  const t = useT();
  const setting = useLanguageSetting();
  // Kept as data and worded at render: the answer comes after the switch, in the new language.
  const [problem, setProblem] = useState<{ error: ErrorInfo } | { why: string }>();
  const latest = useRef(0);

  async function choose(choice: LanguageChoice) {
    const asked = ++latest.current;
    setProblem(undefined);
    const answer = await setting.choose(choice);
    // Switched again meanwhile: only the last choice's answer is said.
    if (asked !== latest.current) return;
    if (!answer.ok) setProblem({ error: answer.error });
    else if (!answer.value.remembered) setProblem({ why: answer.value.why ?? '' });
  }

  return (
    <div className="language-menu">
      <label className="language-field">
        <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true">
          <circle cx="8" cy="8" r="6.3" fill="none" stroke="currentColor" strokeWidth="1.2" />
          <path
            d="M1.8 8h12.4M8 1.7c-2 2-2 10.6 0 12.6M8 1.7c2 2 2 10.6 0 12.6"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.2"
          />
        </svg>
        <span className="visually-hidden">{t(common.language)}</span>
        <select
          className="inline-select"
          value={setting.choice}
          onChange={(event) => void choose(event.target.value as LanguageChoice)}
        >
          {LANGUAGE_CHOICES.map((choice) =>
            choice === 'system' ? (
              <option key={choice} value={choice}>
                {t(common.languageSystem, { language: LANGUAGE_NAMES[pickLanguage(systemLocales())] })}
              </option>
            ) : (
              <option key={choice} value={choice} lang={choice} translate="no">
                {LANGUAGE_NAMES[choice]}
              </option>
            ),
          )}
        </select>
      </label>
      {problem !== undefined && (
        <p className="language-problem" role="status">
          {t(m.languageNotRemembered, {
            reason: 'error' in problem ? describeError(t, problem.error).message : problem.why,
          })}
        </p>
      )}
    </div>
  );
}
