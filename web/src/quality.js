// The desk app's quality report page: GET /v1/reports/quality drawn as inline SVG charts (no chart
// service), with the same figures as tables for screen readers and print.
const kFound = [['igen', 'Igen', '#1b6e3a'], ['reszben', 'Részben', '#8a5a00'], ['nem', 'Nem', '#a4262c']];
const kSatisfaction = [['nagyon_jo', 'Nagyon jó', '#1b6e3a'], ['jo', 'Jó', '#0b5394'], ['nem_jo', 'Nem jó', '#a4262c']];
const kSvg = 'http://www.w3.org/2000/svg';

const $ = (id) => document.getElementById(id);

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'text') node.textContent = value;
    else node.setAttribute(name, value);
  }
  for (const child of children.flat()) if (child) node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  return node;
}

function svg(tag, attributes = {}, text = null) {
  const node = document.createElementNS(kSvg, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  if (text !== null) node.textContent = text;
  return node;
}

const percent = (share) => `${Math.round(share * 100)}%`;

// One horizontal bar split into the levels' shares, with a legend below it.
export function shareBar(title, table, levels) {
  const width = 600;
  const chart = svg('svg', { viewBox: `0 0 ${width} 70`, width: '100%', role: 'img', 'aria-label': title });
  chart.append(svg('title', {}, title));
  let x = 0;
  const total = levels.reduce((sum, [key]) => sum + (table[key]?.count || 0), 0);
  levels.forEach(([key, label, colour], i) => {
    const share = total ? table[key].count / total : 0;
    const w = share * width;
    if (w > 0) {
      const rect = svg('rect', { x, y: 0, width: w, height: 28, fill: colour });
      rect.append(svg('title', {}, `${label}: ${table[key].count} (${percent(share)})`));
      chart.append(rect);
    }
    x += w;
    chart.append(svg('rect', { x: i * 200, y: 44, width: 14, height: 14, fill: colour }));
    chart.append(svg('text', { x: i * 200 + 20, y: 56 }, `${label}: ${table[key]?.count || 0} (${percent(share)})`));
  });
  if (!total) chart.append(svg('text', { x: 8, y: 19 }, 'Még nincs visszajelzés.'));
  return chart;
}

// A weekly series as columns: feedback submissions (`total`) or searches (`searches`).
export function weekColumns(weeks, { title = 'Visszajelzések hetente', value = (w) => w.total } = {}) {
  const height = 120;
  const barWidth = 28;
  const width = Math.max(200, weeks.length * (barWidth + 8) + 8);
  const max = Math.max(1, ...weeks.map(value));
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height + 40}`, width: Math.min(width, 880), role: 'img',
    'aria-label': title });
  chart.append(svg('title', {}, title));
  weeks.forEach((w, i) => {
    const n = value(w);
    const h = (n / max) * height;
    const x = 8 + i * (barWidth + 8);
    const rect = svg('rect', { x, y: height - h, width: barWidth, height: h, fill: '#0b5394' });
    rect.append(svg('title', {}, `${w.week} hete: ${n}`));
    chart.append(rect);
    chart.append(svg('text', { x, y: height + 14 }, w.week.slice(5)));
    chart.append(svg('text', { x, y: Math.max(12, height - h - 4) }, String(n)));
  });
  return chart;
}

const kSurfaces = { widget: 'beágyazott kereső', desk: 'ügyfélszolgálat', field: 'ügysegéd (terepi app)', page: 'weboldal', '': 'nem jelzett' };

// Adds a record the report offers (a synonym or a best bet) through the editing API, with the key
// of the form; says in Hungarian what happened.
async function addOffered(offer, record) {
  const key = $('key').value.trim();
  if (!key) { say('A felvételhez szerkesztői vagy adminisztrátori kulcs kell (API-kulcs mező).', 'error'); return; }
  try {
    const response = await fetch(`/v1/${offer.collection}`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}` }, body: JSON.stringify(record),
    });
    if (response.status === 201) { say(`Felvéve (${record.id}): a következő keresés már ezt használja.`); return; }
    const body = await response.json().catch(() => ({}));
    const fields = (body.errors || []).map((e) => `${e.field}: ${e.detail}`).join('; ');
    say(response.status === 409 ? `Már van ilyen azonosítójú rekord (${record.id}); a szerkesztőfelületen módosítható.`
      : await problemText(response, body, fields), 'error');
  } catch {
    say('Nem érjük el a szolgáltatást. Próbálja újra.', 'error');
  }
}

