/**
 * Draws the PNG icons of public/ from public/icon.svg: icon-192.png and icon-512.png (the web app
 * manifest's) and apple-touch-icon.png (180 px). The PNGs are committed; run this again after a
 * change to the SVG:
 *
 *   node scripts/icons.mjs
 *
 * The PNGs fill their square (a home screen rounds the corners itself, and a "maskable" icon must
 * reach the edges), so the SVG's rounded corners are squared here. Drawn by the Chromium the browser
 * tests use (CHROMIUM_PATH, default /usr/bin/chromium).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const PUBLIC = join(dirname(dirname(fileURLToPath(import.meta.url))), 'public');
const SIZES = { 'icon-192.png': 192, 'icon-512.png': 512, 'apple-touch-icon.png': 180 };

const svg = readFileSync(join(PUBLIC, 'icon.svg'), 'utf8').replace(/\srx="[^"]*"/, '');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  for (const [name, size] of Object.entries(SIZES)) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    const sized = svg.replace('<svg ', `<svg width="${size}" height="${size}" `);
    await page.setContent(`<!doctype html><style>html,body{margin:0}svg{display:block}</style>${sized}`);
    writeFileSync(join(PUBLIC, name), await page.screenshot({ type: 'png', omitBackground: true }));
    await page.close();
    console.log(`public/${name} (${size}×${size})`);
  }
} finally {
  await browser.close();
}
