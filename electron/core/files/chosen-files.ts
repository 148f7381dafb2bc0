// Archives the user chose in the app (a native open dialog) or uploaded to the browser host, by a one-use
// token: the renderer names a token, never a path, so a page can load only what the user picked.
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { BerthError } from '../errors.js';

export interface ChosenFile {
  path: string;
  /** The file's own name, for titles and messages. */
  name: string;
  /** An upload's temporary copy: removed once its load ends (or is never started). */
  isTemporary: boolean;
}

/** Tokens not used within this long are dropped (an upload's copy removed with them). */
const TOKEN_LIFETIME_MS = 60 * 60 * 1000;

export class ChosenFiles {
  private readonly files = new Map<string, ChosenFile & { timer: NodeJS.Timeout }>();

  add(file: ChosenFile): string {
    const token = randomUUID();
    const timer = setTimeout(() => void this.discard(token), TOKEN_LIFETIME_MS);
    timer.unref();
    this.files.set(token, { ...file, timer });
    return token;
  }

  /** The file of a token, which is then spent. */
  take(token: string): ChosenFile {
    const file = this.files.get(token);
    if (!file)
      throw new BerthError('NOT_FOUND', 'the chosen archive is no longer available', {
        hint: 'Choose the file again: a chosen or uploaded file is loaded once.',
      });
    clearTimeout(file.timer);
    this.files.delete(token);
    return { path: file.path, name: file.name, isTemporary: file.isTemporary };
  }

  /** Drops a token; an upload's copy goes with it. */
  async discard(token: string): Promise<void> {
    const file = this.files.get(token);
    if (!file) return;
    this.files.delete(token);
    clearTimeout(file.timer);
    if (file.isTemporary) await rm(file.path, { force: true });
  }
}
