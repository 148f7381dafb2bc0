// What the Diagnose panel decides without the core: which errors lead to it, which fixes are one click,
// and the doctor's words about a step in the interface language.
import type {
  Diagnosis,
  Fix,
  FixAction,
  FixResult,
  Step,
  StepId,
  StepStatus,
} from '../../shared/contract/doctor.js';
import type { ErrorCode, ErrorInfo } from '../../shared/errors.js';
import { said as daemonSaid } from '../features/daemon/messages.js';
import { fixLabels, panel, said, statusLabels, stepTitles } from '../features/doctor/messages.js';
import { describeError } from '../i18n/errors.js';
import type { Translate } from '../i18n/index.js';
import { phraseCatalogue, sayPhrase, sayPhrases } from '../i18n/phrases.js';

/** Errors about reaching a registry at all, where walking the path step by step tells more. */
const CONNECTION_CODES: ReadonlySet<ErrorCode> = new Set(['NETWORK', 'TLS', 'AUTH']);

export function isConnectionError(error: ErrorInfo): boolean {
  return CONNECTION_CODES.has(error.code);
}

type OneClick = Exclude<FixAction, 'login'>;

/** The button for a fix Berth can do itself; logging in needs a password, so it is the user's. */
export function applicableFix(
  fix: Fix | undefined,
  t: Translate,
): { fix: Fix & { action: OneClick }; label: string } | undefined {
  const action = fix?.action;
  if (!fix || !action || action === 'login') return undefined;
  return { fix: { ...fix, action }, label: t(fixLabels[action]) };
}

export const STATUS_MARKS: Record<StepStatus, string> = { ok: '✓', warn: '!', fail: '✗', skipped: '–' };

export function statusLabel(t: Translate, status: StepStatus): string {
  return t(statusLabels[status]);
}

export function firstBroken(diagnosis: Diagnosis): Step | undefined {
  return diagnosis.steps.find((step) => step.status === 'fail');
}

/** The detail of a step split into its parts (the core joins facts with "; "). */
export function detailLines(detail: string): string[] {
  return detail
    .split('; ')
    .map((line) => line.trim())
    .filter(Boolean);
}

/** The doctor's phrases, and the daemon.json editor's (the notes of an insecure-registries fix). */
const DOCTOR_PHRASES = phraseCatalogue(said, daemonSaid);

/** A step's name by its id (the core's English title for an id this renderer does not know). */
export function stepTitle(t: Translate, step: { id?: StepId; step?: StepId; title: string }): string {
  const id = step.id ?? step.step;
  return id && id in stepTitles ? t(stepTitles[id]) : step.title;
}

/** A step's facts, one per line: its phrases, else its error, else the English detail. */
export function stepDetailLines(t: Translate, step: Step): string[] {
  const lines = sayPhrases(t, DOCTOR_PHRASES, step.said);
  if (lines) return lines.map((line) => line.trim()).filter(Boolean);
  if (step.error) return [describeError(t, step.error).message];
  return detailLines(step.detail);
}

/** What to do about a step, in the interface language. */
export function fixText(t: Translate, step: Step): string | undefined {
  if (!step.fix) return undefined;
  const phrase = step.fix.said && sayPhrase(t, DOCTOR_PHRASES, step.fix.said);
  if (phrase) return phrase;
  if (step.error?.hint) return describeError(t, step.error).hint ?? step.fix.text;
  return step.fix.text;
}

/** What a fix did, and why it needs an administrator, in the interface language. */
export function fixResultText(t: Translate, result: FixResult): { message: string; elevation?: string } {
  const sentences = sayPhrases(t, DOCTOR_PHRASES, result.said);
  const elevation = result.elevation;
  const elevationText = elevation?.said && sayPhrase(t, DOCTOR_PHRASES, elevation.said);
  return {
    message: sentences ? sentences.join(t(panel.sentenceSeparator)) : result.message,
    ...(elevation ? { elevation: elevationText ?? elevation.explanation } : {}),
  };
}
