import { z } from 'zod';
import { request } from './define.js';

/** The archive formats a save writes (electron/core/archive/formats.ts names their files). */
export const SaveFormat = z.enum(['docker', 'oci', 'oci-dir'], {
  error: 'format must be one of docker, oci, oci-dir',
});

/** A path on the machine Berth's main process runs on; the core checks that it is absolute. */
export const OutputPath = z
  .string()
  .trim()
  .min(1, 'name the file to save to')
  .max(4096)
  .refine((text) => !text.includes('\0'), 'a path has no NUL character');

/** Where the save dialog starts, and whether this front door has a native file chooser (Electron does). */
export interface SaveTarget {
  canChoose: boolean;
  /** A folder to suggest: the user's Downloads when there is one, else their home. */
  folder: string;
}

export const archiveRequests = {
  'save.target': request<SaveTarget>()(z.strictObject({})),
  /** Whether the output exists already (the dialog asks before replacing it); refuses a path no save can use. */
  'save.check': request<{ exists: boolean }>()(z.strictObject({ output: OutputPath, format: SaveFormat })),
  /** Electron's native save dialog; answers no path when the user closes it. */
  'save.choose': request<{ path?: string }>()(
    z.strictObject({ defaultPath: OutputPath, isFolder: z.boolean() }),
  ),
};
