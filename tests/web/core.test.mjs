// The front end's offline logic (web/src/core.js) on a small hand-made snapshot.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  ageText, findSettlements, fold, formatHuf, hoursText, localRoute, occurrenceText, searchProcedures,
} from '../../web/src/core.js';
import { ServiceError, errorText, shorten } from '../../web/src/components.js';
import { Analyzer, OfflineIndex, foldText } from '../../web/src/search-hu.js';
import { extract as extractSnowball } from './extract-snowball-hungarian.mjs';

const procedure = (id, title, authority, extra = {}) => ({
  id, title, category: 'Egyéb', summary: '', keywords: [], documents: [], forms: [], fees: [],
  competence: { authority, territory: 'residence', note: null }, channels: { assistant: false, online: { available: false } },
  ...extra,
});

const snapshot = {
  district: { code: '099', name: 'Hajdúnánási' },
  procedures: [
    procedure('hagyatek', 'Hagyatéki eljárás – hagyatéki leltár', 'jegyzo', { keywords: ['örökség', 'elhunyt'], forms: ['f1'] }),
    procedure('kozgyogy', 'Közgyógyellátás', 'jarasi_hivatal', { channels: { assistant: true, online: { available: true } } }),
    procedure('apolasi', 'Ápolási díj', 'jarasi_hivatal'),
    procedure('ado', 'Adóigazolás', 'kozponti', { competence: { authority: 'kozponti', territory: 'any', note: 'NAV' },
      central_authority: 'NAV' }),
  ],
  settlements: [
    { ksh_code: '34014', name: 'Folyás', postal_codes: ['4095'] },
    { ksh_code: '22406', name: 'Hajdúnánás', postal_codes: ['4080'] },
  ],
  offices: [
    { id: 'koh-22406', kind: 'kozos_onkormanyzati_hivatal', name: 'Hajdúnánási Közös Önkormányzati Hivatal', opening_hours: 'Mo 08:00-12:00',
      opening_hours_text: 'H 8:00–12:00' },
    { id: 'jh-099', kind: 'jarasi_hivatal', name: 'Hajdúnánási Járási Hivatal' },
  ],
  visits: [{ id: 'v1', office_id: 'jh-099', settlement_ksh: '34014', schedule: 'Tu 09:00-10:00', schedule_text: 'K 9:00–10:00' }],
  forms: [{ id: 'f1', title: 'Nyilatkozat' }, { id: 'f2', title: 'Más' }],
  territory_hints: { residence: 'lakóhely', any: 'bárhol' },
  routes: {
    34014: {
      jegyzo: { offices: [{ id: 'koh-22406', role: 'competent', reason: 'Folyás a közös hivatalhoz tartozik.',
        reason_code: 'joint_office_member', distance_km: 12.3 }], visits: [] },
      jarasi_hivatal: { offices: [{ id: 'jh-099', role: 'competent', reason: 'járás', distance_km: null }],
        visits: [{ id: 'v1', office_id: 'jh-099', office_kind: 'jarasi_hivatal', reason: 'ügysegéd', reason_code: 'assistant_visit' }] },
    },
  },
};

test('fold removes Hungarian accents and case', () => {
  assert.equal(fold('Hagyaték ŐRIZET Ügysegéd'), 'hagyatek orizet ugyseged');
});

test('search matches accent-free prefixes of title and keywords, title first', () => {
  assert.deepEqual(searchProcedures(snapshot, 'hagyat').map((h) => h.id), ['hagyatek']);
  assert.deepEqual(searchProcedures(snapshot, 'orokse').map((h) => h.id), ['hagyatek']);
  assert.deepEqual(searchProcedures(snapshot, 'KÖZGYÓGY').map((h) => h.id), ['kozgyogy']);
  assert.deepEqual(searchProcedures(snapshot, 'hagyatéki lelt').map((h) => h.id), ['hagyatek']);
  assert.deepEqual(searchProcedures(snapshot, 'hagyaték ápolás'), [], 'every word must match');
  assert.deepEqual(searchProcedures(snapshot, '  '), []);
});

test('settlements are found by name prefix without accents, postal code or KSH code, exact first', () => {
  assert.deepEqual(findSettlements(snapshot, 'foly').map((s) => s.name), ['Folyás']);
  assert.deepEqual(findSettlements(snapshot, '4080').map((s) => s.name), ['Hajdúnánás']);
  assert.deepEqual(findSettlements(snapshot, '34014').map((s) => s.name), ['Folyás']);
  assert.deepEqual(findSettlements(snapshot, 'x'), []);
});

