// The search index file keys its entries by connection name, and a connection may be named `__proto__` or
// `constructor`: each is a key like any other, written, read back and found (electron/core/search/index-file.ts).
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SearchIndex, type IndexEntry } from '../../electron/core/search/index.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';

let dir: string;

beforeAll(async () => {
  dir = await makeTempDir('berth-index-names-');
  await Promise.all(['a', 'b'].map((name) => mkdir(path.join(dir, name))));
});

afterAll(async () => {
  await removeDir(dir);
});

const entry = (host: string, names: string[]): IndexEntry => ({
  host,
  state: 'listed',
  refreshedAt: new Date(0).toISOString(),
  names,
});

describe('the search index with connections named like Object properties', () => {
  it('keeps an entry for "__proto__" and "constructor" as for any other name', async () => {
    const index = new SearchIndex(path.join(dir, 'a'));
    const saved = new Set(['__proto__', 'constructor', 'plain']);
    await index.put(saved, '__proto__', entry('proto.example', ['team/proto']));
    await index.put(saved, 'constructor', entry('ctor.example', ['team/ctor']));
    await index.put(saved, 'plain', entry('plain.example', ['team/plain']));
    const text = await readFile(index.path, 'utf8');
    expect(Object.keys((JSON.parse(text) as { connections: object }).connections).sort()).toEqual([
      '__proto__',
      'constructor',
      'plain',
    ]);
    const { connections } = await new SearchIndex(path.join(dir, 'a')).read();
    expect(Object.keys(connections).sort()).toEqual(['__proto__', 'constructor', 'plain']);
    expect(connections['__proto__']?.names).toEqual(['team/proto']);
    expect(connections['constructor']?.host).toBe('ctor.example');
    // A name with no entry finds none, never a property of the entry or of Object.prototype.
    expect(connections['names']).toBeUndefined();
    expect(connections['toString']).toBeUndefined();
  });

  it('adds names to a "__proto__" entry without touching the others', async () => {
    const index = new SearchIndex(path.join(dir, 'b'));
    const saved = new Set(['__proto__', 'other']);
    await index.put(saved, 'other', entry('other.example', ['x/other']));
    await index.add(saved, '__proto__', 'proto.example', ['a/one']);
    await index.add(saved, '__proto__', 'proto.example', ['a/two']);
    const { connections } = await new SearchIndex(path.join(dir, 'b')).read();
    expect(connections['__proto__']?.names).toEqual(['a/one', 'a/two']);
    expect(connections['other']?.names).toEqual(['x/other']);
  });
});
