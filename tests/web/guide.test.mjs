// The C++/JS differential of the case guides: web/src/guide.js must reproduce, exactly, what the one
// evaluator of kb/guide.cpp answers on every prefix of every enumerated path of every bundle guide
// (tests/kb/golden/guide_paths.json, written and checked by the C++ test BundleGuides.*; day
// 2026-12-02; settlement answers are KSH codes used as they are). Plus the condition language's
// corner cases and matchGuides against service/guide_match.cpp's examples.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  canonicalAnswer, evaluate, localGuideAnswer, matchGuides, parseCondition, selectDocuments, selectFees, stepSettlement,
} from '../../web/src/guide.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const sourceDir = process.env.UGK_SOURCE_DIR || path.resolve(here, '../..');
const readJson = (file) => JSON.parse(readFileSync(path.join(sourceDir, file), 'utf8'));
const kToday = '2026-12-02';
const same = (text) => text;

const guides = readJson('data/guides.json');
const procedures = new Map(readJson('data/procedures.json').map((p) => [p.id, p]));
const golden = readJson('tests/kb/golden/guide_paths.json');

// The shape of tests/kb/guide_test.cpp's evaluation_json.
function evaluationJson(e) {
  return {
    path: e.path.map((a) => [a.question.id, a.value]),
    question: e.question ? e.question.id : null,
    outcome: e.outcome ? e.outcome.id : null,
    steps: e.steps.map((step) => {
      const p = procedures.get(step.procedure_id);
      return {
        procedure_id: step.procedure_id,
        settlement: stepSettlement(step, e),
        documents: selectDocuments(step, p.documents, e, kToday),
        fees: selectFees(step, p.fees, e, kToday).map((f) => f.label),
      };
    }),
    notes: e.notes,
  };
}

test('the golden file of the C++ evaluator covers every bundle guide and ends in outcomes', () => {
  assert.ok(Array.isArray(golden) && golden.length > 0, 'tests/kb/golden/guide_paths.json is empty');
  const covered = new Set(golden.map((entry) => entry.guide));
  for (const g of guides) assert.ok(covered.has(g.id), `no golden paths for guide ${g.id}`);
  assert.ok(golden.some((entry) => entry.result.outcome !== null), 'no golden path reaches an outcome');
});

test('guide.js reproduces every golden path of the C++ evaluator exactly', () => {
  const byId = new Map(guides.map((g) => [g.id, g]));
  let outcomes = 0;
  golden.forEach((entry, i) => {
    const guide = byId.get(entry.guide);
    assert.ok(guide, `path ${i}: guide ${entry.guide} is not in data/guides.json`);
    const result = evaluate(guide, entry.answers, kToday, same);
    assert.equal(result.error, undefined, `path ${i}: ${JSON.stringify(result.error)}`);
    assert.deepEqual(evaluationJson(result), entry.result, `path ${i} of ${entry.guide}: ${JSON.stringify(entry.answers)}`);
    assert.deepEqual(result.unused, [], `path ${i}: every golden answer is on its path`);
    if (result.outcome) outcomes++;
  });
  assert.ok(outcomes > 0);
  console.log(`guide differential: ${golden.length} golden paths (${outcomes} outcomes) reproduced`);
});

// --- The condition language and the answers, beyond the bundle's guides --------------------------

const q = (id, kind, extra = {}) => ({ id, kind, text: id, options: [], branches: [], otherwise: 'vege', ...extra });
const small = {
  id: 'proba', start: 'kor',
  questions: [
    q('kor', 'number', { min: 0, max: 130, otherwise: 'nap' }),
    q('nap', 'date', { otherwise: 'mi' }),
    q('mi', 'several_of', { options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }, { value: 'c', label: 'C' }],
      otherwise: 'hol' }),
    q('hol', 'settlement', { role: 'applicant_residence', otherwise: 'vege' }),
  ],
  outcomes: [{
    id: 'vege', title: 'Vége',
    steps: [
      { procedure_id: 'p', when: 'kor >= 18 and years_since(nap) < 2' },
      { procedure_id: 'q', when: "mi contains 'b' or not answered(hol)", settlement: 'hol' },
    ],
    notes: [
      { text: 'friss', when: 'days_since(nap) <= 30' },
      { text: 'kiskoru', when: 'kor < 18' },
      { text: 'mindig' },
      { text: 'ismeretlen kérdés hamis', when: "senki == 'x'" },
      { text: 'hibás feltétel sehol', when: 'kor >' },
    ],
  }],
};

