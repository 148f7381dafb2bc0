import type { PresentedCertificates } from '../../../shared/contract/index.js';
import type { Translate } from '../../i18n/index.js';
import { trust as m } from './messages.js';

export function day(iso: string): string {
  return iso.slice(0, 10);
}

/** Why a presented certificate cannot simply be trusted, or undefined when it can. */
export function whyNotTrustable(t: Translate, presented: PresentedCertificates): string | undefined {
  const leaf = presented.certificates[0];
  if (!presented.namesMatch) return t(m.namesOther, { host: presented.host });
  if (presented.validity === 'expired') return t(m.expired, { day: day(leaf?.validTo ?? '') });
  if (presented.validity === 'not-yet-valid') return t(m.notYetValid, { day: day(leaf?.validFrom ?? '') });
  return undefined;
}
