import { describe, expect, it } from 'vitest';
import {
  chooseSidebar,
  COMPACT_WINDOW,
  fitPaneWidths,
  isSidebarCollapsed,
  MIN_IMAGE_VIEW,
  PANE_LIMITS,
  readPaneWidths,
  widestPane,
  widthForKey,
} from '../../renderer/lib/pane-layout.js';

describe('the explorer pane widths', () => {
  it('uses the defaults for the window when nothing was chosen', () => {
    expect(fitPaneWidths({}, 1216, 1440)).toEqual({ repositories: 260, tags: 220 });
    expect(fitPaneWidths({}, 824, 1024)).toEqual({ repositories: 200, tags: 190 });
  });

  it('keeps a chosen width that fits', () => {
    expect(fitPaneWidths({ repositories: 400, tags: 300 }, 1216, 1440)).toEqual({
      repositories: 400,
      tags: 300,
    });
  });

  it('keeps each width within its limits', () => {
    expect(fitPaneWidths({ repositories: 20, tags: 5000 }, 3000, 3200)).toEqual({
      repositories: PANE_LIMITS.repositories.min,
      tags: PANE_LIMITS.tags.max,
    });
  });

  it('clamps widths remembered in a wide window to a smaller one, leaving the image view its room', () => {
    const fitted = fitPaneWidths({ repositories: 600, tags: 500 }, 824, 1024);
    expect(fitted.repositories + fitted.tags).toBe(824 - MIN_IMAGE_VIEW);
    // The tags pane gives way first, never below its minimum; then the repositories pane.
    expect(fitted).toEqual({ repositories: 404 - PANE_LIMITS.tags.min, tags: PANE_LIMITS.tags.min });
  });

  it('never goes below the minimums, even when the window is too small for them', () => {
    expect(fitPaneWidths({ repositories: 300, tags: 300 }, 500, 600)).toEqual({
      repositories: PANE_LIMITS.repositories.min,
      tags: PANE_LIMITS.tags.min,
    });
  });

  it('says how wide a pane may be made beside the other', () => {
    expect(widestPane('repositories', 220, 1216)).toBe(Math.min(1216 - MIN_IMAGE_VIEW - 220, 640));
    expect(widestPane('tags', 400, 824)).toBe(PANE_LIMITS.tags.min);
  });
});

describe('a pane separator by keyboard', () => {
  const limits = { min: 160, max: 500 };

  it('moves a step with an arrow and four with Shift', () => {
    expect(widthForKey('ArrowRight', false, 260, limits)).toBe(276);
    expect(widthForKey('ArrowLeft', false, 260, limits)).toBe(244);
    expect(widthForKey('ArrowLeft', true, 260, limits)).toBe(196);
  });

  it('goes to the narrowest and widest with Home and End, and stops at both', () => {
    expect(widthForKey('Home', false, 260, limits)).toBe(160);
    expect(widthForKey('End', false, 260, limits)).toBe(500);
    expect(widthForKey('ArrowLeft', true, 170, limits)).toBe(160);
    expect(widthForKey('ArrowRight', false, 495, limits)).toBe(500);
  });

  it('leaves other keys alone', () => {
    expect(widthForKey('ArrowUp', false, 260, limits)).toBeUndefined();
    expect(widthForKey('Enter', false, 260, limits)).toBeUndefined();
  });
});

describe('pane widths read back from storage', () => {
  it('reads what was written', () => {
    expect(readPaneWidths(JSON.stringify({ repositories: 320, tags: 240 }))).toEqual({
      repositories: 320,
      tags: 240,
    });
  });

  it('drops what is not a width, so a broken value falls back to the defaults', () => {
    expect(readPaneWidths(null)).toEqual({});
    expect(readPaneWidths('{not json')).toEqual({});
    expect(readPaneWidths('[1,2]')).toEqual({});
    expect(readPaneWidths(JSON.stringify({ repositories: 'wide', tags: -4, extra: 100 }))).toEqual({});
    expect(readPaneWidths(`{"repositories": null, "tags": 300}`)).toEqual({ tags: 300 });
  });
});

describe('the sidebar in a compact window', () => {
  const open = { isCollapsed: false, isExpandedWhenCompact: false };
  const collapsed = { isCollapsed: true, isExpandedWhenCompact: false };

  it('shows the rail under 900 px by itself, and the remembered choice in a wider window', () => {
    expect(COMPACT_WINDOW).toBe(900);
    expect(isSidebarCollapsed(open, 720)).toBe(true);
    expect(isSidebarCollapsed(open, 899)).toBe(true);
    expect(isSidebarCollapsed(open, 900)).toBe(false);
    expect(isSidebarCollapsed(open, 1440)).toBe(false);
    expect(isSidebarCollapsed(collapsed, 1440)).toBe(true);
  });

  it('stays open in a compact window once opened there, without changing the remembered choice', () => {
    const opened = chooseSidebar(collapsed, false, 720);
    expect(isSidebarCollapsed(opened, 720)).toBe(false);
    expect(opened.isCollapsed).toBe(true);
    expect(isSidebarCollapsed(opened, 1440)).toBe(true);
    expect(isSidebarCollapsed(chooseSidebar(opened, true, 720), 720)).toBe(true);
  });

  it('remembers a choice made in an ordinary window', () => {
    expect(chooseSidebar(open, true, 1024)).toEqual(collapsed);
    expect(chooseSidebar(collapsed, false, 1024)).toEqual(open);
  });
});
