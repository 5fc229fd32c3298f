// Ügykalauz desk and field app: the shared search UI as a full page, with a printable checklist, a
// link that reopens the same answer, and offline answers from a downloaded district snapshot.
import { ageText } from './format.js';
import { combobox, errorText, kStyles, mountSearch } from './components.js';
import { downloadSnapshot, loadSnapshot, offlineCapableSource } from './offline.js';

const base = window.location.origin;
let snapshot = null;
let mode = navigator.onLine ? 'online' : 'offline';  // online | offline (no network) | unreachable
const network = document.getElementById('network');
const dataAge = document.getElementById('data-age');
const offlineStatus = document.getElementById('offline-status');

// The header says where answers come from, and when there is nothing to answer from, what to do.
function showNetwork(next = mode) {
  mode = next;
  const local = mode !== 'online';
  network.dataset.mode = local && !snapshot ? 'none' : mode;
  if (!local) network.textContent = 'Kapcsolódva';
  else if (!snapshot) network.textContent = mode === 'offline' ? 'Nincs hálózat – nincs letöltött járás' : 'A szolgáltatás nem érhető el – nincs letöltött járás';
  else network.textContent = mode === 'offline' ? 'Offline – helyi adatokból' : 'A szolgáltatás nem válaszol – helyi adatokból';
  dataAge.textContent = snapshot
    ? `· ${snapshot.district.name} járás adatai: ${ageText(snapshot.generated_at)} frissítve`
    : '';
}

let chosenDistrict = null;  // {code, label}

async function refreshSnapshot(district, label = district) {
  offlineStatus.textContent = `${label} adatainak letöltése…`;
  try {
    snapshot = await downloadSnapshot(base, district);
    localStorage.setItem('ugk-district', JSON.stringify({ code: snapshot.district.code, label }));
    offlineStatus.textContent = `Letöltve: ${snapshot.district.name} járás (${snapshot.settlements.length} település, ${snapshot.procedures.length} ügy). Hálózat nélkül is használható.`;
  } catch (error) {
    const kept = snapshot ? ` A korábban letöltött ${snapshot.district.name} járás adatai megmaradtak.` : '';
    offlineStatus.textContent = error.kind === 'http'
      ? `A letöltés nem sikerült: ${error.message}`
      : `A letöltés megszakadt: nem érjük el a szolgáltatást.${kept} Próbálja újra, amikor jobb a térerő.`;
  }
  showNetwork(navigator.onLine ? mode : 'offline');
}

const style = document.createElement('style');
style.textContent = kStyles;
document.head.append(style);

const params = new URLSearchParams(window.location.search);
const source = offlineCapableSource(base, () => snapshot, (next) => showNetwork(next));
const linkTo = (procedure, settlement) => {
  const url = new URL(window.location.href);
  url.search = new URLSearchParams({ procedure, settlement }).toString();
  return url.href;
};
// A case guide's state in the page URL: ?guide=<id>&<question id>=<answer>&... (reload, share, print).
const guideLinkTo = (id, query) => {
  const url = new URL(window.location.href);
  url.search = `guide=${encodeURIComponent(id)}${query ? `&${query}` : ''}`;
  return url.href;
};
const initialGuide = (() => {
  if (!params.get('guide')) return null;
  const answers = new URLSearchParams(params);
  answers.delete('guide');
  return { id: params.get('guide'), query: answers.toString() };
})();
const printedOn = () => {
  const date = new Intl.DateTimeFormat('hu-HU', { dateStyle: 'long' }).format(new Date());
  return `Nyomtatva: ${date.replace(/\.?$/, '.')}`;  // "2026. december 1." already ends with its full stop
};
const printButton = () => {
  const print = document.createElement('button');
  print.type = 'button';
  print.className = 'primary';
  print.textContent = 'Ellenőrzőlista nyomtatása';
  print.addEventListener('click', () => window.print());
  return print;
};
const ui = mountSearch(document.getElementById('app'), {
  source,
  idPrefix: 'app',
  // The installed app is the client assistants' field app; in a browser tab it is the desk's.
  surface: window.matchMedia?.('(display-mode: standalone)').matches ? 'field' : 'desk',
  // A guide in the URL is reopened once the downloaded district is loaded (below): offline, it is answered from it.
  initial: { procedure: params.get('procedure'), settlement: params.get('settlement') },
  onGuide(guide) {
    history.replaceState(null, '', guide ? guideLinkTo(guide.id, guide.query) : new URL('/', window.location.href).href);
  },
  guideLink: guideLinkTo,
  guideActions: () => [printButton(), (() => {
    const link = document.createElement('a');
    link.href = window.location.href;
    link.textContent = 'Hivatkozás erre a válaszra';
    return link;
  })()],
  guidePrintNote: () => `${printedOn()} Személyre szabott teendőlista az Ön válaszai alapján; az adatok időközben változhatnak. ` +
    `A válaszok módosítása és a friss adatok: ${window.location.href}`,
  onAnswer({ procedure, settlement, route }) {
    // The address bar always reopens this answer: the desk can send or bookmark it.
    history.replaceState(null, '', linkTo(procedure, settlement));
    // The district of the last answer is the one a client assistant most likely needs offline.
    if (!chosenDistrict && route.settlement.district_code && route.settlement.district_name) {
      chooseDistrict({ code: route.settlement.district_code, label: `${route.settlement.district_name} járás` });
    }
  },
  relatedLink: (item, settlement) => linkTo(item.id, settlement),
  printNote: (route) => `${printedOn()} Az adatok időközben változhatnak; a friss válasz: ${linkTo(route.procedure.id, route.settlement.ksh_code)}`,
  cardActions: () => {
    const print = printButton();
    const link = document.createElement('a');
    link.href = window.location.href;
    link.textContent = 'Hivatkozás erre a válaszra';
    link.addEventListener('focus', () => { link.href = window.location.href; });
    link.addEventListener('mouseover', () => { link.href = window.location.href; });
    return [print, link];
  },
});

