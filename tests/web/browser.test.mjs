// The widget on another origin, the desk app and the offline field app, in a real browser.
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { localRoute } from '../../web/src/core.js';
import { axeViolations, binary, freePort, launchBrowser, screenshot, startHostPage, startService } from './support.mjs';

const kHagyatek = 'hagyateki-eljaras-hagyateki-leltar';
const kJointOffice = 'Hajdúnánási Közös Önkormányzati Hivatal';

let service;
let host;
let browser;
let admin;  // an administrator's key: the national report with the query texts

before(async () => {
  const hostPort = await freePort();
  // Feedback is accepted however fast the test clicks (the minimum time on page is the service's
  // defence against bots, tested in tests/http/quality_test.py).
  service = await startService(['--cors-origin', `http://127.0.0.1:${hostPort}`, '--feedback-min-ms', '0']);
  // The two lines of docs/widget.md, on a page whose own CSS tries hard to break the widget.
  host = await startHostPage(`<!doctype html><html lang="hu"><head><meta charset="utf-8"><title>Hajdúnánás – ügyintézés</title>
<style>* { color: red !important; font-family: serif; } input { display: none; } ul { display: none; }</style></head>
<body><main><h1>Ügyintézés</h1>
<script src="${service.base}/widget.js" defer></script>
<ugykalauz-search></ugykalauz-search>
</main></body></html>`, hostPort);
  browser = await launchBrowser();
  const created = spawnSync(binary, ['keys', 'create', '--data-dir', service.dataDir, '--name', 'admin', '--role', 'admin'],
    { encoding: 'utf8' });
  admin = created.stdout.trim().split('\n').at(-1);
});

after(async () => {
  await browser?.close();
  await host?.stop();
  await service?.stop();
});

// Types into a combobox and picks the option whose text contains `optionText`, by mouse.
async function pick(page, inputSelector, text, optionText) {
  const input = page.locator(inputSelector);
  await input.fill(text);
  const option = page.locator(`[role=option]:visible:has-text("${optionText}")`).first();
  await option.waitFor();
  await option.dispatchEvent('mousedown');
}

async function expectHagyatekCard(page) {
  const card = page.locator('article.card');
  await card.waitFor();
  const text = await card.innerText();
  assert.match(text, /Hagyatéki eljárás/);
  assert.match(text, new RegExp(kJointOffice));
  assert.match(text, /Folyás/);
  // The weekly hours as the server words them (hours::to_hungarian), online and offline alike.
  assert.match(text, /Nyitvatartás: H,K,Cs 7:30–12:00|Most (nyitva|zárva)/, 'opening hours are shown');
  assert.match(text, /Mit vigyen magával\?/);
  assert.ok((await card.locator('.checklist li').count()) >= 3, 'documents to bring are listed');
  assert.ok((await card.locator('h3:has-text("Nyomtatványok") + ul li').count()) >= 1, 'forms are listed');
  return card;
}

describe('CORS', () => {
  test('the configured origin may call the API and gets its preflight answered', async () => {
    const simple = await fetch(`${service.base}/v1/settlements?q=Foly`, { headers: { Origin: host.origin } });
    assert.equal(simple.headers.get('access-control-allow-origin'), host.origin);
    const preflight = await fetch(`${service.base}/v1/route`, {
      method: 'OPTIONS',
      headers: { Origin: host.origin, 'Access-Control-Request-Method': 'GET' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), host.origin);
    assert.match(preflight.headers.get('access-control-allow-methods'), /GET/);
  });

  test('another origin gets no CORS headers', async () => {
    const response = await fetch(`${service.base}/v1/settlements?q=Foly`, { headers: { Origin: 'http://evil.example' } });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('access-control-allow-origin'), null);
  });
});

