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

}  // namespace ugk::kb
