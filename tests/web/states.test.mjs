// Every state a person can meet in the widget and the app, in a real browser: it is visible, in
// Hungarian, and says what to do next. Each state leaves a screenshot in build/test-artifacts/.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { axeViolations, freePort, launchBrowser, screenshot, startHostPage, startService } from './support.mjs';

const kHagyatek = 'hagyateki-eljaras-hagyateki-leltar';

let service;
let allowedHost;
let blockedHost;
let browser;

const widgetPage = (base, attributes = '') => `<!doctype html><html lang="hu"><head><meta charset="utf-8">
<title>Önkormányzat – ügyintézés</title></head><body><main><h1>Ügyintézés</h1>
<script src="${base}/widget.js" defer></script>
<ugykalauz-search ${attributes}></ugykalauz-search>
</main></body></html>`;

before(async () => {
  const allowedPort = await freePort();
  service = await startService(['--cors-origin', `http://127.0.0.1:${allowedPort}`]);
  allowedHost = await startHostPage(widgetPage(service.base, 'settlement="34014"'), allowedPort);
  // Another site embedding the widget, which the service does not allow.
  blockedHost = await startHostPage(widgetPage(service.base, 'settlement="34014"'), await freePort());
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await allowedHost?.stop();
  await blockedHost?.stop();
  await service?.stop();
});

// The visible status line or notice of the search UI (in the page or in the widget's shadow root).
const status = (page, scope = '') => page.locator(`${scope} .ugk .status`.trim()).first();

// Waits until the visible status says `pattern` (Playwright's CSS locators pierce the widget's open
// shadow root) and returns its text.
async function expectStatus(page, pattern, scope = '') {
  const locator = status(page, scope);
  const deadline = Date.now() + 15000;
  let text = '';
  while (Date.now() < deadline) {
    text = await locator.innerText().catch(() => '');
    if (pattern.test(text)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.match(text, pattern);
  assert.ok(await locator.isVisible(), 'the state is visible, not only announced');
  return text;
}

async function noAxeViolations(page) {
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
}

describe('widget states', () => {
  test('a site the service does not allow: a visible message, a way out, and the flag for the webmaster', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const console = [];
    page.on('console', (m) => console.push(`${m.type()}: ${m.text()}`));
    await page.goto(blockedHost.origin);
    await expectStatus(page, /nem engedélyezte ezt az oldalt/, 'ugykalauz-search');
    const link = page.locator('ugykalauz-search .notice a');
    assert.equal(await link.getAttribute('href'), `${service.base}/?settlement=34014`);
    assert.equal(await page.locator('ugykalauz-search .fields').isVisible(), false, 'no dead search box');
    assert.ok(console.some((line) => /^error: .*--cors-origin http:\/\/127\.0\.0\.1:\d+/.test(line)), console.join('\n'));
    assert.ok(!/Failed to fetch/.test(await page.locator('ugykalauz-search').innerText()));
    await screenshot(page, 'state-widget-blocked-origin');
    await noAxeViolations(page);
    await page.close();
  });

  test('a fixed settlement reads once, by its name', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(allowedHost.origin);
    const fixed = page.locator('ugykalauz-search .fixed');
    await page.waitForFunction(() => /Folyás/.test(document.querySelector('ugykalauz-search').shadowRoot.querySelector('.fixed').textContent));
    assert.equal(await fixed.innerText(), 'Település: Folyás');
    const spoken = await page.locator('ugykalauz-search .fields').evaluate((e) => e.textContent);
    assert.equal(spoken.match(/Település:/g).length, 1, spoken);
    await page.close();
  });

  test('zero results: said plainly, with the nearest cases and "did you mean"', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(allowedHost.origin);
    const box = page.locator('ugykalauz-search [role=combobox]').first();
    await box.fill('asdfgh');
    await expectStatus(page, /Nincs találat erre: „asdfgh”\. Írja le másképp/, 'ugykalauz-search');
    await box.fill('hagyatkxyzw');
    await expectStatus(page, /Nincs találat erre: „hagyatkxyzw”/, 'ugykalauz-search');
    const suggestion = page.locator('ugykalauz-search .notice-actions button').first();
    await suggestion.waitFor();
    assert.match(await suggestion.innerText(), /agyaték/i);
    await screenshot(page, 'state-widget-no-results');
    await noAxeViolations(page);
    await suggestion.click();
    await page.locator('ugykalauz-search [role=option]:visible').first().waitFor();
    for (const text of ['a', '%', '😀']) {
      await box.fill(text);
      await expectStatus(page, text === 'a' ? /legalább két betűt/ : /Nincs találat|legalább két betűt/, 'ugykalauz-search');
    }
    await page.close();
  });

  test('a pasted message that is too long: told to shorten it', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(allowedHost.origin);
    const text = `Tisztelt Hivatal! ${'Édesapám a múlt héten elhunyt, és szeretném tudni, mit kell intéznem. '.repeat(8)}`.slice(0, 529);
    await page.locator('ugykalauz-search [role=combobox]').first().fill(text);
    await expectStatus(page, /túl hosszú a kereséshez\. Írja le röviden/, 'ugykalauz-search');
    await screenshot(page, 'state-widget-too-long');
    await page.close();
  });

  test('Enter picks the best hit, the search button does the same, and the count is the total', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(allowedHost.origin);
    const box = page.locator('ugykalauz-search [role=combobox]').first();
    await box.fill('hivatal');
    const shown = await expectStatus(page, /\d+ találat/, 'ugykalauz-search');
    const total = (await (await fetch(`${service.base}/v1/search?q=hivatal&type=procedure&limit=8`)).json()).total;
    assert.ok(total > 8, `${total}`);
    assert.match(shown, new RegExp(`^${total} találat, az első 8 látható`));
    // Enter right after typing, before the list has even opened: the best hit for the text.
    await box.fill('');
    await box.type('hagyaték');
    await box.press('Enter');
    await page.locator('ugykalauz-search article.card').waitFor();
    assert.match(await page.locator('ugykalauz-search article.card h2').innerText(), /Hagyatéki eljárás/);
    // A new question clears the old answer at once.
    await box.fill('személyi');
    await page.locator('ugykalauz-search article.card').waitFor({ state: 'detached' });
    await page.locator('ugykalauz-search .search-button').click();
    await page.locator('ugykalauz-search article.card').waitFor();
    assert.match(await page.locator('ugykalauz-search article.card h2').innerText(), /Személyi igazolvány/);
    await page.close();
  });

  test('the service never answers: a timeout, then what to do', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(allowedHost.origin);
    await page.locator('ugykalauz-search [role=combobox]').first().waitFor();
    await page.route(`${service.base}/v1/**`, () => {});  // the request stays unanswered
    await page.locator('ugykalauz-search [role=combobox]').first().fill('hagyaték');
    await expectStatus(page, /Lassú a kapcsolat/, 'ugykalauz-search');
    await expectStatus(page, /másodperc alatt sem válaszolt/, 'ugykalauz-search');
    assert.ok(await page.locator('ugykalauz-search .notice-actions button:has-text("Újra")').isVisible());
    await screenshot(page, 'state-widget-timeout');
    await page.close();
  });
});

