import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds?: Bounds;
  isMaximized: boolean;
}

export const DEFAULT_SIZE = { width: 1200, height: 780 };
const MIN_VISIBLE = 64;

function isBounds(value: unknown): value is Bounds {
  if (!value || typeof value !== 'object') return false;
  const b = value as Record<string, unknown>;
  return ['x', 'y', 'width', 'height'].every((key) => Number.isFinite(b[key]));
}

/** The remembered window, or the defaults when the file is missing or damaged. */
export function readWindowState(file: string): WindowState {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    return {
      bounds: isBounds(parsed.bounds) ? parsed.bounds : undefined,
      isMaximized: parsed.isMaximized === true,
    };
  } catch {
    return { isMaximized: false };
  }
}

export function writeWindowState(file: string, state: WindowState): void {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(state));
  } catch {
    // Not remembering the window size is not worth an error dialog.
  }
}

/**
 * The remembered bounds if enough of the window would show on one of today's displays (a monitor may
 * have been unplugged since), else undefined: the window opens centred at the default size.
 */
export function visibleBounds(bounds: Bounds | undefined, workAreas: Bounds[]): Bounds | undefined {
  if (!bounds) return undefined;
  const shows = workAreas.some((area) => {
    const width = Math.min(bounds.x + bounds.width, area.x + area.width) - Math.max(bounds.x, area.x);
    const height = Math.min(bounds.y + bounds.height, area.y + area.height) - Math.max(bounds.y, area.y);
    return width >= MIN_VISIBLE && height >= MIN_VISIBLE;
  });
  return shows ? bounds : undefined;
}
