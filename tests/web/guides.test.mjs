// The death-in-the-family guide in a real browser, online (desk app) and offline (field app with
// district 099 downloaded): a person in Folyás whose father's last residence was Polgár, another
// settlement of the district with its own municipal office. The probate's office must be Polgár's
// (the deceased's last residence), not the one Folyás belongs to; the death registration's stays
// at the place of death (Folyás). axe-core clean on a question and on the outcome.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { matchGuides } from '../../web/src/guide.js';
import { axeViolations, freePort, launchBrowser, screenshot, startHostPage, startService } from './support.mjs';

const kGuide = 'haleset-a-csaladban';
const kFolyasOffice = 'Hajdúnánási Közös Önkormányzati Hivatal';
const kPolgarOffice = 'Polgár Város Polgármesteri Hivatala';
const kProbate = 'Hagyatéki eljárás – hagyatéki leltár';

let service;
let browser;
let host;

before(async () => {
  const hostPort = await freePort();
  service = await startService(['--cors-origin', `http://127.0.0.1:${hostPort}`]);
  host = await startHostPage(`<!doctype html><html lang="hu"><head><meta charset="utf-8"><title>Folyás – ügyintézés</title></head>
<body><main><h1>Ügyintézés</h1>
<script src="${service.base}/widget.js" defer></script>
<ugykalauz-search settlement="34014"></ugykalauz-search>
</main></body></html>`, hostPort);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await host?.stop();
  await service?.stop();
});

test('the premise: Polgár has its own municipal office for the probate, Folyás belongs to the joint office', async () => {
  const office = async (ksh) => (await (await fetch(
    `${service.base}/v1/route?settlement=${ksh}&procedure=hagyateki-eljaras-hagyateki-leltar`)).json()).offices[0].name;
  assert.equal(await office('34014'), kFolyasOffice);
  assert.equal(await office('23117'), kPolgarOffice);
});

test('the offline guide match (guide.js) offers what /v1/search offers, for life events and other questions', async () => {
  const snapshot = await (await fetch(`${service.base}/v1/snapshot?district=099`)).json();
  const queries = ['meghalt az édesapám', 'elhunyt hozzátartozó', 'autót vettem', 'elvesztettem a személyimet',
    'ellopták a jogosítványomat', 'házat építek', 'kutyát tartok', 'megszületett a gyerekem', 'költözöm',
    'férjhez megyek', 'parkolási igazolvány', 'eladom a termőföldet', 'vállalkozást indítok', 'nincs jövedelmem',
    'nyitvatartás', 'hagyatéki leltár', 'az a'];
  let offered = 0;
  for (const q of queries) {
    const online = await (await fetch(`${service.base}/v1/search?q=${encodeURIComponent(q)}&type=procedure&limit=8`)).json();
    const offline = matchGuides(snapshot.guides, q, snapshot.analysis.stopwords);
    assert.deepEqual(offline.map((g) => g.id), (online.guides || []).map((g) => g.id), q);
    offered += offline.length > 0;
  }
  assert.ok(offered >= 10, `${offered} of the queries are life events with a guide`);
});

async function expectQuestion(page, text) {
  await page.locator(`.guide fieldset legend:text-is("${text}")`).waitFor();
  // Keyboard and screen reader: focus moves into the new question.
  const focused = await page.evaluate(() => {
    const active = document.activeElement;
    return active && active.closest('fieldset') ? active.closest('fieldset').querySelector('legend').textContent : null;
  });
  assert.equal(focused, text, 'focus is in the new question');
}

async function next(page) {
  await page.locator('.guide form button[type=submit]').click();
}

async function choose(page, label) {
  await page.locator(`.guide fieldset label:text-is("${label}")`).click();
  await next(page);
}

async function settlement(page, text) {
  const input = page.locator('.guide fieldset [role=combobox]');
  await input.fill(text);
  await page.locator(`.guide [role=option]:visible:has-text("${text}")`).first().waitFor();
  await input.press('Enter');  // the best option, by keyboard
  await page.waitForFunction((t) => document.querySelector('.guide fieldset [role=combobox]').value.startsWith(t), text);
  await next(page);
}

