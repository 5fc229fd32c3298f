#include "service/search_analytics.h"

#include <ctime>
#include <vector>

#include "kb/scrub.h"
#include "kb/text_fold.h"

namespace ugk::service {
namespace {

std::string utc_day(SearchAnalytics::Clock::time_point at) {
  const std::time_t t = SearchAnalytics::Clock::to_time_t(at);
  std::tm utc{};
  gmtime_r(&t, &utc);
  char text[16];
  std::strftime(text, sizeof text, "%Y-%m-%d", &utc);
  return text;
}

bool is_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// ASCII punctuation people put around a question; letters, digits and the scrubber's brackets stay.
bool is_edge_punctuation(unsigned char c) {
  return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '"' || c == '\'' || c == '-';
}

}  // namespace

std::string normalise_query(std::string_view text, std::size_t max_code_points) {
  // Scrub before lower-casing: a name after "vagyok" is told by its capital letter.
  const std::string lowered = kb::to_lower(kb::scrub_personal_data(text));
  std::string out;
  out.reserve(lowered.size());
  bool gap = false;
  for (const char c : lowered) {
    if (is_space(static_cast<unsigned char>(c))) {
      gap = !out.empty();
      continue;
    }
    if (gap) out += ' ';
    gap = false;
    out += c;
  }
  // Typographic quotes and question marks: „…” and the like are UTF-8 sequences; trim the ASCII ones.
  std::size_t begin = 0, end = out.size();
  while (begin < end && (is_edge_punctuation(static_cast<unsigned char>(out[begin])) || out[begin] == ' ')) ++begin;
  while (end > begin && (is_edge_punctuation(static_cast<unsigned char>(out[end - 1])) || out[end - 1] == ' ')) --end;
  out = out.substr(begin, end - begin);
  // Cut at a code point boundary.
  std::size_t points = 0;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if ((static_cast<unsigned char>(out[i]) & 0xC0) == 0x80) continue;
    if (points++ == max_code_points) {
      out.resize(i);
      while (!out.empty() && out.back() == ' ') out.pop_back();
      break;
    }
  }
  return out;
}

kb::SearchArea search_area(const kb::Catalog& catalog, const kb::Settlement* settlement, std::string surface) {
  kb::SearchArea area;
  area.surface = std::move(surface);
  if (settlement != nullptr) {
    area.district = settlement->district_code;
    const auto offices = catalog.offices_for(*settlement);
    if (!offices.empty()) area.office_id = offices.front()->id;
  }
  return area;
}

SearchAnalytics::SearchAnalytics(DataDir data_dir, AnalyticsRules rules)
    : data_dir_(std::move(data_dir)), rules_(rules) {}

bool SearchAnalytics::room_for_one_more() const {
  return searches_.size() + opens_.size() < rules_.max_pending;
}

void SearchAnalytics::forget_old_sessions(Clock::time_point now) {
  std::erase_if(sessions_, [&](const auto& entry) { return now - entry.second.at > rules_.session_gap; });
  if (sessions_.size() >= rules_.max_clients) sessions_.clear();
}

bool SearchAnalytics::record_search(std::string_view query, const kb::SearchArea& area, std::int64_t total,
                                    bool relaxed, const std::string& client, Clock::time_point now) {
  std::string text = normalise_query(query, rules_.max_query_code_points);
  if (text.empty()) return false;
  SearchKey key{utc_day(now), std::move(text), area};
  const SearchCounts counts{1, total == 0 ? 1 : 0, total > 0 && relaxed ? 1 : 0};

  std::lock_guard lock(mutex_);
  if (sessions_.size() >= rules_.max_clients) forget_old_sessions(now);
  const auto session = sessions_.find(client);
  if (session != sessions_.end()) {
    const Session& last = session->second;
    const bool typed_on = now - last.at <= rules_.session_gap && last.key.day == key.day && last.key.area == key.area &&
                          (key.query.starts_with(last.key.query) || last.key.query.starts_with(key.query));
    // The earlier text was a step of this question: it is replaced, unless already flushed.
    if (typed_on && last.generation == generation_) {
      const auto it = searches_.find(last.key);
      if (it != searches_.end()) {
        it->second.searches -= last.counts.searches;
        it->second.zero_results -= last.counts.zero_results;
        it->second.relaxed -= last.counts.relaxed;
        if (it->second.searches <= 0) searches_.erase(it);
      }
    }
  }
  auto it = searches_.find(key);
  if (it == searches_.end()) {
    if (!room_for_one_more()) {
      ++dropped_;
      sessions_.erase(client);
      return false;
    }
    it = searches_.emplace(key, SearchCounts{}).first;
  }
  it->second.searches += counts.searches;
  it->second.zero_results += counts.zero_results;
  it->second.relaxed += counts.relaxed;
  sessions_[client] = Session{std::move(key), counts, now, generation_};
  return true;
}

bool SearchAnalytics::record_open(std::string_view query, const kb::SearchArea& area, const std::string& result_id,
                                  const std::string& client, Clock::time_point now) {
  std::string text = normalise_query(query, rules_.max_query_code_points);
  if (text.empty() || result_id.empty()) return false;
  OpenKey key{SearchKey{utc_day(now), std::move(text), area}, result_id};
  std::lock_guard lock(mutex_);
  // The question found its answer: what the address types next is a new question.
  sessions_.erase(client);
  auto it = opens_.find(key);
  if (it == opens_.end()) {
    if (!room_for_one_more()) {
      ++dropped_;
      return false;
    }
    it = opens_.emplace(std::move(key), 0).first;
  }
  ++it->second;
  return true;
}

FlushResult SearchAnalytics::flush(Clock::time_point now) {
  std::lock_guard flush_lock(flush_mutex_);
  std::map<SearchKey, SearchCounts> searches;
  std::map<OpenKey, std::int64_t> opens;
  {
    std::lock_guard lock(mutex_);
    searches.swap(searches_);
    opens.swap(opens_);
    ++generation_;  // sessions counted before this point can no longer be replaced
  }
  std::vector<kb::SearchDayCount> search_rows;
  search_rows.reserve(searches.size());
  for (const auto& [key, c] : searches) {
    search_rows.push_back({key.day, key.query, key.area, c.searches, c.zero_results, c.relaxed});
  }
  std::vector<kb::OpenDayCount> open_rows;
  open_rows.reserve(opens.size());
  for (const auto& [key, n] : opens) {
    open_rows.push_back({key.search.day, key.search.query, key.search.area, key.result_id, n});
  }
  FlushResult result{search_rows.size(), open_rows.size(), 0};
  try {
    if (!writer_) writer_.emplace(data_dir_.database());
    if (!search_rows.empty() || !open_rows.empty()) writer_->add_search_counts(search_rows, open_rows);
    result.pruned = writer_->prune_search_counts(utc_day(now - std::chrono::hours(24) * rules_.retention_days));
  } catch (...) {
    // Nothing counted is lost: the counts go back, merged with what arrived meanwhile.
    std::lock_guard lock(mutex_);
    for (const auto& [key, c] : searches) {
      SearchCounts& into = searches_[key];
      into.searches += c.searches;
      into.zero_results += c.zero_results;
      into.relaxed += c.relaxed;
    }
    for (const auto& [key, n] : opens) opens_[key] += n;
    throw;
  }
  return result;
}

std::size_t SearchAnalytics::pending() const {
  std::lock_guard lock(mutex_);
  return searches_.size() + opens_.size();
}

std::int64_t SearchAnalytics::dropped() const {
  std::lock_guard lock(mutex_);
  return dropped_;
}

}  // namespace ugk::service
