/**
 * Where the app's own pages come from: `berth://app/…`, a standard, secure scheme of Berth's own (see
 * main.ts). Only pages from this origin may call the contract or use the clipboard.
 */
export const APP_SCHEME = 'berth';
export const APP_HOST = 'app';
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/`;

export function isAppPage(text: string | undefined): boolean {
  if (!text) return false;
  try {
    const url = new URL(text);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}
