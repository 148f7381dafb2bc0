// A sentence the main process says, given as a stable key and plain-data params beside its English text:
// the CLI prints the English, and the app says the key in the interface language (the English for a key it
// does not know). The English is made from the same template, so the two cannot drift apart.

/** A param is data (a host, a number) or a phrase of its own (“asks for {auth}”), said first. */
export type PhraseParams = { [name: string]: string | number | Phrase };

export interface Phrase {
  /** Stable: `<area>.<what>` (`doctor.tcpRefused`, `daemon.mirrorNoScheme`); a front door's catalogue key. */
  key: string;
  params?: PhraseParams;
}

/** A phrase with its English, as the core makes them. */
export interface Said {
  phrase: Phrase;
  text: string;
}

/** `template` with each `{name}` replaced by its value (the English templates use no other syntax). */
export function fillTemplate(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

/**
 * A book of English templates by key: `say(key, params)` gives the phrase and its English together; a
 * param may itself be said (`say('asksFor', { auth: say('bearer', { realm }) })`). Keys are
 * `<area>.<key>` in the contract (the renderer's message ids); the book is written with the bare key.
 */
export function phrasebook<Key extends string>(area: string, templates: Record<Key, string>) {
  return function say(key: Key, params?: Record<string, string | number | Said>): Said {
    const values: Record<string, string | number> = {};
    const phraseParams: PhraseParams = {};
    for (const [name, value] of Object.entries(params ?? {})) {
      values[name] = typeof value === 'object' ? value.text : value;
      phraseParams[name] = typeof value === 'object' ? value.phrase : value;
    }
    return {
      phrase: { key: `${area}.${key}`, ...(params ? { params: phraseParams } : {}) },
      text: fillTemplate(templates[key], values),
    };
  };
}

/** Sentences or facts said one after the other: their phrases, and their English joined by `separator`. */
export function sayAll(parts: readonly Said[], separator: string): { said: Phrase[]; text: string } {
  return { said: parts.map((part) => part.phrase), text: parts.map((part) => part.text).join(separator) };
}
