// What the Diagnose panel decides without the core: which errors lead to it, which fixes are one click.
import type { Diagnosis, Fix, FixAction, Step, StepStatus } from '../../shared/contract/doctor.js';
import type { ErrorCode, ErrorInfo } from '../../shared/errors.js';

/** Errors about reaching a registry at all, where walking the path step by step tells more. */
const CONNECTION_CODES: ReadonlySet<ErrorCode> = new Set(['NETWORK', 'TLS', 'AUTH']);

export function isConnectionError(error: ErrorInfo): boolean {
  return CONNECTION_CODES.has(error.code);
}

type OneClick = Exclude<FixAction, 'login'>;

/** The button for a fix Berth can do itself; logging in needs a password, so it is the user's. */
const FIX_LABELS: Record<OneClick, string> = {
  'trust-ca': 'Trust this certificate',
  'add-insecure': 'Add to insecure-registries',
  'install-certs-d': 'Install the CA for Docker',
  'use-http': 'Use plain HTTP',
  'use-https': 'Use HTTPS',
};

export function applicableFix(
  fix: Fix | undefined,
): { fix: Fix & { action: OneClick }; label: string } | undefined {
  const action = fix?.action;
  if (!fix || !action || action === 'login') return undefined;
  return { fix: { ...fix, action }, label: FIX_LABELS[action] };
}

export const STATUS_MARKS: Record<StepStatus, { mark: string; label: string }> = {
  ok: { mark: '✓', label: 'passed' },
  warn: { mark: '!', label: 'warning' },
  fail: { mark: '✗', label: 'failed' },
  skipped: { mark: '–', label: 'skipped' },
};

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
