// The catalogues match: every English message (the `defaultMessage`s of renderer/**/messages.ts) has a
// Simplified Chinese one in renderer/i18n/zh-CN/<folder>.json with the same arguments and tags, no Chinese
// file holds an id nothing defines, every message parses as ICU MessageFormat, and a sentence is not left
// in English in the Chinese catalogue.
import { globSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { collectDescriptors, type MessageDescriptor } from '../../renderer/i18n/catalogue-read.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const rendererDir = path.join(root, 'renderer');
const chineseDir = path.join(rendererDir, 'i18n/zh-CN');

/** The folder a messages file speaks for: its ids start with `<area>.`. */
function areaOf(file: string): string {
  const folder = path.basename(path.dirname(file));
  return folder === 'i18n' ? 'common' : folder === 'renderer' ? 'app' : folder;
}

/** Argument names and tag names a message uses (`{count}`, `<b>`), as a sorted list. */
function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): string[] {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    into.add(element.type === TYPE.tag ? `<${element.value}>` : `{${element.value}}`);
    if (element.type === TYPE.tag) argumentsOf(element.children, into);
    if (element.type === TYPE.plural || element.type === TYPE.select)
      for (const option of Object.values(element.options)) argumentsOf(option.value, into);
  }
  return [...into].sort();
}

/** The text a reader sees, arguments left out. */
function literalText(elements: MessageFormatElement[]): string {
  return elements
    .map((element) =>
      element.type === TYPE.literal
        ? element.value
        : element.type === TYPE.tag
          ? literalText(element.children)
          : element.type === TYPE.plural || element.type === TYPE.select
            ? Object.values(element.options)
                .map((option) => literalText(option.value))
                .join(' ')
            : ' ',
    )
    .join('');
}

/**
 * English that stays as it is in Chinese: names and abbreviations only (Docker Hub, OCI, HTTPS, JSON, a
 * size's `{value} {unit}`), no lower-case word of two letters or more outside a name.
 */
function isNamesOnly(english: string): boolean {
  return !/(^|[\s(“"'])[a-z]{2,}/.test(literalText(parse(english)));
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

const english: { file: string; descriptor: MessageDescriptor }[] = [];
let chinese: { file: string; id: string; text: string }[] = [];

beforeAll(async () => {
  const files = globSync('**/messages.ts', { cwd: rendererDir }).map((file) => path.join(rendererDir, file));
  for (const file of files) {
    const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    for (const descriptor of collectDescriptors({ [file]: module })) english.push({ file, descriptor });
  }
  chinese = globSync('*.json', { cwd: chineseDir }).flatMap((name) => {
    const file = path.join(chineseDir, name);
    const entries = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    return Object.entries(entries).map(([id, text]) => ({ file, id, text: String(text) }));
  });
});

describe('the interface catalogues', () => {
  it('finds the messages', () => {
    expect(english.length).toBeGreaterThan(20);
    expect(chinese.length).toBeGreaterThan(20);
  });

  it('gives every English message a unique id named after its folder', () => {
    const seen = new Map<string, string>();
    const problems: string[] = [];
    for (const { file, descriptor } of english) {
      const where = path.relative(root, file);
      if (!descriptor.id.startsWith(`${areaOf(file)}.`))
        problems.push(`${where}: ${descriptor.id} does not start with "${areaOf(file)}."`);
      const other = seen.get(descriptor.id);
      if (other !== undefined && other !== where) problems.push(`${descriptor.id} in ${other} and ${where}`);
      seen.set(descriptor.id, where);
    }
    expect(problems).toEqual([]);
  });

  it('parses every message as ICU MessageFormat, plurals with an "other" case', () => {
    const problems: string[] = [];
    const check = (id: string, text: string, language: string) => {
      try {
        const visit = (elements: MessageFormatElement[]) => {
          for (const element of elements) {
            if (element.type === TYPE.plural && !('other' in element.options))
              problems.push(`${language} ${id}: a plural without "other"`);
            if (element.type === TYPE.plural || element.type === TYPE.select)
              for (const option of Object.values(element.options)) visit(option.value);
            if (element.type === TYPE.tag) visit(element.children);
          }
        };
        visit(parse(text));
      } catch (error) {
        problems.push(`${language} ${id}: ${(error as Error).message} in ${JSON.stringify(text)}`);
      }
    };
    for (const { descriptor } of english) check(descriptor.id, descriptor.defaultMessage, 'en');
    for (const { id, text } of chinese) check(id, text, 'zh-CN');
    expect(problems).toEqual([]);
  });

  it('has no missing and no unused Chinese messages, each in its folder’s file', () => {
    const englishIds = new Set(english.map(({ descriptor }) => descriptor.id));
    const chineseIds = new Set(chinese.map(({ id }) => id));
    expect([...englishIds].filter((id) => !chineseIds.has(id)).sort(), 'missing in zh-CN').toEqual([]);
    expect([...chineseIds].filter((id) => !englishIds.has(id)).sort(), 'unused in zh-CN').toEqual([]);
    const misplaced = chinese
      .filter(({ file, id }) => !id.startsWith(`${path.basename(file, '.json')}.`))
      .map(({ file, id }) => `${id} in ${path.relative(root, file)}`);
    expect(misplaced).toEqual([]);
  });

  it('keeps each message’s arguments and tags in Chinese', () => {
    const byId = new Map(english.map(({ descriptor }) => [descriptor.id, descriptor.defaultMessage]));
    const problems: string[] = [];
    for (const { id, text } of chinese) {
      const source = byId.get(id);
      if (source === undefined) continue;
      let expected: string[];
      let actual: string[];
      try {
        expected = argumentsOf(parse(source));
        actual = argumentsOf(parse(text));
      } catch {
        continue; // reported by the parse test
      }
      if (expected.join() !== actual.join())
        problems.push(
          `${id}: English has ${expected.join(' ') || 'none'}, Chinese ${actual.join(' ') || 'none'}`,
        );
    }
    expect(problems).toEqual([]);
  });

  it('translates every sentence (only names and abbreviations may stay English)', () => {
    const byId = new Map(english.map(({ descriptor }) => [descriptor.id, descriptor.defaultMessage]));
    const untranslated = chinese
      .filter(({ id, text }) => {
        const source = byId.get(id);
        if (source === undefined) return false;
        try {
          return !CJK.test(literalText(parse(text))) && !isNamesOnly(source);
        } catch {
          return false;
        }
      })
      .map(({ id, text }) => `${id}: ${text}`);
    expect(untranslated).toEqual([]);
  });
});