describe('desk app states', () => {
  test('a shared link restores both boxes, the print carries the date and the link back', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(`${service.base}/?procedure=${kHagyatek}&settlement=34014`);
    await page.locator('article.card').waitFor();
    assert.equal(await page.locator('#app-q').inputValue(), 'Hagyatéki eljárás – hagyatéki leltár');
    assert.equal(await page.locator('#app-settlement').inputValue(), 'Folyás');
    await page.emulateMedia({ media: 'print' });
    const note = page.locator('.print-only');
    assert.ok(await note.isVisible());
    const text = await note.innerText();
    assert.match(text, /^Nyomtatva: \d{4}\. \p{L}+ \d{1,2}\./u);
    assert.ok(text.includes(`${service.base}/?procedure=${kHagyatek}&settlement=34014`), text);
    await screenshot(page, 'state-app-print-with-date-and-link');
    await page.emulateMedia({ media: 'screen' });
    assert.equal(await note.isVisible(), false, 'only on paper');
    await page.close();
  });

  test('an office without an address of its own shows the register address with its source, and what is unknown', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(`${service.base}/?procedure=${kHagyatek}&settlement=16568`);
    const office = page.locator('article.card .office').first();
    await office.waitFor();
    const text = await office.innerText();
    assert.match(text, /Cím: 4075 Görbeháza, .*\ncím: törzskönyvi nyilvántartás, 2013 \(azóta változhatott\)/);
    assert.match(text, /telefonszáma és e-mail-címe nálunk nem szerepel/);
    await screenshot(page, 'state-app-register-address');
    await page.close();
  });

  test('related cases are linked: a death leads on to the probate', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(`${service.base}/?procedure=haleset-anyakonyvezese&settlement=34014`);
    const link = page.locator('article.card .related a', { hasText: 'Hagyatéki eljárás' });
    await link.waitFor();
    assert.match(await link.getAttribute('href'), new RegExp(`procedure=${kHagyatek}&settlement=34014`));
    await link.click();
    await page.locator('article.card h2:has-text("Hagyatéki eljárás")').waitFor();
    await page.waitForURL(new RegExp(`procedure=${kHagyatek}`));
    await page.close();
  });

  test('Budapest offers its 23 districts with clean labels; districts as people write them', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(`${service.base}/?procedure=${kHagyatek}&settlement=Budapest`);
    await page.locator('.candidates button').first().waitFor();
    const labels = await page.locator('.candidates button').allInnerTexts();
    assert.equal(labels.length, 23);
    assert.equal(labels[13], 'Budapest XIV. kerület');
    assert.ok(labels.every((l) => !/járás|ker\.\)/.test(l)), labels.join(' | '));
    await screenshot(page, 'state-app-budapest-districts');
    for (const input of ['Bp XIV', 'XIV. kerület', '4095 Folyás']) {
      await page.goto(`${service.base}/?procedure=${kHagyatek}&settlement=${encodeURIComponent(input)}`);
      await page.locator('article.card').waitFor();
      assert.match(await page.locator('#app-settlement').inputValue(), input === '4095 Folyás' ? /^Folyás$/ : /^Budapest XIV\. kerület$/);
    }
    await page.close();
  });
});

