// The macOS "Install 'berth' command in PATH" item: the Terminal line it offers, and the places it will
// not link from because the link would break.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { transientLocation, shellWord, sudoLinkCommand } from '../../electron/app/command-link.js';

describe('the link to the berth launcher', () => {
  it('offers a Terminal line that keeps a path with spaces, quotes or $ whole', () => {
    const launcher = "/Users/o'neil/My Apps/$HOME/Berth.app/Contents/Resources/bin/berth";
    expect(sudoLinkCommand(launcher, '/usr/local/bin/berth')).toBe(
      `sudo mkdir -p /usr/local/bin && sudo ln -sf '/Users/o'\\''neil/My Apps/$HOME/Berth.app/Contents/Resources/bin/berth' /usr/local/bin/berth`,
    );
    // The shell reads each word back as it was.
    for (const text of [launcher, 'plain/path', '', "a'b", 'x"y`z\\w'])
      expect(spawnSync('sh', ['-c', `printf %s ${shellWord(text)}`], { encoding: 'utf8' }).stdout).toBe(text);
  });

  it('will not link to a copy that goes away: App Translocation or the disk image', () => {
    expect(
      transientLocation(
        '/private/var/folders/x/T/AppTranslocation/1234/d/Berth.app/Contents/Resources/bin/berth',
      ),
    ).toMatch(/move Berth to Applications/);
    expect(transientLocation('/Volumes/Berth 0.1.0/Berth.app/Contents/Resources/bin/berth')).toMatch(
      /disk image/,
    );
    expect(transientLocation('/Applications/Berth.app/Contents/Resources/bin/berth')).toBeUndefined();
    expect(transientLocation('/Volumes/Data/Apps/Berth.app/Contents/Resources/bin/berth')).toBeUndefined();
  });
});