// From the search box to the outcome; returns the outcome card.
async function walk(page, name) {
  const q = page.locator('#app-q');
  await q.fill('meghalt az édesapám');
  const offer = page.locator('.guide-offer');
  await offer.waitFor();
  assert.match(await offer.innerText(), /Ügyintézési kalauz/);
  await q.press('Escape');  // the result list closes; the offer stays
  await offer.locator('button:has-text("Haláleset a családban")').click();

  await expectQuestion(page, 'Hol történt a haláleset?');
  // An empty answer is refused on the page, saying what to do.
  await next(page);
  await page.locator('.guide .field-error:has-text("Válasszon")').waitFor();
  await choose(page, 'Otthon vagy más magánlakásban');

  await expectQuestion(page, 'Melyik napon történt a haláleset?');
  await page.locator('.guide input[type=date]').fill('2026-11-30');
  await next(page);

  await expectQuestion(page, 'Melyik településen történt a haláleset?');
  await settlement(page, 'Folyás');

  await expectQuestion(page, 'Az elhunyt utolsó lakóhelye is ezen a településen volt?');
  await choose(page, 'Nem');

  await expectQuestion(page, 'Melyik településen volt az elhunyt utolsó lakóhelye?');
  assert.match(await page.locator('.guide fieldset').innerText(), /az elhunyt utolsó lakóhelye/, 'the role is stated');
  const answers = page.locator('.guide .answers li');
  assert.equal(await answers.count(), 4, 'Az Ön válaszai: four so far');
  assert.match(await answers.nth(2).innerText(), /Folyás/);
  assert.equal(await page.locator('.guide .answers a:has-text("Módosítom"), .guide .answers button:has-text("Módosítom")').count(), 4);
  let violations = await axeViolations(page);
  assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
  await screenshot(page, `guide-${name}-question`);
  await settlement(page, 'Polgár');

  await expectQuestion(page, 'Mi tartozott az elhunyt vagyonához? (Többet is választhat.)');
  await page.locator('.guide fieldset label:text-is("Ingatlan (ház, lakás, telek)")').click();
  await next(page);

  await expectQuestion(page, 'Ön melyik településen lakik?');
  await settlement(page, 'Folyás');

  const outcome = page.locator('.guide h2:text-is("Teendők haláleset után")');
  await outcome.waitFor();
  assert.ok(await outcome.evaluate((h) => h === document.activeElement), 'focus moves to the outcome');
  const probate = page.locator(`.guide article.card:has(h2:text-is("${kProbate}"))`);
  const probateText = await probate.innerText();
  assert.match(probateText, new RegExp(kPolgarOffice), "the probate's office is the deceased's last residence's");
  assert.doesNotMatch(probateText, new RegExp(kFolyasOffice), "not the office of Folyás");
  assert.match(probateText, /Tulajdoni lap az ingatlanokról/, 'the property document the answers call for');
  assert.doesNotMatch(probateText, /Utolsó bankszámlakivonat/, 'no bank document without a bank account');
  assert.match(await page.locator('.guide .step-role:has-text("Hagyatéki")').innerText(), /az elhunyt utolsó lakóhelye: Polgár/);
  const registration = page.locator('.guide article.card:has(h2:text-is("Haláleset bejelentése és anyakönyvezése"))');
  assert.match(await registration.innerText(), new RegExp(kFolyasOffice), 'the death is registered where it happened');
  assert.equal(await page.locator('.guide .answers li').count(), 7);
  violations = await axeViolations(page);
  assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
  await screenshot(page, `guide-${name}-outcome`);
  return probate;
}

