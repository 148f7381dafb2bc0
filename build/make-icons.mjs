// Renders build/icon.svg to the PNG icon set electron-builder packages: build/icons/NxN.png (the Linux
// set, one file per size) and build/icon.png (1024 px, from which electron-builder makes the macOS .icns
// and the Windows .ico). The PNGs are committed; run `node build/make-icons.mjs` after editing the SVG.
//
// Chromium draws the SVG at each size (rather than one large PNG scaled down), so thin parts are
// anti-aliased for the size they are shown at. It is the Chromium the tests already use.
import { Buffer } from 'node:buffer';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { chromium } from 'playwright-core';

const CHROMIUM_PATH = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];
const ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

const buildDir = new URL('./', import.meta.url);
const svg = await readFile(new URL('icon.svg', buildDir), 'utf8');
const source = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  await mkdir(new URL('icons/', buildDir), { recursive: true });
  for (const size of ICON_SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}img{display:block}</style>` +
        `<img src="${source}" width="${size}" height="${size}" alt="">`,
    );
    await page.locator('img').evaluate((image) => image.decode());
    const png = await page.screenshot({ omitBackground: true });
    await writeFile(new URL(`icons/${size}x${size}.png`, buildDir), png);
    if (size === 1024) await writeFile(new URL('icon.png', buildDir), png);
    await page.close();
  }
} finally {
  await browser.close();
}
console.log(`icons: ${ICON_SIZES.map((size) => `${size}x${size}`).join(' ')} and icon.png written`);
