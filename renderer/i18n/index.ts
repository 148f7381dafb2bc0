// How the renderer's code speaks: `const t = useT()`, then `t(messages.title)`, `t(messages.tags, { count })`,
// or `t.rich(messages.deleted, { name: <b translate="no">{name}</b> })` for a message with elements in it.
// Messages are defined beside the code that shows them (`<folder>/messages.ts`, ids `<folder>.<key>`), with
// the English text as `defaultMessage` in ICU MessageFormat: `{count, plural, one {# tag} other {# tags}}`.
import { useMemo, type ReactNode } from 'react';
import { useIntl, type IntlShape } from 'react-intl';

export interface Message {
  readonly id: string;
  readonly defaultMessage: string;
  /** For the translator: where the words appear and what the arguments are. */
  readonly description?: string;
}

/** The messages of one folder, as written (an identity function: the catalogue test reads them). */
export function defineMessages<const T extends Record<string, Message>>(messages: T): T {
  return messages;
}

export type MessageValues = Record<string, string | number | boolean | Date | null | undefined>;
export type RichValues = Record<
  string,
  string | number | boolean | Date | null | undefined | ReactNode | ((chunks: ReactNode[]) => ReactNode)
>;

export interface Translate {
  (message: Message, values?: MessageValues): string;
  /** A message whose values or tags (`<b>…</b>`) are elements. */
  rich(message: Message, values: RichValues): ReactNode;
  readonly intl: IntlShape;
}

type Untyped = (descriptor: Message, values?: unknown) => unknown;

/** The translate function of an IntlShape (for code outside components: pass `t` in). */
export function translator(intl: IntlShape): Translate {
  const format = intl.formatMessage as unknown as Untyped;
  const t = ((message: Message, values?: MessageValues) => String(format(message, values))) as Translate;
  Object.assign(t, {
    rich: (message: Message, values: RichValues) => format(message, values) as ReactNode,
    intl,
  });
  return t;
}

export function useT(): Translate {
  const intl = useIntl();
  return useMemo(() => translator(intl), [intl]);
}
