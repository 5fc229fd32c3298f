// Ügykalauz front end: the search UI shared by the embeddable widget (inside a shadow root) and the
// desk and field app (in the page). Plain DOM, no framework. Data comes through a `source`:
//   search(q) -> [{id, title, snippet}]
//   settlements(q) -> [{ksh_code, name, district_name, postal_codes}]
//   route(settlement, procedureId) -> {route} | {candidates: [...]} (a 300 "ambiguous-settlement")
import { formatHuf, hoursText, occurrenceText } from './core.js';

// Colours meet WCAG 2.1 AA on white (text >= 4.5:1, focus ring and borders >= 3:1). Sites theme the
// widget through these custom properties, which inherit into the shadow root.
export const kStyles = `
:host, .ugk { --_accent: var(--ugk-accent, #0b5394); --_text: var(--ugk-text, #1a1a1a);
  --_muted: var(--ugk-muted, #4d4d4d); --_bg: var(--ugk-background, #fff); --_radius: var(--ugk-radius, 6px);
  --_font: var(--ugk-font, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif); }
:host { display: block; }
.ugk { font-family: var(--_font); color: var(--_text); background: var(--_bg); font-size: 1rem; line-height: 1.45;
  max-width: 48rem; box-sizing: border-box; text-align: left; }
.ugk *, .ugk *::before, .ugk *::after { box-sizing: border-box; }
.ugk .fields { display: grid; gap: .75rem; grid-template-columns: 1fr; }
@media (min-width: 40rem) { .ugk .fields { grid-template-columns: 2fr 1fr; } }
.ugk label { display: block; font-weight: 600; margin-bottom: .25rem; }
.ugk .combo { position: relative; }
.ugk input[type=text], .ugk input[type=search] { width: 100%; font: inherit; padding: .6rem .7rem; color: var(--_text);
  background: var(--_bg); border: 2px solid #767676; border-radius: var(--_radius); }
.ugk :focus-visible { outline: 3px solid var(--_accent); outline-offset: 2px; }
.ugk [role=listbox] { position: absolute; z-index: 10; left: 0; right: 0; margin: .25rem 0 0; padding: .25rem 0;
  list-style: none; background: var(--_bg); border: 1px solid #767676; border-radius: var(--_radius);
  box-shadow: 0 4px 12px rgba(0,0,0,.15); max-height: 20rem; overflow-y: auto; }
.ugk [role=listbox][hidden] { display: none; }
.ugk [role=option] { padding: .5rem .75rem; cursor: pointer; }
.ugk [role=option] small { display: block; color: var(--_muted); }
.ugk [role=option][aria-selected=true], .ugk [role=option]:hover { background: var(--_accent); color: #fff; }
.ugk [role=option][aria-selected=true] small, .ugk [role=option]:hover small { color: #fff; }
.ugk .fixed { padding: .6rem 0; font-weight: 600; }
.ugk button { font: inherit; padding: .5rem .9rem; border-radius: var(--_radius); border: 2px solid var(--_accent);
  background: var(--_bg); color: var(--_accent); cursor: pointer; }
.ugk button.primary { background: var(--_accent); color: #fff; }
.ugk .status { min-height: 1.5em; color: var(--_muted); margin: .5rem 0; }
.ugk .card { border: 1px solid #767676; border-radius: var(--_radius); padding: 1rem; margin-top: 1rem; }
.ugk .card h2 { font-size: 1.3rem; margin: 0 0 .25rem; }
.ugk .card h3 { font-size: 1.05rem; margin: 1rem 0 .35rem; }
.ugk .card ul { margin: .25rem 0; padding-left: 1.25rem; }
.ugk .office { border-left: 4px solid var(--_accent); padding: .25rem .75rem; margin: .5rem 0; }
.ugk .office .name { font-weight: 700; }
.ugk .role { display: inline-block; font-size: .85rem; padding: 0 .4rem; border-radius: 3px; background: #e8eef5; color: #0b3d6b; }
.ugk .muted { color: var(--_muted); }
.ugk .hours { font-weight: 600; }
.ugk .checklist { list-style: none; padding-left: 0; }
.ugk .checklist li::before { content: "☐ "; }
.ugk a { color: var(--_accent); }
.ugk .actions { display: flex; flex-wrap: wrap; gap: .5rem; margin-top: 1rem; }
.ugk .candidates { display: flex; flex-wrap: wrap; gap: .5rem; }
.ugk .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media print {
  .ugk .fields, .ugk .actions, .ugk .status, .ugk .no-print { display: none !important; }
  .ugk .card { border: none; padding: 0; }
  .ugk a { color: #000; }
}
`;

