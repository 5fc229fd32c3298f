// Ügykalauz field app: the district snapshot kept in IndexedDB, and a data source that answers from
// it whenever the service cannot be reached: no network, or a network that does not answer in time.
import { findSettlements, fold, localRoute, searchProcedures } from './core.js';
import { ServiceError, httpSource, kTimeoutMs } from './components.js';
import { offlineIndex } from './search-hu.js';
import { guideSummary, localGuideAnswer, matchGuides } from './guide.js';

const kDb = 'ugykalauz';
const kStore = 'kv';

function openDb() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(kDb, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(kStore);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function kv(mode, action) {
  const db = await openDb();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(kStore, mode);
    const request = action(tx.objectStore(kStore));
    tx.oncomplete = () => { db.close(); resolve(request.result); };
    tx.onerror = () => { db.close(); reject(tx.error); };
  });
}

export const loadSnapshot = () => kv('readonly', (store) => store.get('snapshot'));
export const saveSnapshot = (snapshot) => kv('readwrite', (store) => store.put(snapshot, 'snapshot'));

// Downloads and stores a district; a failure is a ServiceError (the stored snapshot stays as it was).
export async function downloadSnapshot(base, district, { timeoutMs = 4 * kTimeoutMs } = {}) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let body;
  try {
    const response = await fetch(`${base}/v1/snapshot?district=${encodeURIComponent(district)}`, { signal: controller.signal });
    body = await response.json().catch(() => null);
    if (!response.ok || !body) {
      throw new ServiceError('http', body?.detail || 'A járás adatai nem tölthetők le.', { status: response.status, problem: body });
    }
  } catch (error) {
    if (error instanceof ServiceError) throw error;
    throw new ServiceError(error.name === 'AbortError' ? 'timeout' : 'network', 'A letöltés megszakadt.');
  } finally {
    clearTimeout(timer);
  }
  await saveSnapshot(body);
  return body;
}

// The service cannot answer now: no network, or no answer in time. (An error answer is an answer.)
const unreachable = (error) => error instanceof ServiceError && (error.kind === 'network' || error.kind === 'timeout');

// Offline search: the same analysis and ranking as the service's (search-hu.js); a snapshot of an
// older format without the analysis data falls back to word prefixes.
// The guides the question is a life event of come along, as the service's search answer has them.
export function searchSnapshot(snapshot, q, limit = 8) {
  const guides = matchGuides(snapshot.guides || [], q, snapshot.analysis?.stopwords || []).map(guideSummary);
  if (snapshot.analysis) return { ...offlineIndex(snapshot).search(q, limit), guides };
  const results = searchProcedures(snapshot, q, limit);
  return { total: results.length, results, did_you_mean: '', suggestions: [], guides };
}

// Why an answer cannot be used, when the guide runs from the snapshot (the service words its own).
function answerErrorText(snapshot, error) {
  switch (error.code) {
    case 'not_an_option': return `Erre a kérdésre nem lehet ez a válasz: „${error.value}”.`;
    case 'not_a_number': return `Ez nem egész szám: „${error.value}”.`;
    case 'out_of_range': return `A szám a megengedett tartományon kívül esik: ${error.value}.`;
    case 'not_a_date': return `A dátumot ÉÉÉÉ-HH-NN alakban adja meg (például 2026-11-30), nem így: „${error.value}”.`;
    case 'unknown_settlement':
      return `Nincs „${error.value}” nevű település a letöltött ${snapshot.district.name} járásban; hálózat nélkül csak ` +
        'a letöltött járás települései választhatók.';
    default: return `Ez a kérdés nem tartozik a kalauzhoz: „${error.question}”.`;
  }
}

// A case guide run from the snapshot with the same evaluator (guide.js) and the local routing.
function guideFromSnapshot(snapshot, id, query) {
  const answer = localGuideAnswer(snapshot, id, new URLSearchParams(query));
  if (!answer) throw new ServiceError('http', 'Ez a kalauz nincs a letöltött adatok között; amikor van hálózat, töltse le újra a járást.');
  if (answer.error) {
    const detail = answerErrorText(snapshot, answer.error);
    throw new ServiceError('http', detail, { status: 400, problem: { field: answer.error.question, detail } });
  }
  return answer;
}

// The HTTP API while it answers; the snapshot (from getSnapshot()) when it cannot be reached.
// onModeChange(mode) is told which: 'online', 'offline' (no network), 'unreachable' (a network that
// does not answer); answers from the snapshot carry `offline: true` and a `note` saying why.
export function offlineCapableSource(base, getSnapshot, onModeChange = () => {}, options = {}) {
  const http = httpSource(base, options);
  const attempt = async (online, offline) => {
    let why = 'Nincs hálózat';
    if (navigator.onLine) {
      try {
        const answer = await online();
        onModeChange('online');
        return answer;
      } catch (error) {
        if (!unreachable(error)) throw error;
        why = error.kind === 'timeout' ? 'A szolgáltatás nem válaszolt időben' : 'Nem érjük el a szolgáltatást';
      }
    }
    onModeChange(navigator.onLine ? 'unreachable' : 'offline');
    const snapshot = getSnapshot();
    if (!snapshot) {
      throw new ServiceError('no-offline-data', `${why}, és nincs letöltött járási adat.`);
    }
    const answer = offline(snapshot);
    return { ...answer, offline: true, note: `${why}: a letöltött ${snapshot.district.name} járás adataiból válaszolunk.` };
  };
  return {
    search: (q, context) => attempt(() => http.search(q, context), (snap) => searchSnapshot(snap, q, 8)),
    // Counted only online: offline questions never reach the service's analytics.
    opened: (payload) => { if (navigator.onLine) http.opened(payload); },
    settlements: (q) => attempt(() => http.settlements(q), (snap) => ({ results: findSettlements(snap, q, 8) }))
      .then((answer) => (Array.isArray(answer) ? answer : answer.results)),
    districts: (q) => http.districts(q),
    guide: (id, query) => attempt(() => http.guide(id, query), (snap) => guideFromSnapshot(snap, id, query)),
    feedback: (body) => http.feedback(body),
    route: (settlement, procedure) => attempt(() => http.route(settlement, procedure), (snap) => {
      const wanted = fold(settlement);
      const matches = snap.settlements.filter((s) => s.ksh_code === settlement || fold(s.name) === wanted ||
        fold(s.label || '') === wanted || (s.postal_codes || []).includes(settlement));
      if (matches.length > 1) return { candidates: matches };
      if (matches.length === 0) {
        throw new ServiceError('http', `Hálózat nélkül csak a letöltött ${snap.district.name} járás települései érhetők el.`);
      }
      const route = localRoute(snap, matches[0].ksh_code, procedure);
      if (!route) throw new ServiceError('http', 'Ez az ügy nincs a letöltött adatok között.');
      return { route };
    }),
  };
}
