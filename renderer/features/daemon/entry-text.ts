// What the main process says about daemon.json (an entry refused or read otherwise than written, a JSON
// mistake, notes on adding) in the interface language: it sends phrases beside its English.
import { useMemo } from 'react';
import type { DaemonEntryCheck } from '../../../shared/contract/index.js';
import type { Phrase } from '../../../shared/contract/phrase.js';
import { useT } from '../../i18n/index.js';
import { phraseCatalogue, sayPhrase, sayPhrases } from '../../i18n/phrases.js';
import { said } from './messages.js';

export const DAEMON_PHRASES = phraseCatalogue(said);

export function useEntryText() {
  const t = useT();
  return useMemo(
    () => ({
      /** Why dockerd refuses the entry, or how it reads it otherwise; undefined when neither. */
      problem(check: DaemonEntryCheck): string | undefined {
        const phrase = check.ok ? check.warningSaid : check.said;
        return (phrase && sayPhrase(t, DAEMON_PHRASES, phrase)) ?? (check.ok ? check.warning : check.reason);
      },
      /** A sentence from the main process: its phrase in the interface language, else its English. */
      said(phrase: Phrase | undefined, english: string): string {
        return (phrase && sayPhrase(t, DAEMON_PHRASES, phrase)) ?? english;
      },
      /** What to know about adding it. */
      notes(check: { notes?: string[]; notesSaid?: Phrase[] }): string[] {
        return sayPhrases(t, DAEMON_PHRASES, check.notesSaid) ?? check.notes ?? [];
      },
    }),
    [t],
  );
}