test('a local route joins the offices the service computed for the authority', () => {
  const route = localRoute(snapshot, '34014', 'hagyatek');
  assert.equal(route.offices[0].name, 'Hajdúnánási Közös Önkormányzati Hivatal');
  assert.equal(route.offices[0].reason, 'Folyás a közös hivatalhoz tartozik.');
  assert.equal(route.offices[0].reason_code, 'joint_office_member');
  assert.equal(route.offices[0].opening_hours, 'Mo 08:00-12:00');
  assert.equal(route.offices[0].opening_hours_text, 'H 8:00–12:00', 'the server-worded hours are passed through');
  assert.deepEqual(route.forms.map((f) => f.id), ['f1']);
  assert.equal(route.territory_hint, 'lakóhely');
  assert.equal(route.central_authority, null);
});

test('client-assistant visits count only where the procedure allows an assistant', () => {
  assert.deepEqual(localRoute(snapshot, '34014', 'kozgyogy').visits.map((v) => [v.id, v.reason_code, v.schedule_text]),
    [['v1', 'assistant_visit', 'K 9:00–10:00']]);
  assert.deepEqual(localRoute(snapshot, '34014', 'apolasi').visits, []);
});

test('central authorities have no office, only their name', () => {
  const route = localRoute(snapshot, '34014', 'ado');
  assert.deepEqual(route.offices, []);
  assert.equal(route.central_authority, 'NAV');
});

test('an unknown settlement or procedure gives no route', () => {
  assert.equal(localRoute(snapshot, '99999', 'hagyatek'), null);
  assert.equal(localRoute(snapshot, '34014', 'nincs'), null);
});

test('hours: computed state when the service sends it, the server-worded weekly hours otherwise', () => {
  const now = new Date('2026-11-23T10:00:00');
  assert.equal(hoursText({ opening_hours: 'Mo 08:00-12:00', opening_hours_text: 'H 8:00–12:00' }, now), 'Nyitvatartás: H 8:00–12:00');
  assert.equal(hoursText({ open_now: null, opening_hours_text: 'P 8:00–12:00' }, now), 'Nyitvatartás: P 8:00–12:00', 'unknown state');
  assert.equal(hoursText({ opening_hours: 'Mo 08:00-12:00' }, now), 'Nyitvatartás: nem ismert', 'no printer of its own');
  assert.equal(hoursText({}, now), 'Nyitvatartás: nem ismert');
  assert.equal(hoursText({ open_now: true, closes_at: '2026-11-23T12:00:00+01:00' }, now), 'Most nyitva, 12:00-ig');
  assert.equal(hoursText({ open_now: false, next_opening: '2026-11-24T08:00:00' }, now), 'Most zárva · legközelebb: kedd 08:00');
  assert.equal(hoursText({ open_now: false, next_opening: '2026-11-23T13:00:00' }, now), 'Most zárva · legközelebb: ma 13:00');
});

test('visit occurrences read in Hungarian', () => {
  assert.equal(occurrenceText({ from: '2026-11-24T09:00:00+01:00', to: '2026-11-24T10:30:00+01:00' }), 'kedd 2026-11-24 09:00–10:30');
});

test('data age and fees read naturally in Hungarian', () => {
  const now = new Date('2026-11-23T10:00:00Z');
  assert.equal(ageText('2026-11-23T09:59:50Z', now), 'épp most');
  assert.equal(ageText('2026-11-23T09:30:00Z', now), '30 perce');
  assert.equal(ageText('2026-11-23T07:00:00Z', now), '3 órája');
  assert.equal(ageText('2026-11-20T10:00:00Z', now), '3 napja');
  assert.equal(formatHuf(0), 'ingyenes');
  assert.equal(formatHuf(null), 'összege nem ismert');
  assert.match(formatHuf(3000), /^3\s?000 Ft$/);
});

// --- offline analysis and search (web/src/search-hu.js) -------------------------------------------

const sourceDir = new URL('../../', import.meta.url);

function serverStopwords() {
  // The Snowball list format as search/stopwords.cpp parses it.
  return readFileSync(new URL('data/lang/hungarian-stopwords.txt', sourceDir), 'utf8').split('\n')
    .map((line) => line.split('|')[0].trim()).filter(Boolean);
}

test('the vendored stemmer is exactly what the extraction script makes of the npm package', () => {
  const vendored = readFileSync(new URL('web/src/snowball-hungarian.js', sourceDir), 'utf8');
  assert.equal(vendored, extractSnowball(), 'regenerate with node tests/web/extract-snowball-hungarian.mjs');
});

test('the offline analysis stems, folds and drops stop words exactly as the server (golden table)', () => {
  const analyzer = new Analyzer(serverStopwords());
  const lines = readFileSync(new URL('tests/search/golden/analysis_hu.tsv', sourceDir), 'utf8').split('\n')
    .filter((l) => l && !l.startsWith('#'));
  assert.ok(lines.length > 2000, `${lines.length} words`);
  const wrong = [];
  for (const line of lines) {
    const [word] = line.split('\t');
    const tokens = analyzer.analyze(word);
    const got = tokens.length === 1
      ? [tokens[0].word, tokens[0].stem, tokens[0].folded, tokens[0].foldedStem, tokens[0].stop ? '1' : '0'].join('\t')
      : `(${tokens.length} tokens)`;
    if (got !== line) wrong.push(`${line}  ≠  ${got}`);
  }
  assert.deepEqual(wrong.slice(0, 10), [], `${wrong.length} of ${lines.length} differ`);
});

