import { existsSync } from 'node:fs';
import { lstat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { checkOutput } from '../archive/index.js';
import { BerthError } from '../errors.js';
import type { Handlers } from './types.js';

type ArchiveHandlers = Pick<Handlers, 'save.target' | 'save.check' | 'save.choose'>;

function absolute(output: string): string {
  if (!path.isAbsolute(output))
    throw new BerthError('INVALID_INPUT', `${output} is not a whole path`, {
      hint: 'Name the file with its whole path, for example /home/me/images.tar.',
      appHint:
        'Name the file with its whole path, starting at the top folder, for example /home/me/images.tar.',
    });
  return path.normalize(output);
}

export const archiveHandlers: ArchiveHandlers = {
  'save.target': async (_input, { services }) => {
    const downloads = path.join(os.homedir(), 'Downloads');
    return {
      canChoose: services.chooseSavePath !== undefined,
      folder: existsSync(downloads) ? downloads : os.homedir(),
    };
  },

  'save.check': async (input) => {
    const output = absolute(input.output);
    const exists = (await lstat(output).catch(() => undefined)) !== undefined;
    // With force, so an existing file answers `exists` instead of an error; what can never be replaced
    // (a folder for a tar, a folder of other files) is refused here.
    await checkOutput(output, input.format === 'oci-dir' ? 'folder' : 'file', true);
    return { exists };
  },

  'save.choose': async (input, { services }) => {
    if (!services.chooseSavePath)
      throw new BerthError('UNSUPPORTED', 'this window has no file chooser', {
        hint: 'Type the path of the file instead.',
      });
    const chosen = await services.chooseSavePath({
      defaultPath: input.defaultPath,
      isFolder: input.isFolder,
    });
    return chosen === undefined ? {} : { path: chosen };
  },
};
