// The embeddable search box: a host page on another origin (a municipality's site, with CSS
// that would break an unprotected widget) embeds it with one script tag, in Debian's headless
// Chromium against a real `dealsearch serve`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';

import { AxeReport } from './axe.mjs';
import {
  apiSearch, buildIndex, holdRequests, launchBrowser, openPage, pdfDeal, screenshot, startServer,
  startStaticSite,
} from './harness.mjs';

let index;
let server;
let site;
let chromium;

// The README's embedding in a municipality's page (its content in <main>, as axe's region rule
// asks of any page), plus host styles that must not reach into the widget.
const hostPage = (api, attributes = '', intro = '<p>Zoek in alle City Deals:</p>') => `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Gemeente Voorbeeld</title>
<link rel="icon" href="data:,">
<style>
  body { font-family: Georgia, serif; margin: 2rem; }
  input { display: none !important; }
  .hit, ol, li { color: red !important; display: inline !important; }
</style>
</head>
<body>
<main>
<h1>Gemeente Voorbeeld</h1>
${intro}
<script src="${api}/widget.js" defer></script>
<deal-search${attributes}></deal-search>
</main>
</body>
</html>
`;

before(async () => {
  index = buildIndex();
  server = await startServer(index.index);
  site = await startStaticSite(hostPage(server.origin));
  chromium = await launchBrowser();
});

after(async () => {
  await chromium?.close();
  await site?.stop();
  await server?.stop();
  rmSync(index.dir, { recursive: true, force: true });
});

const box = (page) => page.locator('deal-search input#q');
const titles = (page) => page.locator('deal-search [part~=results] li.hit a.title').allTextContents();
const countLine = (page) => page.locator('deal-search [part~=count]');
// The newest search's answer has arrived (the results are no longer dimmed as busy).
const settled = (page) => page.locator('deal-search [part~=results]:not([aria-busy])').waitFor();

async function ministryCounts(page) {
  const counts = {};
  for (const label of await page.locator('deal-search [data-facet=ministry] label').all()) {
    counts[await label.locator('input[type=checkbox]').getAttribute('value')] =
      Number(await label.locator('.count').textContent());
  }
  return counts;
}

test('one script tag embeds it; it searches and filters across origins', async () => {
  const { page, problems, close } = await openPage(chromium.browser);
  await page.goto(site.origin);
  assert.notEqual(new URL(site.origin).port, new URL(server.origin).port, 'another origin');
  await box(page).waitFor();
  assert.ok(await box(page).isVisible(), 'the host page\'s CSS does not hide the box');

  await box(page).fill('energiearmoede');
  await box(page).press('Enter');
  await page.locator('deal-search li.hit').first().waitFor();
  assert.deepEqual(await titles(page), ['Energieke wijken, duurzaam en sociaal']);
  assert.match(await page.locator('deal-search li.hit mark').first().textContent(), /energiearmoede/i);
  const hitColour = await page.locator('deal-search li.hit').first()
    .evaluate((el) => getComputedStyle(el).color);
  assert.notEqual(hitColour, 'rgb(255, 0, 0)', 'host styles do not reach into the widget');
  await screenshot(page, 'widget-search');

  // Clear the box, tick BZK: the BZK deals, with the counts the API gives.
  await box(page).fill('');
  await box(page).press('Enter');
  const bzk = page.locator('deal-search input[type=checkbox][name=ministry][value=BZK]');
  await bzk.check();
  await countLine(page).filter({ hasText: '3' }).waitFor();
  const api = await apiSearch(server.origin, 'ministry=BZK');
  assert.deepEqual((await titles(page)).sort(), api.hits.map((hit) => hit.title).sort());
  assert.ok((await titles(page)).includes('Fietsen voor iedereen'));
  const expected = Object.fromEntries(api.facets.ministry.map((v) => [v.value, v.count]));
  assert.deepEqual(await ministryCounts(page), expected);
  await screenshot(page, 'widget-ministry-bzk');
  assert.deepEqual(problems, []);
  await close();
});