describe('field app states', () => {
  test('a district chosen by the name of a settlement, a dropped download said plainly', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${service.base}/`);
    await page.route('**/v1/snapshot**', (route) => route.abort('connectionreset'));
    await page.locator('#district').fill('Folyás');
    const option = page.locator('#district-list [role=option]', { hasText: 'Hajdúnánási járás' });
    await option.waitFor();
    assert.match(await option.innerText(), /Folyás ebben a járásban van/);
    await option.dispatchEvent('mousedown');
    assert.equal(await page.locator('#district').inputValue(), 'Hajdúnánási járás');
    await page.locator('#download').click();
    await page.locator('#offline-status:has-text("A letöltés megszakadt")').waitFor();
    assert.ok(!/Failed to fetch/.test(await page.locator('#offline-status').innerText()));
    await screenshot(page, 'state-field-download-dropped');
    await page.unroute('**/v1/snapshot**');
    await page.locator('#download').click();
    await page.locator('#offline-status:has-text("Letöltve: Hajdúnánási járás")').waitFor();
    await screenshot(page, 'state-field-district-by-name');
    await noAxeViolations(page);
    await context.close();
  });

  test('offline without a downloaded district: the header and the answer say so and what to do', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${service.base}/`);
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await context.setOffline(true);
    await page.reload();
    await page.locator('#network:has-text("Nincs hálózat – nincs letöltött járás")').waitFor();
    await page.locator('#app-q').fill('hagyaték');
    await expectStatus(page, /nincs letöltött járási adat\. Amikor újra van hálózat, töltse le/);
    await screenshot(page, 'state-field-offline-no-district');
    await context.close();
  });

  test('a network that never answers: the app answers from its district within the timeout', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true,
      serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(`${service.base}/`);
    await page.locator('#district').fill('Hajdúnánási');
    await page.locator('#district-list [role=option]').first().waitFor();
    await page.locator('#district').press('Enter');
    await page.locator('#download').click();
    await page.locator('#offline-status:has-text("Letöltve")').waitFor();
    await page.route('**/v1/**', () => {});  // connected, but the API never answers
    const started = Date.now();
    await page.locator('#app-q').fill('hagyaték');
    await page.locator('#app-q-list [role=option]:has-text("Hagyatéki eljárás")').waitFor({ timeout: 15000 });
    const waited = Date.now() - started;
    assert.ok(waited < 12000, `${waited} ms`);
    await page.locator('#network:has-text("A szolgáltatás nem válaszol – helyi adatokból")').waitFor();
    await expectStatus(page, /a letöltött adatokból/);
    await page.locator('#app-q-list [role=option]:has-text("Hagyatéki eljárás")').first().dispatchEvent('mousedown');
    await page.locator('#app-settlement').fill('Folyás');
    await page.locator('#app-settlement-list [role=option]:has-text("Folyás")').first().waitFor({ timeout: 15000 });
    await page.locator('#app-settlement').press('Enter');
    await page.locator('article.card').waitFor({ timeout: 15000 });
    await expectStatus(page, /A szolgáltatás nem válaszolt időben: a letöltött Hajdúnánási járás adataiból válaszolunk/);
    await screenshot(page, 'state-field-unresponsive-fallback');
    await context.close();
  });

  test('offline search finds a typo and an everyday sentence as online search does', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${service.base}/`);
    await page.locator('#district').fill('Folyás');
    await page.locator('#district-list [role=option]').first().waitFor();
    await page.locator('#district').press('Enter');
    await page.locator('#download').click();
    await page.locator('#offline-status:has-text("Letöltve")').waitFor();
    await context.setOffline(true);
    await page.locator('#network:has-text("Offline – helyi adatokból")').waitFor();
    for (const [query, expected] of [['kutay', /Ebösszeírás|állattartás/i], ['meghalt az édesapám', /Hagyatéki eljárás|Haláleset/]]) {
      // Known divergence since the relaxed search (issue 13): for a typo alone ("kutay") the service and
      // the offline engine may order their two best cases differently; the offline best must be one of
      // the service's two best.
      const top = (await (await fetch(`${service.base}/v1/search?q=${encodeURIComponent(query)}&type=procedure&limit=8`)).json()).results;
      const online = top[0].title;
      const acceptable = top.slice(0, 2).map((r) => r.title);
      await page.locator('#app-q').fill(query);
      const first = page.locator('#app-q-list [role=option]').first();
      // The list of the previous query may still be open: wait for this one's answer.
      let offline = '';
      for (let i = 0; i < 100 && !acceptable.some((t) => offline.startsWith(t)); i++) {
        offline = await first.innerText().catch(() => '');
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.match(offline, expected);
      assert.ok(acceptable.some((t) => offline.startsWith(t)), `offline "${offline}" vs online "${online}"`);
    }
    await expectStatus(page, /a letöltött adatokból/);
    await screenshot(page, 'state-field-offline-typo');
    await context.setOffline(false);
    await context.close();
  });
});