describe('death-in-the-family guide', () => {
  test('desk app, online: walks the guide, keeps it in the URL, reopens, prints and changes an answer', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.goto(`${service.base}/`);
    await walk(page, 'desk');
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('guide'), kGuide);
    assert.equal(url.searchParams.get('lakohely'), '23117');
    assert.equal(url.searchParams.get('vagyon'), 'ingatlan');

    // Reload and share: the same outcome from the link alone.
    const reopened = await browser.newPage();
    await reopened.goto(page.url());
    await reopened.locator(`.guide article.card:has(h2:text-is("${kProbate}")):has-text("${kPolgarOffice}")`).waitFor();
    await reopened.emulateMedia({ media: 'print' });
    assert.equal(await reopened.locator('.fields').isVisible(), false, 'no search fields on paper');
    assert.ok(await reopened.locator('.guide .answers').isVisible(), 'the answers are printed');
    assert.equal(await reopened.locator('.guide .answers a').first().isVisible(), false, 'no "Módosítom" on paper');
    const note = await reopened.locator('.guide > .print-only').innerText();
    assert.match(note, /Nyomtatva: \d{4}\. /);
    assert.ok(note.includes(`guide=${kGuide}`), 'the printed checklist links back to itself');
    await screenshot(reopened, 'guide-desk-print');
    await reopened.close();

    // Changing the last residence asks that question again, with the answers before it kept.
    await page.getByRole('link', { name: 'Módosítom: Melyik településen volt az elhunyt utolsó lakóhelye?' }).click();
    await expectQuestion(page, 'Melyik településen volt az elhunyt utolsó lakóhelye?');
    assert.equal(await page.locator('.guide .answers li').count(), 4, 'the answers before it stay');
    assert.equal(new URL(page.url()).searchParams.get('lakohely'), null);
    assert.equal(new URL(page.url()).searchParams.get('vagyon'), 'ingatlan', 'the later answers are kept for later');
    await settlement(page, 'Görbeháza');
    await page.locator('.guide article.card:has(h2:text-is("Hagyatéki eljárás – hagyatéki leltár")):has-text("Görbeháza Község Polgármesteri Hivatala")').waitFor();
    assert.equal(await page.locator('.guide .answers li').count(), 7, 'straight to the outcome with the kept answers');

    // An unusable answer in a shared link: that question again, saying why.
    await page.goto(`${service.base}/?guide=${kGuide}&hol_halt_meg=otthon&halal_napja=2026-13-45`);
    await expectQuestion(page, 'Melyik napon történt a haláleset?');
    assert.match(await page.locator('.guide .field-error').innerText(), /válaszoljon újra/);
    await page.close();
  });

  test('field app, offline: the same guide from the downloaded district', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${service.base}/`);
    await page.locator('#district').fill('099');
    await page.locator('#district-list [role=option]').first().waitFor();
    await page.locator('#district').press('Enter');
    await page.locator('#download').click();
    await page.locator('#offline-status:has-text("Letöltve")').waitFor();
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

    await context.setOffline(true);
    await page.reload();
    await page.locator('#network:has-text("Offline")').waitFor();
    await walk(page, 'offline');
    assert.match(await page.locator('.guide .notice.offline').innerText(), /letöltött Hajdúnánási járás/, 'says it is offline');
    // Offline, too, the answers are in the URL and reopen.
    await page.reload();
    await page.locator(`.guide article.card:has(h2:text-is("${kProbate}")):has-text("${kPolgarOffice}")`).waitFor();
    await context.setOffline(false);
    await context.close();
  });
});

describe('widget', () => {
  test('offers the guide for a life event and runs it through the API, one question at a time', async () => {
    const page = await browser.newPage();
    await page.goto(host.origin);
    const widget = page.locator('ugykalauz-search');
    const q = widget.locator('[role=combobox]').first();
    await q.fill('meghalt az édesapám');
    await widget.locator('.guide-offer').waitFor();
    await q.press('Escape');
    await widget.locator('.guide-offer button:has-text("Haláleset a családban")').click();
    const ask = async (text) => widget.locator(`.guide fieldset legend:text-is("${text}")`).waitFor();
    const next = () => widget.locator('.guide form button[type=submit]').click();
    const choose = async (label) => { await widget.locator(`.guide fieldset label:text-is("${label}")`).click(); await next(); };
    const settle = async (text) => {
      const input = widget.locator('.guide fieldset [role=combobox]');
      await input.fill(text);
      await widget.locator(`.guide [role=option]:visible:has-text("${text}")`).first().dispatchEvent('mousedown');
      await next();
    };
    await ask('Hol történt a haláleset?');
    await choose('Kórházban, idősotthonban vagy más intézményben');
    await ask('Melyik napon történt a haláleset?');
    await widget.locator('.guide input[type=date]').fill('2026-11-29');
    await next();
    await ask('Melyik településen történt a haláleset?');
    await settle('Folyás');
    await ask('Az elhunyt utolsó lakóhelye is ezen a településen volt?');
    assert.equal(await widget.locator('.guide .answers li').count(), 3);
    // No page URL to keep in the widget: "Módosítom" is a button.
    assert.equal(await widget.locator('.guide .answers button:has-text("Módosítom")').count(), 3);
    await choose('Nem');
    await ask('Melyik településen volt az elhunyt utolsó lakóhelye?');
    await settle('Polgár');
    await ask('Mi tartozott az elhunyt vagyonához? (Többet is választhat.)');
    await next();  // none of them
    await ask('Ön melyik településen lakik?');
    await settle('Folyás');
    const probate = widget.locator(`.guide article.card:has(h2:text-is("${kProbate}"))`);
    await probate.waitFor();
    assert.match(await probate.innerText(), new RegExp(kPolgarOffice));
    assert.match(await widget.locator('.guide').innerText(), /intézmény jelenti be/, 'the note for a death in an institution');
    const violations = await axeViolations(page);
    assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
    await screenshot(page, 'guide-widget-outcome');
    await page.close();
  });
});