test('works with the keyboard alone, suggestions included', async () => {
  const { page, problems, close } = await openPage(chromium.browser);
  await page.goto(site.origin);
  await box(page).waitFor();
  const focused = () => box(page).evaluate((el) => el.getRootNode().activeElement === el);
  for (let i = 0; i < 5 && !(await focused()); i++) {
    await page.keyboard.press('Tab');
  }
  assert.ok(await focused(), 'Tab reaches the search box');
  await page.keyboard.type('energ');
  // The list of "energ" itself, not one for the first letters typed (see page.test.mjs).
  const options = page.locator('deal-search [part~=suggestions][data-query="energ"] [role=option]');
  await options.first().waitFor();
  await page.keyboard.press('ArrowDown');
  const chosen = await options.first().textContent();
  await page.keyboard.press('Enter');
  await page.locator('deal-search li.hit').first().waitFor();
  assert.equal(await box(page).inputValue(), chosen);
  assert.ok((await titles(page)).includes('Energieke wijken, duurzaam en sociaal'));
  const outline = await box(page).evaluate((el) => getComputedStyle(el).outlineStyle);
  assert.notEqual(outline, 'none', 'focus is visible');
  assert.deepEqual(problems, []);
  await close();
});

test('names the PDF and its page that a snippet comes from, as a link to that page', async () => {
  const { page, problems, close } = await openPage(chromium.browser);
  await page.goto(site.origin);
  await box(page).fill(pdfDeal.word);
  await box(page).press('Enter');
  await page.locator('deal-search li.hit').first().waitFor();
  assert.deepEqual(await titles(page), ['Warmte in de wijk']);
  const source = page.locator('deal-search li.hit [part~=source]');
  assert.equal(await source.textContent(), 'Uit: ' + pdfDeal.source);
  assert.equal(await source.locator('a').getAttribute('href'), pdfDeal.pdfUrl);
  // A snippet from a deal's own page names nothing.
  await box(page).fill('energiearmoede');
  await box(page).press('Enter');
  await page.locator('deal-search li.hit', { hasText: 'Energieke wijken' }).waitFor();
  assert.equal(await page.locator('deal-search li.hit [part~=source]').count(), 0);
  assert.deepEqual(problems, []);
  await close();
});

test('shows a deal\'s markup as text and runs none of it', async () => {
  const { page, problems, close } = await openPage(chromium.browser);
  await page.goto(site.origin);
  await box(page).fill('woningbouw');
  await box(page).press('Enter');
  await page.locator('deal-search li.hit').first().waitFor();
  assert.ok((await titles(page)).includes('Test <script>alert(1)</script> deal'));
  const injected = await page.locator('deal-search').evaluate(
    (el) => el.shadowRoot.querySelectorAll('[part~=results] img, [part~=results] script').length);
  assert.equal(injected, 0);
  await page.waitForTimeout(300); // an onerror handler would have fired by now
  assert.deepEqual(problems, []);
  await close();
});

test('shows the facets the API has: its default selection, or those named that exist', async () => {
  const facetsShown = (page) => page.locator('deal-search fieldset[data-facet]')
    .evaluateAll((sets) => sets.map((set) => set.getAttribute('data-facet')));
  const first = await openPage(chromium.browser);
  const chosen = await startStaticSite(hostPage(server.origin, ' facets="partner_type,budget,status"'));
  const second = await openPage(chromium.browser);
  try {
    await first.page.goto(site.origin);
    await first.page.locator('deal-search fieldset[data-facet=status]').waitFor();
    const facets = await (await fetch(`${server.origin}/api/facets`)).json();
    const byDefault = ['status', 'ministry', 'partner', 'theme', 'year'];
    assert.deepEqual(await facetsShown(first.page), byDefault.filter((f) => facets.facets[f].length));

    // partner_type is the API's too; a facet the API does not have is not shown, nor asked for.
    await second.page.goto(chosen.origin);
    await second.page.locator('deal-search fieldset[data-facet=status]').waitFor();
    assert.deepEqual(await facetsShown(second.page), ['partner_type', 'status']);
    assert.deepEqual(first.problems.concat(second.problems), []);
  } finally {
    // Even after a failed assertion: an open site would keep node, and the test, running.
    await first.close();
    await second.close();
    await chosen.stop();
  }
});

