// Case guides in the browser: the JS twin of kb/guide.cpp (the condition language, the canonical
// answers, the one evaluator and the selection of a step's documents and fees) and of
// service/guide_match.cpp (which guides a question is a life event of). The field app runs the
// guides of a downloaded district with it when the service cannot be reached; the differential test
// (tests/web/guide.test.mjs) holds it to the C++ evaluator on every path of every bundle guide
// (tests/kb/golden/guide_paths.json), so any change here must be made in kb/guide.cpp too.
//
// Numbers are BigInts inside, as the C++ side's int64; comparisons of texts are by UTF-8 bytes, as
// std::string_view compares.
import { localRoute } from './core.js';
import { Analyzer } from './search-hu.js';

const kMaxDepth = 24;
const kMaxConditionBytes = 1000;
const kKeywords = ['and', 'or', 'not', 'contains', 'answered'];
const kOps = ['==', '!=', '<=', '>=', '<', '>'];
const encoder = new TextEncoder();
const bytes = (text) => encoder.encode(text).length;

// --- The condition language --------------------------------------------------------------------

const isIdentStart = (c) => (c >= 'a' && c <= 'z') || c === '_';
const isIdentChar = (c) => isIdentStart(c) || (c >= '0' && c <= '9');
const isDigit = (c) => c >= '0' && c <= '9';
const kInt64Min = -(2n ** 63n);
const kInt64Max = 2n ** 63n - 1n;

class ParseFailure extends Error {
  constructor(offset, message) {
    super(message);
    this.offset = offset;
  }
}

// A term: {kind: answer|days_since|years_since|text|number, text, number (BigInt)}.
const term = (kind, text = '', number = 0n) => ({ kind, text, number });

class Parser {
  constructor(text) {
    this.text = text;
    this.pos = 0;
    this.token = null;
  }

  fail(message, offset = this.token.offset) {
    throw new ParseFailure(offset, message);
  }

  advance() {
    const t = this.text;
    let i = this.pos;
    while (i < t.length && (t[i] === ' ' || t[i] === '\t' || t[i] === '\n')) i++;
    this.token = { kind: 'end', text: '', number: 0n, offset: i };
    if (i >= t.length) { this.pos = i; return; }
    const c = t[i];
    if (isIdentStart(c)) {
      let end = i;
      while (end < t.length && isIdentChar(t[end])) end++;
      Object.assign(this.token, { kind: 'ident', text: t.slice(i, end) });
      this.pos = end;
    } else if (c === "'") {
      const close = t.indexOf("'", i + 1);
      if (close < 0) this.fail("lezáratlan szöveg: hiányzik a záró ' (unterminated text)");
      Object.assign(this.token, { kind: 'text', text: t.slice(i + 1, close) });
      this.pos = close + 1;
    } else if (isDigit(c) || (c === '-' && i + 1 < t.length && isDigit(t[i + 1]))) {
      let end = i + 1;
      while (end < t.length && isDigit(t[end])) end++;
      const value = BigInt(t.slice(i, end));
      if (value < kInt64Min || value > kInt64Max) this.fail('túl nagy szám (number out of range)');
      Object.assign(this.token, { kind: 'number', number: value, text: t.slice(i, end) });
      this.pos = end;
    } else if (c === '(' || c === ')') {
      Object.assign(this.token, { kind: c === '(' ? 'open' : 'close', text: c });
      this.pos = i + 1;
    } else {
      const op = kOps.find((o) => t.startsWith(o, i));
      if (!op) this.fail('ismeretlen jel (unexpected character)');
      Object.assign(this.token, { kind: 'op', text: op });
      this.pos = i + op.length;
    }
  }

  atKeyword(word) { return this.token.kind === 'ident' && this.token.text === word; }

  run() {
    this.advance();
    const result = this.parseOr(0);
    if (this.token.kind !== 'end') this.fail('a feltétel vége után további szöveg (text after the condition)');
    return result;
  }

  parseOr(depth) {
    if (depth > kMaxDepth) this.fail('túl mélyen egymásba ágyazott feltétel (condition nested too deeply)');
    const first = this.parseAnd(depth);
    if (!this.atKeyword('or')) return first;
    const node = { kind: 'or', children: [first] };
    while (this.atKeyword('or')) {
      this.advance();
      node.children.push(this.parseAnd(depth));
    }
    return node;
  }

  parseAnd(depth) {
    const first = this.parseUnary(depth);
    if (!this.atKeyword('and')) return first;
    const node = { kind: 'and', children: [first] };
    while (this.atKeyword('and')) {
      this.advance();
      node.children.push(this.parseUnary(depth));
    }
    return node;
  }

