// The macOS menu item's link from /usr/local/bin/berth to the app's launcher (install-command.ts), apart
// from Electron so tests can read it: where a link would not last, and the Terminal line that makes it.
import path from 'node:path';

/** A word the shell reads as it is: plain characters bare, anything else in single quotes. */
export function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}

/** What to run in Terminal when this user may not write the link's folder. */
export function sudoLinkCommand(launcher: string, link: string): string {
  return `sudo mkdir -p ${shellWord(path.dirname(link))} && sudo ln -sf ${shellWord(launcher)} ${shellWord(link)}`;
}

/**
 * Why a link to this launcher would break, or undefined. An app opened from Downloads before it was
 * moved runs from a random read-only copy (App Translocation) that is gone after it quits; one opened
 * from its disk image runs from /Volumes, gone once that is ejected.
 */
export function transientLocation(launcher: string): string | undefined {
  if (launcher.includes('/AppTranslocation/'))
    return 'macOS runs Berth from a temporary copy until it is moved: move Berth to Applications, open it from there and install the command again.';
  if (/^\/Volumes\/[^/]+\/Berth\.app\//.test(launcher))
    return 'Berth runs from its disk image: drag it to Applications, open it from there and install the command again.';
  return undefined;
}
