// Reviews one bead in the review app in headless Chromium: rejects bead INDEX with a
// comment, reloads the page, and prints what the page shows afterwards as JSON.
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
const result = {
  before,
  first_finding: first,
  after: await page.textContent('#progress'),
  status: await page.textContent(`#b${index} .status`),
  comment: await page.inputValue(`#b${index} textarea.comment`),
  problems,
};
await browser.close();
console.log(JSON.stringify(result));