  parseUnary(depth) {
    if (depth > kMaxDepth) this.fail('túl mélyen egymásba ágyazott feltétel (condition nested too deeply)');
    if (this.atKeyword('not')) {
      this.advance();
      return { kind: 'not', children: [this.parseUnary(depth + 1)] };
    }
    if (this.token.kind === 'open') {
      this.advance();
      const inner = this.parseOr(depth + 1);
      if (this.token.kind !== 'close') this.fail('hiányzó ) (missing closing parenthesis)');
      this.advance();
      return inner;
    }
    if (this.atKeyword('answered')) {
      this.advance();
      return { kind: 'answered', question: this.parenthesisedId() };
    }
    const node = { kind: 'compare', op: '==', left: this.parseTerm(), right: null };
    if (this.token.kind === 'op') node.op = this.token.text;
    else if (this.atKeyword('contains')) node.op = 'contains';
    else this.fail('összehasonlítás hiányzik: ==, !=, <, <=, >, >= vagy contains (expected a comparison)');
    this.advance();
    node.right = this.parseTerm();
    return node;
  }

  parenthesisedId() {
    if (this.token.kind !== 'open') this.fail('hiányzó ( (expected an opening parenthesis)');
    this.advance();
    if (this.token.kind !== 'ident') this.fail('kérdés azonosítója szükséges (expected a question id)');
    const id = this.token.text;
    this.advance();
    if (this.token.kind !== 'close') this.fail('hiányzó ) (missing closing parenthesis)');
    this.advance();
    return id;
  }

  parseTerm() {
    const { kind, text, number } = this.token;
    if (kind === 'text') { this.advance(); return term('text', text); }
    if (kind === 'number') { this.advance(); return term('number', '', number); }
    if (kind === 'ident') {
      if (kKeywords.includes(text)) this.fail(`kulcsszó áll érték helyén: „${text}” (keyword where a value was expected)`);
      if (text === 'days_since' || text === 'years_since') {
        this.advance();
        return term(text, this.parenthesisedId());
      }
      this.advance();
      return term('answer', text);
    }
    this.fail('érték szükséges: kérdés, \'szöveg\' vagy szám (expected a value)');
    return null;
  }
}

// The condition as a tree, or {error: {offset (a UTF-16 offset into the text), message}}.
export function parseCondition(text) {
  if (bytes(text) > kMaxConditionBytes) {
    return { error: { offset: 0, message: 'túl hosszú feltétel, legfeljebb 1000 bájt (condition too long)' } };
  }
  try {
    return { condition: new Parser(text).run() };
  } catch (error) {
    if (error instanceof ParseFailure) return { error: { offset: error.offset, message: error.message } };
    throw error;
  }
}

// Parsed once per text: guides repeat their conditions on every evaluation.
const parsedConditions = new Map();
function parsed(text) {
  let result = parsedConditions.get(text);
  if (!result) {
    result = parseCondition(text);
    if (parsedConditions.size > 2000) parsedConditions.clear();
    parsedConditions.set(text, result);
  }
  return result;
}

// --- Numbers and dates --------------------------------------------------------------------------

// std::from_chars into an int64 over the whole text, at most 18 bytes: BigInt or null.
export function parseInteger(text) {
  if (typeof text !== 'string' || text.length === 0 || bytes(text) > 18 || !/^-?[0-9]+$/.test(text)) return null;
  return BigInt(text);
}

// "2026-12-02" -> days since 1970-01-01, or null.
export function parseIsoDate(text) {
  const match = typeof text === 'string' ? /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(text) : null;
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return null;
  const ms = Date.UTC(y, m - 1, d);
  const date = new Date(ms);
  if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return ms / 86400000;
}

export function isoDate(day) {
  return new Date(day * 86400000).toISOString().slice(0, 10);
}

// The evaluation day: a day number, a "YYYY-MM-DD" text or a Date (its UTC day, as the service
// floors its `at` to days: service/guide_answer.cpp).
function dayOf(today) {
  if (typeof today === 'number') return today;
  if (typeof today === 'string') return parseIsoDate(today);
  const d = today instanceof Date ? today : new Date();
  return Math.floor(d.getTime() / 86400000);
}

function yearsBetween(from, to) {
  const a = new Date(from * 86400000);
  const b = new Date(to * 86400000);
  let years = b.getUTCFullYear() - a.getUTCFullYear();
  const bm = b.getUTCMonth() * 100 + b.getUTCDate();
  const am = a.getUTCMonth() * 100 + a.getUTCDate();
  if (bm < am) years--;
  return BigInt(years);
}

