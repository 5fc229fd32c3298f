// Ügykalauz front end: pure logic shared by the widget, the desk and field app and the Node tests
// (no DOM here). Local search and routing work on a district snapshot (GET /v1/snapshot) when the
// network is gone.

// Accent folding as the server does it: "Hagyaték" -> "hagyatek", "őrizet" -> "orizet".
export function fold(text) {
  return String(text ?? '')
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '');
}

export function tokens(text) {
  return fold(text).split(/[^a-z0-9]+/).filter(Boolean);
}

// Procedures matching a query offline: every query word must be a prefix of a word of the title,
// keywords, category or summary (so search-as-you-type works on the last, unfinished word); title
// and keyword matches rank first.
export function searchProcedures(snapshot, query, limit = 10) {
  const wanted = tokens(query);
  if (wanted.length === 0) return [];
  const hits = [];
  for (const p of snapshot.procedures) {
    const fields = [
      [tokens(p.title), 3],
      [tokens((p.keywords || []).join(' ')), 2],
      [tokens(`${p.category} ${p.summary}`), 1],
    ];
    let score = 0;
    let all = true;
    for (const word of wanted) {
      let best = 0;
      for (const [words, weight] of fields) {
        for (const w of words) {
          if (w === word) best = Math.max(best, weight * 2);
          else if (w.startsWith(word)) best = Math.max(best, weight);
        }
      }
      if (best === 0) all = false;
      score += best;
    }
    if (all) hits.push({ type: 'procedure', id: p.id, title: p.title, snippet: p.summary, score });
  }
  hits.sort((a, b) => b.score - a.score || a.title.localeCompare(b.title, 'hu'));
  return hits.slice(0, limit);
}

// Settlements of the snapshot by name prefix (accent-insensitive), postal code or KSH code.
export function findSettlements(snapshot, query, limit = 10) {
  const q = fold(query).trim();
  if (!q) return [];
  const exact = [];
  const prefix = [];
  for (const s of snapshot.settlements) {
    const names = [fold(s.name), fold(s.label || s.name)];
    if (names.includes(q) || s.ksh_code === q || (s.postal_codes || []).includes(q)) exact.push(s);
    else if (names.some((n) => n.startsWith(q)) || (s.postal_codes || []).some((c) => c.startsWith(q))) prefix.push(s);
  }
  return [...exact, ...prefix].slice(0, limit);
}

// The /v1/route answer for a settlement of the snapshot, built from the offices the server computed
// per authority. What remains to decide here: central authorities have no office, and client
// assistant visits count only for procedures a client assistant may take. Every text (reasons, hints,
// opening hours, the central authority) comes worded from the server.
export function localRoute(snapshot, settlementKsh, procedureId) {
  const procedure = snapshot.procedures.find((p) => p.id === procedureId);
  const settlement = snapshot.settlements.find((s) => s.ksh_code === settlementKsh);
  if (!procedure || !settlement) return null;
  const offices = new Map(snapshot.offices.map((o) => [o.id, o]));
  const visits = new Map(snapshot.visits.map((v) => [v.id, v]));
  const authority = procedure.competence.authority;
  const routed = authority === 'kozponti' ? { offices: [], visits: [] } : snapshot.routes[settlementKsh][authority];
  const assistantAllowed = Boolean(procedure.channels && procedure.channels.assistant);
  return {
    procedure,
    settlement,
    territory_hint: procedure.territory_hint || snapshot.territory_hints[procedure.competence.territory] || '',
    offices: routed.offices
      .filter((r) => offices.has(r.id))
      .map((r) => {
        const o = offices.get(r.id);
        return {
          id: o.id, kind: o.kind, role: r.role, name: o.name, address: o.address ?? null,
          postal_code: o.postal_code ?? null, settlement_ksh: o.settlement_ksh ?? null,
          opening_hours: o.opening_hours ?? null, opening_hours_text: o.opening_hours_text ?? null,
          opening_hours_note: o.opening_hours_note ?? null,
          phone: o.phone ?? null, email: o.email ?? null, website: o.website ?? null,
          location: o.location ?? null, contact_note: o.contact_note ?? null,
          distance_km: r.distance_km ?? null, reason: r.reason, reason_code: r.reason_code ?? null,
        };
      }),
    visits: routed.visits
      .filter((r) => visits.has(r.id) && (r.office_kind !== 'jarasi_hivatal' || assistantAllowed))
      .map((r) => {
        const v = visits.get(r.id);
        return {
          id: v.id, office_id: v.office_id, office_name: offices.get(v.office_id)?.name ?? v.office_id,
          settlement_ksh: v.settlement_ksh, place: v.place ?? null, schedule: v.schedule,
          schedule_text: v.schedule_text ?? null, note: v.note ?? null,
          reason: r.reason, reason_code: r.reason_code ?? null,
        };
      }),
    forms: (procedure.forms || []).map((id) => snapshot.forms.find((f) => f.id === id)).filter(Boolean),
    documents: procedure.documents || [],
    fees: procedure.fees || [],
    channels: procedure.channels,
    central_authority: authority === 'kozponti' ? procedure.central_authority ?? null : null,
    related: procedure.related || [],
  };
}

export { ageText, formatHuf, hoursText, occurrenceText } from './format.js';
