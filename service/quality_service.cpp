#include "service/quality_service.h"

#include <algorithm>
#include <ctime>
#include <set>

#include "kb/ids.h"
#include "kb/record_kind.h"
#include "kb/scrub.h"
#include "search/search_types.h"
#include "service/knowledge_service.h"

namespace ugk::service {
namespace {

using nlohmann::json;

std::string utc_time(std::chrono::system_clock::time_point at, const char* format) {
  const std::time_t t = std::chrono::system_clock::to_time_t(at);
  std::tm utc{};
  gmtime_r(&t, &utc);
  char text[32];
  std::strftime(text, sizeof text, format, &utc);
  return text;
}

std::string utc_now() {
  return utc_time(std::chrono::system_clock::now(), "%Y-%m-%dT%H:%M:%SZ");
}

bool is_web_url(const std::string& text) {
  return text.starts_with("http://") || text.starts_with("https://");
}

void add_link(LinkMap& links, const kb::OptString& url, kb::RecordKind kind, const std::string& id,
              const std::optional<std::string>& office) {
  if (url && is_web_url(*url)) links[*url].push_back({kind, id, office});
}

json share_table(const std::map<std::string, std::int64_t>& counts, const std::vector<std::string>& levels,
                 std::int64_t total) {
  json out = json::object();
  for (const std::string& level : levels) {
    const auto it = counts.find(level);
    const std::int64_t n = it == counts.end() ? 0 : it->second;
    out[level] = {{"count", n}, {"share", total > 0 ? static_cast<double>(n) / static_cast<double>(total) : 0.0}};
  }
  return out;
}

const std::vector<std::string>& found_levels() {
  static const std::vector<std::string> kLevels{"igen", "reszben", "nem"};
  return kLevels;
}
const std::vector<std::string>& satisfaction_levels() {
  static const std::vector<std::string> kLevels{"nagyon_jo", "jo", "nem_jo"};
  return kLevels;
}

json totals_view(const kb::SearchTotal& t, const char* key_name) {
  return {{key_name, t.key}, {"searches", t.searches}, {"zero_results", t.zero_results}, {"relaxed", t.relaxed}};
}

// Searches of the scope's area from the analytics roll-ups: per week and surface; detailed, the
// queries that failed (with the records an editor could add for them) and the results opened most.
json search_section(const kb::Store& store, const ReportScope& scope, const ReportOptions& options) {
  kb::SearchFilter filter;
  filter.since_day =
      utc_time(std::chrono::system_clock::now() - std::chrono::hours(24 * 7) * options.search_weeks, "%Y-%m-%d");
  if (scope.level == ReportLevel::kDistrict) filter.district = scope.id;
  if (scope.level == ReportLevel::kOffice) filter.office_id = scope.id;
  std::int64_t searches = 0, zero = 0, relaxed = 0;
  json weeks = json::array();
  for (const kb::SearchTotal& t : store.search_totals(filter, kb::SearchGroup::kWeek, 1000)) {
    searches += t.searches;
    zero += t.zero_results;
    relaxed += t.relaxed;
    weeks.push_back(totals_view(t, "week"));
  }
  json surfaces = json::array();
  for (const kb::SearchTotal& t : store.search_totals(filter, kb::SearchGroup::kSurface, 10)) {
    surfaces.push_back(totals_view(t, "surface"));
  }
  json out{{"since", filter.since_day}, {"weeks_covered", options.search_weeks},
           {"searches", searches},      {"zero_results", zero},
           {"relaxed", relaxed},        {"weeks", weeks},
           {"surfaces", surfaces}};
  if (!options.detailed) return out;
  json failed = json::array();
  for (const kb::SearchTotal& t : store.search_totals(filter, kb::SearchGroup::kQuery, 50, true)) {
    json row = totals_view(t, "query");
    // What the editing API takes to mend it: the phrase as a synonym, or the query as a best bet.
    // What the editing API takes to mend it (POST to the collection, the editor fills in the terms
    // or the procedures): the query as a synonym's phrase, or as a best bet's query.
    const std::string id = kb::id_from_text(t.key);
    row["offers"] = {{"synonym",
                      {{"collection", kb::info(kb::RecordKind::kSearchSynonym).collection},
                       {"record", {{"id", id}, {"phrase", t.key}, {"terms", json::array()}}}}},
                     {"best_bet",
                      {{"collection", kb::info(kb::RecordKind::kBestBet).collection},
                       {"record", {{"id", id}, {"query", t.key}, {"procedures", json::array()}}}}}};
    failed.push_back(std::move(row));
  }
  json opened = json::array();
  for (const kb::OpenTotal& t : store.open_totals(filter, 20)) {
    opened.push_back({{"result_id", t.result_id}, {"opens", t.opens}});
  }
  out["failed_queries"] = failed;
  out["opened"] = opened;
  return out;
}

}  // namespace

void offer_candidates(json& report, const KnowledgeService& knowledge) {
  const auto search = report.find("search");
  if (search == report.end() || !search->is_object() || !search->contains("failed_queries")) return;
  for (json& row : (*search)["failed_queries"]) {
    search::SearchRequest request;
    request.text = row["query"].get<std::string>();
    request.type = search::DocType::kProcedure;
    request.limit = 3;
    request.facets = false;
    json candidates = json::array();
    try {
      for (const search::Hit& hit : knowledge.search(request).hits) {
        candidates.push_back({{"id", hit.id}, {"title", hit.title}});
      }
    } catch (const std::exception&) {
      // A query the search refuses now (e.g. the index is busy) simply has no candidates.
    }
    if (!candidates.empty()) row["offers"]["best_bet"]["record"]["procedures"] = json::array({candidates[0]["id"]});
    row["candidates"] = std::move(candidates);
  }
}

LinkMap collect_links(const kb::Catalog& catalog) {
  using kb::RecordKind;
  LinkMap links;
  for (const kb::Form& f : catalog.forms()) add_link(links, f.url, RecordKind::kForm, f.id, std::nullopt);
  for (const kb::Procedure& p : catalog.procedures()) {
    add_link(links, p.channels.online.where, RecordKind::kProcedure, p.id, std::nullopt);
  }
  for (const kb::Procedure& p : catalog.local_procedures()) {
    add_link(links, p.channels.online.where, RecordKind::kLocalProcedure, p.id, p.office_id);
  }
  for (const kb::LocalVariant& v : catalog.variants()) {
    add_link(links, v.online_url, RecordKind::kVariant, v.id, v.office_id);
    if (v.forms) {
      for (const kb::VariantForm& f : *v.forms) add_link(links, f.url, RecordKind::kVariant, v.id, v.office_id);
    }
  }
  return links;
}

QualityService::QualityService(DataDir data_dir, FeedbackRules rules)
    : data_dir_(std::move(data_dir)), rules_(rules), writer_(data_dir_.database()) {}

kb::Store QualityService::read_store() const {
  return kb::Store(data_dir_.database(), kb::Store::Mode::kReadOnly);
}

FeedbackVerdict QualityService::submit_feedback(const FeedbackSubmission& submission, const std::string& client,
                                                Clock::time_point now) {
  if (submission.honeypot_filled) return FeedbackVerdict::kHoneypot;
  if (submission.time_on_page < rules_.min_time_on_page) return FeedbackVerdict::kTooFast;
  kb::Feedback feedback;
  feedback.at = utc_now();
  feedback.procedure_id = submission.procedure_id;
  feedback.office_id = submission.office_id;
  feedback.found = submission.found;
  feedback.satisfaction = submission.satisfaction;
  feedback.comment = kb::scrub_personal_data(submission.comment);
  feedback.surface = submission.surface;

  const std::string answer_key = client + '\n' + submission.procedure_id + '\n' + submission.office_id.value_or("");
  const std::string comment_key = feedback.comment.empty() ? "" : "comment\n" + feedback.comment;
  std::lock_guard lock(write_mutex_);
  std::erase_if(recent_, [&](const auto& entry) { return now - entry.second > rules_.duplicate_window; });
  const bool repeated = recent_.contains(answer_key) || (!comment_key.empty() && recent_.contains(comment_key));
  recent_[answer_key] = now;
  if (!comment_key.empty()) recent_[comment_key] = now;
  if (repeated) return FeedbackVerdict::kDuplicate;
  writer_.add_feedback(feedback);
  return FeedbackVerdict::kStored;
}

void QualityService::record_link_checks(const std::vector<kb::LinkCheck>& checks) {
  {
    std::lock_guard lock(write_mutex_);
    writer_.put_link_checks(checks);
  }
  links_looked_ms_.store(0);  // the next reader reloads
}

std::shared_ptr<const LinkStatusMap> QualityService::link_status() const {
  const auto now_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now().time_since_epoch()).count() + 1;
  std::int64_t looked = links_looked_ms_.load();
  // One caller a second looks at the store; the others use what is published.
  if (now_ms - looked >= 1000 && links_looked_ms_.compare_exchange_strong(looked, now_ms)) {
    try {
      const kb::Store store = read_store();
      const std::int64_t run = store.links_run();
      bool stale = false;
      {
        std::lock_guard lock(links_mutex_);
        stale = run != links_run_ || !links_;
      }
      if (stale) {
        auto map = std::make_shared<LinkStatusMap>();
        for (kb::LinkCheck& c : store.link_checks()) {
          std::string url = c.url;
          map->emplace(std::move(url), std::move(c));
        }
        std::lock_guard lock(links_mutex_);
        links_ = std::move(map);
        links_run_ = run;
      }
    } catch (const std::exception&) {
      // Keep what was published; the next look retries.
    }
  }
  std::lock_guard lock(links_mutex_);
  if (!links_) links_ = std::make_shared<LinkStatusMap>();
  return links_;
}

