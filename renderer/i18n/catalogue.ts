// The catalogues: English is each feature's `messages.ts` (react-intl's defineMessages, the English text
// beside the code that shows it); Simplified Chinese is one JSON file per feature in ./zh-CN, keyed by
// message id. test/unit/i18n-catalogue.test.ts checks they match: no missing, no unused, same arguments.
import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import type { Language } from '../../shared/contract/preferences.js';
import { PSEUDO_LOCALE, type InterfaceLocale } from './languages.js';
import { collectDescriptors } from './catalogue-read.js';
import { pseudoMessage } from './pseudo.js';

const englishModules = import.meta.glob(['../**/messages.ts'], { eager: true });
const chineseFiles = import.meta.glob<Record<string, string>>('./zh-CN/*.json', {
  eager: true,
  import: 'default',
});

export const ENGLISH: Record<string, string> = Object.fromEntries(
  collectDescriptors(englishModules).map((descriptor) => [descriptor.id, descriptor.defaultMessage]),
);

const CHINESE: Record<string, string> = Object.assign({}, ...Object.values(chineseFiles));

let pseudo: Record<string, MessageFormatElement[]> | undefined;

/** The messages react-intl is given for a locale (English is each descriptor's own defaultMessage). */
export function messagesFor(locale: InterfaceLocale): Record<string, string | MessageFormatElement[]> {
  if (locale === PSEUDO_LOCALE) {
    pseudo ??= Object.fromEntries(Object.entries(ENGLISH).map(([id, text]) => [id, pseudoMessage(text)]));
    return pseudo;
  }
  return (locale satisfies Language) === 'zh-CN' ? CHINESE : ENGLISH;
}
