/*
 * Browser test of the wiredex search page, in Debian's headless Chromium
 * driven by playwright-core: type a query, submit, see the EFE article
 * first with <mark> highlights, click a facet, see the filtered results,
 * move with the keyboard, and check that hostile queries and hostile
 * article text never run (no dialog, no injected element). Screenshots
 * go to tests/artifacts/. Prints TAP-like "ok - ..." / "not ok - ..."
 * lines (read by tests/e2e/T170-browser.sh); exits 1 on any failure.
 *
 *   node search.mjs BASE_URL [ARTIFACT_DIR]
 *   BASE_URL: the search endpoint, e.g. http://127.0.0.1:8080/search.cgi
 */
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const base = process.argv[2];
const artifacts = process.argv[3] || 'tests/artifacts';
if (!base) {
  console.error('usage: node search.mjs BASE_URL [ARTIFACT_DIR]');
  process.exit(2);
}
mkdirSync(artifacts, { recursive: true });

let failures = 0;
function check(name, cond, detail = '') {
  if (cond) {
    console.log(`ok - ${name}`);
  } else {
    failures++;
    console.log(`not ok - ${name}${detail ? ': ' + detail : ''}`);
  }
}

const profile = mkdtempSync(join(tmpdir(), 'wx-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update',
         '--disable-sync'],
  viewport: { width: 1280, height: 900 },
});

/* Anything an attacker manages to run would show up here. */
const dialogs = [];
const pageErrors = [];
context.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });

/* Count elements that no page of ours ever contains. */
async function injected(page) {
  return page.evaluate(() =>
    document.querySelectorAll('script, img, iframe, object, embed, ' +
                              'svg:not(figure.hist > svg), ' +
                              '[onerror], [onload], [onclick]').length);
}

