// Ügykalauz front end: the wording of times, opening hours and fees the answers show. The widget
// carries only this of the shared logic (web/embed.cmake), so it stays small; core.js re-exports it.

const kWeekdays = ['vasárnap', 'hétfő', 'kedd', 'szerda', 'csütörtök', 'péntek', 'szombat'];

function clock(iso) {
  const m = /T(\d\d:\d\d)/.exec(iso || '');
  return m ? m[1] : iso;
}

// Weekday of the local date written in an ISO timestamp ("2026-11-24T08:00:00+01:00" -> kedd),
// whatever the browser's time zone.
function weekdayOf(iso) {
  const day = new Date(`${String(iso).slice(0, 10)}T12:00:00Z`);
  return Number.isNaN(day.getTime()) ? '' : kWeekdays[day.getUTCDay()];
}

function localDate(now) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

// "kedd 09:00–10:00" for a visit occurrence {from, to} of the route answer.
export function occurrenceText(occurrence) {
  return `${weekdayOf(occurrence.from)} ${String(occurrence.from).slice(0, 10)} ${clock(occurrence.from)}–${clock(occurrence.to)}`;
}

// "Most nyitva, 16:00-ig" / "Most zárva · legközelebb: kedd 08:00" from the opening-hours fields of
// the route answer when the service computed them; the weekly hours as the server words them
// (opening_hours_text) otherwise (offline, or a service without the hours module).
export function hoursText(office, now = new Date()) {
  if (typeof office.open_now === 'boolean') {
    if (office.open_now) return office.closes_at ? `Most nyitva, ${clock(office.closes_at)}-ig` : 'Most nyitva';
    if (office.next_opening) {
      const sameDay = String(office.next_opening).slice(0, 10) === localDate(now);
      return `Most zárva · legközelebb: ${sameDay ? 'ma' : weekdayOf(office.next_opening)} ${clock(office.next_opening)}`;
    }
    return 'Most zárva';
  }
  return office.opening_hours_text ? `Nyitvatartás: ${office.opening_hours_text}` : 'Nyitvatartás: nem ismert';
}

// "2 órája", "3 napja": how old the offline data is.
export function ageText(isoTimestamp, now = new Date()) {
  const then = new Date(isoTimestamp);
  if (Number.isNaN(then.getTime())) return 'ismeretlen ideje';
  const minutes = Math.max(0, Math.round((now - then) / 60000));
  if (minutes < 1) return 'épp most';
  if (minutes < 60) return `${minutes} perce`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} órája`;
  return `${Math.round(hours / 24)} napja`;
}

export function formatHuf(amount) {
  if (amount === null || amount === undefined) return 'összege nem ismert';
  if (amount === 0) return 'ingyenes';
  return `${amount.toLocaleString('hu-HU')} Ft`;
}
