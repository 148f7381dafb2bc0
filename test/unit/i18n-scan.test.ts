// The untranslated-text scan of test/fixtures/i18n-scan.ts over plain HTML in Chromium: what counts as text,
// what is skipped (translate="no", code, kbd, svg, hidden, form fields' values), ⟦…⟧ spans taken out
// innermost first, attributes read, and the Localizer's names in each locale.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../fixtures/chromium.js';
import {
  countByScreen,
  layoutProblems,
  Localizer,
  readScreenText,
  removePseudoSpans,
  reportFindings,
  untranslatedWords,
} from '../fixtures/i18n-scan.js';

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1024, height: 700 } });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

describe('removePseudoSpans', () => {
  it('takes out nested spans, innermost first, and leaves what is outside', () => {
    expect(removePseudoSpans('⟦Ðéļéţé ⟦ţáĝš⟧ ñöŵ⟧ Left ⟦ŕîĝĥţ⟧').replace(/\s+/g, ' ').trim()).toBe('Left');
    expect(removePseudoSpans('no spans')).toBe('no spans');
  });
});

describe('the scan over a page', () => {
  it('lists the English outside the catalogue and nothing else', async () => {
    await page.setContent(`
      <main>
        <h1>⟦Ŕéþöšîţöŕîéš⟧</h1>
        <p>⟦Ðéļéţé <b translate="no">team/app</b>⟧ Untranslated words</p>
        <p>Run <code>docker login</code> <kbd>Ctrl</kbd></p>
        <p translate="no">registry.example.com:5000</p>
        <div style="display: none">Hidden text</div>
        <p hidden>Also hidden</p>
        <svg aria-hidden="true"><text>SvgText</text></svg>
        <input value="typed value" placeholder="Search here">
        <textarea>area value</textarea>
        <button title="⟦Çļöšé⟧" aria-label="Close dialog">✕</button>
        <img alt="A logo" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
        <span translate="no" title="data title">x</span>
        <p>⟦Öñé⟧<span>12 MB</span></p>
      </main>`);
    const findings = untranslatedWords('sample', await readScreenText(page));
    expect(findings.map((finding) => finding.word).sort()).toEqual(
      ['Close', 'MB', 'Run', 'Search', 'Untranslated', 'dialog', 'here', 'logo', 'words'].sort(),
    );
    expect(findings.find((finding) => finding.word === 'Untranslated')?.context).toBe('Untranslated words');
    expect(findings.find((finding) => finding.word === 'dialog')?.context).toBe(
      'button[aria-label]: Close dialog',
    );
    const report = reportFindings([
      ...findings,
      ...findings.map((finding) => ({ ...finding, screen: 'next' })),
    ]);
    expect(report.split('\n')[0]).toBe('sample (9 words; lines not listed on an earlier screen):');
    expect(report).toContain('  "Untranslated words" — Untranslated, words\n');
    expect(report).not.toContain('next');
    expect(countByScreen(findings)).toEqual({ sample: 9 });
  });

  it('reads only the open dialog when told', async () => {
    await page.setContent(
      `<p>Behind</p><dialog open><p>⟦Ïñ⟧ Front</p><button aria-label="Shut">x</button></dialog>`,
    );
    const findings = untranslatedWords('dialog', await readScreenText(page, 'dialog'));
    expect(findings.map((finding) => finding.word)).toEqual(['Front', 'Shut']);
  });

  it('two buttons side by side are two lines, not one word', async () => {
    await page.setContent(`<div><button>Add one</button><button>Import</button></div>`);
    const findings = untranslatedWords('buttons', await readScreenText(page));
    expect(findings.map((finding) => finding.context)).toEqual(['Add one', 'Add one', 'Import']);
  });

  it('a message with an element inside is one span, across the element', async () => {
    await page.setContent(`<p>⟦Ŕéţáĝ <strong>ţĥîš</strong> ñöŵ⟧</p><ul><li>⟦Öñé⟧</li><li>Two</li></ul>`);
    const findings = untranslatedWords('rich', await readScreenText(page));
    expect(findings).toEqual([{ screen: 'rich', word: 'Two', context: 'Two' }]);
  });

  it('finds a cut button and a dialog that leaves the window', async () => {
    await page.setContent(`
      <button style="width: 40px; overflow: hidden; white-space: nowrap">删除所有未加标签的清单</button>
      <button style="width: 200px">好</button>
      <dialog open style="position: fixed; top: 0; width: 1200px; margin: 0">对话框</dialog>`);
    const problems = await layoutProblems(page);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^"删除所有未加标签的清单" is cut/);
    expect(problems[1]).toMatch(/leaves the 1024×700 window/);
  });
});

describe('Localizer', () => {
  const catalogue = {
    english: [
      { id: 'x.retag', defaultMessage: 'Retag {name}' },
      { id: 'x.tagsOf', defaultMessage: 'Tags of <b>{repository}</b>' },
      { id: 'x.only', defaultMessage: '{name}' },
      { id: 'x.deleteTags', defaultMessage: 'Delete {count, plural, one {# tag} other {# tags}}…' },
      { id: 'x.state', defaultMessage: '{state, select, on {Running} other {Stopped}} {name}' },
    ],
    chinese: {
      'x.retag': '重新标记 {name}',
      'x.tagsOf': '<b>{repository}</b> 的标签',
      'x.deleteTags': '删除 {count, plural, other {# 个标签}}…',
      'x.state': '{name} {state, select, on {运行中} other {已停止}}',
    },
  };

  it('gives the pseudo-locale and the Chinese forms of an English name, and the English itself', () => {
    expect(new Localizer('en-XA', catalogue).texts('Retag team/app:1')).toEqual([
      '⟦Ŕéţáĝ team/app:1⟧',
      'Retag team/app:1',
    ]);
    expect(new Localizer('zh-CN', catalogue).texts('Tags of team/app')).toEqual([
      'team/app 的标签',
      'Tags of team/app',
    ]);
    expect(new Localizer('zh-CN', catalogue).exact('Nothing (here)').test('Nothing (here)')).toBe(true);
    expect(new Localizer('zh-CN', catalogue).texts('Delete 1,200 tags…')[0]).toBe('删除 1,200 个标签…');
    expect(new Localizer('en-XA', catalogue).texts('Delete 1 tag…')[0]).toBe('⟦Ðéļéţé 1 ţáĝ…⟧');
    expect(new Localizer('zh-CN', catalogue).texts('Stopped shelf')[0]).toBe('shelf 已停止');
    expect(new Localizer('zh-CN', catalogue).prefix('Retag a').test('重新标记 a, more')).toBe(true);
  });
});
