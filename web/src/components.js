// Ügykalauz front end: the search UI shared by the embeddable widget (inside a shadow root) and the
// desk and field app (in the page). Plain DOM, no framework. Data comes through a `source`:
//   search(q) -> {results: [{id, title, snippet}], total, did_you_mean, suggestions, offline?}
//   settlements(q) -> [{ksh_code, name, label, district_label, postal_codes}]
//   route(settlement, procedureId) -> {route, offline?, note?} | {candidates: [...], message} (a 300
//     "ambiguous-settlement", or a 404 "unknown-settlement" with the nearest names)
// and fail with a ServiceError (network, blocked, timeout, http) that the UI words once (errorText).
import { formatHuf, hoursText, occurrenceText } from './format.js';

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
.ugk .status { min-height: 1.5em; color: var(--_text); margin: .5rem 0; }
.ugk .status p { margin: .25rem 0; }
.ugk .status[data-kind=offline] p { font-weight: 600; }
.ugk .notice { border-left: 4px solid var(--_accent); background: #eef3f9; padding: .5rem .75rem; border-radius: 0 var(--_radius) var(--_radius) 0; }
.ugk .notice.warn { border-left-color: #8a5a00; background: #fff6dc; }
.ugk .notice.error { border-left-color: #a4262c; background: #fdecec; }
.ugk .notice.offline { border-left-color: #8a5a00; background: #fff6dc; }
.ugk .notice p { margin: 0; }
.ugk .notice-actions { display: flex; flex-wrap: wrap; gap: .5rem; margin-top: .5rem; }
.ugk .search-row { display: flex; gap: .5rem; align-items: flex-end; }
.ugk .search-row .combo { flex: 1; min-width: 0; }
.ugk .search-row .search-button { padding: .6rem .9rem; }
.ugk button.link { border: none; padding: 0; background: none; color: var(--_accent); text-decoration: underline; }
.ugk .related li { margin: .2rem 0; }
.ugk .print-only { display: none; }
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
.ugk .guide-offer { border: 2px solid var(--_accent); border-radius: var(--_radius); padding: .75rem; margin: .75rem 0; background: #eef3f9; }
.ugk .guide-offer h2 { font-size: 1.1rem; margin: 0; }
.ugk fieldset { border: 1px solid #767676; border-radius: var(--_radius); padding: .75rem; margin: .75rem 0; }
.ugk legend { font-weight: 700; }
.ugk .choice { display: flex; gap: .5rem; margin: .35rem 0; }
.ugk .choice label { font-weight: 400; margin: 0; }
.ugk input[type=date], .ugk input[type=number] { font: inherit; padding: .5rem; border: 2px solid #767676; border-radius: var(--_radius); }
.ugk .step-role { font-weight: 600; margin: 1.25rem 0 0; }
.ugk .field-error { color: #a4262c; font-weight: 600; }
.ugk .feedback { border-top: 1px solid #767676; margin-top: 1rem; padding-top: .75rem; }
.ugk .feedback fieldset { border: none; margin: 0 0 .5rem; padding: 0; }
.ugk .feedback legend { font-weight: 600; padding: 0; margin-bottom: .25rem; }
.ugk .feedback .choices { display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
.ugk .feedback .choices label { font-weight: 400; display: inline-flex; gap: .3rem; align-items: center; margin: 0; }
.ugk .feedback textarea { width: 100%; font: inherit; padding: .5rem; border: 2px solid #767676; border-radius: var(--_radius); }
.ugk .feedback .fb-actions { margin-top: .5rem; }
.ugk .feedback .hp { position: absolute; left: -10000px; width: 1px; height: 1px; overflow: hidden; }
.ugk .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media print {
  .ugk .fields, .ugk .actions, .ugk .status, .ugk .no-print { display: none !important; }
  .ugk .card { border: none; padding: 0; }
  .ugk .print-only { display: block; margin-top: 1.5rem; font-size: .9rem; }
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

// How long a request may take before the person is told the connection is slow, and before it is
// given up (then the field app answers from its downloaded district, the widget says what to do).
export const kSlowMs = 2500;
// The relaxed-search notice (kb::relaxed_search_notice; the service sends it as `notice`, the offline
// search has none of its own).
export const kRelaxedNotice = 'Nem találtunk minden szóra illő ügyet; ezek a legközelebbiek.';
export const kTimeoutMs = 8000;

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

// A failed request, classified so that each kind gets its own message and next step:
//   network  the service could not be reached (no network, DNS, refused, or CORS)
//   blocked  the service is reachable but does not allow this site's origin (widget only)
//   timeout  no answer within kTimeoutMs
//   http     an error answer; `status` and the problem+json `problem`
//   no-offline-data  (field app) unreachable, and no district downloaded to answer from
export class ServiceError extends Error {
  constructor(kind, message, { status = 0, problem = null } = {}) {
    super(message);
    this.kind = kind;
    this.status = status;
    this.problem = problem;
  }
}

// "Hagyatéki eljárás: a hagyaték leltározása…" cut at a word boundary, never mid-word.
export function shorten(text, max = 120) {
  const plain = String(text || '').replace(/<[^>]*>/g, '');
  if ([...plain].length <= max) return plain;
  const cut = [...plain].slice(0, max).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:–-]+$/, '')}…`;
}

// Hungarian text for a failed request and what to do next.
export function errorText(error, what = 'A keresés') {
  if (!(error instanceof ServiceError)) return `${what} nem sikerült. Próbálja újra.`;
  switch (error.kind) {
    case 'blocked':
      return 'Ez a kereső ezen a webhelyen most nem működik: a szolgáltatás nem engedélyezte ezt az oldalt. ' +
        'Az ügyeket közvetlenül az Ügykalauz oldalán is megkeresheti.';
    case 'timeout':
      return `A szolgáltatás ${Math.round(kTimeoutMs / 1000)} másodperc alatt sem válaszolt. Lehet, hogy gyenge a térerő: ` +
        'próbálja újra egy kicsit később.';
    case 'network':
      return 'Nem érjük el a szolgáltatást. Ellenőrizze az internetkapcsolatot, és próbálja újra.';
    case 'no-offline-data':
      return `${error.message} Amikor újra van hálózat, töltse le a járása adatait lent („Hálózat nélküli használat”), ` +
        'és utána térerő nélkül is kereshet.';
    default:
      if (error.problem && error.problem.type === '/problems/text-too-long') {
        return 'A beírt szöveg túl hosszú a kereséshez. Írja le röviden, néhány szóval, mit intézne ' +
          '(pl. „elveszett a személyim”, „meghalt az édesapám”).';
      }
      if (error.status >= 500) return `${what} most nem sikerült (a szolgáltatás hibát jelzett). Próbálja újra néhány perc múlva.`;
      return error.problem?.detail || `${what} nem sikerült.`;
  }
}

// The WAI-ARIA 1.2 combobox pattern with a listbox popup: focus stays in the input, the active
// option is announced through aria-activedescendant, Down/Up move, Enter picks (the active option, or
// the best one), Escape closes. `onResults(items, text, answer)` and `onError(error, text)` let the
// caller say what the options mean; `onEmpty(text)` is called for text too short to look up.
export function combobox({
  id, label, placeholder, fetchOptions, renderOption, onPick, onEnterText, onInput, onResults, onError, onEmpty,
  delay = 200, minChars = 2,
}) {
  const listId = `${id}-list`;
  const input = el('input', {
    type: 'text', id, role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false',
    'aria-controls': listId, autocomplete: 'off', spellcheck: 'false', placeholder,
  });
  const list = el('ul', { id: listId, role: 'listbox', 'aria-label': label, hidden: true });
  let options = [];
  let optionsFor = null;  // the text the options answer
  let active = -1;
  let timer = null;
  let generation = 0;
  let pending = null;  // the running lookup, as a promise of its items

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
    // Opened only for the person typing: a late answer must not cover a card they are reading.
    const open = items.length > 0 && input.getRootNode().activeElement === input;
    list.hidden = !open;
    input.setAttribute('aria-expanded', String(open));
    setActive(-1);
  };
  // Looks the text up now; resolves to the items shown (or null when a later keystroke took over).
  const refresh = () => {
    clearTimeout(timer);
    const text = input.value.trim();
    const mine = ++generation;
    if ([...text].length < minChars) {
      show([]);
      optionsFor = text;
      onEmpty?.(text);
      pending = null;
      return Promise.resolve([]);
    }
    pending = (async () => {
      try {
        const answer = await fetchOptions(text);
        if (mine !== generation) return null;  // a later keystroke already asked again
        const items = Array.isArray(answer) ? answer : answer.results;
        optionsFor = text;
        show(items);
        onResults?.(items, text, answer);
        return items;
      } catch (error) {
        if (mine !== generation) return null;
        optionsFor = text;
        show([]);
        onError?.(error, text);
        return [];
      }
    })();
    return pending;
  };
  // Enter, or a search button: the active option, else the best one for the text as it is now.
  const submit = async () => {
    if (!list.hidden && active >= 0) { pick(active); return; }
    const text = input.value.trim();
    if (!text) { input.focus(); return; }
    let items = options;
    if (optionsFor !== text || timer !== null) items = await refresh();
    else if (pending) items = await pending;
    if (items === null || input.value.trim() !== text) return;
    if (items.length > 0) pick(0);
    else if (onEnterText) { close(); onEnterText(text); }
  };
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => { timer = null; refresh(); }, delay);
    onInput?.(input.value);
  });
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
      event.preventDefault();
      submit();
    } else if (event.key === 'Escape') {
      if (open) { event.preventDefault(); close(); } else { input.value = ''; onInput?.(''); }
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 150));
  const wrapper = el('div', { class: 'combo' }, el('label', { for: id, text: label }), input, list);
  return { wrapper, input, close, submit, refresh };
}

// A boxed message: what happened and what to do next, with buttons for the next steps.
function notice(kind, text, actions = []) {
  return el('div', { class: `notice ${kind}` }, el('p', { text }),
    actions.length ? el('div', { class: 'notice-actions' }, actions) : null);
}

function officeBlock(office) {
  const location = office.location || { address: office.address, postal_code: office.postal_code, origin: office.address ? 'office' : null };
  // The register's address is shown with its source and year, on its own line: never as verified.
  const address = location.address
    ? [el('div', { class: 'address', text: `Cím: ${[location.address.startsWith(location.postal_code || '\u0000') ? null : location.postal_code,
        location.address].filter(Boolean).join(' ')}` }),
      location.note ? el('div', { class: 'muted source', text: location.note }) : null]
    : el('div', { class: 'muted', text: 'Cím: nem ismert' });
  const contacts = [
    office.phone && el('span', {}, 'Tel.: ', el('a', { href: `tel:${office.phone.replace(/[^+\d]/g, '')}`, text: office.phone })),
    office.email && el('span', {}, 'E-mail: ', el('a', { href: `mailto:${office.email}`, text: office.email })),
    office.website && el('a', { href: office.website, target: '_blank', rel: 'noopener', text: 'Honlap' }),
  ].filter(Boolean);
  return el('li', { class: 'office' },
    el('div', {}, el('span', { class: 'name', text: office.name }), ' ',
      el('span', { class: 'role', text: kRoleLabels[office.role] || office.role })),
    el('div', { text: office.reason }),
    address,
    el('div', { class: 'hours', text: hoursText(office) }),
    // The live state goes stale on paper and in a bookmark: keep the weekly hours beside it.
    typeof office.open_now === 'boolean' && office.opening_hours_text
      ? el('div', { class: 'muted', text: `Nyitvatartás: ${office.opening_hours_text}` }) : null,
    office.opening_hours_note && el('div', { class: 'muted', text: office.opening_hours_note }),
    contacts.length ? el('div', { class: 'contacts' }, contacts.flatMap((c, i) => (i ? [' · ', c] : [c]))) : null,
    office.contact_note && el('div', { class: 'muted contact-note', text: office.contact_note }),
    office.distance_km ? el('div', { class: 'muted', text: `kb. ${office.distance_km} km` }) : null,
  );
}

const documentsPart = (documents) => [el('h3', { text: 'Mit vigyen magával?' }), documents.length
  ? el('ul', { class: 'checklist' }, documents.map((d) => el('li', { text: d })))
  : el('p', { class: 'muted', text: 'Külön iratot nem kell vinni.' })];
const feesPart = (fees) => [el('h3', { text: 'Díjak' }), fees.length
  ? el('ul', {}, fees.map((fee) => el('li', { text: `${fee.label}: ${formatHuf(fee.amount_huf)}${fee.note ? ` (${fee.note})` : ''}` })))
  : el('p', { class: 'muted', text: 'Nincs díj.' })];

const settlementOption = (s) => [s.label || s.name, el('small', { text: [s.district_label, (s.postal_codes || []).join(', ')].filter(Boolean).join(' · ') })];
const settlementLine = (s) => `${s.label || s.name}${s.district_label ? ` (${s.district_label})` : ''}`;

// The answer: who handles the case and why, when they are open, what to bring, forms, fees, online,
// related cases. Options: actions (buttons below the card), related(item) -> a link or button for a
// related case, printNote (text printed at the bottom: date and the link back).
export function renderRoute(route, { actions = [], related = null, printNote = null, titleId = 'ugk-result-title' } = {}) {
  const p = route.procedure;
  const online = route.channels && route.channels.online;
  const visits = (route.visits || []).map((v) =>
    el('li', {}, el('strong', { text: v.office_name }), `: ${v.reason} `,
      el('span', { class: 'hours', text: v.next_occurrences && v.next_occurrences.length
        ? `Legközelebb: ${v.next_occurrences.slice(0, 2).map(occurrenceText).join('; ')}`
        : `Időpont: ${v.schedule_text || 'nem ismert'}` })));
  const offices = route.offices.slice(0, 6).map(officeBlock);
  const relatedItems = (route.related || []).filter((r) => r && r.id);
  return el('article', { class: 'card', 'aria-labelledby': titleId },
    el('h2', { id: titleId, tabindex: '-1', text: p.title }),
    el('p', { class: 'muted', text: `${settlementLine(route.settlement)} · ${route.territory_hint}` }),
    p.summary && el('p', { text: p.summary }),
    el('h3', { text: 'Hol intézheti?' }),
    route.central_authority && el('p', { text: route.central_authority }),
    offices.length ? el('ul', { class: 'offices', style: 'list-style:none;padding-left:0' }, offices) : null,
    !offices.length && !route.central_authority
      ? el('p', { text: 'Ehhez az ügyhöz nem találtunk hivatalt ezen a településen. Kérdezze a Kormányzati Ügyfélvonalat (1818).' }) : null,
    visits.length ? [el('h3', { text: 'Helyben, kihelyezett ügyfélfogadáson' }), el('ul', {}, visits)] : null,
    documentsPart(route.documents),
    el('h3', { text: 'Nyomtatványok' }),
    route.forms.length
      ? el('ul', {}, route.forms.map((f) => el('li', {},
          f.url ? el('a', { href: f.url, target: '_blank', rel: 'noopener', text: f.title }) : f.title,
          el('span', { class: 'muted', text: ` (${[f.code, kFormats[f.format] || f.format].filter(Boolean).join(', ')})` }))))
      : el('p', { class: 'muted', text: 'Nincs külön nyomtatvány.' }),
    feesPart(route.fees),
    el('h3', { text: 'Online' }),
    el('p', { text: online && online.available ? `Online is intézhető${online.where ? `: ${online.where}` : '.'}` : 'Online nem intézhető.' }),
    p.deadline && el('p', { class: 'muted', text: `Határidő: ${p.deadline}` }),
    relatedItems.length && related
      ? [el('h3', { text: 'Kapcsolódó ügyek' }), el('ul', { class: 'related' }, relatedItems.map((r) =>
          el('li', {}, related(r), r.note ? el('span', { class: 'muted', text: ` – ${r.note}` }) : null)))]
      : null,
    actions.length ? el('div', { class: 'actions no-print' }, actions) : null,
    printNote ? el('p', { class: 'print-only', text: printNote }) : null,
  );
}


// --- Case guides ----------------------------------------------------------------------------------

// The answers part of an answer URL ("/v1/guides/x/answer?a=1&b=2" -> "a=1&b=2").
export const guideQuery = (url) => {
  const i = String(url || '').indexOf('?');
  return i < 0 ? '' : url.slice(i + 1);
};

// The search or route answer's guides offered above the results: "Ügyintézési kalauz".
function guideOffer(guides, start, idPrefix) {
  return el('section', { class: 'guide-offer no-print', 'aria-labelledby': `${idPrefix}-guide-offer-title` },
    el('h2', { id: `${idPrefix}-guide-offer-title`, text: 'Ügyintézési kalauz' }),
    guides.map((g) => el('div', {},
      el('p', {}, el('strong', { text: g.title }), g.summary ? ` – ${g.summary}` : ''),
      el('button', { type: 'button', class: 'primary', text: `Végigvezetem: ${g.title}`,
        onclick: () => start(g.id) }))));
}

// The question being asked, as a form: radio buttons, checkboxes, a date, a number or a settlement
// picker, in a fieldset whose legend is the question. onAnswer(value) with the raw value.
function guideQuestionForm(question, { idPrefix, source, onAnswer }) {
  const base = `${idPrefix}-gq-${question.id}`;
  const helpId = `${base}-help`;
  const errorId = `${base}-error`;
  const error = el('p', { id: errorId, class: 'field-error', role: 'alert' });
  const described = [question.help ? helpId : null, errorId].filter(Boolean).join(' ');
  let read = () => '';
  let first = null;
  const controls = [];
  const choices = (type) => (question.kind === 'yes_no'
    ? [{ value: 'igen', label: 'Igen' }, { value: 'nem', label: 'Nem' }] : question.options).map((o, i) => {
    const input = el('input', { type, id: `${base}-${i}`, name: base, value: o.value });
    return el('div', { class: 'choice' }, input, el('label', { for: `${base}-${i}`, text: o.label }));
  });
  switch (question.kind) {
    case 'yes_no':
    case 'one_of': {
      controls.push(...choices('radio'));
      read = () => controls.map((c) => c.querySelector('input')).find((i) => i.checked)?.value ?? null;
      break;
    }
    case 'several_of': {
      controls.push(...choices('checkbox'));
      controls.push(el('p', { class: 'muted', text: 'Ha egyik sem, lépjen tovább.' }));
      read = () => controls.map((c) => c.querySelector('input')).filter((i) => i && i.checked).map((i) => i.value).join(',');
      break;
    }
    case 'date':
    case 'number': {
      const input = el('input', {
        type: question.kind, id: `${base}-input`, 'aria-describedby': described,
        min: question.min ?? null, max: question.max ?? null, inputmode: question.kind === 'number' ? 'numeric' : null,
      });
      controls.push(el('label', { for: `${base}-input`, text: question.kind === 'date' ? 'Dátum (ÉÉÉÉ-HH-NN)' : 'Szám' }), input);
      read = () => (input.value.trim() === '' ? null : input.value.trim());
      break;
    }
    case 'settlement': {
      let picked = null;
      const box = combobox({
        id: `${base}-input`, label: `Település${question.role_text ? ` – ${question.role_text}` : ''}`,
        placeholder: 'pl. Folyás, 4095',
        fetchOptions: (q) => source.settlements(q),
        renderOption: settlementOption,
        onPick: (s, input) => { picked = s; input.value = s.label || s.name; error.textContent = ''; },
        onInput: () => { picked = null; },
        onResults: (items, text) => {
          error.textContent = items.length ? '' : `Nincs „${shorten(text, 40)}” nevű vagy irányítószámú település. Ellenőrizze a nevet.`;
        },
        onError: (e) => { error.textContent = errorText(e, 'A település keresése'); },
      });
      box.input.setAttribute('aria-describedby', described);
      controls.push(box.wrapper);
      read = () => (picked ? picked.ksh_code : (box.input.value.trim() || null));
      break;
    }
    default:
      controls.push(el('p', { text: 'Ezt a kérdést itt nem tudjuk feltenni; hívja a 1818-at.' }));
  }
  first = controls.map((c) => (c.matches?.('input') ? c : c.querySelector?.('input'))).find(Boolean) || null;
  const form = el('form', { class: 'guide-question', novalidate: true },
    el('fieldset', { 'aria-describedby': question.help ? helpId : null },
      el('legend', { id: `${base}-legend`, tabindex: '-1', text: question.text }),
      question.role_text && question.kind === 'settlement'
        ? el('p', { class: 'muted', text: `Kinek a települése: ${question.role_text}.` }) : null,
      question.help ? el('p', { id: helpId, class: 'muted', text: question.help }) : null,
      controls,
      error),
    el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'primary', text: 'Tovább' })));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = read();
    if (value === null) {
      error.textContent = 'Válaszoljon a kérdésre (válasszon, vagy írja be), majd nyomja meg a Tovább gombot.';
      first?.focus();
      return;
    }
    onAnswer(value);
  });
  return { form, focus: () => first?.focus() };
}

// One answered guide: "Az Ön válaszai" with a way to change each, then the next question or the
// outcome, each step as the answer card with whose settlement located its office.
function renderGuideAnswer(answer, { idPrefix, source, onAnswer, onChange, onRestart, onClose, changeLink, actions = [], printNote = null, announceError = null }) {
  const guide = answer.guide;
  const parts = [];
  parts.push(el('h2', { id: `${idPrefix}-guide-title`, tabindex: '-1', text: `Ügyintézési kalauz: ${guide.title}` }));
  if (answer.offline) parts.push(notice('offline', answer.note || 'A letöltött adatokból válaszolunk.'));
  if (answer.answers.length) {
    parts.push(el('h3', { text: 'Az Ön válaszai' }));
    parts.push(el('ul', { class: 'answers' }, answer.answers.map((a) => {
      const query = guideQuery(a.change_url);
      const href = changeLink ? changeLink(guide.id, query) : null;
      const label = `Módosítom: ${a.text}`;
      const go = (event) => { event?.preventDefault(); onChange(query); };
      return el('li', {}, `${a.text} `, el('strong', { text: a.value_text || a.value }), ' ',
        href ? el('a', { href, class: 'no-print', 'aria-label': label, text: 'Módosítom', onclick: go })
             : el('button', { type: 'button', class: 'link no-print', 'aria-label': label, text: 'Módosítom', onclick: go }));
    })));
  }
  let question = null;
  if (answer.status === 'question' && answer.question) {
    question = guideQuestionForm(answer.question, { idPrefix, source, onAnswer });
    parts.push(question.form);
    if (announceError) question.form.querySelector('.field-error').textContent = announceError;
  }
  if (answer.status === 'outcome' && answer.outcome) {
    const o = answer.outcome;
    parts.push(el('h2', { id: `${idPrefix}-guide-outcome`, tabindex: '-1', text: o.title }));
    if (o.summary) parts.push(el('p', { text: o.summary }));
    if (!o.steps.length) parts.push(el('p', { class: 'muted', text: 'Ebben a helyzetben nincs külön intéznivaló ügy.' }));
    o.steps.forEach((step, i) => {
      const where = step.settlement
        ? `${i + 1}. ${step.procedure.title} – ${step.settlement_role_text || 'település'}: ${step.settlement.label || step.settlement.name}`
        : `${i + 1}. ${step.procedure.title}`;
      parts.push(el('p', { class: 'step-role', text: where }));
      if (step.note) parts.push(el('p', { class: 'muted', text: step.note }));
      if (step.route) {
        // The card's checklist is this person's: the documents and fees the guide selected.
        parts.push(renderRoute({ ...step.route, documents: step.documents, fees: step.fees }, { titleId: `${idPrefix}-guide-step-${i}` }));
      } else {
        parts.push(el('article', { class: 'card', 'aria-labelledby': `${idPrefix}-guide-step-${i}` },
          el('h2', { id: `${idPrefix}-guide-step-${i}`, text: step.procedure.title }),
          el('p', { text: 'A hivatalt itt nem tudjuk megmondani; kérdezze a Kormányzati Ügyfélvonalat (1818).' }),
          documentsPart(step.documents), feesPart(step.fees)));
      }
    });
    if (o.notes.length) {
      parts.push(el('h3', { text: 'Jó tudni' }), el('ul', {}, o.notes.map((n) => el('li', { text: n }))));
    }
    if (printNote) parts.push(el('p', { class: 'print-only', text: printNote }));
  }
  parts.push(el('div', { class: 'actions no-print' },
    answer.status === 'outcome' ? actions : [],
    answer.answers.length ? el('button', { type: 'button', text: 'Újrakezdem', onclick: onRestart }) : null,
    el('button', { type: 'button', text: 'Vissza a kereséshez', onclick: onClose })));
  const card = el('article', { class: 'card guide', 'aria-labelledby': `${idPrefix}-guide-title` }, parts);
  return {
    card,
    focus() {
      if (question) question.focus();
      else card.querySelector(`#${idPrefix}-guide-outcome`)?.focus();
    },
  };
}

// "Megtalálta, amit keresett?" under an answer: found (igen / részben / nem), the three-level
// satisfaction and a short comment, sent with `send(body)` (POST /v1/feedback). The hidden `website`
// field is a honeypot (people never see it); `elapsed_ms` tells the service how long the answer was
// on screen. Every state is visible and announced: missing choice, sending, sent, failed.
export function feedbackBlock(route, send, surface) {
  const shownAt = Date.now();
  const id = `ugk-fb-${Math.random().toString(36).slice(2, 8)}`;
  const radios = (name, legend, choices) => el('fieldset', {},
    el('legend', { text: legend }),
    el('div', { class: 'choices' }, choices.map(([value, label]) =>
      el('label', {}, el('input', { type: 'radio', name: `${id}-${name}`, value }), label))));
  const found = radios('found', 'Megtalálta, amit keresett?', [['igen', 'Igen'], ['reszben', 'Részben'], ['nem', 'Nem']]);
  const satisfaction = radios('satisfaction', 'Mennyire elégedett a válasszal?',
    [['nagyon_jo', 'Nagyon jó'], ['jo', 'Jó'], ['nem_jo', 'Nem jó']]);
  const comment = el('textarea', { id: `${id}-comment`, rows: '2', maxlength: '500' });
  const trap = el('input', { type: 'text', name: 'website', tabindex: '-1', autocomplete: 'off' });
  const message = el('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const sendButton = el('button', { type: 'button', text: 'Visszajelzés küldése' });
  const block = el('section', { class: 'feedback no-print', 'aria-label': 'Visszajelzés' },
    found, satisfaction,
    el('label', { for: `${id}-comment`, text: 'Megjegyzés (nem kötelező, legfeljebb 500 karakter; ne írjon bele személyes adatot)' }),
    comment,
    el('div', { class: 'hp', 'aria-hidden': 'true' }, el('label', {}, 'Weboldal ', trap)),
    el('div', { class: 'fb-actions' }, sendButton),
    message);
  const chosen = (group) => group.querySelector('input:checked')?.value || null;
  const show = (text, kind) => {
    message.replaceChildren(notice(kind, text));
  };
  sendButton.addEventListener('click', async () => {
    if (!chosen(found)) {
      show('Válassza ki, megtalálta-e, amit keresett (igen, részben vagy nem).', 'warn');
      found.querySelector('input').focus();
      return;
    }
    sendButton.disabled = true;
    show('Küldés…', 'info');
    const body = {
      procedure_id: route.procedure.id,
      office_id: route.offices && route.offices[0] ? route.offices[0].id : null,
      found: chosen(found),
      satisfaction: chosen(satisfaction),
      comment: comment.value.trim() || null,
      surface,
      elapsed_ms: Date.now() - shownAt,
      website: trap.value,
    };
    try {
      await send(body);
      block.replaceChildren(notice('info', 'Köszönjük a visszajelzést! Segít jobbá tenni a tájékoztatást.'));
      block.setAttribute('role', 'status');
    } catch (error) {
      sendButton.disabled = false;
      show(error.status === 429
        ? 'Túl sok visszajelzés érkezett innen rövid idő alatt. Próbálja újra néhány perc múlva.'
        : errorText(error, 'A visszajelzés küldése'), 'error');
    }
  });
  return block;
}

// Mounts the whole search UI into `root` (a shadow root or an element). Options:
//   source: see the top of this file; settlement: fixed settlement (KSH code or name) or null;
//   fixedSettlementName: its display name; initial: {procedure, settlement} to reopen an answer;
//   onAnswer(state): called with {procedure, settlement, route} when a card is shown;
//   cardActions(route), relatedLink(item, settlement), printNote(route): the app's additions to the card;
//   onError(error): told of every failed request (the widget looks for a blocked origin);
//   initial.guide: {id, query} to reopen a case guide; onGuide({id, query} | null): told of every
//   guide state shown (the app keeps it in the page URL); guideLink(id, query): the href of a guide
//   state (the "Módosítom" links); guideActions(), guidePrintNote(): the app's additions to an outcome.
//   surface: what searches, opened results and feedback say they came from (widget, desk, field,
//   page; default widget).
export function mountSearch(root, options) {
  const { source, idPrefix = 'ugk' } = options;
  const surface = options.surface || 'widget';
  const state = { guide: null, procedure: null, procedureTitle: '', settlement: options.settlement || null, settlementName: options.fixedSettlementName || '' };
  const live = el('div', { class: 'visually-hidden', 'aria-live': 'polite', role: 'status' });
  const status = el('div', { class: 'status' });
  const result = el('div', { class: 'result' });
  const offers = el('div', { class: 'offers' });
  let announceTimer = null;
  let routeGeneration = 0;
  const announce = (text) => {
    clearTimeout(announceTimer);
    // A short delay makes screen readers announce a repeated message again.
    live.textContent = '';
    announceTimer = setTimeout(() => { live.textContent = text; }, 50);
  };
  // Every state is shown (and announced): a plain line, or a boxed notice with next steps.
  const say = (text, kind = 'info', actions = []) => {
    if (kind === 'info' && !actions.length) status.replaceChildren(el('p', { text }));
    else status.replaceChildren(notice(kind, text, actions));
    status.dataset.kind = kind;
    announce(text);
  };
  const clearStatus = () => { status.replaceChildren(); delete status.dataset.kind; };
  const clearAnswer = () => { routeGeneration++; result.replaceChildren(); };
  const button = (text, onclick, primary = false) => el('button', { type: 'button', class: primary ? 'primary' : null, onclick, text });
  const failed = (error, what, retry) => {
    options.onError?.(error);
    say(errorText(error, what), ['timeout', 'network', 'no-offline-data'].includes(error.kind) ? 'warn' : 'error',
      // Retrying helps only when the service, not the question, was the trouble.
      retry && (['network', 'timeout'].includes(error.kind) || error.status >= 500) ? [button('Újra', retry)] : []);
  };

  // A case guide, one question at a time: the answers so far travel as `query` ("q1=v1&q2=v2").
  const showGuide = async (id, query = '', { error: carried = null } = {}) => {
    const mine = ++routeGeneration;
    offers.replaceChildren();
    say('Betöltöm a kalauz következő lépését…');
    const slow = setTimeout(() => { if (mine === routeGeneration) say('Lassú a kapcsolat, még várjuk a választ…'); }, kSlowMs);
    try {
      const answer = await source.guide(id, query);
      if (mine !== routeGeneration) return;
      // The answers on the path, as the service canonicalised them, and those given for questions
      // not (yet) on it: after "Módosítom" the later answers are used again once the path reaches them.
      const kept = new URLSearchParams(guideQuery(answer.self_url));
      const asked = new URLSearchParams(query);
      for (const unused of answer.unused_answers || []) if (asked.has(unused)) kept.set(unused, asked.get(unused));
      state.guide = { id, query: kept.toString() };
      options.onGuide?.(state.guide);  // first: the app's link and print note read the page URL
      const view = renderGuideAnswer(answer, {
        idPrefix,
        source,
        onAnswer: (value) => {
          const next = new URLSearchParams(state.guide.query);
          next.set(answer.question.id, value);
          showGuide(id, next.toString());
        },
        onChange: (changed) => showGuide(id, changed),
        onRestart: () => showGuide(id, ''),
        onClose: () => {
          state.guide = null; clearAnswer(); clearStatus(); options.onGuide?.(null); procedureBox.input.focus();
        },
        changeLink: options.guideLink,
        actions: options.guideActions ? options.guideActions() : [],
        printNote: options.guidePrintNote ? options.guidePrintNote() : null,
        announceError: carried,
      });
      result.replaceChildren(view.card);
      const progress = answer.status === 'outcome'
        ? `${answer.guide.title}: ${answer.outcome.steps.length} teendő.`
        : `${answer.guide.title}, ${answer.answers.length + 1}. kérdés: ${answer.question.text}`;
      say(`${progress}${answer.note ? ` ${answer.note}` : ''}`, answer.offline ? 'offline' : 'info');
      view.focus();
    } catch (error) {
      if (mine !== routeGeneration) return;
      const field = error.problem && error.problem.field;
      const params = new URLSearchParams(query);
      if (field && params.has(field)) {
        // This answer cannot be used: ask that question again, saying why.
        params.delete(field);
        showGuide(id, params.toString(), { error: `${error.problem.detail || error.message} Kérjük, válaszoljon újra.` });
        return;
      }
      failed(error, 'A kalauz betöltése', () => showGuide(id, query));
    } finally {
      clearTimeout(slow);
    }
  };
  const offerGuides = (guides) => {
    offers.replaceChildren(guides && guides.length ? guideOffer(guides, (id) => { procedureBox.close(); showGuide(id, ''); }, idPrefix) : '');
  };

  const showRoute = async () => {
    if (!state.procedure) return;
    if (!state.settlement) { say('Válassza ki a települést is.'); settlementBox?.input.focus(); return; }
    const mine = ++routeGeneration;
    say('Keresem az illetékes hivatalt…');
    const slow = setTimeout(() => { if (mine === routeGeneration) say('Lassú a kapcsolat, még várjuk a választ…'); }, kSlowMs);
    try {
      const answer = await source.route(state.settlement, state.procedure);
      if (mine !== routeGeneration) return;  // a newer question was asked meanwhile
      if (answer.candidates) {
        const none = answer.candidates.length === 0;
        say(none ? answer.message || 'Nem találtunk ilyen települést. Írja be a nevét vagy az irányítószámát.'
                 : answer.message || 'Több település is megfelel; válasszon.', none ? 'warn' : 'info');
        result.replaceChildren(none ? '' : el('div', { class: 'card' },
          el('h2', { tabindex: '-1', text: 'Melyik településre gondolt?' }),
          el('div', { class: 'candidates' }, answer.candidates.map((c) => button(settlementLine(c), () => {
            state.settlement = c.ksh_code; state.settlementName = c.label || c.name;
            if (settlementBox) settlementBox.input.value = c.label || c.name;
            showRoute();
          })))));
        if (none) settlementBox?.input.focus(); else result.querySelector('h2').focus();
        return;
      }
      const route = answer.route;
      state.settlement = route.settlement.ksh_code;
      state.settlementName = route.settlement.label || route.settlement.name;
      // A reopened link fills both boxes, so the person sees what the answer is for.
      procedureBox.input.value = route.procedure.title;
      state.procedureTitle = route.procedure.title;
      if (settlementBox) settlementBox.input.value = state.settlementName;
      const related = (item) => {
        const go = () => { state.procedure = item.id; procedureBox.input.value = item.title; showRoute(); };
        const href = options.relatedLink?.(item, state.settlement);
        return href
          ? el('a', { href, text: item.title, onclick: (event) => { event.preventDefault(); go(); } })
          : el('button', { type: 'button', class: 'link', text: item.title, onclick: go });
      };
      offers.replaceChildren();
      state.guide = null;
      const card = renderRoute(route, {
        actions: options.cardActions ? options.cardActions(route) : [],
        related,
        printNote: options.printNote ? options.printNote(route) : null,
      });
      if (source.feedback && !answer.offline) {
        card.append(feedbackBlock(route, (body) => source.feedback(body), surface));
      }
      result.replaceChildren(card);
      const count = route.offices.length;
      say(`${route.procedure.title}, ${state.settlementName}: ${count ? `${count} hivatal` : 'központi szerv intézi'}.${answer.note ? ` ${answer.note}` : ''}`,
        answer.offline ? 'offline' : 'info');
      options.onAnswer?.({ procedure: state.procedure, settlement: state.settlement, route });
    } catch (error) {
      if (mine === routeGeneration) failed(error, 'A hivatal keresése', showRoute);
    } finally {
      clearTimeout(slow);
    }
  };

  let searchSlow = null;
  const procedureBox = combobox({
    id: `${idPrefix}-q`, label: 'Milyen ügyet intézne?', placeholder: 'pl. hagyaték, lakcím',
    fetchOptions: (q) => {
      clearTimeout(searchSlow);
      searchSlow = setTimeout(() => say('Lassú a kapcsolat, még várjuk a találatokat…'), kSlowMs);
      return source.search(q, { surface, settlement: state.settlement }).finally(() => clearTimeout(searchSlow));
    },
    renderOption: (hit) => [hit.title, hit.snippet ? el('small', { text: shorten(hit.snippet) }) : null],
    onPick: (hit, input) => {
      const query = input.value.trim();
      if (query && query !== hit.title) {
        source.opened?.({ query, result_id: hit.id, surface, ...(/^\d{5}$/.test(state.settlement || '') ? { settlement: state.settlement } : {}) });
      }
      state.procedure = hit.id; state.procedureTitle = hit.title; input.value = hit.title; showRoute();
    },
    onInput: (text) => {
      // A new question: the old answer no longer belongs on screen.
      if (text.trim() !== state.procedureTitle) {
        state.procedure = null; clearAnswer(); clearStatus(); offers.replaceChildren();
        if (state.guide) { state.guide = null; options.onGuide?.(null); }
      }
    },
    onEmpty: (text) => { if (text) say('Írjon legalább két betűt, például: „hagyaték”.'); else clearStatus(); },
    onResults: (items, text, answer) => {
      const total = answer.total ?? items.length;
      // A life event ("meghalt az édesapám"): the guide that walks through it, above the results.
      offerGuides(answer.guides);
      if (items.length === 0 && !(answer.guides || []).length) { noResults(text, answer); return; }
      if (items.length === 0) { say('Ehhez a helyzethez ügyintézési kalauzt ajánlunk: nyomja meg a „Végigvezetem” gombot.', 'info'); return; }
      const shown = total > items.length ? `${total} találat, az első ${items.length} látható` : `${total} találat`;
      const guided = (answer.guides || []).length ? ' Ügyintézési kalauz is van hozzá, a találatok fölött.' : '';
      if (answer.relaxed) {
        // No case has every word: say so, and which words the closest ones lack.
        const dropped = (answer.dropped_words || []).map((word) => `„${word}”`).join(', ');
        say(`${(answer.notice || kRelaxedNotice).replace(/\.$/, '')}${dropped ? ` (nem szerepel bennük: ${dropped})` : ''}. ${shown}` +
          `${answer.offline ? ' (a letöltött adatokból)' : ''}.${guided}`, 'warn');
        return;
      }
      say(`${shown}${answer.offline ? ' (a letöltött adatokból)' : ''}. Válasszon a le-fel nyíllal, vagy nyomjon Entert a legjobbhoz.${guided}`,
        answer.offline ? 'offline' : 'info');
    },
    onError: (error) => failed(error, 'A keresés', () => procedureBox.refresh()),
  });
  // Nothing found: say so, offer the spelling the index knows and the nearest cases, and how to ask.
  const noResults = (text, answer) => {
    const actions = [];
    if (answer.did_you_mean) {
      actions.push(button(`Erre gondolt: „${answer.did_you_mean}”?`, () => {
        procedureBox.input.value = answer.did_you_mean;
        procedureBox.refresh();
        procedureBox.input.focus();
      }, true));
    }
    for (const s of (answer.suggestions || []).slice(0, 4)) {
      actions.push(button(s.text, () => { procedureBox.input.value = s.text; procedureBox.refresh(); procedureBox.input.focus(); }));
    }
    say(`Nincs találat erre: „${shorten(text, 60)}”. Írja le másképp, egy-két szóval, mit intézne ` +
      '(pl. „hagyaték”, „személyi igazolvány”, „lakcím”), vagy ellenőrizze a helyesírást.', 'warn', actions);
  };
  const searchButton = el('button', { type: 'button', class: 'primary search-button', text: 'Keresés', onclick: () => procedureBox.submit() });

  let settlementBox = null;
  let settlementField;
  const fixedLabel = el('div', { class: 'fixed', text: `Település: ${options.fixedSettlementName || 'betöltés…'}` });
  if (options.settlement) {
    settlementField = el('div', {}, fixedLabel);
  } else {
    settlementBox = combobox({
      id: `${idPrefix}-settlement`, label: 'Település', placeholder: 'pl. Folyás, 4095, Bp XIV',
      fetchOptions: (q) => source.settlements(q),
      renderOption: settlementOption,
      onPick: (s, input) => { state.settlement = s.ksh_code; state.settlementName = s.label || s.name; input.value = state.settlementName; showRoute(); },
      onEnterText: (text) => { state.settlement = text; showRoute(); },
      onInput: (text) => {
        if (text.trim() !== state.settlementName) { state.settlement = null; if (state.procedure) { clearAnswer(); clearStatus(); } }
      },
      onResults: (items, text) => {
        if (items.length === 0) say(`Nincs „${shorten(text, 40)}” nevű vagy irányítószámú település. Ellenőrizze a nevet, vagy írja be az irányítószámot.`, 'warn');
        else if (!state.procedure) clearStatus();
      },
      onError: (error) => failed(error, 'A település keresése', () => settlementBox.refresh()),
    });
    settlementField = settlementBox.wrapper;
  }
  const searchRow = el('div', { class: 'search-row' }, procedureBox.wrapper, searchButton);
  const form = el('div', { class: 'fields', role: 'search' }, searchRow, settlementField);
  const container = el('div', { class: 'ugk', lang: 'hu' }, form, status, live, offers, result);
  root.append(container);

  if (options.initial && options.initial.guide) {
    showGuide(options.initial.guide.id, options.initial.guide.query || '');
  } else if (options.initial && options.initial.procedure) {
    state.procedure = options.initial.procedure;
    if (options.initial.settlement) state.settlement = options.initial.settlement;
    showRoute();
  }
  return {
    state,
    container,
    say,
    setSettlement(ksh, name) { state.settlement = ksh; state.settlementName = name; if (settlementBox) settlementBox.input.value = name; },
    setFixedSettlementName(name) { state.settlementName = name; fixedLabel.textContent = `Település: ${name}`; },
    focus() { procedureBox.input.focus(); },
    rerun: showRoute,
    showGuide,
  };
}

// The service's HTTP API as a source. `base` ends without a slash ("https://ugykalauz.example").
// Every request is given up after kTimeoutMs; failures are ServiceErrors.
export function httpSource(base, { timeoutMs = kTimeoutMs } = {}) {
  const get = async (path, params = {}) => {
    const url = new URL(base + path);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    let response;
    try {
      response = await fetch(url, { headers: { Accept: 'application/json' }, signal: controller.signal });
    } catch (error) {
      if (error.name === 'AbortError') throw new ServiceError('timeout', 'A szolgáltatás nem válaszolt időben.');
      throw new ServiceError('network', 'Nem érjük el a szolgáltatást.');
    } finally {
      clearTimeout(timer);
    }
    const body = await response.json().catch(() => ({}));
    return { status: response.status, body };
  };
  const fail = (status, body, fallback) => new ServiceError('http', body.detail || fallback, { status, problem: body });
  return {
    base,
    // `surface` (widget, desk, field) marks the request as a person's question, which the service
    // counts in its anonymous search analytics; `settlement` (a KSH code) shows that office's texts.
    async search(q, { surface = null, settlement = null } = {}) {
      // Facets on: their pass makes `total` an exact count of distinct procedures, not an estimate.
      const params = { q, type: 'procedure', limit: '8' };
      if (surface) params.surface = surface;
      if (settlement && /^\d{5}$/.test(settlement)) params.settlement = settlement;
      const { status, body } = await get('/v1/search', params);
      if (status !== 200) throw fail(status, body, 'A keresés nem sikerült.');
      return {
        results: body.results, total: body.total, did_you_mean: body.did_you_mean || '', suggestions: body.suggestions || [],
        relaxed: Boolean(body.relaxed), dropped_words: body.dropped_words || [], notice: body.notice || '',
        guides: body.guides || [],
      };
    },
    async settlements(q) {
      const { status, body } = await get('/v1/settlements', { q, limit: '8' });
      if (status !== 200) throw fail(status, body, 'A település keresése nem sikerült.');
      return body.results;
    },
    async route(settlement, procedure) {
      const { status, body } = await get('/v1/route', { settlement, procedure });
      if (status === 300) return { candidates: body.candidates || [], message: body.detail };
      if (status === 404 && body.type === '/problems/unknown-settlement') return { candidates: body.candidates || [], message: body.detail };
      if (status !== 200) throw fail(status, body, 'Az ügy útvonala nem érhető el.');
      return { route: body };
    },
    // A case guide for the answers so far (`query`: "q1=v1&q2=v2", as in the answer's self_url):
    // the GuideAnswer; an unusable answer is a ServiceError whose problem names it in `field`.
    async guide(id, query = '') {
      const { status, body } = await get(`/v1/guides/${encodeURIComponent(id)}/answer${query ? `?${query}` : ''}`);
      if (status !== 200) throw fail(status, body, 'A kalauz nem érhető el.');
      return body;
    },
    // A result opened from a search answer (POST /v1/analytics/opens): counted anonymously by the
    // service. Best effort: it never holds up or fails what the person is doing.
    opened(payload) {
      fetch(`${base}/v1/analytics/opens`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(payload), keepalive: true,
      }).catch(() => {});
    },
    // Citizen feedback on an answer (POST /v1/feedback): resolves on 202, else a ServiceError.
    async feedback(payload) {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), timeoutMs);
      let response;
      try {
        response = await fetch(`${base}/v1/feedback`, {
          method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify(payload), signal: controller.signal,
        });
      } catch (error) {
        if (error.name === 'AbortError') throw new ServiceError('timeout', 'A szolgáltatás nem válaszolt időben.');
        throw new ServiceError('network', 'Nem érjük el a szolgáltatást.');
      } finally {
        clearTimeout(timer);
      }
      if (response.status === 202) return;
      const body = await response.json().catch(() => ({}));
      throw fail(response.status, body, 'A visszajelzés küldése nem sikerült.');
    },
    async districts(q) {
      const { status, body } = await get('/v1/districts', { q, limit: '8' });
      if (status !== 200) throw fail(status, body, 'A járás keresése nem sikerült.');
      return body.results;
    },
    // Whether the service answers this page at all: resolves, or throws a ServiceError whose kind
    // tells a blocked origin (the service answers, but not to this site) from a dead network.
    async probe() {
      try {
        await get('/healthz');
      } catch (error) {
        if (error.kind !== 'network') throw error;
        try {
          // An opaque no-cors request succeeds whenever the service is reachable, whatever its CORS policy.
          await fetch(`${base}/healthz`, { mode: 'no-cors', cache: 'no-store' });
        } catch {
          throw error;
        }
        throw new ServiceError('blocked', 'A szolgáltatás nem engedélyezte ezt a webhelyet.');
      }
    },
  };
}