const kFormats = { paper: 'papír', pdf: 'PDF', online: 'online', anyk: 'ÁNYK' };

const kRoleLabels = {
  competent: 'Illetékes',
  local_branch: 'Helyi kirendeltség',
  front_office: 'Kormányablak',
  alternative: 'Másik lehetőség',
};

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'text') node.textContent = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) {
      node.append(typeof child === 'string' ? document.createTextNode(child) : child);
    }
  }
  return node;
}

// The WAI-ARIA 1.2 combobox pattern with a listbox popup: focus stays in the input, the active
// option is announced through aria-activedescendant, Down/Up move, Enter picks, Escape closes.
function combobox({ id, label, placeholder, fetchOptions, renderOption, onPick, onEnterText, announce, delay = 200 }) {
  const listId = `${id}-list`;
  const input = el('input', {
    type: 'text', id, role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false',
    'aria-controls': listId, autocomplete: 'off', spellcheck: 'false', placeholder,
  });
  const list = el('ul', { id: listId, role: 'listbox', 'aria-label': label, hidden: true });
  let options = [];
  let active = -1;
  let timer = null;
  let generation = 0;

  const setActive = (index) => {
    active = index;
    list.querySelectorAll('[role=option]').forEach((node, i) => node.setAttribute('aria-selected', String(i === index)));
    if (index >= 0) {
      const node = list.children[index];
      input.setAttribute('aria-activedescendant', node.id);
      node.scrollIntoView?.({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  };
  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    setActive(-1);
  };
  const pick = (index) => {
    const option = options[index];
    close();
    if (option) onPick(option, input);
  };
  const show = (items) => {
    options = items;
    list.replaceChildren(
      ...items.map((item, i) => {
        const node = el('li', { id: `${id}-opt-${i}`, role: 'option', 'aria-selected': 'false' }, ...renderOption(item));
        // mousedown, not click: keep focus in the input while picking with the mouse
        node.addEventListener('mousedown', (event) => { event.preventDefault(); pick(i); });
        return node;
      }),
    );
    list.hidden = items.length === 0;
    input.setAttribute('aria-expanded', String(items.length > 0));
    setActive(-1);
  };
  const refresh = async () => {
    const text = input.value.trim();
    const mine = ++generation;
    if (text.length < 2) { show([]); return; }
    try {
      const items = await fetchOptions(text);
      if (mine !== generation) return;  // a later keystroke already asked again
      show(items);
      announce(items.length === 0 ? 'Nincs találat.' : `${items.length} találat. Válasszon a le és fel nyíllal.`);
    } catch (error) {
      if (mine === generation) { show([]); announce(error.message); }
    }
  };
  input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(refresh, delay); });
  input.addEventListener('keydown', (event) => {
    const open = !list.hidden;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      if (!open && options.length) { list.hidden = false; input.setAttribute('aria-expanded', 'true'); }
      if (options.length) setActive((active + 1) % options.length);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      if (options.length) setActive(active <= 0 ? options.length - 1 : active - 1);
    } else if (event.key === 'Enter') {
      if (open && active >= 0) { event.preventDefault(); pick(active); }
      else if (open && options.length === 1) { event.preventDefault(); pick(0); }
      else if (onEnterText && input.value.trim()) { event.preventDefault(); close(); onEnterText(input.value.trim()); }
    } else if (event.key === 'Escape') {
      if (open) { event.preventDefault(); close(); } else { input.value = ''; }
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 150));
  const wrapper = el('div', { class: 'combo' }, el('label', { for: id, text: label }), input, list);
  return { wrapper, input, close };
}

function officeBlock(office) {
  const contact = [office.phone && `Tel.: ${office.phone}`, office.email].filter(Boolean).join(' · ');
  return el('li', { class: 'office' },
    el('div', {}, el('span', { class: 'name', text: office.name }), ' ',
      el('span', { class: 'role', text: kRoleLabels[office.role] || office.role })),
    el('div', { text: office.reason }),
    office.address && el('div', { class: 'muted', text: [office.postal_code, office.address].filter(Boolean).join(' ') }),
    el('div', { class: 'hours', text: hoursText(office) }),
    // The live state goes stale on paper and in a bookmark: keep the weekly hours beside it.
    typeof office.open_now === 'boolean' && office.opening_hours_text
      ? el('div', { class: 'muted', text: `Nyitvatartás: ${office.opening_hours_text}` }) : null,
    office.opening_hours_note && el('div', { class: 'muted', text: office.opening_hours_note }),
    contact && el('div', { class: 'muted', text: contact }),
    office.distance_km ? el('div', { class: 'muted', text: `kb. ${office.distance_km} km` }) : null,
  );
}