// A query that found nothing (or only by leaving words out), with the two mends the report offers:
// a synonym (the editor names the case's words) and a best bet (the best candidate, one click).
function failedQueryRow(row, index) {
  const termsId = `terms-${index}`;
  const terms = el('input', { id: termsId, type: 'text', placeholder: 'pl. szálláshely, vendégház', autocomplete: 'off' });
  const synonym = el('button', { type: 'button', class: 'secondary', text: 'Szinonima felvétele' });
  synonym.addEventListener('click', () => {
    const list = terms.value.split(',').map((t) => t.trim()).filter(Boolean);
    if (!list.length) { say('Írja be, mely szavakkal keressen a rendszer erre a kifejezésre (vesszővel elválasztva).', 'error'); terms.focus(); return; }
    addOffered(row.offers.synonym, { ...row.offers.synonym.record, terms: list });
  });
  const best = row.candidates && row.candidates[0];
  const bet = best ? el('button', { type: 'button', class: 'secondary', text: `Kiemelt találat: ${best.title}` }) : null;
  bet?.addEventListener('click', () => addOffered(row.offers.best_bet, row.offers.best_bet.record));
  return el('tr', {}, el('td', { text: row.query }), el('td', { class: 'n', text: String(row.searches) }),
    el('td', { class: 'n', text: String(row.zero_results) }), el('td', { class: 'n', text: String(row.relaxed) }),
    el('td', {}, el('label', { for: termsId, text: 'Szinonima szavai: ' }), terms, ' ', synonym,
      bet ? [' ', bet] : null));
}

function searchSection(search) {
  const weeks = search.weeks_covered;
  const parts = [
    el('h3', { text: `Keresések (az utolsó ${weeks} hétben)` }),
    el('div', { class: 'figures' },
      figure('keresés', search.searches),
      figure('találat nélkül', search.zero_results),
      figure('csak részben illő találattal', search.relaxed)),
  ];
  if (!search.searches) {
    parts.push(el('p', { class: 'muted', text: 'Ebben az időszakban még nem volt keresés ezen a területen (vagy a kiszolgáló a keresési statisztikát kikapcsolva futtatja: --analytics off).' }));
    return parts;
  }
  parts.push(weekColumns(search.weeks, { title: 'Keresések hetente', value: (w) => w.searches }));
  parts.push(el('table', {}, el('caption', { class: 'muted', text: 'Honnan kerestek' }),
    el('tr', {}, el('th', { text: 'Felület' }), el('th', { text: 'Keresés' }), el('th', { text: 'Találat nélkül' })),
    search.surfaces.map((s) => el('tr', {}, el('td', { text: kSurfaces[s.surface] || s.surface }),
      el('td', { class: 'n', text: String(s.searches) }), el('td', { class: 'n', text: String(s.zero_results) })))));
  if (search.failed_queries) {
    parts.push(el('h3', { text: 'Találat nélküli és részben illő keresések' }));
    parts.push(search.failed_queries.length
      ? el('table', { class: 'failed-queries' },
          el('tr', {}, el('th', { text: 'Keresés' }), el('th', { text: 'Összesen' }), el('th', { text: 'Semmi' }),
            el('th', { text: 'Részben' }), el('th', { text: 'Javítás' })),
          search.failed_queries.map(failedQueryRow))
      : el('p', { class: 'muted', text: 'Minden keresés talált minden szóra illő ügyet.' }));
  } else {
    parts.push(el('p', { class: 'muted', text: 'A keresett szövegeket csak a terület szerkesztői látják (API-kulccsal).' }));
  }
  return parts;
}

function levelTable(caption, table, levels) {
  return el('table', {}, el('caption', { class: 'muted', text: caption }),
    el('tr', {}, el('th', { text: 'Válasz' }), el('th', { text: 'Darab' }), el('th', { text: 'Arány' })),
    levels.map(([key, label]) => el('tr', {}, el('td', { text: label }),
      el('td', { class: 'n', text: String(table[key].count) }), el('td', { class: 'n', text: percent(table[key].share) }))));
}

function figure(label, value) {
  return el('div', { class: 'figure' }, el('strong', { text: String(value) }), label);
}

