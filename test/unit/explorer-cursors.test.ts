import { describe, expect, it } from 'vitest';
import { PageCursors } from '../../electron/core/api/cursors.js';

async function* pages(...lists: string[][]): AsyncIterable<string[]> {
  for (const list of lists) yield list;
}

const names = (count: number, prefix = 't') =>
  Array.from({ length: count }, (_, index) => `${prefix}${index}`);

async function readAll(cursors: PageCursors, open: () => AsyncIterable<string[]>, pageSize?: number) {
  const answers: number[] = [];
  const items: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await cursors.next('tags app', cursor, open, pageSize);
    answers.push(page.items.length);
    items.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return { answers, items };
}

describe('paged listings in the host', () => {
  it('hands a whole-list registry page out in pieces of the page size asked for', async () => {
    const whole = names(2500);
    const { answers, items } = await readAll(new PageCursors(), () => pages(whole), 1000);
    expect(answers).toEqual([1000, 1000, 500, 0]);
    expect(items).toEqual(whole);
  });

  it('pages by 1000 when no size is given, and keeps registry pages in order across pieces', async () => {
    const first = names(1500, 'a');
    const second = names(300, 'b');
    const { answers, items } = await readAll(new PageCursors(), () => pages(first, second));
    expect(answers).toEqual([1000, 500, 300, 0]);
    expect(items).toEqual([...first, ...second]);
  });

  it('refuses a cursor of another listing and one whose listing has ended', async () => {
    const cursors = new PageCursors();
    const page = await cursors.next('tags app', undefined, () => pages(names(3)), 2);
    await expect(cursors.next('tags other', page.cursor, () => pages([]), 2)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    expect((await cursors.next('tags app', page.cursor, () => pages([]), 2)).items).toEqual(['t2']);
    expect(await cursors.next('tags app', page.cursor, () => pages([]), 2)).toEqual({ items: [] });
    await expect(cursors.next('tags app', page.cursor, () => pages([]), 2)).rejects.toMatchObject({
      message: 'this listing is no longer open',
    });
  });
});
