// macOS: "Install 'berth' command in PATH" (as VS Code's for `code`). The dmg has no installer step, so
// the app offers to link its launcher (Contents/Resources/bin/berth) into /usr/local/bin, which is on
// the default PATH. Linux's deb and Windows's installer put the command on PATH themselves.
import { lstat, readlink, symlink, unlink } from 'node:fs/promises';
import path from 'node:path';
import { dialog } from 'electron';
import { transientLocation, sudoLinkCommand } from './command-link.js';

export const COMMAND_LINK = '/usr/local/bin/berth';

function launcherPath(): string {
  return path.join(process.resourcesPath, 'bin', 'berth');
}

async function currentTarget(): Promise<string | undefined> {
  try {
    const stat = await lstat(COMMAND_LINK);
    return stat.isSymbolicLink() ? await readlink(COMMAND_LINK) : COMMAND_LINK;
  } catch {
    return undefined;
  }
}

/** Asks first, then writes the link; says exactly what to run when this user may not write there. */
export async function installCommandInPath(): Promise<void> {
  const launcher = launcherPath();
  const transient = transientLocation(launcher);
  if (transient) {
    dialog.showErrorBox("Could not install the 'berth' command", transient);
    return;
  }
  const target = await currentTarget();
  if (target === launcher) {
    await dialog.showMessageBox({ message: `${COMMAND_LINK} already runs Berth's command.` });
    return;
  }
  const replacing = target === undefined ? '' : ` It replaces what is there now (${target}).`;
  const { response } = await dialog.showMessageBox({
    type: 'question',
    buttons: ['Install', 'Cancel'],
    defaultId: 0,
    cancelId: 1,
    message: "Install the 'berth' command in PATH?",
    detail: `Berth links ${COMMAND_LINK} to ${launcher}.${replacing}`,
  });
  if (response !== 0) return;
  try {
    if (target !== undefined) await unlink(COMMAND_LINK);
    await symlink(launcher, COMMAND_LINK);
    await dialog.showMessageBox({
      message: "The 'berth' command is installed: open a new terminal and run berth --help.",
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    dialog.showErrorBox(
      "Could not install the 'berth' command",
      `${code === 'EACCES' || code === 'EPERM' ? `This user may not write ${path.dirname(COMMAND_LINK)}.` : (error as Error).message}\n` +
        `Run this in Terminal instead:\n${sudoLinkCommand(launcher, COMMAND_LINK)}`,
    );
  }
}
