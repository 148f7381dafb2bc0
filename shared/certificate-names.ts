// What may stand where a registry server listens and in the subjectAltName of its certificate. The
// names go into an openssl config file, which expands `$ENV::NAME` and reads `,` and new lines as
// syntax: anything but a plain DNS name or IP address could put the app's environment into a
// certificate or add names and sections nobody asked for.
import { z } from 'zod';

const IP_ADDRESS = z.union([z.ipv4(), z.ipv6()]);

/** Labels of letters, digits and inner hyphens, dot-separated; a leading `*.` for a wildcard (RFC 1123, 6125). */
const DNS_NAME = /^(\*\.)?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

export function isIpAddress(text: string): boolean {
  return IP_ADDRESS.safeParse(text).success;
}

/** A DNS name or an IP address, as a certificate names its server. */
export function isCertificateName(text: string): boolean {
  return isIpAddress(text) || (text.length <= 253 && DNS_NAME.test(text));
}
