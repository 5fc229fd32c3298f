// Service-quality records: citizen feedback on answers and the checks of form and online-channel
// links. Stored beside the knowledge base (kb/store.h) but not records of it: they have no versions
// and no change log, and they never reach the index.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ugk::kb {

// "Megtalálta, amit keresett?"
enum class Found { kYes, kPartly, kNo };
// The three-level satisfaction monitor: nagyon jó – jó – nem jó.
enum class Satisfaction { kVeryGood, kGood, kNotGood };

std::string_view to_string(Found found);                  // igen, reszben, nem
std::string_view to_string(Satisfaction satisfaction);    // nagyon_jo, jo, nem_jo
std::optional<Found> parse_found(std::string_view text);  // also "részben"
std::optional<Satisfaction> parse_satisfaction(std::string_view text);

inline constexpr std::size_t kMaxFeedbackComment = 500;  // characters (code points)

// The front ends a search, an opened result or feedback can come from: the embedded widget, the
// reception desk app, the field app, the server-rendered pages.
bool is_surface(std::string_view text);
inline constexpr std::string_view kSurfaceChoices = "widget, desk, field vagy page";

// One stored piece of feedback. No address, cookie or other client identifier is kept.
struct Feedback {
  std::int64_t id = 0;
  std::string at;  // UTC, "YYYY-MM-DDTHH:MM:SSZ"
  std::string procedure_id;
  std::optional<std::string> office_id;
  Found found = Found::kYes;
  std::optional<Satisfaction> satisfaction;
  std::string comment;  // already scrubbed (kb/scrub.h)
  std::string surface;  // widget, desk, field, page; empty when not told
};

// Counts of feedback grouped by office, ISO week and answers (the report's raw material).
struct FeedbackCount {
  std::optional<std::string> office_id;
  std::string week;  // Monday of the week, "YYYY-MM-DD"
  Found found = Found::kYes;
  std::optional<Satisfaction> satisfaction;
  std::int64_t count = 0;
};

// GOV.UK Link Checker's levels: ok, caution (works, with warnings: slow, long redirect chain),
// broken (errors: 4xx/5xx, timeouts, resets, redirect loops, unreachable hosts).
enum class LinkStatus { kOk, kCaution, kBroken };
std::string_view to_string(LinkStatus status);
std::optional<LinkStatus> parse_link_status(std::string_view text);

struct LinkCheck {
  std::string url;
  LinkStatus status = LinkStatus::kOk;
  std::string problem;  // empty for ok; http_404, http_500, timeout, connection_reset, redirect_loop, ...
  int http_status = 0;  // of the last response; 0 when none arrived
  int redirects = 0;
  std::string final_url;
  double elapsed_ms = 0;
  std::string content_type;
  std::string checked_at;  // UTC, "YYYY-MM-DDTHH:MM:SSZ"
};

// Search analytics: one day's count of one normalised, scrubbed query from one surface for one
// area. '' is "not told" for surface, district and office_id.
struct SearchArea {
  std::string surface;    // widget, desk, field, page
  std::string district;   // district code of the settlement asked for
  std::string office_id;  // the office whose area the settlement is (its municipal office)
  auto operator<=>(const SearchArea&) const = default;
};
struct SearchDayCount {
  std::string day;  // UTC, "YYYY-MM-DD"
  std::string query;
  SearchArea area;
  std::int64_t searches = 0;
  std::int64_t zero_results = 0;  // nothing at all was found
  std::int64_t relaxed = 0;       // found only by leaving words out (search::SearchResult::relaxed)
};
// Which result was opened for a query.
struct OpenDayCount {
  std::string day;
  std::string query;
  SearchArea area;
  std::string result_id;
  std::int64_t opens = 0;
};

// What the report reads of the roll-ups: sums over an area since a day.
struct SearchFilter {
  std::string since_day;                 // "YYYY-MM-DD"
  std::optional<std::string> district;   // only searches for this district
  std::optional<std::string> office_id;  // only searches for this office's area
};
enum class SearchGroup { kWeek, kQuery, kSurface };
struct SearchTotal {
  std::string key;  // the week's Monday, the query or the surface
  std::int64_t searches = 0;
  std::int64_t zero_results = 0;
  std::int64_t relaxed = 0;
};
struct OpenTotal {
  std::string result_id;
  std::int64_t opens = 0;
};

}  // namespace ugk::kb
