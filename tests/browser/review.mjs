// Reviews in the review app in headless Chromium: rejects bead INDEX with a
// comment, reloads the page, splits the first splittable bead after one sentence a
// side, and prints what the page shows as JSON.
//
//   node review.mjs URL INDEX COMMENT [CHROMIUM]
import { chromium } from 'playwright-core';

const [url, index, comment, executablePath = '/usr/bin/chromium'] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
const page = await browser.newPage();
const problems = [];
page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`); });
page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
await page.goto(url);
await page.waitForSelector(`#b${index}`);
const before = await page.textContent('#progress');
// Keyboard: go to the first finding with n, then reject the chosen bead by its button.
await page.keyboard.press('n');
const first = await page.$eval('tr.current', (r) => r.id);
await page.click(`#b${index} button.reject`);
await page.waitForFunction((i) => document.querySelector(`#b${i} .status`).textContent === 'rejected', index);
await page.fill(`#b${index} textarea.comment`, comment);
await page.click(`#b${index} button.save-comment`);
await page.waitForFunction(() => /reviewed 1 /.test(document.getElementById('progress').textContent));
await page.reload();
await page.waitForSelector(`#b${index}`);
// Fix the alignment: split the first bead that can be split after one sentence a side.
const split = await page.$eval('tr:has(div.split)', (r) => ({ index: Number(r.dataset.index), shape: r.querySelector('small').textContent }));
const total = () => document.getElementById('progress').textContent.split('/ ')[1];
const totalBefore = await page.evaluate(total);
await page.click(`#b${split.index} details summary`);
await page.fill(`#b${split.index} input.split-source`, '1');
await page.fill(`#b${split.index} input.split-translation`, '1');
await page.click(`#b${split.index} button.split`);
await page.waitForFunction((t) => document.getElementById('progress').textContent.split('/ ')[1] !== t, totalBefore);
split.total_before = Number(totalBefore);
split.total_after = Number(await page.evaluate(total));
split.shapes_after = await page.$$eval(`#b${split.index} small, #b${split.index + 1} small`, (s) => s.map((x) => x.textContent));
const result = {
  split,
  before,
  first_finding: first,
  after: await page.textContent('#progress'),
  status: await page.textContent(`#b${index} .status`),
  comment: await page.inputValue(`#b${index} textarea.comment`),
  problems,
};
await browser.close();
console.log(JSON.stringify(result));
