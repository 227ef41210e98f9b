// The search page at /, in Debian's headless Chromium against a real `dealsearch serve`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';

import { AxeReport } from './axe.mjs';
import {
  apiSearch, buildIndex, holdRequests, launchBrowser, openPage, pdfDeal, screenshot, startServer,
} from './harness.mjs';

let index;
let server;
let chromium;

before(async () => {
  index = buildIndex();
  server = await startServer(index.index);
  chromium = await launchBrowser();
});

after(async () => {
  await chromium?.close();
  await server?.stop();
  rmSync(index.dir, { recursive: true, force: true });
});

const titles = (page) => page.locator('#results .hit a.title').allTextContents();
const countLine = (page) => page.locator('#count').textContent();

// The ministry facet as the page shows it: value -> count.
async function ministryCounts(page) {
  const counts = {};
  for (const label of await page.locator('.facet[data-facet=ministry] label').all()) {
    counts[await label.locator('.value').textContent()] =
      Number(await label.locator('.count').textContent());
  }
  return counts;
}

test('searches, filters by ministry with the API\'s counts, and keeps it all in the URL', async () => {
  const { page, problems, close } = await openPage(chromium.browser);
  await page.goto(`${server.origin}/`);
  await page.locator('#q').fill('energiearmoede');
  await page.locator('#q').press('Enter');
  await page.waitForURL(/\?q=energiearmoede$/);
  assert.deepEqual(await titles(page), ['Energieke wijken, duurzaam en sociaal']);
  assert.equal(await countLine(page), '1 City Deal gevonden');
  assert.match(await page.locator('#results .snippet').first().innerHTML(),
    /<mark>energiearmoede<\/mark>/);
  await screenshot(page, 'page-search');

  // Clear the box, then tick BZK: the BZK deals, with the counts the API gives.
  await page.locator('#q').fill('');
  await page.locator('#q').press('Enter');
  await page.waitForURL(`${server.origin}/`);
  await page.locator('.facet[data-facet=ministry] input[value=BZK]').check();
  await page.waitForURL(/\?ministry=BZK$/);
  await page.locator('#count').filter({ hasText: '3 City Deals gevonden' }).waitFor();
  const api = await apiSearch(server.origin, 'ministry=BZK');
  assert.equal(api.total, 3);
  assert.ok((await titles(page)).includes('Fietsen voor iedereen'));
  assert.deepEqual((await titles(page)).sort(), api.hits.map((hit) => hit.title).sort());
  const expected = Object.fromEntries(api.facets.ministry.map((v) => [v.value, v.count]));
  assert.deepEqual(await ministryCounts(page), expected);
  assert.ok(await page.locator('.facet[data-facet=ministry] input[value=BZK]').isChecked());
  await screenshot(page, 'page-ministry-bzk');

  // The back button walks the states back; the page follows the URL.
  await page.goBack();
  await page.waitForURL(`${server.origin}/`);
  await page.locator('#count').filter({ hasText: '12 City Deals gevonden' }).waitFor();
  assert.equal(await page.locator('.facet[data-facet=ministry] input[value=BZK]').isChecked(), false);
  await page.goBack();
  await page.waitForURL(/\?q=energiearmoede$/);
  await page.locator('#count').filter({ hasText: '1 City Deal gevonden' }).waitFor();
  assert.equal(await page.locator('#q').inputValue(), 'energiearmoede');

  // A shared URL opens in the same state.
  await page.goto(`${server.origin}/?q=fietsen&ministry=BZK`);
  assert.deepEqual(await titles(page), ['Fietsen voor iedereen']);
  assert.deepEqual(problems, []);
  await close();
});

