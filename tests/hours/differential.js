// Differential test: `ugykalauz hours eval` against the npm `opening_hours` reference implementation.
//
// Pairs (value, instant) come from every opening_hours/schedule string of the reference data plus
// generated values, at random and at calendar-critical instants (DST days, holidays, worked
// Saturdays, range boundaries). Both implementations answer open/closed/unknown and the next change.
//
// PH: the reference library's built-in Hungarian holidays differ from the decree data (it knows no
// bridge days or Christmas Eve rest days), so "PH off" is fed to it as the explicit list of our rest
// days — both sides then use the same calendar. The Hungarian worked-Saturday rule is ours only:
//   1. with --worked-saturday as_written our answers must equal the reference on every pair;
//   2. with the default rule, answers may differ only on pairs whose window touches a worked Saturday
//      (counted separately), and on a worked Saturday a weekly value must answer like the reference
//      does on an ordinary day of the swapped weekday at the same clock time.
// Usage: node differential.js UGYKALAUZ_BINARY DATA_DIR   (TZ=Europe/Budapest, NODE_PATH to the package)
'use strict';

const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const OpeningHours = require('opening_hours');

const [binary, dataDir] = process.argv.slice(2);
if (!binary || !dataDir) {
  console.error('usage: node differential.js UGYKALAUZ_BINARY DATA_DIR');
  process.exit(64);
}

// Deterministic PRNG (mulberry32) so that a failure is reproducible.
let seed = 20260110;
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (items) => items[Math.floor(random() * items.length)];
const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
const pad = (n) => String(n).padStart(2, '0');

// ---- calendar ----
const rows = fs.readFileSync(path.join(dataDir, 'calendar/holidays.csv'), 'utf8').trim().split('\n').slice(1)
  .map((line) => line.split(','));
const restDays = rows.filter((r) => r[2] === 'munkaszuneti_nap' || r[2] === 'athelyezett_pihenonap').map((r) => r[0]);
const workedSaturdays = new Set(rows.filter((r) => r[2] === 'athelyezett_munkanap').map((r) => r[0]));
// Easter and Whit Sunday are public holidays too but not rows of the CSV; our calendar adds them.
for (const d of ['2025-04-20', '2025-06-08', '2026-04-05', '2026-05-24', '2027-03-28', '2027-05-16']) restDays.push(d);
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const osmDate = (iso) => `${iso.slice(0, 4)} ${MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(8, 10)}`;
const explicitRestDays = restDays.sort().map(osmDate).join(',');
const forReference = (value) => value.replace(/(^|; )PH off/g, `$1${explicitRestDays} off`);

