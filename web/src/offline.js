// Ügykalauz field app: the district snapshot kept in IndexedDB, and a data source that answers from
// it whenever the network is gone.
import { findSettlements, fold, localRoute, searchProcedures } from './core.js';
import { httpSource } from './components.js';

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

export async function downloadSnapshot(base, district) {
  const response = await fetch(`${base}/v1/snapshot?district=${encodeURIComponent(district)}`);
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.detail || 'A járás adatai nem tölthetők le.');
  await saveSnapshot(body);
  return body;
}

// A fetch that fails (no network, or the browser knows it is offline) means: answer locally.
function isNetworkFailure(error) {
  return error instanceof TypeError || !navigator.onLine;
}

// The HTTP API while it answers; the snapshot (from getSnapshot()) when it cannot be reached.
export function offlineCapableSource(base, getSnapshot, onModeChange = () => {}) {
  const http = httpSource(base);
  const attempt = async (online, offline) => {
    if (navigator.onLine) {
      try {
        const answer = await online();
        onModeChange(false);
        return answer;
      } catch (error) {
        if (!isNetworkFailure(error)) throw error;
      }
    }
    const snapshot = getSnapshot();
    if (!snapshot) throw new Error('Nincs hálózat, és nincs letöltött járási adat. Töltse le a járást, amíg van hálózat.');
    onModeChange(true);
    return offline(snapshot);
  };
  return {
    search: (q) => attempt(() => http.search(q), (snap) => searchProcedures(snap, q, 8)),
    settlements: (q) => attempt(() => http.settlements(q), (snap) => findSettlements(snap, q, 8)),
    route: (settlement, procedure) => attempt(() => http.route(settlement, procedure), (snap) => {
      const wanted = fold(settlement);
      const matches = snap.settlements.filter((s) => s.ksh_code === settlement || fold(s.name) === wanted ||
        (s.postal_codes || []).includes(settlement));
      if (matches.length > 1) return { candidates: matches };
      if (matches.length === 0) {
        throw new Error(`Hálózat nélkül csak ${snap.district.name} járás települései érhetők el.`);
      }
      const route = localRoute(snap, matches[0].ksh_code, procedure);
      if (!route) throw new Error('Ez az ügy nincs a letöltött adatok között.');
      return { route, offline: true };
    }),
  };
}
