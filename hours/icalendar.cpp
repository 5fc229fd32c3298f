#include "hours/icalendar.h"

#include "hours/evaluator.h"

namespace ugk::hours::ical {
namespace {

using date::days;
using date::sys_days;

constexpr std::size_t kMaxLineOctets = 75;
constexpr std::string_view kTimeZoneId = "Europe/Budapest";

// "20260110" of a date.
std::string basic_date(Date day) {
  return date::format("%Y%m%d", day);
}

// "20260110T080000" in Budapest wall time.
std::string local_basic(date::sys_seconds instant) {
  return date::format("%Y%m%dT%H%M%S", date::make_zoned(&budapest(), instant).get_local_time());
}

std::string utc_basic(date::sys_seconds instant) {
  return date::format("%Y%m%dT%H%M%SZ", instant);
}

void line(std::string& out, std::string_view name, std::string_view value) {
  std::string content(name);
  content += ':';
  content += value;
  out += fold_line(content);
}

void text_line(std::string& out, std::string_view name, std::string_view text) {
  line(out, name, escape_text(text));
}

}  // namespace

std::string event_uid(std::string_view record_id, Date day, std::size_t index) {
  std::string uid(record_id);
  uid += '-';
  uid += basic_date(day);
  if (index > 0) uid += "-" + std::to_string(index + 1);
  uid += "@ugykalauz";
  return uid;
}

std::string escape_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case ';':
        out += "\\;";
        break;
      case ',':
        out += "\\,";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        // RFC 5545 TEXT excludes control characters (CTL) other than HTAB.
        if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f) break;
        out += c;
    }
  }
  return out;
}

std::string fold_line(std::string_view content) {
  std::string out;
  std::size_t limit = kMaxLineOctets;  // continuation lines start with a space, which counts
  std::size_t used = 0;
  for (std::size_t i = 0; i < content.size();) {
    // The length of the UTF-8 sequence starting here (invalid bytes count as one).
    const auto lead = static_cast<unsigned char>(content[i]);
    std::size_t n = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xe ? 3 : (lead >> 3) == 0x1e ? 4 : 1;
    n = std::min(n, content.size() - i);
    if (used + n > limit) {
      out += "\r\n ";
      used = 1;
    }
    out.append(content.substr(i, n));
    used += n;
    i += n;
  }
  out += "\r\n";
  return out;
}

std::string budapest_vtimezone() {
  // The EU rule Hungary follows since 1996 (tz database, Europe/Budapest): CEST from the last Sunday
  // of March 02:00 local, CET from the last Sunday of October 03:00 local. A unit test compares it with
  // the system tz database's transitions.
  std::string out;
  line(out, "BEGIN", "VTIMEZONE");
  line(out, "TZID", kTimeZoneId);
  line(out, "X-LIC-LOCATION", kTimeZoneId);
  line(out, "BEGIN", "DAYLIGHT");
  line(out, "TZOFFSETFROM", "+0100");
  line(out, "TZOFFSETTO", "+0200");
  line(out, "TZNAME", "CEST");
  line(out, "DTSTART", "19700329T020000");
  line(out, "RRULE", "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU");
  line(out, "END", "DAYLIGHT");
  line(out, "BEGIN", "STANDARD");
  line(out, "TZOFFSETFROM", "+0200");
  line(out, "TZOFFSETTO", "+0100");
  line(out, "TZNAME", "CET");
  line(out, "DTSTART", "19701025T030000");
  line(out, "RRULE", "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU");
  line(out, "END", "STANDARD");
  line(out, "END", "VTIMEZONE");
  return out;
}

std::string render(const Calendar& calendar, date::sys_seconds stamp) {
  std::string out;
  line(out, "BEGIN", "VCALENDAR");
  line(out, "VERSION", "2.0");
  line(out, "PRODID", "-//Ugykalauz//Ugykalauz//HU");
  line(out, "CALSCALE", "GREGORIAN");
  line(out, "METHOD", "PUBLISH");
  text_line(out, "X-WR-CALNAME", calendar.name);
  if (calendar.description) text_line(out, "X-WR-CALDESC", *calendar.description);
  line(out, "X-WR-TIMEZONE", kTimeZoneId);
  out += budapest_vtimezone();
  const std::string dtstamp = utc_basic(stamp);
  const std::string tzid = "TZID=" + std::string(kTimeZoneId);
  for (const Event& e : calendar.events) {
    line(out, "BEGIN", "VEVENT");
    text_line(out, "UID", e.uid);
    line(out, "DTSTAMP", dtstamp);
    if (e.all_day) {
      line(out, "DTSTART;VALUE=DATE", basic_date(*e.all_day));
      line(out, "DTEND;VALUE=DATE", basic_date(Date{sys_days{*e.all_day} + days{1}}));
    } else {
      line(out, "DTSTART;" + tzid, local_basic(e.start));
      line(out, "DTEND;" + tzid, local_basic(e.end));
    }
    text_line(out, "SUMMARY", e.summary);
    if (e.description) text_line(out, "DESCRIPTION", *e.description);
    if (e.location) text_line(out, "LOCATION", *e.location);
    line(out, "TRANSP", e.transparent ? "TRANSPARENT" : "OPAQUE");
    line(out, "END", "VEVENT");
  }
  line(out, "END", "VCALENDAR");
  return out;
}

}  // namespace ugk::hours::ical