json QualityService::report(const kb::Catalog& catalog, const ReportScope& scope, const ReportOptions& options) const {
  const int unverified_days = options.unverified_days;
  const bool with_comments = options.detailed;
  using kb::RecordKind;
  // The offices of the scope (empty set with `national`: every office and feedback without one).
  const bool national = scope.level == ReportLevel::kNational;
  std::set<std::string> offices;
  json scope_view{{"level", national ? "national" : scope.level == ReportLevel::kDistrict ? "district" : "office"}};
  if (scope.level == ReportLevel::kOffice) {
    offices.insert(scope.id);
    scope_view["id"] = scope.id;
    if (const kb::Office* o = catalog.office(scope.id)) scope_view["name"] = o->name;
  } else if (scope.level == ReportLevel::kDistrict) {
    for (const kb::Office* o : catalog.offices_in_district(scope.id)) offices.insert(o->id);
    scope_view["id"] = scope.id;
    if (const kb::District* d = catalog.district(scope.id)) scope_view["name"] = d->name;
  }
  auto in_scope = [&](const std::optional<std::string>& office) {
    return national || (office && offices.contains(*office));
  };

  const kb::Store store = read_store();
  // Feedback: totals and a weekly series.
  std::int64_t total = 0, rated = 0;
  std::map<std::string, std::int64_t> found, satisfaction;
  std::map<std::string, json> weeks;
  for (const kb::FeedbackCount& row : store.feedback_counts(std::nullopt)) {
    if (!in_scope(row.office_id)) continue;
    const std::string f(kb::to_string(row.found));
    total += row.count;
    found[f] += row.count;
    json& week = weeks[row.week];
    if (week.is_null()) {
      week = {{"week", row.week},
              {"total", 0},
              {"found", {{"igen", 0}, {"reszben", 0}, {"nem", 0}}},
              {"satisfaction", {{"nagyon_jo", 0}, {"jo", 0}, {"nem_jo", 0}}}};
    }
    week["total"] = week["total"].get<std::int64_t>() + row.count;
    week["found"][f] = week["found"][f].get<std::int64_t>() + row.count;
    if (row.satisfaction) {
      const std::string s(kb::to_string(*row.satisfaction));
      rated += row.count;
      satisfaction[s] += row.count;
      week["satisfaction"][s] = week["satisfaction"][s].get<std::int64_t>() + row.count;
    }
  }
  json week_list = json::array();
  for (auto& [name, week] : weeks) week_list.push_back(week);
  json feedback{{"total", total},
                {"found", share_table(found, found_levels(), total)},
                {"rated", rated},
                {"satisfaction", share_table(satisfaction, satisfaction_levels(), rated)},
                {"weeks", week_list}};

  // Records not verified in N days: the offices' own records, or nationally the national ones.
  const std::string cutoff =
      utc_time(std::chrono::system_clock::now() - std::chrono::hours(24) * unverified_days, "%Y-%m-%dT%H:%M:%SZ");
  const auto verified = store.verification_times();
  std::vector<std::pair<RecordKind, std::string>> records;
  if (national) {
    for (const kb::Procedure& p : catalog.procedures()) records.emplace_back(RecordKind::kProcedure, p.id);
    for (const kb::Form& f : catalog.forms()) records.emplace_back(RecordKind::kForm, f.id);
  } else {
    for (const std::string& office : offices) {
      records.emplace_back(RecordKind::kOffice, office);
      for (const kb::Visit* v : catalog.visits_by(office)) records.emplace_back(RecordKind::kVisit, v->id);
      for (const kb::LocalVariant* v : catalog.variants_of_office(office)) {
        records.emplace_back(RecordKind::kVariant, v->id);
      }
      for (const kb::Procedure* p : catalog.local_procedures_of(office)) {
        records.emplace_back(RecordKind::kLocalProcedure, p->id);
      }
    }
  }
  std::int64_t unverified = 0;
  json unverified_list = json::array();
  for (const auto& [kind, id] : records) {
    const auto it = verified.find({std::string(kb::info(kind).name), id});
    if (it != verified.end() && it->second >= cutoff) continue;
    ++unverified;
    if (unverified_list.size() < 200 && !national) {
      unverified_list.push_back({{"kind", kb::info(kind).collection},
                                 {"id", id},
                                 {"verified_at", it == verified.end() ? json(nullptr) : json(it->second)}});
    }
  }

  // Links of the scope's records (nationally: all) and their latest check.
  const auto statuses = link_status();
  std::int64_t checked = 0, broken = 0, caution = 0, unchecked = 0;
  json broken_list = json::array();
  for (const auto& [url, refs] : collect_links(catalog)) {
    json ref_list = json::array();
    for (const LinkReference& ref : refs) {
      if (national || in_scope(ref.office_id)) {
        ref_list.push_back({{"kind", kb::info(ref.kind).collection}, {"id", ref.record_id}});
      }
    }
    if (ref_list.empty()) continue;
    const auto it = statuses->find(url);
    if (it == statuses->end()) {
      ++unchecked;
      continue;
    }
    ++checked;
    if (it->second.status == kb::LinkStatus::kCaution) ++caution;
    if (it->second.status != kb::LinkStatus::kBroken) continue;
    ++broken;
    broken_list.push_back({{"url", url},
                           {"problem", it->second.problem},
                           {"http_status", it->second.http_status},
                           {"checked_at", it->second.checked_at},
                           {"records", ref_list}});
  }

  std::int64_t reviews = 0;
  for (const kb::Review& r : store.open_reviews(std::nullopt)) {
    if (national || offices.contains(r.office_id)) ++reviews;
  }

  json out{{"scope", scope_view},
           {"generated_at", utc_now()},
           {"feedback", feedback},
           {"unverified", {{"days", unverified_days}, {"count", unverified}, {"records", unverified_list}}},
           {"links",
            {{"checked", checked},
             {"unchecked", unchecked},
             {"caution", caution},
             {"broken", broken},
             {"broken_links", broken_list}}},
           {"reviews", {{"open", reviews}}},
           {"search", search_section(store, scope, options)}};
  if (with_comments) {
    json comments = json::array();
    for (const kb::Feedback& f : store.recent_comments(500)) {
      if (!in_scope(f.office_id)) continue;
      comments.push_back({{"at", f.at},
                          {"procedure_id", f.procedure_id},
                          {"office_id", f.office_id ? json(*f.office_id) : json(nullptr)},
                          {"found", kb::to_string(f.found)},
                          {"satisfaction", f.satisfaction ? json(kb::to_string(*f.satisfaction)) : json(nullptr)},
                          {"comment", f.comment}});
      if (comments.size() >= 50) break;
    }
    out["comments"] = comments;
  }
  return out;
}

}  // namespace ugk::service