describe('widget on another origin', () => {
  test('is small: one script, reported gzip size under 16 KB', async (t) => {
    const response = await fetch(`${service.base}/widget.js`);
    assert.equal(response.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.ok(response.headers.get('etag'));
    const body = Buffer.from(await response.arrayBuffer());
    const gzipped = gzipSync(body, { level: 9 }).length;
    t.diagnostic(`widget.js: ${body.length} bytes, ${gzipped} bytes gzip -9`);
    assert.ok(gzipped < 16 * 1024, `${gzipped} bytes gzipped`);
  });

  test('finds which office handles "hagyaték" for Folyás, with hours, forms and documents', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(host.origin);
    await pick(page, 'ugykalauz-search [role=combobox] >> nth=0', 'hagyaték', 'Hagyatéki eljárás');
    await pick(page, 'ugykalauz-search [role=combobox] >> nth=1', 'Folyás', 'Folyás');
    const card = await expectHagyatekCard(page);
    // The host page's "* { color: red !important }" and "input { display: none }" do not reach in.
    assert.notEqual(await card.locator('h2').evaluate((h) => getComputedStyle(h).color), 'rgb(255, 0, 0)');
    assert.ok(await page.locator('ugykalauz-search [role=combobox] >> nth=0').isVisible());
    await screenshot(page, 'widget-desktop');
    assert.deepEqual(errors, []);
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'widget-phone');
    const violations = await axeViolations(page);
    assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
    await page.close();
  });

  test('asks "Megtalálta, amit keresett?" under the answer and sends the feedback across origins', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(host.origin);
    await pick(page, 'ugykalauz-search [role=combobox] >> nth=0', 'hagyaték', 'Hagyatéki eljárás');
    await pick(page, 'ugykalauz-search [role=combobox] >> nth=1', 'Folyás', 'Folyás');
    await expectHagyatekCard(page);
    const block = page.locator('ugykalauz-search .feedback');
    assert.match(await block.innerText(), /Megtalálta, amit keresett\?[\s\S]*Igen[\s\S]*Részben[\s\S]*Nem/);
    assert.match(await block.innerText(), /Nagyon jó[\s\S]*Jó[\s\S]*Nem jó/);
    // The honeypot is off screen, out of the tab order and hidden from screen readers.
    const trap = block.locator('input[name=website]');
    assert.ok(await trap.evaluate((input) => input.getBoundingClientRect().right <= 0));
    assert.equal(await trap.getAttribute('tabindex'), '-1');
    assert.equal(await trap.evaluate((input) => input.closest('[aria-hidden=true]') !== null), true);
    // The question and the opened result were counted (anonymously) for the widget.
    const { search } = await (await fetch(`${service.base}/v1/reports/quality`, { headers: { Authorization: `Bearer ${admin}` } })).json();
    assert.ok(search.surfaces.some((row) => row.surface === 'widget' && row.searches >= 1), JSON.stringify(search));
    assert.ok(search.opened.some((row) => row.result_id === 'hagyateki-eljaras-hagyateki-leltar'), JSON.stringify(search));
    const before = await (await fetch(`${service.base}/v1/reports/quality`)).json();
    // Sending without an answer to the first question says what is missing.
    await block.locator('button:has-text("Visszajelzés küldése")').click();
    await block.locator('.notice.warn:has-text("Válassza ki")').waitFor();
    await block.locator('input[value=reszben]').check();
    await block.locator('input[value=nem_jo]').check();
    await block.locator('textarea').fill('Kiss Péter vagyok, a nyomtatványt nem találtam.');
    const violations = await axeViolations(page);
    assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
    await block.locator('button:has-text("Visszajelzés küldése")').click();
    await page.locator('ugykalauz-search .feedback:has-text("Köszönjük a visszajelzést")').waitFor();
    const after = await (await fetch(`${service.base}/v1/reports/quality`)).json();
    assert.equal(after.feedback.total, before.feedback.total + 1);
    assert.equal(after.feedback.found.reszben.count, before.feedback.found.reszben.count + 1);
    assert.equal(after.feedback.satisfaction.nem_jo.count, before.feedback.satisfaction.nem_jo.count + 1);
    await screenshot(page, 'widget-feedback-sent');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('says so when the feedback cannot be sent', async () => {
    const page = await browser.newPage();
    await page.goto(host.origin);
    await pick(page, 'ugykalauz-search [role=combobox] >> nth=0', 'hagyaték', 'Hagyatéki eljárás');
    await pick(page, 'ugykalauz-search [role=combobox] >> nth=1', 'Folyás', 'Folyás');
    await expectHagyatekCard(page);
    await page.route('**/v1/feedback', (route) => route.abort('connectionrefused'));
    const block = page.locator('ugykalauz-search .feedback');
    await block.locator('input[value=igen]').check();
    await block.locator('button:has-text("Visszajelzés küldése")').click();
    await block.locator('.notice.error:has-text("Nem érjük el a szolgáltatást")').waitFor();
    // The choices stay, so the person can try again.
    assert.equal(await block.locator('input[value=igen]').isChecked(), true);
    assert.equal(await block.locator('button:has-text("Visszajelzés küldése")').isEnabled(), true);
    await page.close();
  });

  test('works by keyboard alone, as a WAI-ARIA combobox, and announces result counts', async () => {
    const page = await browser.newPage();
    await page.goto(host.origin);
    await page.locator('ugykalauz-search [role=combobox]').first().waitFor();
    await page.keyboard.press('Tab');
    const search = page.locator('ugykalauz-search [role=combobox]').first();
    assert.ok(await search.evaluate((e) => e.getRootNode().activeElement === e), 'Tab reaches the search box');
    await page.keyboard.type('hagyaték');
    await page.waitForFunction(() => document.querySelector('ugykalauz-search').shadowRoot
      .querySelector('[role=combobox]').getAttribute('aria-expanded') === 'true');
    const live = page.locator('ugykalauz-search [aria-live=polite]');
    await page.waitForFunction(() => /találat/.test(document.querySelector('ugykalauz-search').shadowRoot
      .querySelector('[aria-live=polite]').textContent));
    assert.match(await live.textContent(), /\d+ találat/);
    await page.keyboard.press('ArrowDown');
    const activeId = await search.getAttribute('aria-activedescendant');
    assert.ok(activeId, 'aria-activedescendant names the active option');
    const listId = await search.getAttribute('aria-controls');
    const option = page.locator(`ugykalauz-search #${listId} #${activeId}`);
    assert.equal(await option.getAttribute('role'), 'option');
    assert.equal(await option.getAttribute('aria-selected'), 'true');
    // Move to the option for hagyatéki leltár, wherever the ranking put it.
    for (let i = 0; i < 8 && !/Hagyatéki eljárás/.test(await page.locator(`ugykalauz-search #${await search.getAttribute('aria-activedescendant')}`).textContent()); i++) {
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Enter');
    assert.equal(await search.getAttribute('aria-expanded'), 'false');
    // With the case chosen and no settlement yet, focus moves on to the settlement box by itself.
    await page.waitForFunction(() => {
      const root = document.querySelector('ugykalauz-search').shadowRoot;
      return root.activeElement === root.querySelectorAll('[role=combobox]')[1];
    });
    await page.keyboard.type('Folyás');
    await page.waitForFunction(() => document.querySelector('ugykalauz-search').shadowRoot
      .querySelectorAll('[role=combobox]')[1].getAttribute('aria-expanded') === 'true');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expectHagyatekCard(page);
    // Focus is visible: the focused element draws an outline.
    await page.keyboard.press('Shift+Tab');
    const outline = await page.evaluate(() => {
      const root = document.querySelector('ugykalauz-search').shadowRoot;
      return getComputedStyle(root.activeElement).outlineStyle;
    });
    assert.equal(outline, 'solid');
    await page.close();
  });

  test('offers the candidates when a settlement name fits several places', async () => {
    const page = await browser.newPage();
    await page.goto(host.origin);
    await pick(page, 'ugykalauz-search [role=combobox] >> nth=0', 'hagyaték', 'Hagyatéki eljárás');
    const settlement = page.locator('ugykalauz-search [role=combobox] >> nth=1');
    await settlement.fill('Budapest');
    await page.locator('ugykalauz-search [role=option]:visible').first().waitFor();
    await settlement.press('Enter');
    await page.locator('ugykalauz-search h2:has-text("Melyik településre gondolt?")').waitFor();
    const choice = page.locator('ugykalauz-search .candidates button').first();
    assert.match(await choice.textContent(), /Budapest/);
    await choice.click();
    const card = page.locator('ugykalauz-search article.card');
    await card.waitFor();
    assert.match(await card.innerText(), /Budapest/);
    await page.close();
  });
});

describe('desk app', () => {
  test('answers, reopens the answer from its link and prints the checklist', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.goto(`${service.base}/`);
    await pick(page, '#app-q', 'hagyaték', 'Hagyatéki eljárás');
    await pick(page, '#app-settlement', 'Folyás', 'Folyás');
    await expectHagyatekCard(page);
    assert.match(page.url(), new RegExp(`procedure=${kHagyatek}`));
    assert.match(page.url(), /settlement=34014/);
    await screenshot(page, 'app-desktop');
    const violations = await axeViolations(page);
    assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));

    const reopened = await browser.newPage();
    await reopened.goto(page.url());
    await expectHagyatekCard(reopened);

    await reopened.emulateMedia({ media: 'print' });
    assert.equal(await reopened.locator('header').isVisible(), false, 'no app chrome on paper');
    assert.equal(await reopened.locator('.fields').isVisible(), false, 'no search fields on paper');
    assert.equal(await reopened.locator('.actions').isVisible(), false, 'no buttons on paper');
    assert.ok(await reopened.locator('.checklist li').first().isVisible(), 'the checklist is printed');
    await screenshot(reopened, 'app-print');
    await reopened.close();
    await page.close();
  });
});

