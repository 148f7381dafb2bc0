// A failure from the main process (or the host) in the interface language. ErrorInfo carries a stable
// `code`, a `problem` for the failures a screen can fix, and plain-data facts; the English `message` and
// `hint` are what the CLI prints and what is shown when no translation fits.
import type { ErrorInfo } from '../../shared/errors.js';
import type { Translate } from './index.js';

export interface ErrorText {
  message: string;
  hint?: string;
}

/** What to show for an error: its translation where the catalogue has one, else its own words. */
export function describeError(_t: Translate, error: ErrorInfo): ErrorText {
  return { message: error.message, ...(error.hint ? { hint: error.hint } : {}) };
}