// ---- values ----
const corpus = new Set();
for (const [file, field] of [['offices.json', 'opening_hours'], ['visits.json', 'schedule']]) {
  for (const record of JSON.parse(fs.readFileSync(path.join(dataDir, file), 'utf8'))) {
    if (typeof record[field] === 'string') corpus.add(record[field]);
  }
}
const WD = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'];
function weekdays() {
  const kind = random();
  if (kind < 0.4) { const a = int(0, 4); return `${WD[a]}-${WD[int(a + 1, 6)]}`; }
  if (kind < 0.6) return WD[int(0, 6)];
  if (kind < 0.7) return `${WD[int(5, 6)]}-${WD[int(0, 2)]}`;  // wraps over the week end
  const set = [...new Set([int(0, 6), int(0, 6), int(0, 6)])].sort();
  return set.map((i) => WD[i]).join(',');
}
function times() {
  const spans = [];
  let t = int(12, 20) * 30;  // 06:00-10:00
  const count = int(1, 3);
  for (let i = 0; i < count && t < 23 * 60; i++) {
    const end = Math.min(t + int(1, 10) * 30, 24 * 60);
    spans.push([t, end]);
    t = end + int(1, 4) * 30;
  }
  const fmt = (m) => `${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
  return spans.map(([a, b]) => `${fmt(a)}-${fmt(b)}`).join(',');
}
function randomIsoDate() {
  const d = new Date(Date.UTC(2025, 0, 1) + int(0, 729) * 86400000);
  return d.toISOString().slice(0, 10);
}
function rule() {
  const kind = random();
  if (kind < 0.45) return `${weekdays()} ${times()}`;
  if (kind < 0.52) return `${weekdays()} off`;
  if (kind < 0.60) return `${osmDate(randomIsoDate())} ${random() < 0.5 ? times() : 'off'}`;
  if (kind < 0.64) return `${pick(['Dec 24-Jan 05', 'Jul 15-Aug 15', 'Dec 24', 'Aug'])} off`;
  if (kind < 0.70) return `${WD[int(0, 4)]}[${pick(['1', '2', '-1', '1,3'])}] ${times()}`;
  if (kind < 0.76) return `week ${pick(['1-53/2', '2-52/2', '01-10', '10-30'])} ${weekdays()} ${times()}`;
  if (kind < 0.82) return `${WD[int(0, 6)]} ${pick(['22:00-02:00', '20:00-01:30', '23:00-06:00', '01:00-04:00', '00:00-24:00'])}`;
  if (kind < 0.88) return `${weekdays()} ${times()} "${pick(['csak előzetes bejelentkezéssel', 'ügyfélfogadás'])}"`;
  if (kind < 0.93) return `${weekdays()} ${times()} open "${pick(['telefonos egyeztetés'])}"`;
  return 'PH off';
}
const generated = new Set();
while (generated.size < 400) {
  const count = int(1, 4);
  let value = rule();
  for (let i = 1; i < count; i++) value += '; ' + rule();
  if (random() < 0.15) value += `, ${weekdays()} ${times()}`;  // additional rule
  if (random() < 0.5 && !value.includes('PH off')) value += '; PH off';
  generated.add(value);
}
const values = [...corpus, ...generated];

// ---- instants ----
const critical = ['2025-03-30', '2025-10-26', '2026-03-29', '2026-10-25', '2025-12-24', '2026-12-24',
  '2026-01-02', '2025-12-29', ...workedSaturdays];
function instantsFor(value) {
  const out = [];
  for (let i = 0; i < 14; i++) out.push(`${randomIsoDate()}T${pad(int(0, 23))}:${pad(pick([0, 0, 15, 30, 59, int(0, 59)]))}`);
  for (let i = 0; i < 10; i++) out.push(`${pick(critical)}T${pad(int(0, 23))}:${pad(pick([0, 30, int(0, 59)]))}`);
  // Exact range boundaries of the value.
  const clocks = value.match(/\d\d:\d\d/g) || [];
  for (let i = 0; i < 4 && clocks.length; i++) out.push(`${pick([randomIsoDate(), pick(critical)])}T${pick(clocks).replace('24:00', '23:59')}`);
  return out;
}
const pairs = [];
for (const value of values) for (const instant of instantsFor(value)) pairs.push({ value, instant });

// ---- run both ----
function ours(rule) {
  const input = pairs.map((p) => JSON.stringify(p)).join('\n') + '\n';
  const args = ['hours', 'eval', '--bundle', dataDir, '--worked-saturday', rule, '--horizon-days', String(HORIZON_DAYS + 2)];
  const out = execFileSync(binary, args,
    { input, maxBuffer: 256 << 20 }).toString().trim().split('\n');
  if (out.length !== pairs.length) throw new Error(`expected ${pairs.length} answers, got ${out.length}`);
  return out.map((line) => JSON.parse(line));
}
const toDate = (iso) => {
  const [d, t] = iso.split('T');
  const [y, m, day] = d.split('-').map(Number);
  const [hh, mm] = t.split(':').map(Number);
  return new Date(y, m - 1, day, hh, mm);
};
const referenceCache = new Map();
function reference(value, instant) {
  let oh = referenceCache.get(value);
  if (oh === undefined) {
    try {
      oh = new OpeningHours(forReference(value), { address: { country_code: 'hu', state: '' } });
    } catch (e) {
      oh = { error: String(e) };
    }
    referenceCache.set(value, oh);
  }
  if (oh.error) return { ok: false, error: oh.error };
  const at = toDate(instant);
  const state = oh.getUnknown(at) ? 'unknown' : oh.getState(at) ? 'open' : 'closed';
  const next = oh.getNextChange(at, new Date(at.getTime() + HORIZON_DAYS * 86400000));
  return { ok: true, state, next_change: next ? next.getTime() : null, oh };
}
const ms = (iso) => (iso ? new Date(iso).getTime() : null);
// Next changes are compared within this horizon (ours looks further; the reference is slow far out).
const HORIZON_DAYS = 100;
const withinHorizon = (t, at) => (t !== null && t - toDate(at).getTime() <= HORIZON_DAYS * 86400000 ? t : null);

const asWritten = ours('as_written');
const swapped = ours('swapped_weekday');
const summary = { values: values.length, corpus_values: corpus.size, pairs: pairs.length, agree: 0,
  swapped_day_pairs: 0, swapped_as_specified: 0, parse_errors_both: 0, reference_dst_bug: 0,
  unexplained: 0 };

// Known reference bug: on the Monday after a spring-forward Sunday (a 23-hour day) it takes the
// early-morning spill-over of ranges past midnight from Saturday instead of Sunday. Confirmed per
// pair: the reference answers that Monday's small hours differently from an ordinary Monday a week
// earlier, where ours answers both alike.
const springMondays = { '2025-03-31': '2025-03-24', '2026-03-30': '2026-03-23' };
function referenceDstBug(pair, ref, ...changes) {
  const from = toDate(pair.instant).getTime() - 86400000;
  const to = Math.max(...changes.filter((c) => c !== null), toDate(pair.instant).getTime()) + 86400000;
  for (const [monday, ordinary] of Object.entries(springMondays)) {
    const t = toDate(`${monday}T00:00`).getTime();
    if (t < from || t > to) continue;
    for (let minutes = 0; minutes < 12 * 60; minutes += 15) {
      const clock = `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
      if (ref.oh.getState(toDate(`${monday}T${clock}`)) !== ref.oh.getState(toDate(`${ordinary}T${clock}`))) return true;
    }
  }
  return false;
}
const failures = [];
const isoDay = (t) => {
  const d = new Date(t);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};
