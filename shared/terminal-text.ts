/**
 * Text from outside (registry answers, engine messages, server logs) as a terminal or a log may show it.
 * The CLI prints everything through these; the app and the browser host write their warnings to stderr
 * with them too, since a warning quotes what a registry said.
 */

/**
 * Characters a terminal acts on instead of showing: C0 controls (but newline and tab), DEL, C1 controls
 * (U+0080–U+009F; U+009B is a one-character CSI) and the Unicode bidi controls that reorder what is
 * shown (U+061C, U+200E/F, U+202A–U+202E, U+2066–U+2069; "Trojan Source", CVE-2021-42574).
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function hex(char: string, width: number): string {
  return char.charCodeAt(0).toString(16).padStart(width, '0');
}

/** Control characters shown as `\xNN` / `\uNNNN`: a tag named `\e]0;pwned\a` prints as text, not as a command. */
export function escapeControls(text: string): string {
  return text.replace(CONTROL, (char) =>
    char.charCodeAt(0) <= 0xff ? `\\x${hex(char, 2)}` : `\\u${hex(char, 4)}`,
  );
}

/**
 * Text from outside that must stay on its line (a tag, a repository name, a label, an error message):
 * a line break or tab in it is shown as `\n` / `\t` too, so a tag named "1\nlatest" or an error
 * reading "…\nhint: run this" cannot forge a line of its own.
 */
export function oneLine(text: string): string {
  return text.replace(/\r?\n/g, '\\n').replace(/\t/g, '\\t');
}

/** A warning as one line of a log (the app's or the browser host's stderr): `warning: …`. */
export function warningLine(message: string): string {
  return `warning: ${escapeControls(oneLine(message))}\n`;
}