// The answer: who handles the case and why, when they are open, what to bring, forms, fees, online.
export function renderRoute(route, { actions = [] } = {}) {
  const p = route.procedure;
  const online = route.channels && route.channels.online;
  const visits = (route.visits || []).map((v) =>
    el('li', {}, el('strong', { text: v.office_name }), `: ${v.reason} `,
      el('span', { class: 'hours', text: v.next_occurrences && v.next_occurrences.length
        ? `Legközelebb: ${v.next_occurrences.slice(0, 2).map(occurrenceText).join('; ')}`
        : `Időpont: ${v.schedule_text || 'nem ismert'}` })));
  const offices = route.offices.slice(0, 6).map(officeBlock);
  return el('article', { class: 'card', 'aria-labelledby': 'ugk-result-title' },
    el('h2', { id: 'ugk-result-title', tabindex: '-1', text: p.title }),
    el('p', { class: 'muted', text: `${route.settlement.name}${route.settlement.district_name ? ` (${route.settlement.district_name} járás)` : ''} · ${route.territory_hint}` }),
    p.summary && el('p', { text: p.summary }),
    el('h3', { text: 'Hol intézheti?' }),
    route.central_authority && el('p', { text: route.central_authority }),
    offices.length ? el('ul', { class: 'offices', style: 'list-style:none;padding-left:0' }, offices) : null,
    visits.length ? [el('h3', { text: 'Helyben, kihelyezett ügyfélfogadáson' }), el('ul', {}, visits)] : null,
    el('h3', { text: 'Mit vigyen magával?' }),
    route.documents.length
      ? el('ul', { class: 'checklist' }, route.documents.map((d) => el('li', { text: d })))
      : el('p', { class: 'muted', text: 'Külön iratot nem kell vinni.' }),
    el('h3', { text: 'Nyomtatványok' }),
    route.forms.length
      ? el('ul', {}, route.forms.map((f) => el('li', {},
          f.url ? el('a', { href: f.url, target: '_blank', rel: 'noopener', text: f.title }) : f.title,
          el('span', { class: 'muted', text: ` (${[f.code, kFormats[f.format] || f.format].filter(Boolean).join(', ')})` }))))
      : el('p', { class: 'muted', text: 'Nincs külön nyomtatvány.' }),
    el('h3', { text: 'Díjak' }),
    route.fees.length
      ? el('ul', {}, route.fees.map((fee) => el('li', { text: `${fee.label}: ${formatHuf(fee.amount_huf)}${fee.note ? ` (${fee.note})` : ''}` })))
      : el('p', { class: 'muted', text: 'Nincs díj.' }),
    el('h3', { text: 'Online' }),
    el('p', { text: online && online.available ? `Online is intézhető${online.where ? `: ${online.where}` : '.'}` : 'Online nem intézhető.' }),
    p.deadline && el('p', { class: 'muted', text: `Határidő: ${p.deadline}` }),
    actions.length ? el('div', { class: 'actions no-print' }, actions) : null,
  );
}

