// What the main process says as a phrase (shared/contract/phrase.ts: a stable key, plain-data params) in
// the interface language. A feature hands in its catalogue of phrase messages (ids equal to the keys); a
// phrase with a key the renderer does not know comes back undefined, and the screen shows the English the
// main process sent beside it.
import type { Phrase } from '../../shared/contract/phrase.js';
import type { Message, MessageValues, Translate } from './index.js';

export type PhraseCatalogue = ReadonlyMap<string, Message>;

/** The messages of `defineMessages` objects by id, to look phrases up in. */
export function phraseCatalogue(...books: Record<string, Message>[]): PhraseCatalogue {
  return new Map(books.flatMap((book) => Object.values(book).map((message) => [message.id, message])));
}

/** One phrase in the interface language (its phrase params said first), or undefined for an unknown key. */
export function sayPhrase(t: Translate, catalogue: PhraseCatalogue, phrase: Phrase): string | undefined {
  const message = catalogue.get(phrase.key);
  if (!message) return undefined;
  const values: MessageValues = {};
  for (const [name, value] of Object.entries(phrase.params ?? {})) {
    if (typeof value !== 'object') {
      values[name] = value;
      continue;
    }
    const said = sayPhrase(t, catalogue, value);
    if (said === undefined) return undefined;
    values[name] = said;
  }
  return t(message, values);
}

/** Every phrase said, or undefined when one is unknown (the caller then shows the English as a whole). */
export function sayPhrases(
  t: Translate,
  catalogue: PhraseCatalogue,
  phrases: readonly Phrase[] | undefined,
): string[] | undefined {
  if (!phrases) return undefined;
  const said = phrases.map((phrase) => sayPhrase(t, catalogue, phrase));
  return said.every((text) => text !== undefined) ? said : undefined;
}
