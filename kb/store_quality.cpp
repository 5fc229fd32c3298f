// Store members for service quality (kb/quality.h): feedback, link checks and search analytics.
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include "kb/store.h"

namespace ugk::kb {
namespace {

std::optional<std::string> optional_column(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return column.getString();
}

}  // namespace

void Store::add_feedback(const Feedback& feedback) {
  SQLite::Statement insert(db_,
                           "INSERT INTO feedback (at, procedure_id, office_id, found, satisfaction, comment, surface) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?)");
  insert.bind(1, feedback.at);
  insert.bind(2, feedback.procedure_id);
  if (feedback.office_id) {
    insert.bind(3, *feedback.office_id);
  } else {
    insert.bind(3);
  }
  insert.bind(4, std::string(to_string(feedback.found)));
  if (feedback.satisfaction) {
    insert.bind(5, std::string(to_string(*feedback.satisfaction)));
  } else {
    insert.bind(5);
  }
  insert.bind(6, feedback.comment);
  insert.bind(7, feedback.surface);
  insert.exec();
}

std::vector<FeedbackCount> Store::feedback_counts(const std::optional<std::string>& since_day) const {
  // The week is named by its Monday: SQLite's weekday 0 is Sunday.
  SQLite::Statement query(db_,
                          "SELECT office_id, date(at, '-6 days', 'weekday 1') AS week, found, satisfaction, COUNT(*) "
                          "FROM feedback WHERE (?1 IS NULL OR at >= ?1) "
                          "GROUP BY office_id, week, found, satisfaction ORDER BY week");
  if (since_day) {
    query.bind(1, *since_day);
  } else {
    query.bind(1);
  }
  std::vector<FeedbackCount> out;
  while (query.executeStep()) {
    FeedbackCount row;
    row.office_id = optional_column(query.getColumn(0));
    row.week = query.getColumn(1).getString();
    row.found = parse_found(query.getColumn(2).getString()).value_or(Found::kYes);
    if (const auto s = optional_column(query.getColumn(3))) row.satisfaction = parse_satisfaction(*s);
    row.count = query.getColumn(4).getInt64();
    out.push_back(std::move(row));
  }
  return out;
}

std::vector<Feedback> Store::recent_comments(std::size_t limit) const {
  SQLite::Statement query(db_,
                          "SELECT id, at, procedure_id, office_id, found, satisfaction, comment, surface FROM feedback "
                          "WHERE comment <> '' ORDER BY id DESC LIMIT ?");
  query.bind(1, static_cast<std::int64_t>(limit));
  std::vector<Feedback> out;
  while (query.executeStep()) {
    Feedback f;
    f.id = query.getColumn(0).getInt64();
    f.at = query.getColumn(1).getString();
    f.procedure_id = query.getColumn(2).getString();
    f.office_id = optional_column(query.getColumn(3));
    f.found = parse_found(query.getColumn(4).getString()).value_or(Found::kYes);
    if (const auto s = optional_column(query.getColumn(5))) f.satisfaction = parse_satisfaction(*s);
    f.comment = query.getColumn(6).getString();
    f.surface = query.getColumn(7).getString();
    out.push_back(std::move(f));
  }
  return out;
}

void Store::put_link_checks(const std::vector<LinkCheck>& checks) {
  SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
  SQLite::Statement upsert(db_,
                           "INSERT INTO link_checks (url, status, problem, http_status, redirects, final_url, "
                           "elapsed_ms, content_type, checked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                           "ON CONFLICT (url) DO UPDATE SET status = excluded.status, problem = excluded.problem, "
                           "http_status = excluded.http_status, redirects = excluded.redirects, "
                           "final_url = excluded.final_url, elapsed_ms = excluded.elapsed_ms, "
                           "content_type = excluded.content_type, checked_at = excluded.checked_at");
  for (const LinkCheck& c : checks) {
    upsert.bind(1, c.url);
    upsert.bind(2, std::string(to_string(c.status)));
    upsert.bind(3, c.problem);
    upsert.bind(4, c.http_status);
    upsert.bind(5, c.redirects);
    upsert.bind(6, c.final_url);
    upsert.bind(7, c.elapsed_ms);
    upsert.bind(8, c.content_type);
    upsert.bind(9, c.checked_at);
    upsert.exec();
    upsert.reset();
  }
  db_.exec(
      "INSERT INTO meta (key, value) VALUES ('links_run', '1') "
      "ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)");
  tx.commit();
}

std::vector<LinkCheck> Store::link_checks() const {
  SQLite::Statement query(db_,
                          "SELECT url, status, problem, http_status, redirects, final_url, elapsed_ms, content_type, "
                          "checked_at FROM link_checks ORDER BY url");
  std::vector<LinkCheck> out;
  while (query.executeStep()) {
    LinkCheck c;
    c.url = query.getColumn(0).getString();
    c.status = parse_link_status(query.getColumn(1).getString()).value_or(LinkStatus::kBroken);
    c.problem = query.getColumn(2).getString();
    c.http_status = query.getColumn(3).getInt();
    c.redirects = query.getColumn(4).getInt();
    c.final_url = query.getColumn(5).getString();
    c.elapsed_ms = query.getColumn(6).getDouble();
    c.content_type = query.getColumn(7).getString();
    c.checked_at = query.getColumn(8).getString();
    out.push_back(std::move(c));
  }
  return out;
}

std::int64_t Store::links_run() const {
  SQLite::Statement query(db_, "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'links_run'");
  return query.executeStep() ? query.getColumn(0).getInt64() : 0;
}

std::map<std::pair<std::string, std::string>, std::string> Store::verification_times() const {
  SQLite::Statement query(db_, "SELECT kind, record_id, at FROM verifications");
  std::map<std::pair<std::string, std::string>, std::string> out;
  while (query.executeStep()) {
    out[{query.getColumn(0).getString(), query.getColumn(1).getString()}] = query.getColumn(2).getString();
  }
  return out;
}

void Store::add_search_counts(const std::vector<SearchDayCount>& searches, const std::vector<OpenDayCount>& opens) {
  SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
  SQLite::Statement add_search(db_,
                               "INSERT INTO search_days (day, query, surface, district, office_id, searches, "
                               "zero_results, relaxed) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                               "ON CONFLICT (day, query, surface, district, office_id) DO UPDATE SET "
                               "searches = searches + excluded.searches, "
                               "zero_results = zero_results + excluded.zero_results, "
                               "relaxed = relaxed + excluded.relaxed");
  for (const SearchDayCount& c : searches) {
    add_search.bind(1, c.day);
    add_search.bind(2, c.query);
    add_search.bind(3, c.area.surface);
    add_search.bind(4, c.area.district);
    add_search.bind(5, c.area.office_id);
    add_search.bind(6, c.searches);
    add_search.bind(7, c.zero_results);
    add_search.bind(8, c.relaxed);
    add_search.exec();
    add_search.reset();
  }
  SQLite::Statement add_open(db_,
                             "INSERT INTO search_open_days (day, query, surface, district, office_id, result_id, "
                             "opens) VALUES (?, ?, ?, ?, ?, ?, ?) "
                             "ON CONFLICT (day, query, surface, district, office_id, result_id) DO UPDATE SET "
                             "opens = opens + excluded.opens");
  for (const OpenDayCount& c : opens) {
    add_open.bind(1, c.day);
    add_open.bind(2, c.query);
    add_open.bind(3, c.area.surface);
    add_open.bind(4, c.area.district);
    add_open.bind(5, c.area.office_id);
    add_open.bind(6, c.result_id);
    add_open.bind(7, c.opens);
    add_open.exec();
    add_open.reset();
  }
  tx.commit();
}

namespace {

// The area condition both roll-up tables share; binds ?1 since, ?2 district, ?3 office.
constexpr const char* kSearchArea =
    " WHERE day >= ?1 AND (?2 IS NULL OR district = ?2) AND (?3 IS NULL OR office_id = ?3)";

void bind_filter(SQLite::Statement& query, const SearchFilter& filter) {
  query.bind(1, filter.since_day);
  if (filter.district) {
    query.bind(2, *filter.district);
  } else {
    query.bind(2);
  }
  if (filter.office_id) {
    query.bind(3, *filter.office_id);
  } else {
    query.bind(3);
  }
}

}  // namespace

std::vector<SearchTotal> Store::search_totals(const SearchFilter& filter, SearchGroup group, std::size_t limit,
                                              bool failed_only) const {
  // The week is named by its Monday, as in feedback_counts.
  const char* key = group == SearchGroup::kWeek    ? "date(day, '-6 days', 'weekday 1')"
                    : group == SearchGroup::kQuery ? "query"
                                                   : "surface";
  std::string sql = std::string("SELECT ") + key +
                    " AS k, SUM(searches), SUM(zero_results), SUM(relaxed) FROM search_days" + kSearchArea +
                    " GROUP BY k";
  if (failed_only) sql += " HAVING SUM(zero_results) + SUM(relaxed) > 0";
  sql += group == SearchGroup::kWeek ? " ORDER BY k"
         : failed_only               ? " ORDER BY SUM(zero_results) + SUM(relaxed) DESC, 2 DESC, k"
                                     : " ORDER BY 2 DESC, k";
  sql += " LIMIT ?4";
  SQLite::Statement query(db_, sql);
  bind_filter(query, filter);
  query.bind(4, static_cast<std::int64_t>(limit));
  std::vector<SearchTotal> out;
  while (query.executeStep()) {
    out.push_back({query.getColumn(0).getString(), query.getColumn(1).getInt64(), query.getColumn(2).getInt64(),
                   query.getColumn(3).getInt64()});
  }
  return out;
}

std::vector<OpenTotal> Store::open_totals(const SearchFilter& filter, std::size_t limit) const {
  SQLite::Statement query(db_, std::string("SELECT result_id, SUM(opens) FROM search_open_days") + kSearchArea +
                                   " GROUP BY result_id ORDER BY 2 DESC, result_id LIMIT ?4");
  bind_filter(query, filter);
  query.bind(4, static_cast<std::int64_t>(limit));
  std::vector<OpenTotal> out;
  while (query.executeStep()) out.push_back({query.getColumn(0).getString(), query.getColumn(1).getInt64()});
  return out;
}

std::int64_t Store::prune_search_counts(const std::string& before_day) {
  SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
  std::int64_t deleted = 0;
  for (const char* table : {"search_days", "search_open_days"}) {
    SQLite::Statement del(db_, std::string("DELETE FROM ") + table + " WHERE day < ?");
    del.bind(1, before_day);
    deleted += del.exec();
  }
  tx.commit();
  return deleted;
}

}  // namespace ugk::kb
