// Loads a report.html in headless Chromium and prints what a reviewer would see, as JSON:
// rows shown under each filter setting, where "next finding" lands, and every console
// message, page error and network request (a self-contained report makes none).
//
//   node report.mjs REPORT_HTML [CHROMIUM]
import { chromium } from 'playwright-core';
import { pathToFileURL } from 'node:url';

const [report, executablePath = '/usr/bin/chromium'] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
const page = await browser.newPage();
const problems = [];
const requests = [];
page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`); });
page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); d.dismiss(); });
page.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
await page.goto(pathToFileURL(report).href);

const visible = () => page.$$eval('#beads tbody tr', (rows) => rows.filter((r) => !r.hidden).map((r) => r.id));
const result = { title: await page.title(), rows: await page.$$eval('#beads tbody tr', (r) => r.length) };
result.default = await visible();                       // major and above
await page.selectOption('#sev', '0');
await page.check('#clean');
result.all = await visible();
await page.uncheck('#clean');
await page.selectOption('#sev', '3');
result.critical = await visible();
await page.selectOption('#sev', '1');
for (const box of await page.$$('input.kind')) {
  if ((await box.getAttribute('value')) !== 'number_mismatch') await box.uncheck();
}
result.numbers_only = await visible();
for (const box of await page.$$('input.kind')) await box.check();
await page.click('#next');
result.next = await page.$eval('tr.current', (r) => r.id);
await page.keyboard.press('n');
result.next_again = await page.$eval('tr.current', (r) => r.id);
result.shown_text = await page.textContent('#shown');
result.problems = problems;
result.requests = requests;
await browser.close();
console.log(JSON.stringify(result));
