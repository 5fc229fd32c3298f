// Offline search against online search on the development query set (tests/search/dev-queries.tsv):
// the field app's search over a district snapshot (web/src/search-hu.js) and the service's
// /v1/search, counted the same way (top-1, top-3, MRR@10 over procedures), both figures reported.
// The offline figures must stay close to the online ones: the offline search analyses like the
// server, so a wide gap means the two have drifted apart.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { OfflineIndex } from '../../web/src/search-hu.js';
import { sourceDir, startService } from './support.mjs';
import path from 'node:path';

let service;

before(async () => { service = await startService(); });
after(async () => { await service?.stop(); });

function querySet() {
  const lines = readFileSync(path.join(sourceDir, 'tests/search/dev-queries.tsv'), 'utf8').split('\n').slice(1);
  return lines.filter((l) => l.trim()).map((l) => {
    const [text, expected, style] = l.split('\t');
    return { text, expected: expected.split(','), style };
  });
}

function metrics(ranks) {
  const n = ranks.length;
  return {
    n,
    top1: ranks.filter((r) => r === 1).length / n,
    top3: ranks.filter((r) => r >= 1 && r <= 3).length / n,
    mrr: ranks.reduce((sum, r) => sum + (r ? 1 / r : 0), 0) / n,
  };
}

const rankOf = (ids, expected) => {
  const i = ids.findIndex((id) => expected.includes(id));
  return i < 0 ? 0 : i + 1;
};

const show = (m) => `n=${m.n} top1=${m.top1.toFixed(3)} top3=${m.top3.toFixed(3)} mrr=${m.mrr.toFixed(3)}`;

test('offline search ranks the development queries about as well as the service', async (t) => {
  const snapshot = await (await fetch(`${service.base}/v1/snapshot?district=099`)).json();
  const index = new OfflineIndex(snapshot);
  const queries = querySet();
  assert.ok(queries.length >= 100, `${queries.length} queries`);
  const online = [];
  const offline = [];
  const worse = [];
  for (const q of queries) {
    const url = `${service.base}/v1/search?q=${encodeURIComponent(q.text)}&type=procedure&limit=10&facets=false`;
    const served = (await (await fetch(url)).json()).results.map((h) => h.id);
    const local = index.search(q.text, 10).results.map((h) => h.id);
    online.push(rankOf(served, q.expected));
    offline.push(rankOf(local, q.expected));
    if (offline.at(-1) !== online.at(-1)) worse.push(`rank ${online.at(-1)} online, ${offline.at(-1)} offline: ${q.text}`);
  }
  const on = metrics(online);
  const off = metrics(offline);
  t.diagnostic(`online  ${show(on)}`);
  t.diagnostic(`offline ${show(off)}`);
  if (process.env.UGK_RELEVANCE_VERBOSE) for (const line of worse) t.diagnostic(line);
  // Measured 2026-12-01 (docs/widget.md): online top-1 0.947, top-3 0.992, MRR 0.970; offline top-1
  // 0.939, top-3 0.985, MRR 0.965 (5 of 132 queries rank differently, by one place). Floors just under
  // the offline figures (one more query out of the top 1 fails), and the gap to online bounded.
  assert.ok(off.top1 >= 0.93, show(off));
  assert.ok(off.top3 >= 0.98, show(off));
  assert.ok(off.mrr >= 0.96, show(off));
  assert.ok(on.top1 - off.top1 <= 0.03 && on.top3 - off.top3 <= 0.02, `online ${show(on)} / offline ${show(off)}`);
});

test('offline search relaxes like the service: flagged, with the same dropped words', async () => {
  const snapshot = await (await fetch(`${service.base}/v1/snapshot?district=099`)).json();
  const index = new OfflineIndex(snapshot);
  for (const q of ['lakcímkártya zsiráfot', 'lakcímkártya pótlása', 'qqqq zzzz']) {
    const url = `${service.base}/v1/search?q=${encodeURIComponent(q)}&type=procedure&limit=10&facets=false`;
    const served = await (await fetch(url)).json();
    const local = index.search(q, 10);
    assert.equal(local.relaxed, served.relaxed, q);
    assert.deepEqual(local.dropped_words, served.dropped_words || [], q);
  }
  assert.ok(index.search('vendégházat nyitnánk a Balatonnál', 10).results.length > 0);
});
