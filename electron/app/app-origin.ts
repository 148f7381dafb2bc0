/**
 * Where the app's own pages come from: `berth://app/…`, a standard, secure scheme of Berth's own (see
 * main.ts), and what only they may do: call the contract, write to the clipboard.
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

/**
 * Berth needs no camera, microphone, notifications or other permissions. The one it grants is writing
 * to the clipboard after a click (the copy buttons), and only to its own pages.
 */
export function isPermitted(permission: string, requestingUrl: string | undefined): boolean {
  return permission === 'clipboard-sanitized-write' && isAppPage(requestingUrl);
}