test('speaks English on request, fits a phone, and stays small', async () => {
  const english = await startStaticSite(hostPage(server.origin, ' lang="en" placeholder="Search deals"'));
  const { page, problems, close } = await openPage(chromium.browser, { width: 375, height: 800 });
  await page.goto(english.origin);
  await box(page).waitFor();
  assert.equal(await box(page).getAttribute('placeholder'), 'Search deals');
  await box(page).fill('fietsen');
  await box(page).press('Enter');
  await page.locator('deal-search li.hit').first().waitFor();
  assert.match(await countLine(page).textContent(), /found/);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 375, `no sideways scrolling on a phone (page is ${width}px wide)`);
  await screenshot(page, 'widget-phone-en');
  assert.deepEqual(problems, []);
  await close();
  await english.stop();

  const script = await fetch(`${server.origin}/widget.js`);
  assert.equal(script.status, 200);
  assert.match(script.headers.get('content-type'), /javascript/);
  const bytes = (await script.arrayBuffer()).byteLength;
  assert.ok(bytes < 40 * 1024, `widget.js is ${bytes} bytes, more than 40 KB`);
});

test('passes axe-core (WCAG 2.1 AA and best practices) before and after a search', async () => {
  const axe = new AxeReport();
  const { page, problems, close } = await openPage(chromium.browser);
  await page.goto(site.origin);
  await page.locator('deal-search fieldset[data-facet=ministry]').waitFor();
  await axe.check(page, 'the widget before a search');

  await box(page).pressSequentially('energ');
  await page.locator('deal-search [part~=suggestions] [role=option]').first().waitFor();
  await page.keyboard.press('ArrowDown');
  await axe.check(page, 'suggestions open');

  await box(page).fill('fiets');
  await box(page).press('Enter');
  await page.locator('deal-search li.hit').first().waitFor();
  await settled(page);
  assert.deepEqual(await titles(page), ['Fietsen voor iedereen'], 'what was typed, not the suggestion');
  await axe.check(page, 'results for "fiets"');

  const release = await holdRequests(page, (url) => url.pathname === '/api/search');
  await page.locator('deal-search input[type=checkbox][name=ministry][value=BZK]').check();
  await page.locator('deal-search [part~=results][aria-busy=true]').waitFor({ state: 'attached' });
  await axe.check(page, 'a search on its way');
  await screenshot(page, 'widget-loading');
  await release();
  await settled(page);
  await axe.check(page, 'results for "fiets" filtered by BZK');

  await box(page).fill('qwxzyv');
  await box(page).press('Enter');
  await countLine(page).filter({ hasText: 'Geen' }).waitFor();
  await axe.check(page, 'no results');

  await page.setViewportSize({ width: 375, height: 800 });
  await box(page).fill('fiets');
  await box(page).press('Enter');
  await page.locator('deal-search li.hit').first().waitFor();
  await settled(page);
  await axe.check(page, 'results for "fiets" on a phone, filters folded');
  await close();

  // Under the host page's <h2>, heading-level="3" keeps the headings in order.
  const nested = await startStaticSite(hostPage(server.origin, ' heading-level="3" lang="en"',
    '<h2>Search the City Deals</h2>'));
  const second = await openPage(chromium.browser);
  await second.page.goto(nested.origin);
  await box(second.page).fill('fiets');
  await box(second.page).press('Enter');
  await second.page.locator('deal-search li.hit h3 a.title').first().waitFor();
  await settled(second.page);
  await axe.check(second.page, 'results under the host\'s <h2>, in English, heading-level="3"');
  await second.close();
  await nested.stop();
  axe.assertNone();
  assert.deepEqual([...problems, ...second.problems], []);
});