// The district for offline use, chosen by its name or by one of its settlements ("Folyás").
const picker = combobox({
  id: 'district',
  label: 'Járás vagy település',
  placeholder: 'pl. Hajdúnánási, Folyás, Budapest XIV',
  fetchOptions: (q) => source.districts(q),
  renderOption: (d) => [d.label, document.createTextNode(''), (() => {
    const small = document.createElement('small');
    small.textContent = d.via_settlement ? `${d.via_settlement.label || d.via_settlement.name} ebben a járásban van · székhely: ${d.seat}` : `székhely: ${d.seat}, ${d.county}`;
    return small;
  })()],
  onPick: (d, input) => chooseDistrict({ code: d.code, label: d.label }, input),
  onEnterText: (text) => { offlineStatus.textContent = `Nincs „${text}” nevű járás vagy település. Írja be a járás vagy egy településének nevét.`; },
  onInput: () => { chosenDistrict = null; },
  onResults: (items, text) => {
    offlineStatus.textContent = items.length ? '' : `Nincs „${text}” nevű járás vagy település. Ellenőrizze a nevet.`;
  },
  onError: (error) => { offlineStatus.textContent = errorText(error, 'A járás keresése'); },
});
const pickerBox = document.createElement('div');
pickerBox.className = 'ugk';
pickerBox.append(picker.wrapper);
document.getElementById('district-picker').append(pickerBox);

function chooseDistrict(district, input = picker.input) {
  chosenDistrict = district;
  input.value = district.label;
}

document.getElementById('download').addEventListener('click', async () => {
  if (!chosenDistrict) {
    if (!picker.input.value.trim()) {
      offlineStatus.textContent = 'Írja be a járás vagy egy településének nevét, és válasszon a listából.';
      picker.input.focus();
      return;
    }
    await picker.submit();  // the best match for what was typed
    if (!chosenDistrict) return;
  }
  refreshSnapshot(chosenDistrict.code, chosenDistrict.label);
});

window.addEventListener('online', () => {
  showNetwork('online');
  if (snapshot) refreshSnapshot(snapshot.district.code, `${snapshot.district.name} járás`);  // back in signal: bring the data up to date
});
window.addEventListener('offline', () => showNetwork('offline'));

(async () => {
  try {
    snapshot = (await loadSnapshot()) || null;
  } catch {
    snapshot = null;  // private mode without IndexedDB: online use only
  }
  let saved = null;
  try { saved = JSON.parse(localStorage.getItem('ugk-district') || 'null'); } catch { saved = null; }
  if (saved && saved.code) chooseDistrict(saved);
  else if (snapshot) chooseDistrict({ code: snapshot.district.code, label: `${snapshot.district.name} járás` });
  showNetwork(navigator.onLine ? 'online' : 'offline');
  if (initialGuide) ui.showGuide(initialGuide.id, initialGuide.query);
  if (snapshot && navigator.onLine) refreshSnapshot(snapshot.district.code, `${snapshot.district.name} járás`);
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/sw.js').catch(() => {});
  }
  if (!params.get('procedure') && !initialGuide) ui.focus();
})();
