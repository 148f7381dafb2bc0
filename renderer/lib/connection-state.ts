import type { ConnectionStatus } from '../../shared/contract/index.js';
import { isUnreachable } from '../../shared/errors.js';

const STATE_LABELS: Record<ConnectionStatus['state'], string> = {
  reachable: 'Reachable',
  'auth-ok': 'Signed in',
  'auth-failed': 'Sign-in failed',
  unreachable: 'Unreachable',
  'tls-problem': 'TLS problem',
};

/** The status as a word, a colour and (when it failed) the sentence saying why. */
export function statusOf(
  status: ConnectionStatus | undefined,
  isChecking = false,
): { label: string; tone: 'ok' | 'bad' | 'unknown'; reason?: string } {
  if (!status) return { label: isChecking ? 'Checking…' : 'Not checked yet', tone: 'unknown' };
  const tone = status.state === 'auth-ok' || status.state === 'reachable' ? 'ok' : 'bad';
  const reason = status.error ? reasonOf(status.error) : undefined;
  return reason
    ? { label: STATE_LABELS[status.state], tone, reason }
    : { label: STATE_LABELS[status.state], tone };
}

/** The registry's error as one sentence: what happened, then what to do. */
export function reasonOf(error: NonNullable<ConnectionStatus['error']>): string {
  const message = error.message.charAt(0).toUpperCase() + error.message.slice(1);
  return error.hint ? `${message}. ${error.hint}` : `${message}.`;
}

/** The last check found nothing answering (refused, no such name, timed out, a 5xx): not just a login. */
export function isKnownUnreachable(status: ConnectionStatus | undefined): status is ConnectionStatus {
  return Boolean(status?.error && isUnreachable(status.error));
}

/**
 * A saved connection as a picker lists it: name, host and what the last check found
 * ("dead (127.0.0.1:5000) — not reachable"); nothing after the host before any check.
 */
export function pickerLabel(
  connection: { name: string; host: string },
  status: ConnectionStatus | undefined,
  isChecking = false,
): string {
  const base = `${connection.name} (${connection.host})`;
  if (isKnownUnreachable(status)) return `${base} — not reachable`;
  const { label, tone } = statusOf(status, isChecking);
  if (tone === 'unknown' && !isChecking) return base;
  return `${base} — ${label.charAt(0).toLowerCase()}${label.slice(1)}`;
}