test('words split like Xapian splits them; over-long words and emoji are dropped', () => {
  const analyzer = new Analyzer(serverStopwords());
  assert.deepEqual(analyzer.analyze('Lakcím-bejelentés, 2026!😀ügy').map((t) => t.word), ['lakcím', 'bejelentés', '2026', 'ügy']);
  assert.deepEqual(analyzer.analyze('a'.repeat(65)), []);
  assert.deepEqual(analyzer.analyze('😀 % ?!'), []);
  assert.equal(foldText('ŐRIZET Ügysegéd tűz'), 'orizet ugyseged tuz');
});

const searchSnapshotFixture = {
  ...snapshot,
  procedures: [
    procedure('ebosszeiras', 'Ebösszeírás (kutyák összeírása)', 'jegyzo', { keywords: ['kutya', 'eb'], summary: 'A kutyák összeírása.' }),
    procedure('hagyatek', 'Hagyatéki eljárás – hagyatéki leltár', 'jegyzo', { keywords: ['örökség', 'elhunyt', 'meghalt'],
      summary: 'Ha valaki meghalt, a jegyző leltárt készít.' }),
    procedure('lakcimkartya', 'Lakcímkártya pótlása', 'kormanyablak', { keywords: ['lakcímkártya'] }),
  ].map((p) => ({ ...p, description: '' })),
  analysis: {
    stopwords: ['a', 'az', 'és'],
    synonyms: '# test\nelhunyt\thagyaték\n',
    field_weights: { title: 5, keywords: 4, category: 2, summary: 2, description: 1, documents: 1 },
    query_weights: { exact: 1, stem: 1, folded: 0.6, prefix: 0.8, partial_stem_factor: 0.5, correction: 0.7, synonym: 0.8,
      compound_part: 0.5, joined_compound: 1 },
    bm25: { k1: 1.2, k2: 0, k3: 1, b: 0.5, min_normlen: 0.5 },
    min_prefix_chars: 2, max_prefix_expansions: 20, min_compound_part_chars: 4, one_typo_from_chars: 4, two_typos_from_chars: 7,
  },
};

test('offline search: accents, inflections, typos, search as you type, compounds', () => {
  const index = new OfflineIndex(searchSnapshotFixture);
  const top = (q) => index.search(q).results.map((h) => h.id)[0];
  assert.equal(top('kutyámat '), 'ebosszeiras', 'an inflected word finds its stem');
  assert.equal(top('hagyatek '), 'hagyatek', 'no accents');
  assert.equal(top('kutay '), 'ebosszeiras', 'one typo in a five-letter word');
  assert.equal(top('hagya'), 'hagyatek', 'an unfinished last word');
  assert.equal(top('lakcím kártya '), 'lakcimkartya', 'a compound typed apart');
  assert.equal(top('elhunyt '), 'hagyatek');
  const corrected = index.search('kutay ');
  assert.equal(corrected.did_you_mean, 'kutya ', 'the corrected text is reported');
  const none = index.search('asdfgh');
  assert.deepEqual([none.total, none.results], [0, []]);
  assert.deepEqual(index.search('a az').results, [], 'stop words alone find nothing');
  assert.deepEqual(index.search('😀').results, []);
});

test('snippets are cut at a word boundary, never mid-word', () => {
  const text = 'A hagyatéki eljárásban a jegyző leltárt vesz fel az elhunyt vagyonáról, majd átadja a közjegyzőnek, aki ...';
  for (let max = 20; max <= 80; max++) {
    const short = shorten(text, max);
    assert.ok(short.endsWith('…'), short);
    const kept = short.slice(0, -1);
    assert.ok(text.startsWith(kept), short);
    assert.match(text.slice(kept.length), /^[\s,.;:–-]/, `cut mid-word at ${max}: ${short}`);
    assert.ok([...kept].length <= max, short);
  }
  assert.equal(shorten('rövid', 40), 'rövid');
  assert.equal(shorten('<mark>hagyaték</mark> ügy', 40), 'hagyaték ügy', 'no markup');
});

test('every failure reads as Hungarian with a next step', () => {
  assert.match(errorText(new ServiceError('network', '')), /internetkapcsolatot/);
  assert.match(errorText(new ServiceError('timeout', '')), /másodperc alatt sem válaszolt/);
  assert.match(errorText(new ServiceError('blocked', '')), /nem engedélyezte/);
  assert.match(errorText(new ServiceError('http', '', { status: 400, problem: { type: '/problems/text-too-long' } })), /túl hosszú/);
  assert.match(errorText(new ServiceError('http', '', { status: 503, problem: {} })), /próbálja újra/i);
  assert.match(errorText(new ServiceError('no-offline-data', 'Nincs hálózat, és nincs letöltött járási adat.')), /töltse le/);
});
