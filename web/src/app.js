// Ügykalauz desk and field app: the shared search UI as a full page, with a printable checklist, a
// link that reopens the same answer, and offline answers from a downloaded district snapshot.
import { ageText } from './core.js';
import { kStyles, mountSearch } from './components.js';
import { downloadSnapshot, loadSnapshot, offlineCapableSource } from './offline.js';

const base = window.location.origin;
let snapshot = null;
const network = document.getElementById('network');
const dataAge = document.getElementById('data-age');
const offlineStatus = document.getElementById('offline-status');
const districtInput = document.getElementById('district');

function showNetwork(offline) {
  network.dataset.offline = String(offline);
  network.textContent = offline ? 'Offline – helyi adatokból' : 'Kapcsolódva';
  dataAge.textContent = snapshot
    ? `· ${snapshot.district.name} járás adatai: ${ageText(snapshot.generated_at)} frissítve`
    : '';
}

async function refreshSnapshot(district) {
  offlineStatus.textContent = `${district} járás adatainak letöltése…`;
  try {
    snapshot = await downloadSnapshot(base, district);
    offlineStatus.textContent = `Letöltve: ${snapshot.district.name} járás (${snapshot.settlements.length} település, ${snapshot.procedures.length} ügy). Hálózat nélkül is használható.`;
  } catch (error) {
    offlineStatus.textContent = navigator.onLine ? error.message : 'Nincs hálózat; a korábban letöltött adatokat használjuk.';
  }
  showNetwork(!navigator.onLine);
}

const style = document.createElement('style');
style.textContent = kStyles;
document.head.append(style);

const params = new URLSearchParams(window.location.search);
const ui = mountSearch(document.getElementById('app'), {
  source: offlineCapableSource(base, () => snapshot, showNetwork),
  idPrefix: 'app',
  initial: { procedure: params.get('procedure'), settlement: params.get('settlement') },
  onAnswer({ procedure, settlement, route }) {
    // The address bar always reopens this answer: the desk can send or bookmark it.
    const url = new URL(window.location.href);
    url.search = new URLSearchParams({ procedure, settlement }).toString();
    history.replaceState(null, '', url);
    if (!districtInput.value && route.settlement.district_code) districtInput.value = route.settlement.district_code;
  },
  cardActions: () => {
    const print = document.createElement('button');
    print.type = 'button';
    print.className = 'primary';
    print.textContent = 'Ellenőrzőlista nyomtatása';
    print.addEventListener('click', () => window.print());
    const link = document.createElement('a');
    link.href = window.location.href;
    link.textContent = 'Hivatkozás erre a válaszra';
    link.addEventListener('focus', () => { link.href = window.location.href; });
    link.addEventListener('mouseover', () => { link.href = window.location.href; });
    return [print, link];
  },
});

document.getElementById('download').addEventListener('click', () => {
  const code = districtInput.value.trim();
  if (!/^\d{3}$/.test(code)) {
    offlineStatus.textContent = 'A járás kódja három számjegy (pl. 099).';
    districtInput.focus();
    return;
  }
  localStorage.setItem('ugk-district', code);
  refreshSnapshot(code);
});

window.addEventListener('online', () => {
  showNetwork(false);
  if (snapshot) refreshSnapshot(snapshot.district.code);  // back in signal: bring the data up to date
});
window.addEventListener('offline', () => showNetwork(true));

(async () => {
  try {
    snapshot = (await loadSnapshot()) || null;
  } catch {
    snapshot = null;  // private mode without IndexedDB: online use only
  }
  const district = localStorage.getItem('ugk-district') || snapshot?.district.code;
  if (district) districtInput.value = district;
  showNetwork(!navigator.onLine);
  if (snapshot && navigator.onLine) refreshSnapshot(snapshot.district.code);
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/sw.js').catch(() => {});
  }
  if (!params.get('procedure')) ui.focus();
})();