test('conditions parse with precedence, and errors say where', () => {
  const parsed = parseCondition("a == 'x' or b == 'y' and not c == 1");
  assert.equal(parsed.condition.kind, 'or');
  assert.equal(parsed.condition.children[1].kind, 'and');
  assert.equal(parsed.condition.children[1].children[1].kind, 'not');
  assert.equal(parseCondition("a == 'x").error.message.includes('unterminated'), true);
  assert.equal(parseCondition('a = 1').error.offset, 2);
  assert.equal(parseCondition('(a == 1').error.message.includes('missing closing'), true);
  assert.equal(parseCondition('a == and').error.message.includes('keyword'), true);
  assert.equal(parseCondition('a == 1 b').error.message.includes('text after'), true);
  assert.equal(parseCondition('a == 99999999999999999999').error.message.includes('out of range'), true);
  assert.ok(parseCondition(`${'('.repeat(30)}a == 1${')'.repeat(30)}`).error.message.includes('nested'));
  assert.ok(parseCondition(`a == '${'x'.repeat(1000)}'`).error.message.includes('too long'));
});

test('the evaluator: ages and days to the evaluation day, several_of, unanswered and unparsable conditions', () => {
  const run = (answers) => evaluate(small, answers, kToday, same);
  const r = run({ kor: '018', nap: '2025-12-02', mi: 'c,b', hol: '34014' });
  assert.deepEqual(r.path.map((a) => a.value), ['18', '2025-12-02', 'b,c', '34014'], 'canonical answers');
  assert.deepEqual(r.steps.map((s) => s.procedure_id), ['p', 'q'], 'one year since: years_since < 2; contains b');
  assert.deepEqual(r.notes, ['mindig']);
  assert.equal(stepSettlement(r.steps[1], r), '34014');
  const young = run({ kor: '17', nap: '2026-11-02', mi: '', hol: 'x' });
  assert.deepEqual(young.steps.map((s) => s.procedure_id), []);
  assert.deepEqual(young.notes, ['friss', 'kiskoru', 'mindig'], '30 days since counts as <= 30');
  assert.deepEqual(run({ kor: '30', nap: '2026-11-01', mi: '', hol: 'x' }).notes, ['mindig'], '31 days');
  assert.deepEqual(run({ kor: '30', nap: '2024-12-03', mi: 'a', hol: 'x' }).steps.map((s) => s.procedure_id), ['p'],
    'one day short of two years');
  assert.equal(run({ kor: '30' }).question.id, 'nap');
  assert.deepEqual(run({ kor: '30', extra: '1' }).error, { question: 'extra', code: 'unknown_question', value: '1' });
  assert.deepEqual(run({ kor: 'sok' }).error, { question: 'kor', code: 'not_a_number', value: 'sok' });
  assert.deepEqual(run({ kor: '131' }).error.code, 'out_of_range');
  assert.deepEqual(run({ kor: '1', nap: '2026-02-30' }).error.code, 'not_a_date');
  assert.deepEqual(run({ kor: '1', nap: '2026-02-28', mi: 'a,z' }).error, { question: 'mi', code: 'not_an_option', value: 'z' });
  const none = evaluate(small, { kor: '1', nap: '2026-02-28', mi: 'a', hol: 'Sehol' }, kToday, () => null);
  assert.deepEqual(none.error, { question: 'hol', code: 'unknown_settlement', value: 'Sehol' });
  // an answer for a question not on the path is reported as unused
  const branching = { ...small, questions: [{ ...small.questions[0], branches: [{ when: 'kor < 18', next: 'vege' }] }, ...small.questions.slice(1)] };
  assert.deepEqual(evaluate(branching, { kor: '5', nap: '2026-01-01' }, kToday, same).unused, ['nap']);
});

test('canonical answers per kind', () => {
  const yn = q('x', 'yes_no');
  assert.deepEqual(canonicalAnswer(yn, 'igen'), { value: 'igen' });
  assert.equal(canonicalAnswer(yn, 'Igen').error.code, 'not_an_option');
  assert.equal(canonicalAnswer(q('n', 'number'), '+5').error.code, 'not_a_number');
  assert.deepEqual(canonicalAnswer(q('n', 'number'), '-0'), { value: '0' });
  assert.equal(canonicalAnswer(q('d', 'date'), '2026-1-01').error.code, 'not_a_date');
  assert.equal(canonicalAnswer(q('d', 'date'), '1899-12-31').error.code, 'not_a_date');
});

