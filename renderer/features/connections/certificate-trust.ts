import type { PresentedCertificates } from '../../../shared/contract/index.js';

export function day(iso: string): string {
  return iso.slice(0, 10);
}

/** Why a presented certificate cannot simply be trusted, or undefined when it can. */
export function whyNotTrustable(presented: PresentedCertificates): string | undefined {
  const leaf = presented.certificates[0];
  if (!presented.namesMatch)
    return `The certificate does not name ${presented.host}, so trusting it would not help: connect with a name it lists, or reissue it.`;
  if (presented.validity === 'expired') return `The certificate expired on ${day(leaf?.validTo ?? '')}.`;
  if (presented.validity === 'not-yet-valid')
    return `The certificate is not valid before ${day(leaf?.validFrom ?? '')}: check this computer's clock.`;
  return undefined;
}