function touchesWorkedSaturday(instant, ...changes) {
  const start = toDate(instant).getTime() - 86400000;
  const end = Math.max(...changes.filter((c) => c !== null), toDate(instant).getTime());
  for (let t = start; t <= end + 86400000; t += 86400000) if (workedSaturdays.has(isoDay(t))) return true;
  return false;
}
// Values whose every day looks alike week by week, without ranges past midnight (whose early-morning
// part on a worked Saturday comes from Friday, not from the swapped weekday).
const weekly = (value) => !/\d{4} |\[|week|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec/.test(value) &&
  [...value.matchAll(/(\d\d):(\d\d)-(\d\d):(\d\d)/g)].every((m) => m[3] + m[4] > m[1] + m[2]);

pairs.forEach((pair, i) => {
  const ref = reference(pair.value, pair.instant);
  const plain = asWritten[i];
  if (!ref.ok || !plain.ok) {
    if (!ref.ok && !plain.ok) summary.parse_errors_both++;
    else failures.push({ ...pair, why: 'validity differs', ref, ours: plain });
    return;
  }
  const same = (a) => a.state === ref.state &&
    withinHorizon(ms(a.next_change), pair.instant) === withinHorizon(ref.next_change, pair.instant);
  if (!same(plain)) {
    if (referenceDstBug(pair, ref, ms(plain.next_change), ref.next_change)) {
      summary.reference_dst_bug++;
      return;
    }
    failures.push({ ...pair, why: 'as_written differs from reference', ref, ours: plain });
    return;
  }
  const hungarian = swapped[i];
  if (same(hungarian)) {
    summary.agree++;
    return;
  }
  summary.swapped_day_pairs++;
  if (!touchesWorkedSaturday(pair.instant, ms(hungarian.next_change), ref.next_change)) {
    failures.push({ ...pair, why: 'differs away from any worked Saturday', ref, ours: hungarian });
    return;
  }
  const day = pair.instant.slice(0, 10);
  if (workedSaturdays.has(day) && weekly(pair.value)) {
    // The same clock time on an ordinary day with the swapped weekday: a week after the bridge day
    // (further weeks if that is a rest day too).
    const partner = hungarian.swap_partner;  // the bridge rest day of the same swap
    if (partner) {
      let t = toDate(`${partner}T12:00`).getTime() + 7 * 86400000;
      while (restDays.includes(isoDay(t))) t += 7 * 86400000;
      const ordinary = reference(pair.value, `${isoDay(t)}T${pair.instant.slice(11)}`);
      if (ordinary.state !== hungarian.state) {
        failures.push({ ...pair, why: `worked Saturday does not answer like ${isoDay(t)}`, ref: ordinary, ours: hungarian });
        return;
      }
    }
  }
  summary.swapped_as_specified++;
});
summary.unexplained = failures.length;
console.log(JSON.stringify(summary, null, 2));
for (const f of failures.slice(0, 25)) console.log(JSON.stringify({ ...f, ref: { ...f.ref, oh: undefined } }));
process.exit(failures.length === 0 && summary.pairs >= 10000 ? 0 : 1);