try {
  const page = context.pages()[0] || await context.newPage();
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  page.on('pageerror', (e) => pageErrors.push(String(e)));

  /* ---- the start page, then a query typed and submitted ---- */
  const resp = await page.goto(base);
  check('start page loads with 200', resp && resp.status() === 200,
        resp ? String(resp.status()) : 'no response');
  check('the start page is served as UTF-8 HTML',
        (resp.headers()['content-type'] || '') === 'text/html; charset=utf-8',
        resp.headers()['content-type']);
  const box = page.getByLabel('Search the news archive');
  check('the search box has a label', await box.count() === 1);
  await box.click();
  await page.keyboard.type('embassy response Canberra');
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);

  check('the query stays in the search box',
        await box.inputValue() === 'embassy response Canberra',
        await box.inputValue());
  const hits = page.locator('ol.hits > li.hit');
  check('there are results', await hits.count() >= 1,
        String(await hits.count()));
  const first = hits.first();
  const agency = (await first.locator('.meta .agency').textContent()) || '';
  check('the EFE article comes first', agency.trim() === 'EFE', agency);
  const marks = await first.locator('.snippet mark').allTextContents();
  check('its snippet highlights the query words in <mark>',
        marks.some((m) => /canberra/i.test(m)) &&
        marks.some((m) => /embass/i.test(m)), JSON.stringify(marks));
  check('the result count and time are shown',
        /\barticles?\b.*\(\d+(\.\d+)? ms\)/.test(
          (await page.locator('.summary').textContent()) || ''));
  await page.screenshot({ path: join(artifacts, 'search-results.png'),
                          fullPage: true });

  /* ---- a facet click adds a filter and keeps the query ---- */
  const facet = page.locator('aside details.facet', { hasText: 'Agency' })
    .locator('a', { hasText: 'EFE' });
  check('the agency facet lists EFE', await facet.count() === 1);
  await Promise.all([page.waitForNavigation(), facet.click()]);
  check('the facet link kept the query',
        await box.inputValue() === 'embassy response Canberra');
  check('the facet link added the filter to the URL',
        new URL(page.url()).searchParams.getAll('agency').includes('EFE'),
        page.url());
  check('the active filter is shown, removable',
        await page.getByRole('link', { name: 'Remove filter agency: EFE' })
          .count() === 1);
  const agencies = await page.locator('ol.hits .meta .agency')
    .allTextContents();
  check('every result is from the facet value',
        agencies.length >= 1 && agencies.every((a) => a.trim() === 'EFE'),
        JSON.stringify(agencies));

  /* A broader query: the facet narrows the count. */
  await page.goto(base + '?q=the');
  const total = async () => Number(((await page.locator('.summary strong')
    .last().textContent()) || '0').replace(/,/g, ''));
  const before = await total();
  const afp = page.locator('aside details.facet', { hasText: 'Agency' })
    .locator('a', { hasText: 'AFP' });
  const afpCount = Number((await afp.locator('.count').textContent()) || 0);
  await Promise.all([page.waitForNavigation(), afp.click()]);
  const after = await total();
  check('a facet click narrows the results to its count',
        after === afpCount && after < before, `${before} -> ${after}`);
  const afpOnly = await page.locator('ol.hits .meta .agency')
    .allTextContents();
  check('the filtered results all match the facet',
        afpOnly.length > 0 && afpOnly.every((a) => a.trim() === 'AFP'),
        JSON.stringify(afpOnly));
  await page.screenshot({ path: join(artifacts, 'search-facet.png'),
                          fullPage: true });

  /* ---- the histogram: a bar is a link to its period's articles ---- */
  await page.goto(base + '?q=the');
  const bars = page.locator('figure.hist svg a');
  check('the results page draws a histogram', await bars.count() >= 2,
        String(await bars.count()));
  const bar = bars.nth(1);
  const label = (await bar.locator('title').textContent()) || '';
  const [period, barCount] = label.split(': ');
  await Promise.all([page.waitForNavigation(), bar.click()]);
  const url = new URL(page.url());
  check('a bar click filters to its period',
        url.searchParams.get('from') === period &&
        url.searchParams.get('to') === period, page.url());
  check('the period\'s article count is the bar\'s',
        await total() === Number(barCount.replace(/[^0-9]/g, '')),
        `${label} -> ${await total()}`);
  const dates = await page.locator('ol.hits .meta time')
    .evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')));
  check('every result is dated in that period',
        dates.length > 0 && dates.every((d) => d.startsWith(period)),
        JSON.stringify(dates));
  check('the date fields show the period',
        await page.locator('#from').inputValue() === period);

  /* ---- exports ---- */
  await page.goto(base + '?q=embassy+response+Canberra');
  const csvHref = await page.locator('.export a', { hasText: 'CSV' })
    .getAttribute('href');
  const csv = await page.request.get(new URL(csvHref, page.url()).href);
  check('the CSV link serves text/csv',
        (csv.headers()['content-type'] || '').startsWith('text/csv'),
        csv.headers()['content-type']);
  check('the CSV holds the results', /^rank,id,date/.test(await csv.text()) &&
        /EFE/.test(await csv.text()));

  /* ---- the keyboard alone ---- */
  await page.goto(base + '?q=embassy+response+Canberra');
  await page.keyboard.press('Tab');
  check('the first Tab reaches the skip link',
        await page.evaluate(() => document.activeElement.className) ===
        'skip');
  await page.keyboard.press('Enter');
  for (let i = 0; i < 8; i++) {
    const tag = await page.evaluate(() => document.activeElement.tagName);
    if (tag === 'A' && await page.evaluate(() =>
      document.activeElement.closest('.hit') !== null)) break;
    await page.keyboard.press('Tab');
  }
  const focused = await page.evaluate(() => ({
    inHit: document.activeElement.closest('.hit') !== null,
    outline: getComputedStyle(document.activeElement).outlineStyle,
  }));
  check('Tab reaches the first result link, with a visible focus style',
        focused.inHit && focused.outline !== 'none', JSON.stringify(focused));
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  check('Enter on a result opens its full text',
        await page.locator('article.full h1').count() === 1);
  const body = (await page.locator('article.full .body').textContent()) || '';
  check('the full text is there', /Canberra/.test(body));
  await page.screenshot({ path: join(artifacts, 'article.png'),
                          fullPage: true });

  /* ---- a phone-sized screen ---- */
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(base + '?q=the');
  const overflow = await page.evaluate(() =>
    document.documentElement.scrollWidth - window.innerWidth);
  check('no sideways scrolling on a phone', overflow <= 0, String(overflow));
  const refine = page.locator('details.refine');
  const refineBox = await refine.boundingBox();
  const hitsBox = await page.locator('ol.hits').boundingBox();
  check('on a phone the facets come first, folded',
        refineBox !== null && hitsBox !== null &&
        refineBox.y < hitsBox.y &&
        await refine.getAttribute('open') === null &&
        !(await page.locator('aside').isVisible()),
        JSON.stringify([refineBox, hitsBox]));
  await page.screenshot({ path: join(artifacts, 'search-phone.png'),
                          fullPage: false });
  await page.setViewportSize({ width: 1280, height: 900 });

  /* ---- nothing an attacker types runs ---- */
  const hostile = '<script>alert(1)</script>"><img src=x onerror=alert(2)>' +
                  "'><svg onload=alert(3)>";
  await page.goto(base + '?q=' + encodeURIComponent(hostile));
  await page.waitForTimeout(300);
  check('a hostile query round-trips as text in the search box',
        await box.inputValue() === hostile, await box.inputValue());
  check('a hostile query injects no element', await injected(page) === 0);
  await box.fill(hostile + ' more');
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  await page.waitForTimeout(300);
  check('a hostile query typed in the box injects no element',
        await injected(page) === 0);

  await page.goto(base + '?q=alert');
  await page.waitForTimeout(300);
  const titles = await page.locator('ol.hits h2').allTextContents();
  check('hostile article titles are shown as text',
        titles.some((t) => t.includes('<script>alert(1)</script>')) &&
        titles.some((t) => t.includes('"><img src=x onerror=alert(1)>')),
        JSON.stringify(titles));
  check('hostile article text injects no element', await injected(page) === 0);
  await page.screenshot({ path: join(artifacts, 'hostile.png'),
                          fullPage: true });
  const link = page.locator('ol.hits h2 a', { hasText: '<script>' }).first();
  await Promise.all([page.waitForNavigation(), link.click()]);
  await page.waitForTimeout(300);
  check('the hostile article page shows its title as text',
        ((await page.locator('article.full h1').textContent()) || '')
          .includes('<script>alert(1)</script>'));
  check('the hostile article page injects no element',
        await injected(page) === 0);

  check('no dialog ever opened', dialogs.length === 0,
        JSON.stringify(dialogs));
  check('no script error in any page', pageErrors.length === 0,
        JSON.stringify(pageErrors));
} catch (e) {
  check('the browser session ran to the end', false, String(e));
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
process.exit(failures ? 1 : 0);
