// Which language the interface picks, and the pseudo-locale's marking of catalogue text.
import { parse } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { catalogueFor, pickLanguage, resolveLanguage } from '../../renderer/i18n/languages.js';
import { accent, pseudoMessage } from '../../renderer/i18n/pseudo.js';

describe('the interface language', () => {
  it('follows the first system locale Berth has a catalogue for', () => {
    expect(pickLanguage(['zh-CN', 'en-US'])).toBe('zh-CN');
    expect(pickLanguage(['de-DE', 'zh-Hans-SG', 'en'])).toBe('zh-CN');
    expect(pickLanguage(['fr', 'en-GB', 'zh-CN'])).toBe('en');
    expect(pickLanguage(['zh_TW'])).toBe('zh-CN');
    expect(pickLanguage(['ja-JP', 'ko'])).toBe('en');
    expect(pickLanguage([])).toBe('en');
    expect(catalogueFor('ZH')).toBe('zh-CN');
    expect(catalogueFor('eng')).toBeUndefined();
  });

  it('takes the user’s pick over the system', () => {
    expect(resolveLanguage('en', ['zh-CN'])).toBe('en');
    expect(resolveLanguage('zh-CN', ['en-US'])).toBe('zh-CN');
    expect(resolveLanguage('system', ['zh-CN'])).toBe('zh-CN');
  });
});

describe('the pseudo-locale', () => {
  it('accents every ASCII letter and nothing else', () => {
    expect(accent('Delete 3 tags?')).toMatch(/^[^A-Za-z]+$/);
    expect(accent('1.5 — ok')).toBe('1.5 — öķ');
  });

  it('keeps arguments, plurals and tags working, and brackets the whole message', () => {
    const text = '{count, plural, one {# tag} other {# tags}} in <b>{repository}</b>';
    const format = (count: number) =>
      new IntlMessageFormat(pseudoMessage(text), 'en').format({
        count,
        repository: 'team/app',
        b: (chunks: unknown[]) => `*${chunks.join('')}*`,
      });
    expect(format(1)).toBe('⟦1 ţáĝ îñ *team/app*⟧');
    expect(format(12)).toBe('⟦12 ţáĝš îñ *team/app*⟧');
    expect(() => parse(text)).not.toThrow();
  });
});
