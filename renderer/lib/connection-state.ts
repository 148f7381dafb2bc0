import type { ConnectionStatus } from '../../shared/contract/index.js';
import { isUnreachable } from '../../shared/errors.js';
import { connectionState as m } from '../features/connections/messages.js';
import { describeError } from '../i18n/errors.js';
import type { Message, Translate } from '../i18n/index.js';

const STATE_LABELS: Record<ConnectionStatus['state'], Message> = {
  reachable: m.reachable,
  'auth-ok': m.authOk,
  'auth-failed': m.authFailed,
  unreachable: m.unreachable,
  'tls-problem': m.tlsProblem,
};

/** The status as a word, a colour and (when it failed) the sentence saying why; `isChecking` as given. */
export function statusOf(
  t: Translate,
  status: ConnectionStatus | undefined,
  isChecking = false,
): { label: string; tone: 'ok' | 'bad' | 'unknown'; reason?: string; isChecking: boolean } {
  if (!status) return { label: t(isChecking ? m.checking : m.notChecked), tone: 'unknown', isChecking };
  const tone = status.state === 'auth-ok' || status.state === 'reachable' ? 'ok' : 'bad';
  const label = t(STATE_LABELS[status.state]);
  const reason = status.error ? reasonOf(t, status.error) : undefined;
  return reason ? { label, tone, reason, isChecking: false } : { label, tone, isChecking: false };
}

/** The registry's error as one sentence: what happened, then what to do (in the interface language). */
export function reasonOf(t: Translate, error: NonNullable<ConnectionStatus['error']>): string {
  const text = describeError(t, error);
  const message = text.message.charAt(0).toUpperCase() + text.message.slice(1);
  // A message already ending in a full stop (a translation) gets no second one.
  const bare = message.replace(/[.。]$/, '');
  return t(text.hint ? m.reason : m.reasonNoHint, { message: bare, hint: text.hint });
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
  t: Translate,
  connection: { name: string; host: string },
  status: ConnectionStatus | undefined,
  isChecking = false,
): string {
  const names = { name: connection.name, host: connection.host };
  if (isKnownUnreachable(status)) return t(m.pickerNotReachable, names);
  const { label, tone } = statusOf(t, status, isChecking);
  if (tone === 'unknown' && !isChecking) return t(m.pickerLabel, names);
  return t(m.pickerLabelState, { ...names, state: `${label.charAt(0).toLowerCase()}${label.slice(1)}` });
}