test('works with the keyboard alone, suggestions included', async () => {
  const { page, problems, close } = await openPage(chromium.browser);
  await page.goto(`${server.origin}/`);
  for (let i = 0; i < 5 && !(await page.locator('#q').evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  assert.ok(await page.locator('#q').evaluate((el) => el === document.activeElement),
    'Tab reaches the search box');
  await page.keyboard.type('energ');
  // The list of "energ" itself: on a busy machine the keys may come slower than the page's
  // 150 ms pause, and a list for "en" or "ene" show first.
  const options = page.locator('#suggestions[data-query="energ"] [role=option]');
  await options.first().waitFor();
  assert.equal(await page.locator('#q').getAttribute('aria-expanded'), 'true');
  await page.keyboard.press('ArrowDown');
  assert.equal(await options.first().getAttribute('aria-selected'), 'true');
  assert.equal(await page.locator('#q').getAttribute('aria-activedescendant'), 'suggestion-0');
  const chosen = await options.first().textContent();
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.searchParams.get('q') === chosen);
  assert.ok((await titles(page)).length > 0);
  assert.ok((await titles(page)).includes('Energieke wijken, duurzaam en sociaal'));
  // On to a facet by Tab, ticked with the space bar.
  const box = page.locator('.facet[data-facet=status] input').first();
  await box.focus();
  await page.keyboard.press('Space');
  await page.waitForURL(/status=/);
  assert.ok(await page.locator('.facet[data-facet=status] input').first().isChecked());
  assert.ok(await page.locator('.facet[data-facet=status] input').first()
    .evaluate((el) => el === document.activeElement), 'the ticked box keeps the focus');
  const outline = await page.locator('.facet[data-facet=status] input').first()
    .evaluate((el) => getComputedStyle(el).outlineStyle);
  assert.notEqual(outline, 'none', 'focus is visible');
  assert.deepEqual(problems, []);
  await close();
});

test('names the PDF and its page that a snippet comes from, and marks the pages of a deal', async () => {
  const { page, problems, close } = await openPage(chromium.browser);
  await page.goto(`${server.origin}/?q=${pdfDeal.word}`);
  assert.deepEqual(await titles(page), ['Warmte in de wijk']);
  const source = page.locator('#results .source');
  assert.equal(await source.textContent(), 'Uit: ' + pdfDeal.source);
  assert.equal(await source.locator('a').getAttribute('href'), pdfDeal.pdfUrl);
  await page.locator('#results a.title').click();
  await page.waitForURL(new RegExp(`/deals/${pdfDeal.id}$`));
  assert.match(await page.locator('.facts').textContent(), /Notitie van de gemeente \(PDF, 1 pagina\)/);
  assert.equal(await page.locator('.text h2.document').textContent(), 'Notitie van de gemeente');
  assert.equal(await page.locator('.text .page a').getAttribute('href'), pdfDeal.pdfUrl);
  assert.deepEqual(problems, []);
  await close();
});

test('shows a deal\'s markup as text and runs none of it', async () => {
  const { page, problems, close } = await openPage(chromium.browser);
  await page.goto(`${server.origin}/?q=woningbouw`);
  assert.ok((await titles(page)).includes('Test <script>alert(1)</script> deal'));
  assert.equal(await page.locator('#results img').count(), 0);
  assert.equal(await page.locator('#results script').count(), 0);
  await page.locator('#results a.title', { hasText: 'Test <script>' }).click();
  await page.waitForURL(/\/deals\/hostile-deal$/);
  assert.equal(await page.locator('h1').textContent(), 'Test <script>alert(1)</script> deal');
  assert.match(await page.locator('.text').textContent(), /<img src=x onerror=alert\(2\)>/);
  assert.equal(await page.locator('main img, main script').count(), 0);
  assert.deepEqual(problems, []);
  await close();
});

test('opens a whole deal, says "Bedoelde u" and fits a phone', async () => {
  const { page, problems, close } = await openPage(chromium.browser, { width: 375, height: 800 });
  await page.goto(`${server.origin}/?q=fietsen`);
  await page.locator('#results a.title').first().click();
  await page.waitForURL(/\/deals\/fietsen-voor-iedereen$/);
  assert.equal(await page.locator('h1').textContent(), 'Fietsen voor iedereen');
  assert.ok(await page.locator('.facts').textContent().then((t) => t.includes('IenW')));
  await screenshot(page, 'page-deal-phone');
  await page.goto(`${server.origin}/?q=energiarmoede`);
  assert.match(await page.locator('#results .note').first().textContent(), /energiearmoede/);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 375, `no sideways scrolling on a phone (page is ${width}px wide)`);
  await page.goto(`${server.origin}/?q=fietsen`);
  await screenshot(page, 'page-search-phone');
  assert.deepEqual(problems, []);
  await close();
});

test('works without JavaScript: a plain form and links', async () => {
  const context = await chromium.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${server.origin}/?q=fietsen`);
  assert.deepEqual(await titles(page), ['Fietsen voor iedereen']);
  await page.goto(`${server.origin}/`);
  await page.locator('.facet[data-facet=ministry] input[value=BZK]').check();
  await page.locator('button.apply').click();
  await page.waitForURL(/ministry=BZK/);
  assert.equal(await countLine(page), '3 City Deals gevonden');
  await page.locator('#q').fill('fietsen');
  await page.locator('#q').press('Enter');
  await page.waitForURL(/q=fietsen/);
  assert.deepEqual(await titles(page), ['Fietsen voor iedereen']);
  assert.match(page.url(), /ministry=BZK/, 'the ticked filter stays');
  await context.close();
});

test('passes axe-core (WCAG 2.1 AA and best practices) in every state a person sees', async () => {
  const axe = new AxeReport();
  const { page, problems, close } = await openPage(chromium.browser);
  await page.goto(`${server.origin}/`);
  await axe.check(page, 'the empty search page');

  await page.locator('#q').fill('fiets');
  await page.locator('#q').press('Enter');
  await page.waitForURL(/\?q=fiets$/);
  await page.locator('#results .hit').first().waitFor();
  await axe.check(page, 'results for "fiets"');

  const release = await holdRequests(page, (url) => url.searchParams.get('ministry') === 'BZK');
  await page.locator('.facet[data-facet=ministry] input[value=BZK]').check();
  await page.locator('body.loading').waitFor({ state: 'attached' });
  await axe.check(page, 'a search on its way');
  await screenshot(page, 'page-loading');
  await release();
  await page.waitForURL(/ministry=BZK/);
  await page.locator('body:not(.loading)').waitFor();
  await axe.check(page, 'results for "fiets" filtered by BZK');

  await page.goto(`${server.origin}/?q=qwxzyv`);
  assert.equal(await page.locator('#count').textContent(), 'Geen City Deals gevonden');
  await axe.check(page, 'no results');

  await page.goto(`${server.origin}/`);
  await page.locator('#q').pressSequentially('energ');
  await page.locator('#suggestions [role=option]').first().waitFor();
  await page.keyboard.press('ArrowDown');
  await axe.check(page, 'suggestions open');

  await page.goto(`${server.origin}/deals/fietsen-voor-iedereen`);
  await axe.check(page, 'a deal page');
  await page.goto(`${server.origin}/deals/geen-deal`);
  await axe.check(page, 'a deal that does not exist');
  await page.goto(`${server.origin}/?size=1000`);
  await axe.check(page, 'a search URL that is not valid');

  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto(`${server.origin}/?q=fiets`);
  await axe.check(page, 'results for "fiets" on a phone');
  axe.assertNone();
  // The browser reports the 404 and the 400 pages' statuses as console errors; nothing else.
  assert.deepEqual(problems.filter((p) => !/status of (400|404)\b/.test(p)), []);
  await close();
});
