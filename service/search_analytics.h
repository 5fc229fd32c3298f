// Search analytics, anonymous and aggregated (issue 13): which questions were asked, which found
// nothing, which result was opened, from which surface (widget, desk, field app, page) and for which
// district and office. Counted in memory; flush() adds the counts to the store's daily roll-ups (the
// server's flush thread calls it every minute, and once more when it stops).
//
// Nothing that identifies a person is stored: the query is scrubbed of personal data (kb/scrub.h)
// and normalised before it is even counted, and there is no address, cookie or raw text in the
// store. The caller's address is held in memory only, for `session_gap`, to fold search-as-you-type
// into the question typed last ("hagy", "hagyaték" count once, as "hagyaték").
//
// Thread-safety: every public member may be called from any thread. Recording takes one mutex for
// a few map operations (never the store); flush() swaps the counts out under that mutex and writes
// them through its own connection, so searches never wait for SQLite.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "kb/catalog.h"
#include "kb/quality.h"
#include "kb/store.h"
#include "service/data_dir.h"

namespace ugk::service {

struct AnalyticsRules {
  int retention_days = 400;                 // roll-ups of older days are deleted at flush
  std::size_t max_pending = 20000;          // distinct counts held between flushes; more are dropped
  std::chrono::seconds session_gap{30};     // a query typed on within this time replaces its prefix
  std::size_t max_clients = 20000;          // addresses remembered for the above
  std::size_t max_query_code_points = 120;  // longer questions are cut
};

// The query as counted: personal data replaced (kb::scrub_personal_data), lower-cased, spacing
// collapsed, surrounding punctuation trimmed, cut to `max_code_points`. Empty: not counted.
std::string normalise_query(std::string_view text, std::size_t max_code_points = 120);

// The area of a settlement: its district and the office whose local text applies first (its
// municipal office), on `surface`.
kb::SearchArea search_area(const kb::Catalog& catalog, const kb::Settlement* settlement, std::string surface);

struct FlushResult {
  std::size_t searches = 0;  // roll-up rows added to
  std::size_t opens = 0;
  std::int64_t pruned = 0;  // roll-up rows deleted by the retention limit
};

class SearchAnalytics {
 public:
  using Clock = std::chrono::system_clock;
  explicit SearchAnalytics(DataDir data_dir, AnalyticsRules rules = {});
  SearchAnalytics(const SearchAnalytics&) = delete;
  SearchAnalytics& operator=(const SearchAnalytics&) = delete;

  // One answered search: `total` hits, `relaxed` when found only by leaving words out. `client` is
  // the caller's address, kept in memory for the session gap only. False when not counted (empty
  // after normalisation, or the pending counts are full: see dropped()).
  bool record_search(std::string_view query, const kb::SearchArea& area, std::int64_t total, bool relaxed,
                     const std::string& client, Clock::time_point now = Clock::now());
  // A result opened from the answer to `query`.
  bool record_open(std::string_view query, const kb::SearchArea& area, const std::string& result_id,
                   const std::string& client, Clock::time_point now = Clock::now());

  // Adds what was counted since the last flush to the roll-ups and applies the retention limit.
  // On a store error the counts are kept for the next flush and the error is thrown.
  FlushResult flush(Clock::time_point now = Clock::now());

  std::size_t pending() const;
  std::int64_t dropped() const;  // counts refused because max_pending was reached
  const AnalyticsRules& rules() const { return rules_; }

 private:
  struct SearchKey {
    std::string day;
    std::string query;
    kb::SearchArea area;
    auto operator<=>(const SearchKey&) const = default;
  };
  struct SearchCounts {
    std::int64_t searches = 0, zero_results = 0, relaxed = 0;
  };
  struct OpenKey {
    SearchKey search;
    std::string result_id;
    auto operator<=>(const OpenKey&) const = default;
  };
  // The last search counted for an address, while it may still be replaced by a longer one.
  struct Session {
    SearchKey key;
    SearchCounts counts;
    Clock::time_point at;
    std::uint64_t generation = 0;  // the flush generation it was counted in
  };
  bool room_for_one_more() const;
  void forget_old_sessions(Clock::time_point now);

  DataDir data_dir_;
  AnalyticsRules rules_;

  mutable std::mutex mutex_;  // guards the members below
  std::map<SearchKey, SearchCounts> searches_;
  std::map<OpenKey, std::int64_t> opens_;
  std::unordered_map<std::string, Session> sessions_;
  std::uint64_t generation_ = 0;
  std::int64_t dropped_ = 0;

  std::mutex flush_mutex_;           // one flush at a time; guards writer_
  std::optional<kb::Store> writer_;  // opened at the first flush
};

}  // namespace ugk::service