describe('quality report page', () => {
  test('draws the national report for anyone and the office report for its editor, as inline SVG', async () => {
    const created = spawnSync(binary, ['keys', 'create', '--data-dir', service.dataDir, '--name', 'KÖH', '--role', 'editor',
      '--office', 'koh-22406'], { encoding: 'utf8' });
    assert.equal(created.status, 0, created.stderr);
    const editor = created.stdout.trim().split('\n').at(-1);
    const procedures = (await (await fetch(`${service.base}/v1/procedures`)).json()).results;
    for (const [i, found] of ['igen', 'igen', 'nem'].entries()) {
      const response = await fetch(`${service.base}/v1/feedback`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ procedure_id: procedures[10 + i].id, office_id: 'koh-22406', found, satisfaction: 'jo', elapsed_ms: 5000 }) });
      assert.equal(response.status, 202);
    }
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${service.base}/quality.html`);
    await page.locator('#status:has-text("A jelentés betöltve")').waitFor();
    assert.match(await page.locator('#report h2').innerText(), /Országos/);
    assert.ok(await page.locator('#report svg[role=img]').count() >= 2, 'share charts are drawn');
    assert.equal(await page.locator('#report h3:has-text("Legutóbbi megjegyzések")').count(), 0, 'no comments for anonymous readers');
    // An office without a key: told that a key is needed.
    await page.selectOption('#scope', 'office');
    await page.fill('#scope-id', 'koh-22406');
    await page.click('button[type=submit]');
    await page.locator('#status .notice.error:has-text("kulcs")').waitFor();
    await page.fill('#key', editor);
    await page.click('button[type=submit]');
    await page.locator('#status:has-text("A jelentés betöltve")').waitFor();
    const text = await page.locator('#report').innerText();
    assert.match(text, /Hajdúnánási/);
    // The chart shows the API's figures (the widget test above may have added one of its own).
    const report = await (await fetch(`${service.base}/v1/reports/quality?office=koh-22406`,
      { headers: { Authorization: `Bearer ${editor}` } })).json();
    assert.ok(report.feedback.found.igen.count >= 2 && report.feedback.found.nem.count >= 1);
    const chart = await page.locator('#report svg[aria-label="Megtalálta, amit keresett?"]').textContent();
    for (const [key, label] of [['igen', 'Igen'], ['reszben', 'Részben'], ['nem', 'Nem']]) {
      const { count, share } = report.feedback.found[key];
      assert.ok(chart.includes(`${label}: ${count} (${Math.round(share * 100)}%)`), `${label} in ${chart}`);
    }
    // The search section: a question of the office's area that found nothing, with its mends. A
    // synonym is national: the office editor's key is refused, and the page says why.
    assert.match(text, /Keresések \(az utolsó 12 hétben\)/);
    const folyas = (await (await fetch(`${service.base}/v1/settlements?q=Foly%C3%A1s`)).json()).results[0].ksh_code;
    const asked = await fetch(`${service.base}/v1/search?q=${encodeURIComponent('qqqq zzzz')}&surface=desk&settlement=${folyas}`);
    assert.equal(asked.status, 200);
    await page.click('button[type=submit]');
    await page.locator('#status:has-text("A jelentés betöltve")').waitFor();
    const row = page.locator('#report table.failed-queries tr:has-text("qqqq zzzz")');
    await row.waitFor();
    await row.locator('button:has-text("Szinonima felvétele")').click();
    await page.locator('#status .notice.error:has-text("Írja be")').waitFor();
    await row.locator('input').fill('lakcímkártya');
    await row.locator('button:has-text("Szinonima felvétele")').click();
    await page.locator('#status .notice.error:has-text("nem jogosít")').waitFor();
    // Another office's report with this key: 403 in Hungarian.
    await page.fill('#scope-id', 'jh-099');
    await page.click('button[type=submit]');
    await page.locator('#status .notice.error:has-text("saját hivatalai")').waitFor();
    await page.fill('#scope-id', 'koh-22406');
    await page.click('button[type=submit]');
    await page.locator('#status:has-text("A jelentés betöltve")').waitFor();
    await screenshot(page, 'quality-report');
    const violations = await axeViolations(page);
    assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
    assert.deepEqual(errors, []);
    await page.close();
  });
});

describe('field app', () => {
  test('answers the same question with the network cut off', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${service.base}/`);
    await page.locator('#district').fill('099');
    // The picker's list opens over the download button, as it would under a finger: choose first.
    await page.locator('#district-list [role=option]').first().waitFor();
    await page.locator('#district').press('Enter');
    await page.locator('#download').click();
    await page.locator('#offline-status:has-text("Letöltve")').waitFor();
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

    await context.setOffline(true);
    await page.reload();  // the app itself now comes from the service worker's cache
    await page.locator('#network:has-text("Offline")').waitFor();
    await page.locator('#data-age:has-text("Hajdúnánási")').waitFor();
    await pick(page, '#app-q', 'hagyaték', 'Hagyatéki eljárás');
    await pick(page, '#app-settlement', 'Folyás', 'Folyás');
    await expectHagyatekCard(page);
    await screenshot(page, 'app-phone-offline');

    await context.setOffline(false);
    await page.locator('#network:has-text("Kapcsolódva")').waitFor();
    await context.close();
  });

  test('routes locally exactly as the service does, for every settlement and procedure of the district', async () => {
    const snapshot = await (await fetch(`${service.base}/v1/snapshot?district=099`)).json();
    let compared = 0;
    for (const settlement of snapshot.settlements) {
      for (const procedure of snapshot.procedures) {
        const url = `${service.base}/v1/route?settlement=${settlement.ksh_code}&procedure=${procedure.id}`;
        const online = await (await fetch(url)).json();
        const offline = localRoute(snapshot, settlement.ksh_code, procedure.id);
        const pickOffices = (r) => r.offices.map((o) => [o.id, o.role, o.reason, o.reason_code, o.distance_km,
          o.opening_hours, o.opening_hours_text]);
        assert.deepEqual(pickOffices(offline), pickOffices(online), `${settlement.name} / ${procedure.id}`);
        const pickVisits = (r) => r.visits.map((v) => [v.id, v.reason, v.reason_code, v.schedule_text]);
        assert.deepEqual(pickVisits(offline), pickVisits(online));
        assert.deepEqual(offline.forms.map((f) => f.id), online.forms.map((f) => f.id));
        assert.equal(offline.territory_hint, online.territory_hint);
        assert.equal(offline.central_authority, online.central_authority);
        compared++;
      }
    }
    assert.ok(compared > 100);
  });
});
