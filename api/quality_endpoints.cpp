// Service quality over HTTP: citizen feedback, the quality report (JSON and CSV), /metrics, and the
// broken-link marks in answers. The decisions live in service::QualityService; here are only bodies,
// keys, limits and rendering.
#include <algorithm>
#include <array>
#include <cstdio>
#include <set>

#include "api/endpoints.h"
#include "api/params.h"
#include "api/problem.h"
#include "api/rate_limiter.h"
#include "api/responses.h"
#include "auth/api_key.h"
#include "kb/json_codec.h"

namespace ugk::api {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxFeedbackBody = 8 * 1024;
constexpr std::size_t kMaxOpenBody = 2 * 1024;

ApiError unavailable() {
  return ApiError(Problem{503, "quality-unavailable", "A szolgáltatás nem érhető el",
                          "A visszajelzés és a minőségi jelentés ebben a futásban nem érhető el.", std::nullopt,
                          json::object()});
}

std::size_t code_points(const std::string& text) {
  std::size_t n = 0;
  for (const char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

const json* member(const json& body, const char* name) {
  const auto it = body.find(name);
  return it == body.end() || it->is_null() ? nullptr : &*it;
}

std::string text_field(const json& body, const char* name, std::size_t max_length, bool required) {
  const json* value = member(body, name);
  if (value == nullptr) {
    if (required) throw bad_parameter(name, std::string("A(z) „") + name + "” mező kötelező.");
    return {};
  }
  if (!value->is_string()) throw bad_parameter(name, std::string("A(z) „") + name + "” mező szöveg.");
  std::string text = value->get<std::string>();
  if (code_points(text) > max_length) {
    throw bad_parameter(
        name, std::string("A(z) „") + name + "” legfeljebb " + std::to_string(max_length) + " karakter lehet.");
  }
  return text;
}

// The small JSON object a citizen-facing POST carries: 413 above `max_bytes`, 400 when not an object.
json small_object_body(const Request& request, std::size_t max_bytes) {
  if (request.body.size() > max_bytes) {
    throw ApiError(Problem{413, "payload-too-large", "Túl nagy kérés",
                           "A kérés törzse legfeljebb " + std::to_string(max_bytes) + " bájt lehet.", "body",
                           json::object()});
  }
  json body;
  try {
    body = kb::parse_bounded_json(request.body);
  } catch (const std::exception&) {
    throw bad_parameter("body", "A kérés törzse nem érvényes JSON (UTF-8).");
  }
  if (!body.is_object()) throw bad_parameter("body", "A kérés törzse JSON objektum.");
  return body;
}

void only_fields(const json& body, const std::set<std::string>& fields) {
  for (const auto& [name, value] : body.items()) {
    if (!fields.contains(name)) throw bad_parameter(name, "Ismeretlen mező: „" + name + "”.");
  }
}

// 429 for a client over its limit, with the wait in Retry-After.
ApiError too_many(std::chrono::seconds wait, const std::string& what) {
  return ApiError(Problem{
      429,
      "too-many-requests",
      "Túl sok kérés",
      "Túl sok " + what + " érkezett innen; próbálja újra " + std::to_string(wait.count()) + " másodperc múlva.",
      std::nullopt,
      json::object(),
      {{"Retry-After", std::to_string(wait.count())}}});
}

// The body of POST /v1/feedback, checked field by field; the honeypot is looked at first, so that a
// bot learns nothing from validation errors.
service::FeedbackSubmission parse_feedback(const Request& request, const kb::Catalog& catalog) {
  const json body = small_object_body(request, kMaxFeedbackBody);
  service::FeedbackSubmission s;
  if (const json* trap = member(body, "website")) {
    s.honeypot_filled = !trap->is_string() || !trap->get<std::string>().empty();
    if (s.honeypot_filled) return s;
  }
  static const std::set<std::string> kFields{"procedure_id", "office_id", "found",      "satisfaction",
                                             "comment",      "surface",   "elapsed_ms", "website"};
  only_fields(body, kFields);
  s.procedure_id = text_field(body, "procedure_id", 200, true);
  if (catalog.procedure(s.procedure_id) == nullptr) {
    throw bad_parameter("procedure_id", "Nincs „" + s.procedure_id + "” azonosítójú ügy.");
  }
  if (const std::string office = text_field(body, "office_id", 100, false); !office.empty()) {
    if (catalog.office(office) == nullptr)
      throw bad_parameter("office_id", "Nincs „" + office + "” azonosítójú hivatal.");
    s.office_id = office;
  }
  const auto found = kb::parse_found(text_field(body, "found", 20, true));
  if (!found) throw bad_parameter("found", "A „found” értéke igen, reszben vagy nem.");
  s.found = *found;
  if (const std::string satisfaction = text_field(body, "satisfaction", 20, false); !satisfaction.empty()) {
    s.satisfaction = kb::parse_satisfaction(satisfaction);
    if (!s.satisfaction) throw bad_parameter("satisfaction", "A „satisfaction” értéke nagyon_jo, jo vagy nem_jo.");
  }
  s.comment = text_field(body, "comment", kb::kMaxFeedbackComment, false);
  s.surface = text_field(body, "surface", 20, false);
  if (!s.surface.empty() && !kb::is_surface(s.surface)) throw bad_surface();
  const json* elapsed = member(body, "elapsed_ms");
  if (elapsed == nullptr || !elapsed->is_number_integer() || elapsed->get<std::int64_t>() < 0) {
    throw bad_parameter("elapsed_ms",
                        "Az „elapsed_ms” a válasz megjelenése óta eltelt idő ezredmásodpercben "
                        "(nemnegatív egész).");
  }
  s.time_on_page = std::chrono::milliseconds(elapsed->get<std::int64_t>());
  return s;
}

ApiError forbidden(const std::string& detail) {
  return ApiError(Problem{403, "forbidden", "Nincs jogosultság", detail, std::nullopt, json::object()});
}

// The key presented, if any; a presented key that does not authenticate is a 401, and repeated
// failures from one address with one key id a 429 (as in the editing API: rate_limiter.h).
std::optional<kb::ApiKeyRecord> optional_key(const Request& request, const service::KnowledgeService& knowledge,
                                             RateLimiter& limiter, Metrics* metrics) {
  const auto header = request.header("authorization");
  if (!header) return std::nullopt;
  auto refuse = [&](const std::string& key_id, const std::string& detail) {
    if (auto wait = limiter.auth_failed(request.client + "|" + key_id)) {
      if (metrics != nullptr) metrics->count_rate_limited(RateLimited::kAuth);
      return ApiError(Problem{429,
                              "too-many-requests",
                              "Túl sok kérés",
                              "Túl sok sikertelen azonosítás ezzel a kulccsal; próbálja újra " +
                                  std::to_string(wait->count()) + " másodperc múlva.",
                              std::nullopt,
                              json::object(),
                              {{"Retry-After", std::to_string(wait->count())}}});
    }
    return unauthorized(detail);
  };
  if (!header->starts_with("Bearer ")) throw refuse("?", "Az azonosítás formája: Authorization: Bearer <kulcs>.");
  const auto token = auth::parse_token(header->substr(7));
  if (!token) throw refuse("?", "Hibás formájú API-kulcs.");
  auto key = knowledge.find_key(token->id);
  if (!key || !auth::secret_matches(token->secret, key->secret_hash) || key->revoked_at) {
    throw refuse(token->id, "Ismeretlen, visszavont vagy hibás API-kulcs.");
  }
  return key;
}

bool covers(const kb::ApiKeyRecord& key, const std::string& office) {
  return key.role == "admin" ||
         (key.role == "editor" && std::find(key.offices.begin(), key.offices.end(), office) != key.offices.end());
}

std::string csv_cell(const std::string& text) {
  // Spreadsheets run cells that start with = + - @ as formulas: such text is quoted with a leading '.
  std::string value = text;
  if (!value.empty() && (value.front() == '=' || value.front() == '+' || value.front() == '@')) value = "'" + value;
  if (value.find_first_of(";\"\r\n") == std::string::npos) return value;
  std::string out = "\"";
  for (const char c : value) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string number_text(const json& value) {
  if (value.is_number_float()) {
    char text[32];
    std::snprintf(text, sizeof text, "%.4f", value.get<double>());
    return text;
  }
  return value.is_string() ? value.get<std::string>() : value.dump();
}

// The report as semicolon-separated rows (as office_sheet: what Hungarian spreadsheets open):
// section;item;level;count;share.
std::string report_csv(const json& report) {
  std::string out = "section;item;level;count;share\r\n";
  auto row = [&out](const std::string& a, const std::string& b, const std::string& c, const std::string& d,
                    const std::string& e) {
    out += csv_cell(a) + ";" + csv_cell(b) + ";" + csv_cell(c) + ";" + csv_cell(d) + ";" + csv_cell(e) + "\r\n";
  };
  const json& scope = report["scope"];
  row("scope", scope.value("level", ""), scope.value("id", ""), "", "");
  const json& f = report["feedback"];
  row("feedback", "total", "", number_text(f["total"]), "");
  for (const auto& [level, v] : f["found"].items())
    row("feedback", "found", level, number_text(v["count"]), number_text(v["share"]));
  for (const auto& [level, v] : f["satisfaction"].items()) {
    row("feedback", "satisfaction", level, number_text(v["count"]), number_text(v["share"]));
  }
  for (const json& week : f["weeks"]) {
    row("week", week["week"].get<std::string>(), "total", number_text(week["total"]), "");
  }
  row("unverified", "days_" + number_text(report["unverified"]["days"]), "", number_text(report["unverified"]["count"]),
      "");
  for (const char* k : {"checked", "unchecked", "caution", "broken"})
    row("links", k, "", number_text(report["links"][k]), "");
  for (const json& link : report["links"]["broken_links"]) {
    row("broken_link", link["url"].get<std::string>(), link["problem"].get<std::string>(),
        number_text(link["http_status"]), "");
  }
  row("reviews", "open", "", number_text(report["reviews"]["open"]), "");
  const json& search = report["search"];
  for (const char* k : {"searches", "zero_results", "relaxed"}) row("search", k, "", number_text(search[k]), "");
  for (const json& week : search["weeks"]) {
    row("search_week", week["week"].get<std::string>(), "searches", number_text(week["searches"]), "");
  }
  for (const json& surface : search["surfaces"]) {
    row("search_surface", surface["surface"].get<std::string>(), "searches", number_text(surface["searches"]), "");
  }
  for (const json& q : search.value("failed_queries", json::array())) {
    row("failed_query", q["query"].get<std::string>(), "zero_results", number_text(q["zero_results"]), "");
    row("failed_query", q["query"].get<std::string>(), "relaxed", number_text(q["relaxed"]), "");
  }
  return out;
}

void gauge(std::string& out, const char* name, const char* help, double value) {
  char text[64];
  std::snprintf(text, sizeof text, "%.17g", value);
  out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " gauge\n" + name + " " + text + "\n";
}

}  // namespace

void flag_broken_links(json& answer, const service::QualityService* quality, const char* mark_only_under) {
  if (quality == nullptr) return;
  const auto statuses = quality->link_status();
  json broken = json::array();
  std::set<std::string> listed;
  // Every object with a web address the answer shows: forms ("url"), local channels ("online_url")
  // and the procedure's online channel ("where" when it is an address).
  auto walk = [&](auto& self, json& node, bool mark) -> void {
    if (node.is_object()) {
      for (const char* field : {"url", "online_url", "where"}) {
        const auto it = node.find(field);
        if (it == node.end() || !it->is_string()) continue;
        const auto check = statuses->find(it->get<std::string>());
        if (check == statuses->end()) continue;
        if (mark) node[std::string(field) + "_status"] = kb::to_string(check->second.status);
        if (check->second.status == kb::LinkStatus::kBroken && listed.insert(check->first).second) {
          broken.push_back({{"url", check->first},
                            {"problem", check->second.problem},
                            {"http_status", check->second.http_status},
                            {"checked_at", check->second.checked_at}});
        }
      }
      for (auto& [key, value] : node.items()) {
        if (value.is_structured()) self(self, value, mark);
      }
    } else if (node.is_array()) {
      for (json& value : node) self(self, value, mark);
    }
  };
  if (!statuses->empty()) {
    if (mark_only_under == nullptr) {
      walk(walk, answer, true);
    } else {
      for (auto& [key, value] : answer.items()) {
        if (value.is_structured()) walk(walk, value, key == mark_only_under);
      }
    }
  }
  answer["broken_links"] = broken;
}

void add_quality_routes(RouteTable& table, service::KnowledgeService& knowledge, const QualityOptions& options) {
  service::QualityService* quality = options.quality;
  Metrics* metrics = options.metrics;
  auto limiter = std::make_shared<RateLimiter>(options.feedback_limits);

  table.add(Method::kPost, "/v1/feedback", [&knowledge, quality, metrics, limiter](const Request& request) {
    if (quality == nullptr) throw unavailable();
    // The address is the rate limiter's key in memory only; it is never stored.
    if (auto wait = limiter->take_write("feedback:" + request.client)) {
      if (metrics != nullptr) metrics->count_rate_limited(RateLimited::kFeedback);
      throw too_many(*wait, "visszajelzés");
    }
    const service::FeedbackSubmission submission = parse_feedback(request, *knowledge.catalog());
    const service::FeedbackVerdict verdict = quality->submit_feedback(submission, request.client);
    if (metrics != nullptr) {
      switch (verdict) {
        case service::FeedbackVerdict::kStored:
          metrics->count_feedback(FeedbackOutcome::kStored);
          break;
        case service::FeedbackVerdict::kDuplicate:
          metrics->count_feedback(FeedbackOutcome::kDuplicate);
          break;
        case service::FeedbackVerdict::kHoneypot:
          metrics->count_feedback(FeedbackOutcome::kHoneypot);
          break;
        case service::FeedbackVerdict::kTooFast:
          metrics->count_feedback(FeedbackOutcome::kTooFast);
          break;
      }
    }
    // The same answer whatever was done with it: a bot cannot tell that it was dropped.
    return json_response({{"status", "received"}, {"message", "Köszönjük a visszajelzést!"}}, 202);
  });

  // A result opened from a search answer (search analytics). Counted only, never stored per person.
  auto open_limiter = std::make_shared<RateLimiter>(options.open_limits);
  service::SearchAnalytics* analytics = options.analytics;
  table.add(
      Method::kPost, "/v1/analytics/opens", [&knowledge, analytics, metrics, open_limiter](const Request& request) {
        if (auto wait = open_limiter->take_write("opens:" + request.client)) {
          if (metrics != nullptr) metrics->count_rate_limited(RateLimited::kOpens);
          throw too_many(*wait, "kérés");
        }
        const json body = small_object_body(request, kMaxOpenBody);
        only_fields(body, {"query", "result_id", "surface", "settlement"});
        const auto catalog = knowledge.catalog();
        const std::string query = text_field(body, "query", 200, true);
        const std::string result_id = text_field(body, "result_id", 200, true);
        if (catalog->procedure(result_id) == nullptr) {
          throw bad_parameter("result_id", "Nincs „" + result_id + "” azonosítójú ügy.");
        }
        const std::string surface = text_field(body, "surface", 20, true);
        if (!kb::is_surface(surface)) throw bad_surface();
        const kb::Settlement* settlement = nullptr;
        if (const std::string s = text_field(body, "settlement", 100, false); !s.empty()) {
          settlement = &resolve_settlement_param(*catalog, "settlement", s);
        }
        const bool counted =
            analytics != nullptr && analytics->record_open(query, service::search_area(*catalog, settlement, surface),
                                                           result_id, request.client);
        return json_response({{"status", counted ? "counted" : "not_counted"}}, 202);
      });

  auto auth_limiter = std::make_shared<RateLimiter>(options.auth_limits);
  table.get("/v1/reports/quality", [&knowledge, quality, analytics, metrics, auth_limiter](const Request& request) {
    if (quality == nullptr) throw unavailable();
    const auto catalog = knowledge.catalog();
    const auto office = optional_text(request, "office", 100);
    const auto district = optional_text(request, "district", 10);
    if (office && district)
      throw bad_parameter("district", "Az „office” és a „district” közül csak az egyiket adja meg.");
    const auto format = optional_text(request, "format", 10).value_or("json");
    if (format != "json" && format != "csv") throw bad_parameter("format", "A „format” értéke json vagy csv.");
    service::ReportOptions report_options;
    report_options.unverified_days = static_cast<int>(bounded_count(request, "days", 365, 1, 3650));
    report_options.search_weeks = static_cast<int>(bounded_count(request, "weeks", 12, 1, 104));
    const auto key = optional_key(request, knowledge, *auth_limiter, metrics);

    service::ReportScope scope;
    bool with_comments = false;
    if (office) {
      if (catalog->office(*office) == nullptr)
        throw not_found("office", "Nincs „" + *office + "” azonosítójú hivatal.");
      if (!key) throw unauthorized("A hivatali jelentéshez a hivatal szerkesztői kulcsa kell.");
      if (!covers(*key, *office)) throw forbidden("A kulcs nem jogosít a(z) " + *office + " hivatal jelentésére.");
      scope = {service::ReportLevel::kOffice, *office};
      with_comments = true;
    } else if (district) {
      if (catalog->district(*district) == nullptr) throw not_found("district", "Nincs „" + *district + "” kódú járás.");
      if (!key) throw unauthorized("A járási jelentéshez szerkesztői kulcs kell.");
      for (const kb::Office* o : catalog->offices_in_district(*district)) {
        if (!covers(*key, o->id)) throw forbidden("A kulcs nem jogosít a járás minden hivatalára (" + o->id + ").");
      }
      scope = {service::ReportLevel::kDistrict, *district};
      with_comments = true;
    } else {
      // National figures are public and aggregated; comments only for administrators.
      with_comments = key && key->role == "admin";
    }
    report_options.detailed = with_comments;
    // The report counts what the server counted until now, not only until the last flush.
    if (analytics != nullptr) analytics->flush();
    json report = quality->report(*catalog, scope, report_options);
    if (report_options.detailed) service::offer_candidates(report, knowledge);
    if (format == "csv") {
      Response response;
      response.content_type = "text/csv";
      response.body = report_csv(report);
      return response;
    }
    return json_response(report);
  });

  table.get("/metrics", [&knowledge, quality, analytics, metrics](const Request&) {
    std::string out = metrics != nullptr ? metrics->render() : std::string();
    const service::Readiness r = knowledge.readiness();
    gauge(out, "ugk_store_version", "Last change id of the store.", static_cast<double>(r.store_version));
    gauge(out, "ugk_catalog_version", "Store version of the served catalog.", static_cast<double>(r.catalog_version));
    gauge(out, "ugk_index_version", "Store version of the search index (-1: none).",
          r.index_version ? static_cast<double>(*r.index_version) : -1.0);
    gauge(out, "ugk_index_lag", "Changes the search index is behind the store.",
          static_cast<double>(r.store_version - r.index_version.value_or(0)));
    gauge(out, "ugk_catalog_lag", "Changes the served catalog is behind the store.",
          static_cast<double>(r.store_version - r.catalog_version));
    if (analytics != nullptr) {
      gauge(out, "ugk_analytics_pending", "Search counts held in memory until the next flush.",
            static_cast<double>(analytics->pending()));
      out +=
          "# HELP ugk_analytics_dropped_total Search counts refused because the pending counts were full.\n"
          "# TYPE ugk_analytics_dropped_total counter\nugk_analytics_dropped_total " +
          std::to_string(analytics->dropped()) + "\n";
    }
    if (quality != nullptr) {
      const auto statuses = quality->link_status();
      std::array<std::int64_t, 3> counts{};
      for (const auto& [url, check] : *statuses) ++counts[static_cast<std::size_t>(check.status)];
      out += "# HELP ugk_links Links by the outcome of their latest check.\n# TYPE ugk_links gauge\n";
      for (const kb::LinkStatus s : {kb::LinkStatus::kOk, kb::LinkStatus::kCaution, kb::LinkStatus::kBroken}) {
        out += "ugk_links{outcome=\"" + std::string(kb::to_string(s)) + "\"} " +
               std::to_string(counts[static_cast<std::size_t>(s)]) + "\n";
      }
    }
    Response response;
    response.content_type = "text/plain";  // the text exposition format, version 0.0.4
    response.body = std::move(out);
    return response;
  });
}

}  // namespace ugk::api
