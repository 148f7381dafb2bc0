/**
 * Whether a link may leave the app for the user's browser: http(s) only, with a host and without
 * credentials in the URL. Everything else (file:, javascript:, custom schemes that start programs) is
 * refused; shell.openExternal is never called with anything else.
 */
export function isSafeExternalUrl(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (!url.hostname || url.username || url.password) return false;
  return text.length <= 2048;
}