function render(report) {
  const f = report.feedback;
  const scope = report.scope.level === 'national' ? 'Országos'
    : `${report.scope.name || report.scope.id} (${report.scope.level === 'office' ? 'hivatal' : 'járás'})`;
  const broken = report.links.broken_links;
  return [
    el('h2', { text: `${scope} – ${new Date(report.generated_at).toLocaleString('hu-HU')}` }),
    el('div', { class: 'figures' },
      figure('visszajelzés', f.total),
      figure('hibás hivatkozás', report.links.broken),
      figure(`ellenőrizetlen rekord (${report.unverified.days} nap)`, report.unverified.count),
      figure('felülvizsgálatra váró helyi változat', report.reviews.open)),
    el('h3', { text: 'Megtalálta, amit keresett?' }), shareBar('Megtalálta, amit keresett?', f.found, kFound),
    levelTable('Megtalálta, amit keresett?', f.found, kFound),
    el('h3', { text: 'Elégedettség' }), shareBar('Elégedettség', f.satisfaction, kSatisfaction),
    levelTable(`Elégedettség (${f.rated} értékelés)`, f.satisfaction, kSatisfaction),
    f.weeks.length ? [el('h3', { text: 'Visszajelzések hetente' }), weekColumns(f.weeks)] : null,
    el('h3', { text: 'Hibás hivatkozások' }),
    broken.length
      ? el('table', {}, el('tr', {}, el('th', { text: 'Cím' }), el('th', { text: 'Hiba' }), el('th', { text: 'Ellenőrizve' })),
          broken.map((b) => el('tr', {}, el('td', { text: b.url }), el('td', { text: `${b.problem}${b.http_status ? ` (${b.http_status})` : ''}` }),
            el('td', { text: b.checked_at }))))
      : el('p', { class: 'muted', text: report.links.checked ? 'Nincs hibás hivatkozás.' : 'A hivatkozásokat még nem ellenőrizték (ugykalauz check-links).' }),
    searchSection(report.search),
    report.comments ? [el('h3', { text: 'Legutóbbi megjegyzések' }),
      report.comments.length
        ? el('ul', {}, report.comments.map((c) => el('li', {}, el('span', { class: 'muted', text: `${c.at} · ${c.procedure_id}: ` }), c.comment)))
        : el('p', { class: 'muted', text: 'Nincs megjegyzés.' })] : null,
  ];
}

function query(format) {
  const params = new URLSearchParams({ days: $('days').value || '365', weeks: $('weeks').value || '12', format });
  const scope = $('scope').value;
  const id = $('scope-id').value.trim();
  if (scope !== 'national') {
    if (!id) throw new Error(scope === 'office' ? 'Adja meg a hivatal azonosítóját (pl. koh-22406).' : 'Adja meg a járás kódját (pl. 099).');
    params.set(scope, id);
  }
  const headers = { Accept: format === 'csv' ? 'text/csv' : 'application/json' };
  if ($('key').value.trim()) headers.Authorization = `Bearer ${$('key').value.trim()}`;
  return fetch(`/v1/reports/quality?${params}`, { headers });
}

function say(text, kind = 'info') {
  $('status').replaceChildren(el('div', { class: `notice ${kind}`, text }));
}

async function problemText(response, body = null, fields = '') {
  const problem = body || await response.json().catch(() => ({}));
  if (response.status === 401) return 'Ehhez szerkesztői kulcs kell, vagy a megadott kulcs érvénytelen.';
  if (response.status === 403) return 'A kulcs erre nem jogosít: csak a saját hivatalai adatait látja és szerkeszti.';
  return [problem.detail || `A kérés nem sikerült (${response.status}).`, fields].filter(Boolean).join(' ');
}

async function load(event) {
  event?.preventDefault();
  say('A jelentés betöltése…');
  try {
    const response = await query('json');
    if (!response.ok) { say(await problemText(response), 'error'); $('report').replaceChildren(); return; }
    $('report').replaceChildren(...render(await response.json()).flat().filter(Boolean));
    say('A jelentés betöltve.');
  } catch (error) {
    say(error instanceof TypeError ? 'Nem érjük el a szolgáltatást. Próbálja újra.' : error.message, 'error');
  }
}

$('query').addEventListener('submit', load);
$('csv').addEventListener('click', async () => {
  try {
    const response = await query('csv');
    if (!response.ok) { say(await problemText(response), 'error'); return; }
    const link = el('a', { href: URL.createObjectURL(await response.blob()), download: 'ugykalauz-minoseg.csv' });
    document.body.append(link);
    link.click();
    link.remove();
    say('A CSV letöltése elindult.');
  } catch (error) {
    say(error instanceof TypeError ? 'Nem érjük el a szolgáltatást. Próbálja újra.' : error.message, 'error');
  }
});
load();
