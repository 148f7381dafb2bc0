import type { RegistryKind } from '../../../shared/contract/index.js';
import type { Message, Translate } from '../../i18n/index.js';
import { dialog, kindHints, kindNames } from './messages.js';

/** A registry kind's name as people call it, in the interface language. */
export function kindName(t: Translate, kind: RegistryKind): string {
  return t(kindNames[kind]);
}

/** What kind of registry answered, as people call it (in a sentence: "a registry" for the unknown kind). */
export function kindWords(t: Translate, kind: RegistryKind): string {
  return kind === 'generic' ? t(dialog.aRegistry) : kindName(t, kind);
}

/** The kinds a user may choose in the connection dialog, in the order offered; `detect` leaves it to Berth. */
export const CHOOSABLE_KINDS: readonly RegistryKind[] = [
  'harbor',
  'gitlab',
  'quay',
  'ghcr',
  'dockerhub',
  'aliyun',
  'tencent',
  'huawei',
  'distribution',
  'generic',
];

/** Kinds whose own API may live at another address than the registry (asked for in the dialog). */
export const KINDS_WITH_API_ADDRESS: ReadonlySet<RegistryKind> = new Set(['gitlab', 'ghcr']);

/** Which login each kind takes, shown under the username and secret. */
export const KIND_LOGIN_HINTS: Partial<Record<RegistryKind, Message>> = kindHints;

/** Where the API address field points by default, as a placeholder. */
export function apiAddressPlaceholder(t: Translate, kind: RegistryKind): string {
  if (kind === 'gitlab') return t(dialog.gitlabApiPlaceholder);
  if (kind === 'ghcr') return 'https://api.github.com';
  return 'https://';
}