test('documents and fees a step does not name always apply; named ones when their condition holds', () => {
  const guide = guides.find((g) => g.id === 'haleset-a-csaladban');
  const answers = { hol_halt_meg: 'otthon', halal_napja: '2026-11-30', halal_helye: '34014', ugyanott_lakott: 'nem',
    lakohely: '23117', vagyon: 'bank', sajat_lakohely: '34014' };
  const e = evaluate(guide, answers, kToday, same);
  const probate = e.steps.find((s) => s.procedure_id === 'hagyateki-eljaras-hagyateki-leltar');
  assert.equal(stepSettlement(probate, e), '23117', "the probate is located by the deceased's last residence");
  const documents = selectDocuments(probate, procedures.get(probate.procedure_id).documents, e, kToday);
  assert.ok(documents.includes('Utolsó bankszámlakivonat') && !documents.includes('Tulajdoni lap az ingatlanokról'));
  assert.ok(documents.includes('Temetési számla'), 'a document the step does not name applies');
});

test('matchGuides: every word of one keyword by accent-free stems, most words first, at most three', () => {
  assert.deepEqual(matchGuides(guides, 'meghalt az édesapám').map((g) => g.id), ['haleset-a-csaladban']);
  assert.deepEqual(matchGuides(guides, 'ELHUNYT HOZZATARTOZO').map((g) => g.id), ['haleset-a-csaladban']);
  assert.deepEqual(matchGuides(guides, 'nyitvatartás'), [], 'not a life event');
  const made = (id, keywords) => ({ id, keywords });
  const list = [made('a', ['autó']), made('b', ['autót vettem']), made('c', ['vettem']), made('d', ['autó']), made('e', ['x'])];
  assert.deepEqual(matchGuides(list, 'autót vettem').map((g) => g.id), ['b', 'a', 'c']);
  assert.deepEqual(matchGuides(list, 'az', ['az']), []);
  assert.deepEqual(matchGuides([made('s', ['az'])], 'az', ['az']), [], 'a keyword of stop words only never matches');
});

test('a guide answered from a snapshot has the service answer shape, offices by the step settlement', () => {
  const guide = guides.find((g) => g.id === 'haleset-a-csaladban');
  const office = (id) => ({ id, kind: 'kozos_onkormanyzati_hivatal', name: id });
  const route = (id) => ({ offices: [{ id, role: 'competent', reason: id }], visits: [] });
  const snapshot = {
    guides: [guide],
    procedures: [...procedures.values()].map((p) => ({ ...p, settlement_role: p.competence.settlement_role || 'applicant_residence' })),
    settlements: [{ ksh_code: '34014', name: 'Folyás' }, { ksh_code: '23117', name: 'Polgár' }],
    offices: [office('koh-22406'), office('ph-23117')],
    visits: [], forms: [], territory_hints: {},
    settlement_roles: { deceased_residence: 'az elhunyt utolsó lakóhelye', event_place: 'az esemény helye' },
    routes: {
      34014: { jegyzo: route('koh-22406'), anyakonyvvezeto: route('koh-22406') },
      23117: { jegyzo: route('ph-23117'), anyakonyvvezeto: route('ph-23117') },
    },
  };
  const asked = localGuideAnswer(snapshot, guide.id, { hol_halt_meg: 'otthon', halal_napja: '2026-11-30', halal_helye: 'folyas', ugyanott_lakott: 'nem' }, kToday);
  assert.equal(asked.status, 'question');
  assert.equal(asked.question.id, 'lakohely');
  assert.equal(asked.question.role_text, 'az elhunyt utolsó lakóhelye');
  assert.equal(asked.answers[2].value, '34014', 'a settlement answer is read by its name');
  assert.equal(asked.answers[2].value_text, 'Folyás');
  assert.equal(asked.answers[1].change_url,
    '/v1/guides/haleset-a-csaladban/answer?hol_halt_meg=otthon&halal_helye=34014&ugyanott_lakott=nem');
  const done = localGuideAnswer(snapshot, guide.id, { ...Object.fromEntries(asked.answers.map((a) => [a.question, a.value])),
    lakohely: 'Polgár', vagyon: '', sajat_lakohely: '34014' }, kToday);
  assert.equal(done.status, 'outcome');
  const probate = done.outcome.steps.find((s) => s.procedure.id === 'hagyateki-eljaras-hagyateki-leltar');
  assert.equal(probate.settlement.ksh_code, '23117');
  assert.equal(probate.settlement_role_text, 'az elhunyt utolsó lakóhelye');
  assert.equal(probate.route.offices[0].id, 'ph-23117');
  assert.equal(localGuideAnswer(snapshot, guide.id, { hol_halt_meg: 'otthon', halal_napja: '2026-11-30', halal_helye: 'Sehol' }, kToday)
    .error.code, 'unknown_settlement');
  assert.equal(localGuideAnswer(snapshot, 'nincs', {}, kToday), null);
});
