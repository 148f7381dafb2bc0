// Data inside a message stays data: every message of both catalogues (and the pseudo-locale), given
// hostile text for each of its text arguments — ICU syntax, HTML, apostrophes, bidi marks, a very long
// Chinese name — formats without an error and shows that text exactly as it was given. A registry's error
// message with ICU syntax or HTML goes through describeError the same way.
import { globSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { createIntl } from 'react-intl';
import { beforeAll, describe, expect, it } from 'vitest';
import { collectDescriptors } from '../../renderer/i18n/catalogue-read.js';
import { describeError } from '../../renderer/i18n/errors.js';
import { translator } from '../../renderer/i18n/index.js';
import { pseudoMessage } from '../../renderer/i18n/pseudo.js';
import { chineseT, englishT } from '../fixtures/i18n.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const HOSTILE = [
  '{count}',
  '{count, plural, one {#} other {# tags}}',
  '<b>x</b>',
  "it's '{quoted}'",
  "''",
  '#',
  '\u202Eevil.exe\u202C \u200Fname\u200E',
  '镜像仓库'.repeat(64),
];

interface Argument {
  name: string;
  kind: 'text' | 'number' | 'date' | 'select';
  /** Shown whatever the other arguments are (not inside a plural or select branch). */
  isAlwaysShown: boolean;
}

function argumentsOf(elements: MessageFormatElement[], isShown: boolean, into: Argument[] = []): Argument[] {
  for (const element of elements) {
    switch (element.type) {
      case TYPE.argument:
        into.push({ name: element.value, kind: 'text', isAlwaysShown: isShown });
        break;
      case TYPE.number:
        into.push({ name: element.value, kind: 'number', isAlwaysShown: isShown });
        break;
      case TYPE.date:
      case TYPE.time:
        into.push({ name: element.value, kind: 'date', isAlwaysShown: isShown });
        break;
      case TYPE.plural:
        into.push({ name: element.value, kind: 'number', isAlwaysShown: isShown });
        for (const option of Object.values(element.options)) argumentsOf(option.value, false, into);
        break;
      case TYPE.select:
        into.push({ name: element.value, kind: 'select', isAlwaysShown: isShown });
        for (const option of Object.values(element.options)) argumentsOf(option.value, false, into);
        break;
      case TYPE.tag:
        argumentsOf(element.children, isShown, into);
        break;
      case TYPE.literal:
      case TYPE.pound:
        break;
    }
  }
  return into;
}

let english: { id: string; defaultMessage: string }[] = [];

beforeAll(async () => {
  const modules: Record<string, unknown> = {};
  for (const file of globSync('renderer/**/messages.ts', { cwd: root }))
    modules[file] = await import(pathToFileURL(path.join(root, file)).href);
  english = collectDescriptors(modules);
});

/** Values for a message: `hostile` for every text argument, 2 for numbers, `other` for selects. */
function valuesFor(args: Argument[], hostile: string): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const arg of args) {
    if (arg.kind === 'text' && values[arg.name] === undefined) values[arg.name] = hostile;
    else if (arg.kind === 'number') values[arg.name] = 2;
    else if (arg.kind === 'date') values[arg.name] = new Date('2026-03-01T10:00:00Z');
    else if (arg.kind === 'select') values[arg.name] ??= hostile;
  }
  return values;
}

/** Tags rendered as their chunks, so the text can be compared. */
function tagValues(text: string): Record<string, (chunks: string[]) => string> {
  const tags = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const element of elements) {
      if (element.type === TYPE.tag) {
        tags.add(element.value);
        walk(element.children);
      }
      if (element.type === TYPE.plural || element.type === TYPE.select)
        for (const option of Object.values(element.options)) walk(option.value);
    }
  };
  walk(parse(text));
  return Object.fromEntries([...tags].map((tag) => [tag, (chunks: string[]) => chunks.join('')]));
}

describe('data inside a message is shown literally', () => {
  for (const language of ['en', 'zh-CN', 'en-XA'] as const) {
    it(`in ${language}: every message, every text argument, every hostile value`, () => {
      const t = language === 'zh-CN' ? chineseT() : englishT();
      const errors: string[] = [];
      const intl =
        language === 'en-XA'
          ? createIntl({
              locale: 'en',
              defaultLocale: 'en',
              messages: Object.fromEntries(english.map((m) => [m.id, pseudoMessage(m.defaultMessage)])),
              onError: (error) => errors.push(error.message),
            })
          : t.intl;
      const say = translator(intl);
      const problems: string[] = [];
      for (const message of english) {
        const args = argumentsOf(parse(message.defaultMessage), true);
        if (!args.some((arg) => arg.kind === 'text')) continue;
        for (const hostile of HOSTILE) {
          const values = { ...valuesFor(args, hostile), ...tagValues(message.defaultMessage) };
          let text: string;
          try {
            text = say(message, values as never);
          } catch (error) {
            problems.push(`${message.id} with ${hostile}: ${(error as Error).message}`);
            continue;
          }
          const numbers = new Set(args.filter((arg) => arg.kind !== 'text').map((arg) => arg.name));
          const shown = args.some(
            (arg) => arg.kind === 'text' && arg.isAlwaysShown && !numbers.has(arg.name),
          );
          if (shown && !text.includes(hostile)) problems.push(`${message.id} with ${hostile}: ${text}`);
        }
      }
      expect(problems).toEqual([]);
      expect(errors).toEqual([]);
    });
  }
});

describe('a registry error message with ICU syntax or HTML', () => {
  const registryWords = "denied: {count, plural, other {#}} <script>alert('x')</script> '{x}'";
  for (const [language, t] of [
    ['en', englishT()],
    ['zh-CN', chineseT()],
  ] as const) {
    it(`in ${language}: an untranslated error keeps its words exactly`, () => {
      const text = describeError(t, {
        code: 'REGISTRY',
        message: `registry.lab: ${registryWords}`,
        hint: `<b>${registryWords}</b>`,
        registry: 'registry.lab',
      });
      expect(text.message).toContain(registryWords);
      expect(text.hint ?? '').toContain(registryWords);
    });

    it(`in ${language}: a translated error keeps a hostile registry name exactly`, () => {
      const host = '{registry}<b>';
      const text = describeError(t, {
        code: 'NETWORK',
        message: `${host}: connection refused`,
        hint: 'english hint',
        registry: host,
        problem: 'refused',
      });
      expect(text.message).toContain(host);
    });
  }
});
