// iCalendar (RFC 5545) feeds of office days and visits: one builder for the text format (content
// lines, escaping, folding at 75 octets, CRLF), the Europe/Budapest VTIMEZONE and the stable UIDs.
// No HTTP here; api/calendar_endpoints.cpp decides what goes into a feed.
//
// Thread-safety: pure functions of their arguments.
#pragma once

#include <date/tz.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hours/calendar.h"

namespace ugk::hours::ical {

// One VEVENT: either an all-day event on `all_day` (DTSTART;VALUE=DATE, DTEND the next day) or a timed
// one from `start` to `end`, written as Europe/Budapest wall time with TZID.
struct Event {
  std::string uid;
  std::optional<Date> all_day;
  date::sys_seconds start{};
  date::sys_seconds end{};
  std::string summary;
  std::optional<std::string> description;
  std::optional<std::string> location;
  bool transparent = false;  // TRANSP:TRANSPARENT (a closure does not make the reader busy)
};

struct Calendar {
  std::string name;                        // X-WR-CALNAME
  std::optional<std::string> description;  // X-WR-CALDESC
  std::vector<Event> events;
};

// The stable UID of the `index`-th event (0-based) that record `record_id` contributes on local day
// `day`: "<record>-<yyyymmdd>[-<n>]@ugykalauz". The same record, day and position give the same UID in
// every request, so a subscribed calendar updates events instead of duplicating them.
std::string event_uid(std::string_view record_id, Date day, std::size_t index = 0);

// TEXT value escaping (RFC 5545 3.3.11): backslash, semicolon, comma and newline; other control
// characters are dropped.
std::string escape_text(std::string_view text);

// One content line folded at 75 octets (never inside a UTF-8 sequence), each physical line ended by
// CRLF (RFC 5545 3.1).
std::string fold_line(std::string_view line);

// The VTIMEZONE component of Europe/Budapest (CET/CEST, EU rule since 1996) as folded CRLF lines.
std::string budapest_vtimezone();

// The whole VCALENDAR (METHOD:PUBLISH); `stamp` is every event's DTSTAMP (the time of the answer).
std::string render(const Calendar& calendar, date::sys_seconds stamp);

}  // namespace ugk::hours::ical