// Mounts the whole search UI into `root` (a shadow root or an element). Options:
//   source: see the top of this file; settlement: fixed settlement (KSH code or name) or null;
//   fixedSettlementName: its display name; initial: {procedure, settlement} to reopen an answer;
//   onAnswer(state): called with {procedure, settlement} when a card is shown;
//   cardActions(route): extra buttons below the card (print, link) — the app adds them.
export function mountSearch(root, options) {
  const { source, idPrefix = 'ugk' } = options;
  const state = { procedure: null, procedureTitle: '', settlement: options.settlement || null, settlementName: options.fixedSettlementName || '' };
  const live = el('div', { class: 'visually-hidden', 'aria-live': 'polite', role: 'status' });
  const status = el('div', { class: 'status' });
  const result = el('div', { class: 'result' });
  let announceTimer = null;
  const announce = (text) => {
    clearTimeout(announceTimer);
    // A short delay makes screen readers announce a repeated message again.
    live.textContent = '';
    announceTimer = setTimeout(() => { live.textContent = text; }, 50);
  };
  const say = (text) => { status.textContent = text; announce(text); };

  const showRoute = async () => {
    if (!state.procedure) return;
    if (!state.settlement) { say('Válassza ki a települést is.'); settlementBox?.input.focus(); return; }
    say('Keresem az illetékes hivatalt…');
    try {
      const answer = await source.route(state.settlement, state.procedure);
      if (answer.candidates) {
        say('Több település is megfelel; válasszon.');
        result.replaceChildren(el('div', { class: 'card' },
          el('h2', { tabindex: '-1', text: 'Melyik településre gondolt?' }),
          el('div', { class: 'candidates' }, answer.candidates.map((c) => el('button', {
            type: 'button',
            onclick: () => { state.settlement = c.ksh_code; state.settlementName = c.name; if (settlementBox) settlementBox.input.value = c.name; showRoute(); },
            text: `${c.name}${c.district_name ? ` (${c.district_name} járás)` : ''}`,
          })))));
        result.querySelector('h2').focus();
        return;
      }
      const route = answer.route;
      state.settlement = route.settlement.ksh_code;
      state.settlementName = route.settlement.name;
      result.replaceChildren(renderRoute(route, { actions: options.cardActions ? options.cardActions(route) : [] }));
      say(`${route.procedure.title}, ${route.settlement.name}: ${route.offices.length} hivatal.${answer.offline ? ' (Offline adatokból.)' : ''}`);
      options.onAnswer?.({ procedure: state.procedure, settlement: state.settlement, route });
    } catch (error) {
      say(error.message || 'Hiba történt.');
    }
  };

  const procedureBox = combobox({
    id: `${idPrefix}-q`, label: 'Milyen ügyet intézne?', placeholder: 'pl. hagyaték, személyi igazolvány',
    fetchOptions: (q) => source.search(q),
    renderOption: (hit) => [hit.title, hit.snippet ? el('small', { text: hit.snippet.replace(/<[^>]*>/g, '').slice(0, 120) }) : null],
    onPick: (hit, input) => { state.procedure = hit.id; state.procedureTitle = hit.title; input.value = hit.title; showRoute(); },
    announce,
  });
  let settlementBox = null;
  let settlementField;
  if (options.settlement) {
    settlementField = el('div', {}, el('span', { class: 'visually-hidden', text: 'Település: ' }),
      el('div', { class: 'fixed', text: `Település: ${options.fixedSettlementName || options.settlement}` }));
  } else {
    settlementBox = combobox({
      id: `${idPrefix}-settlement`, label: 'Település', placeholder: 'név vagy irányítószám',
      fetchOptions: (q) => source.settlements(q),
      renderOption: (s) => [s.name, el('small', { text: [s.district_name && `${s.district_name} járás`, (s.postal_codes || []).join(', ')].filter(Boolean).join(' · ') })],
      onPick: (s, input) => { state.settlement = s.ksh_code; state.settlementName = s.name; input.value = s.name; showRoute(); },
      onEnterText: (text) => { state.settlement = text; showRoute(); },
      announce,
    });
    settlementField = settlementBox.wrapper;
  }
  const form = el('div', { class: 'fields', role: 'search' }, procedureBox.wrapper, settlementField);
  const container = el('div', { class: 'ugk', lang: 'hu' }, form, status, live, result);
  root.append(container);

  if (options.initial && options.initial.procedure) {
    state.procedure = options.initial.procedure;
    if (options.initial.settlement) state.settlement = options.initial.settlement;
    showRoute();
  }
  return {
    state,
    setSettlement(ksh, name) { state.settlement = ksh; state.settlementName = name; if (settlementBox) settlementBox.input.value = name; },
    focus() { procedureBox.input.focus(); },
    rerun: showRoute,
  };
}

// The service's HTTP API as a source. `base` ends without a slash ("https://ugykalauz.example").
export function httpSource(base) {
  const get = async (path, params) => {
    const url = new URL(base + path);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    const response = await fetch(url, { headers: { Accept: 'application/json' } });
    const body = await response.json().catch(() => ({}));
    return { status: response.status, body };
  };
  return {
    async search(q) {
      const { status, body } = await get('/v1/search', { q, type: 'procedure', limit: '8' });
      if (status !== 200) throw new Error(body.detail || 'A keresés nem sikerült.');
      return body.results;
    },
    async settlements(q) {
      const { status, body } = await get('/v1/settlements', { q, limit: '8' });
      if (status !== 200) throw new Error(body.detail || 'A település keresése nem sikerült.');
      return body.results;
    },
    async route(settlement, procedure) {
      const { status, body } = await get('/v1/route', { settlement, procedure });
      if (status === 300) return { candidates: body.candidates || [] };
      if (status !== 200) throw new Error(body.detail || 'Az ügy útvonala nem érhető el.');
      return { route: body };
    },
  };
}