function compareBytes(a, b) {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

function compare(op, a, b) {
  // a, b: BigInts, or texts compared by bytes
  const order = typeof a === 'bigint' ? (a < b ? -1 : a > b ? 1 : 0) : compareBytes(a, b);
  switch (op) {
    case '==': return order === 0;
    case '!=': return order !== 0;
    case '<': return order < 0;
    case '<=': return order <= 0;
    case '>': return order > 0;
    case '>=': return order >= 0;
    default: return false;  // contains: only for several_of answers
  }
}

// "a,b" -> ["a", "b"]; "" -> []; empty items are kept ("a," -> ["a", ""]).
function splitList(text) {
  return text === '' ? [] : text.split(',');
}

// --- Evaluation ---------------------------------------------------------------------------------

// values: Map question id -> {question, value}. A comparison with an unanswered question is false.
function holdsCondition(c, values, today) {
  switch (c.kind) {
    case 'or': return c.children.some((child) => holdsCondition(child, values, today));
    case 'and': return c.children.every((child) => holdsCondition(child, values, today));
    case 'not': return !holdsCondition(c.children[0], values, today);
    case 'answered': return values.has(c.question);
    default: break;
  }
  const answered = values.get(c.left.text);
  if (!answered) return false;
  const { value } = answered;
  if (c.left.kind === 'days_since' || c.left.kind === 'years_since') {
    const day = parseIsoDate(value);
    if (day === null) return false;
    const n = c.left.kind === 'days_since' ? BigInt(today - day) : yearsBetween(day, today);
    return compare(c.op, n, c.right.number);
  }
  if (c.left.kind !== 'answer') return false;
  switch (answered.question.kind) {
    case 'several_of':
      return c.op === 'contains' && splitList(value).includes(c.right.text);
    case 'number': {
      const n = parseInteger(value);
      return n !== null && compare(c.op, n, c.right.number);
    }
    default:
      return compare(c.op, value, c.right.text);
  }
}

// A condition text (unset: always); one that does not parse holds nowhere.
function holds(when, values, today) {
  if (when === null || when === undefined) return true;
  const result = parsed(when);
  return result.condition ? holdsCondition(result.condition, values, today) : false;
}

const isOption = (question, value) => (question.options || []).some((o) => o.value === value);

// The canonical form of an answer (several_of: its options in the guide's order, joined by commas;
// number: the integer as written by std::to_string; settlement: what resolveSettlement makes of the
// text, a KSH code), or {error: {question, code, value}}.
export function canonicalAnswer(question, raw, resolveSettlement) {
  const error = (code, value = raw) => ({ error: { question: question.id, code, value } });
  switch (question.kind) {
    case 'yes_no':
      return raw === 'igen' || raw === 'nem' ? { value: raw } : error('not_an_option');
    case 'one_of':
      return isOption(question, raw) ? { value: raw } : error('not_an_option');
    case 'several_of': {
      const items = splitList(raw);
      const bad = items.find((item) => !isOption(question, item));
      if (bad !== undefined) return error('not_an_option', bad);
      return { value: question.options.filter((o) => items.includes(o.value)).map((o) => o.value).join(',') };
    }
    case 'number': {
      const n = parseInteger(raw);
      if (n === null) return error('not_a_number');
      const min = question.min ?? null;
      const max = question.max ?? null;
      if ((min !== null && n < BigInt(min)) || (max !== null && n > BigInt(max))) return error('out_of_range');
      return { value: n.toString() };
    }
    case 'date':
      return parseIsoDate(raw) === null ? error('not_a_date') : { value: raw };
    case 'settlement': {
      const resolved = resolveSettlement ? resolveSettlement(raw) : raw;
      return resolved === null || resolved === undefined ? error('unknown_settlement') : { value: resolved };
    }
    default:
      return error('not_an_option');
  }
}

// Answers as they travel in the URL: an object, a Map or URLSearchParams; the first value of a
// repeated name counts (as the server's map keeps the first).
function answerEntries(answers) {
  const out = new Map();
  const entries = answers instanceof Map || answers instanceof URLSearchParams ? answers.entries() : Object.entries(answers || {});
  for (const [k, v] of entries) if (!out.has(k)) out.set(k, String(v));
  // std::map order: by bytes of the id
  return new Map([...out].sort(([a], [b]) => compareBytes(a, b)));
}

// The one evaluator, as kb::guide::evaluate: {path: [{question, value}], question, outcome, steps,
// notes, unused} (question, outcome and steps are the guide's own objects, or null), or
// {error: {question, code, value}} for an answer that cannot be used.
export function evaluate(guide, answers, today, resolveSettlement) {
  const day = dayOf(today);
  const given = answerEntries(answers);
  const questions = new Map();
  const outcomes = new Map();
  for (const q of guide.questions) if (!questions.has(q.id)) questions.set(q.id, q);
  for (const o of guide.outcomes) if (!outcomes.has(o.id)) outcomes.set(o.id, o);
  for (const [id, value] of given) {
    if (!questions.has(id)) return { error: { question: id, code: 'unknown_question', value } };
  }
  const result = { path: [], question: null, outcome: null, steps: [], notes: [], unused: [] };
  const values = new Map();
  let node = guide.start;
  // A checked guide has no cycle; the bound keeps an unchecked one from looping.
  for (let n = 0; n <= guide.questions.length; n++) {
    if (outcomes.has(node)) { result.outcome = outcomes.get(node); break; }
    const question = questions.get(node);
    if (!question) break;
    if (!given.has(question.id)) { result.question = question; break; }
    const canonical = canonicalAnswer(question, given.get(question.id), resolveSettlement);
    if (canonical.error) return canonical;
    const answered = { question, value: canonical.value };
    result.path.push(answered);
    if (!values.has(question.id)) values.set(question.id, answered);
    node = question.otherwise;
    const branch = (question.branches || []).find((b) => holds(b.when, values, day));
    if (branch) node = branch.next;
  }
  if (result.outcome) {
    result.steps = (result.outcome.steps || []).filter((s) => holds(s.when, values, day));
    result.notes = (result.outcome.notes || []).filter((note) => holds(note.when, values, day)).map((note) => note.text);
  }
  result.unused = [...given.keys()].filter((id) => !values.has(id));
  return result;
}

function valuesOf(evaluation) {
  const values = new Map();
  for (const a of evaluation.path) if (!values.has(a.question.id)) values.set(a.question.id, a);
  return values;
}

// Items a step's conditional list does not name always apply; named ones when their condition holds.
function select(conditions, items, key, evaluation, today) {
  const values = valuesOf(evaluation);
  const day = dayOf(today);
  return items.filter((item) => {
    const named = (conditions || []).find((c) => c.text === key(item));
    return !named || holds(named.when, values, day);
  });
}

export function selectDocuments(step, documents, evaluation, today) {
  return select(step.documents, documents || [], (d) => d, evaluation, today);
}

export function selectFees(step, fees, evaluation, today) {
  return select(step.fees, fees || [], (f) => f.label, evaluation, today);
}

// The settlement answer (a KSH code) a step's office is found by, when its question was answered.
export function stepSettlement(step, evaluation) {
  if (!step.settlement) return null;
  const answered = evaluation.path.find((a) => a.question.id === step.settlement);
  return answered ? answered.value : null;
}

// --- Which guides a question is a life event of (service/guide_match.cpp) -----------------------

export const kMaxMatchedGuides = 3;

// Every word of one of a guide's keywords occurs in the text, compared by accent-free stems with
// stop words dropped; best first: the most keyword words, then the guides' order; at most 3.
export function matchGuides(guides, text, stopwords = []) {
  if (!guides || guides.length === 0) return [];
  const analyzer = new Analyzer(stopwords);
  const stems = (t) => analyzer.analyze(t).filter((token) => !token.stop).map((token) => token.foldedStem);
  const query = new Set(stems(text));
  const scored = [];
  guides.forEach((guide, order) => {
    let best = 0;
    for (const keyword of guide.keywords || []) {
      const needed = stems(keyword);
      if (needed.length && needed.every((s) => query.has(s))) best = Math.max(best, needed.length);
    }
    if (best > 0) scored.push({ guide, best, order });
  });
  scored.sort((a, b) => b.best - a.best || a.order - b.order);
  return scored.slice(0, kMaxMatchedGuides).map((s) => s.guide);
}

// --- The answer of a downloaded district (the shape of GET /v1/guides/{id}/answer) --------------

export const guideSummary = (guide) => ({
  id: guide.id, title: guide.title, summary: guide.summary, keywords: guide.keywords,
  answer_url: `/v1/guides/${encodeURIComponent(guide.id)}/answer`,
});

// The answer URL for these answers, in the order they were asked (api/guide_endpoints.cpp).
export function answerUrl(guide, path, leaveOut = null) {
  const query = path.filter((a) => a.question !== leaveOut)
    .map((a) => `${encodeURIComponent(a.question.id)}=${encodeURIComponent(a.value)}`).join('&');
  return `/v1/guides/${encodeURIComponent(guide.id)}/answer${query ? `?${query}` : ''}`;
}

function answerText(snapshot, question, value) {
  const label = (v) => (question.options || []).find((o) => o.value === v)?.label ?? v;
  switch (question.kind) {
    case 'yes_no': return value === 'igen' ? 'Igen' : 'Nem';
    case 'one_of': return label(value);
    case 'several_of': return value === '' ? 'egyik sem' : value.split(',').map(label).join(', ');
    case 'settlement': {
      const s = snapshot.settlements.find((x) => x.ksh_code === value);
      return s ? s.label || s.name : value;
    }
    default: return value;
  }
}

// A settlement of the snapshot by KSH code, postal code or name (accents and case aside); null when
// none or several match.
export function snapshotSettlementResolver(snapshot) {
  const fold = (t) => String(t || '').toLocaleLowerCase('hu').normalize('NFD').replace(/\p{Mn}/gu, '').trim();
  return (text) => {
    const byCode = snapshot.settlements.find((s) => s.ksh_code === text);
    if (byCode) return byCode.ksh_code;
    const wanted = fold(text);
    const matches = snapshot.settlements.filter((s) => fold(s.name) === wanted || fold(s.label) === wanted ||
      (s.postal_codes || []).includes(String(text).trim()));
    return matches.length === 1 ? matches[0].ksh_code : null;
  };
}

// The settlement a step's office is found by: its own question's answer, else (when the step names
// none) the first settlement asked on the way (service/guide_answer.cpp).
function settlementOf(step, evaluation) {
  const named = stepSettlement(step, evaluation);
  if (named !== null || step.settlement) return named;
  return evaluation.path.find((a) => a.question.kind === 'settlement')?.value ?? null;
}

// The guide answered from a downloaded district, in the shape the service answers
// (schema GuideAnswer): a question to ask, or the outcome with each step's office from localRoute.
// Returns {error: {question, code, value}} for an unusable answer; an unknown guide is null.
export function localGuideAnswer(snapshot, guideId, answers, today = new Date()) {
  const guide = (snapshot.guides || []).find((g) => g.id === guideId);
  if (!guide) return null;
  const day = dayOf(today);
  // Worded by the server (kb/wording_hu), as the online answer words them.
  const roleText = (role) => snapshot.settlement_roles?.[role] ?? null;
  const evaluation = evaluate(guide, answers, day, snapshotSettlementResolver(snapshot));
  if (evaluation.error) return evaluation;
  const view = {
    guide: guideSummary(guide),
    status: evaluation.outcome ? 'outcome' : 'question',
    day: isoDate(day),
    answers: evaluation.path.map((a) => ({
      question: a.question.id, text: a.question.text, value: a.value,
      value_text: answerText(snapshot, a.question, a.value), change_url: answerUrl(guide, evaluation.path, a.question),
    })),
    unused_answers: evaluation.unused,
    question: null,
    outcome: null,
    self_url: answerUrl(guide, evaluation.path),
    restart_url: answerUrl(guide, []),
  };
  const q = evaluation.question;
  if (q) {
    view.question = {
      id: q.id, kind: q.kind, text: q.text, help: q.help ?? null,
      options: (q.options || []).map((o) => ({ value: o.value, label: o.label })),
      min: q.min ?? null, max: q.max ?? null, role: q.role ?? null,
      role_text: q.role ? roleText(q.role) : null,
    };
  }
  if (evaluation.outcome) {
    const o = evaluation.outcome;
    const steps = [];
    for (const step of evaluation.steps) {
      const procedure = snapshot.procedures.find((p) => p.id === step.procedure_id);
      if (!procedure) continue;  // not in this snapshot: nothing true to say about it
      const ksh = settlementOf(step, evaluation);
      const settlement = ksh ? snapshot.settlements.find((s) => s.ksh_code === ksh) ?? null : null;
      const route = settlement ? localRoute(snapshot, settlement.ksh_code, procedure.id) : null;
      const role = procedure.settlement_role || procedure.competence?.settlement_role || 'applicant_residence';
      steps.push({
        procedure: { id: procedure.id, title: procedure.title, category: procedure.category, authority: procedure.competence?.authority },
        note: step.note ?? null,
        settlement_role: role,
        settlement_role_text: roleText(role),
        settlement: settlement ? { ...settlement, label: settlement.label || settlement.name } : null,
        documents: selectDocuments(step, route ? route.documents : procedure.documents, evaluation, day),
        fees: selectFees(step, route ? route.fees : procedure.fees, evaluation, day),
        deadline: procedure.deadline ?? null,
        not_available_here: false,
        route,
      });
    }
    view.outcome = { id: o.id, title: o.title, summary: o.summary ?? null, steps, notes: evaluation.notes };
  }
  return view;
}
