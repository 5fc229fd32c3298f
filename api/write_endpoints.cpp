// The editing API over the editable record kinds of kb/record_kind.h: one small handler per verb
// (create, replace, patch, delete, verify), plus history, staleness, reviews and the change feed.
// Everything an edit decides lives in service::EditingService; here are only keys, bodies, headers
// and the rendering of outcomes as HTTP.
#include <algorithm>
#include <chrono>
#include <ctime>

#include "api/endpoints.h"
#include "api/params.h"
#include "api/problem.h"
#include "api/rate_limiter.h"
#include "api/responses.h"
#include "api/url.h"
#include "auth/api_key.h"
#include "kb/ids.h"
#include "kb/json_codec.h"
#include "service/editing_service.h"
#include "service/office_sheet.h"

namespace ugk::api {
namespace {

using kb::RecordKind;
using nlohmann::json;

std::string etag(std::int64_t version) {
  return "\"" + std::to_string(version) + "\"";
}

// Where the records of a kind live in the URL space. A variant is addressed through its procedure
// and office; every other kind by its own key under its collection.
struct KindPaths {
  RecordKind kind;
  std::optional<std::string> collection;  // POST target; none when the path builds the id
  std::string item;                       // pattern of one record
};

KindPaths paths_of(RecordKind kind) {
  if (kind == RecordKind::kVariant) return {kind, std::nullopt, "/v1/procedures/:id/variants/:office"};
  const std::string collection = "/v1/" + std::string(kb::info(kind).collection);
  return {kind, collection, collection + "/:id"};
}

std::string record_id(RecordKind kind, const Request& request) {
  if (kind == RecordKind::kVariant) return kb::owned_id(path_param(request, "id"), path_param(request, "office"));
  return path_param(request, "id");
}

std::string location_of(RecordKind kind, const std::string& id) {
  // Ids obey the id grammar (kb/ids.h), so encoding changes nothing today; it keeps a header line
  // one line should a rule ever let something else through.
  if (kind == RecordKind::kVariant) {
    if (const auto owned = kb::split_owned_id(id)) {
      return "/v1/procedures/" + percent_encode_segment(owned->name) + "/variants/" +
             percent_encode_segment(owned->office_id);
    }
  }
  return "/v1/" + std::string(kb::info(kind).collection) + "/" + percent_encode_segment(id);
}

// The HTTP side of writing: who is asking, with what body, at what rate.
class Gate {
 public:
  Gate(service::KnowledgeService& knowledge, RateLimits limits, std::size_t max_body_bytes, Metrics* metrics)
      : knowledge_(knowledge), limiter_(limits), max_body_bytes_(max_body_bytes), metrics_(metrics) {}

  // Counts a successful write of `kind` in the operations metrics.
  Response counted(RecordKind kind, Response response) const {
    if (metrics_ != nullptr && response.status >= 200 && response.status < 300) {
      metrics_->count_write(kb::info(kind).collection);
    }
    return response;
  }

  kb::ApiKeyRecord authenticate(const Request& request) {
    const auto header = request.header("authorization");
    if (!header || !header->starts_with("Bearer ")) {
      throw unauthorized("Íráshoz API-kulcs kell: Authorization: Bearer <kulcs>.");
    }
    const auto token = auth::parse_token(header->substr(7));
    if (!token) return refuse(request, "?", "Hibás formájú API-kulcs.");
    auto key = knowledge_.find_key(token->id);
    if (!key || !auth::secret_matches(token->secret, key->secret_hash)) {
      return refuse(request, token->id, "Ismeretlen API-kulcs vagy hibás titok.");
    }
    if (key->revoked_at) return refuse(request, token->id, "Ezt az API-kulcsot visszavonták.");
    if (auto wait = limiter_.take_write("key:" + key->id)) {
      if (metrics_ != nullptr) metrics_->count_rate_limited(RateLimited::kWrite);
      throw too_many(*wait, "túl sok írási kérés");
    }
    return *key;
  }

  json body(const Request& request) const {
    if (request.body.size() > max_body_bytes_) {
      throw ApiError(Problem{413, "payload-too-large", "Túl nagy kérés",
                             "A kérés törzse legfeljebb " + std::to_string(max_body_bytes_) + " bájt lehet.", "body",
                             json::object()});
    }
    try {
      return kb::parse_bounded_json(request.body);
    } catch (const kb::JsonTooDeep&) {
      throw bad_parameter("body", "A kérés törzse túl mélyen ágyazott JSON (legfeljebb " +
                                      std::to_string(kb::kMaxJsonDepth) + " szint).");
    } catch (const json::parse_error& e) {
      // The position only: the parser's message may quote the offending bytes.
      throw bad_parameter("body",
                          "A kérés törzse nem érvényes JSON (UTF-8) a(z) " + std::to_string(e.byte) + ". bájtnál.");
    } catch (const json::exception&) {
      // out_of_range: a number beyond double ("1e999").
      throw bad_parameter("body", "A kérés törzsében egy szám kívül esik az ábrázolható tartományon.");
    }
  }

  // A raw (non-JSON) body within the size limit.
  const std::string& raw_body(const Request& request) const {
    if (request.body.size() > max_body_bytes_) {
      throw ApiError(Problem{413, "payload-too-large", "Túl nagy kérés",
                             "A kérés törzse legfeljebb " + std::to_string(max_body_bytes_) + " bájt lehet.", "body",
                             json::object()});
    }
    return request.body;
  }

  static service::Precondition precondition(const Request& request) {
    const auto header = request.header("if-match");
    if (!header) return {};
    if (*header == "*") return {service::Precondition::Kind::kAny, 0};
    std::string_view value = *header;
    if (value.starts_with("W/")) value.remove_prefix(2);
    std::int64_t version = -1;
    if (value.size() >= 3 && value.front() == '"' && value.back() == '"') {
      version = parse_integer(value.substr(1, value.size() - 2), 0, kMaxInteger).value_or(-1);
    }
    return {service::Precondition::Kind::kVersion, version};
  }

 private:
  [[noreturn]] kb::ApiKeyRecord refuse(const Request& request, const std::string& key_id, const std::string& detail) {
    // Counted per address and presented key id, never blocking a valid key (rate_limiter.h).
    if (auto wait = limiter_.auth_failed(request.client + "|" + key_id)) {
      if (metrics_ != nullptr) metrics_->count_rate_limited(RateLimited::kAuth);
      throw too_many(*wait, "túl sok sikertelen azonosítás ezzel a kulccsal");
    }
    throw unauthorized(detail);
  }

  static ApiError too_many(std::chrono::seconds wait, const std::string& what) {
    return ApiError(
        Problem{429,
                "too-many-requests",
                "Túl sok kérés",
                "Túl sok kérés (" + what + "); próbálja újra " + std::to_string(wait.count()) + " másodperc múlva.",
                std::nullopt,
                json::object(),
                {{"Retry-After", std::to_string(wait.count())}}});
  }

  service::KnowledgeService& knowledge_;
  RateLimiter limiter_;
  std::size_t max_body_bytes_;
  Metrics* metrics_;
};

std::string refusal_text(const auth::Decision& decision) {
  switch (decision.refusal.value_or(auth::Refusal::kNoRole)) {
    case auth::Refusal::kRevoked:
      return "a kulcsot visszavonták";
    case auth::Refusal::kNoRole:
      return "a kulcs szerepköre nem enged írást";
    case auth::Refusal::kNationalRecord:
      return "országos adatot csak adminisztrátor módosíthat";
    case auth::Refusal::kOtherOffice:
      return "a rekord " + (decision.office_id ? "a(z) " + *decision.office_id + " hivatalé" : "egy másik hivatalé") +
             ", amely nem szerepel a kulcson";
    case auth::Refusal::kOfficeStructure:
      return "hivatalt létrehozni, törölni vagy azonosító adatait (azonosító, fajta, járás, település) módosítani csak "
             "adminisztrátor tud";
  }
  return "nincs jogosultság";
}

// The one rendering of editing outcomes as HTTP.
Response render(const service::EditOutcome& result, RecordKind kind, const std::string& id,
                const kb::ApiKeyRecord& key) {
  namespace o = service::outcome;
  return std::visit(
      [&](const auto& r) -> Response {
        using T = std::decay_t<decltype(r)>;
        if constexpr (std::is_same_v<T, o::Saved>) {
          Response response = with_etag(json_response(r.doc, r.created ? 201 : 200), r.version);
          if (r.created) response.headers.emplace_back("Location", location_of(kind, id));
          if (r.reviews_flagged > 0) {
            response.headers.emplace_back("Ugk-Reviews-Flagged", std::to_string(r.reviews_flagged));
          }
          return response;
        } else if constexpr (std::is_same_v<T, o::Deleted>) {
          return with_etag(Response{204, "application/json", "", {}}, r.version);
        } else if constexpr (std::is_same_v<T, o::Verified>) {
          return json_response({{"kind", kb::info(kind).collection},
                                {"id", id},
                                {"verified_at", r.at},
                                {"verified_by", r.actor},
                                {"reviews_cleared", r.reviews_cleared}});
        } else if constexpr (std::is_same_v<T, o::NotFound>) {
          throw not_found("id", "Nincs „" + id + "” azonosítójú " + std::string(kb::info(kind).label_hu) + ".");
        } else if constexpr (std::is_same_v<T, o::AlreadyExists>) {
          throw ApiError(Problem{409, "already-exists", "Már létezik", "Már van „" + r.id + "” azonosítójú rekord.",
                                 std::string(kb::info(kind).key_field), json::object()});
        } else if constexpr (std::is_same_v<T, o::Invalid>) {
          json list = json::array();
          for (const auto& issue : r.issues) list.push_back({{"field", issue.field}, {"message", issue.message}});
          throw ApiError(Problem{422, "validation-failed", "Érvénytelen adatok",
                                 std::to_string(r.issues.size()) + " mező hibás.",
                                 r.issues.empty() ? std::nullopt : std::optional<std::string>(r.issues.front().field),
                                 json{{"errors", list}}});
        } else if constexpr (std::is_same_v<T, o::Forbidden>) {
          throw ApiError(Problem{403, "forbidden", "Nincs jogosultság",
                                 "A kulcs („" + key.name + "”) ezt nem módosíthatja: " + refusal_text(r.decision) + ".",
                                 std::nullopt, json::object()});
        } else if constexpr (std::is_same_v<T, o::PreconditionRequired>) {
          throw ApiError(Problem{428, "precondition-required", "If-Match szükséges",
                                 "A módosításhoz küldje el a rekord ETag értékét az If-Match fejlécben.", "If-Match",
                                 json::object()});
        } else if constexpr (std::is_same_v<T, o::PreconditionFailed>) {
          throw ApiError(Problem{412,
                                 "precondition-failed",
                                 "A rekord időközben megváltozott",
                                 "Valaki más módosította a rekordot; töltse be újra, és ismételje meg a módosítást.",
                                 "If-Match",
                                 json{{"current_etag", etag(r.current)}},
                                 {{"ETag", etag(r.current)}}});
        } else if constexpr (std::is_same_v<T, o::Mismatch>) {
          throw bad_parameter(r.field, r.field == "body"
                                           ? "A kérés törzse JSON-objektum legyen (PATCH: JSON Merge Patch, RFC 7396)."
                                           : "A törzsben szereplő „" + r.field + "” nem egyezik az útvonaléval.");
        } else {
          static_assert(std::is_same_v<T, o::InUse>);
          throw ApiError(Problem{409, "in-use", "Más rekordok hivatkoznak rá",
                                 "Előbb ezeket kell törölni vagy módosítani: " +
                                     [&] {
                                       std::string list;
                                       for (const auto& d : r.dependents) list += (list.empty() ? "" : ", ") + d;
                                       return list;
                                     }() +
                                     ".",
                                 std::nullopt, json{{"dependents", r.dependents}}});
        }
      },
      result);
}

json change_view(const kb::Change& c) {
  json fields = json::array();
  for (const auto& f : c.diff) fields.push_back(f.at("field"));
  return json{{"seq", c.seq},     {"at", c.at},      {"kind", kb::to_string(c.kind)}, {"id", c.record_id}, {"op", c.op},
              {"actor", c.actor}, {"fields", fields}};
}

json review_view(const kb::Review& r) {
  return json{{"variant_id", r.variant_id}, {"procedure_id", r.procedure_id},
              {"office_id", r.office_id},   {"change_seq", r.change_seq},
              {"fields", r.fields},         {"flagged_at", r.flagged_at},
              {"flagged_by", r.flagged_by}};
}

std::string utc_days_ago(std::size_t days) {
  const std::time_t cutoff = std::time(nullptr) - static_cast<std::time_t>(days) * 86400;
  char text[32];
  std::tm utc{};
  gmtime_r(&cutoff, &utc);
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

void add_kind_routes(RouteTable& table, const std::shared_ptr<Gate>& gate,
                     const std::shared_ptr<service::EditingService>& editing, service::KnowledgeService& knowledge,
                     RecordKind kind) {
  const KindPaths paths = paths_of(kind);
  if (paths.collection) {
    table.add(Method::kPost, *paths.collection, [gate, editing, kind](const Request& request) {
      const kb::ApiKeyRecord key = gate->authenticate(request);
      json body = gate->body(request);
      const json id = body.is_object() ? body.value(std::string(kb::info(kind).key_field), json()) : json();
      return gate->counted(kind, render(editing->create(key, kind, std::move(body)), kind,
                                        id.is_string() ? id.get<std::string>() : "", key));
    });
  }
  table.add(Method::kPut, paths.item, [gate, editing, kind](const Request& request) {
    const kb::ApiKeyRecord key = gate->authenticate(request);
    const std::string id = record_id(kind, request);
    return gate->counted(
        kind, render(editing->replace(key, kind, id, gate->body(request), Gate::precondition(request)), kind, id, key));
  });
  table.add(Method::kPatch, paths.item, [gate, editing, kind](const Request& request) {
    const kb::ApiKeyRecord key = gate->authenticate(request);
    const std::string id = record_id(kind, request);
    return gate->counted(
        kind, render(editing->patch(key, kind, id, gate->body(request), Gate::precondition(request)), kind, id, key));
  });
  table.add(Method::kDelete, paths.item, [gate, editing, kind](const Request& request) {
    const kb::ApiKeyRecord key = gate->authenticate(request);
    const std::string id = record_id(kind, request);
    return gate->counted(kind, render(editing->remove(key, kind, id, Gate::precondition(request)), kind, id, key));
  });
  table.add(Method::kPost, paths.item + "/verify", [gate, editing, kind](const Request& request) {
    const kb::ApiKeyRecord key = gate->authenticate(request);
    const std::string id = record_id(kind, request);
    return gate->counted(kind, render(editing->verify(key, kind, id), kind, id, key));
  });
  // Kinds without a richer view elsewhere (api/record_endpoints.cpp) are read here as stored.
  const bool has_view = kind == RecordKind::kProcedure || kind == RecordKind::kOffice || kind == RecordKind::kForm;
  if (!has_view) {
    table.get(paths.item, [&knowledge, kind](const Request& request) {
      const auto catalog = knowledge.catalog();
      const std::string id = record_id(kind, request);
      const auto doc = catalog->document(kind, id);
      if (!doc) throw not_found("id", "Nincs „" + id + "” azonosítójú " + std::string(kb::info(kind).label_hu) + ".");
      return with_etag(json_response(*doc), catalog->record_version(kind, id));
    });
  }
}

void add_history_route(RouteTable& table, service::KnowledgeService& knowledge, RecordKind kind) {
  table.get(paths_of(kind).item + "/history", [&knowledge, kind](const Request& request) {
    const std::size_t limit = bounded_count(request, "limit", 50, 1, 500);
    const std::string id = record_id(kind, request);
    json revisions = json::array();
    for (const auto& c : knowledge.history(kind, id, limit)) {
      json entry = change_view(c);
      entry["changes"] = c.diff;
      entry["source"] = c.source;
      revisions.push_back(entry);
    }
    if (revisions.empty()) throw not_found("id", "Nincs „" + id + "” azonosítójú rekord.");
    const auto v = knowledge.verification(kind, id);
    return json_response({{"kind", kb::to_string(kind)},
                          {"id", id},
                          {"verified_at", v ? json(v->at) : json(nullptr)},
                          {"verified_by", v ? json(v->actor) : json(nullptr)},
                          {"revisions", revisions}});
  });
}

}  // namespace

// The office sheet (service/office_sheet.h): download the key's offices' hours, contacts and visits
// as CSV, upload the edited file. An admin gets every office, or the `office` ones asked for.
void add_sheet_routes(RouteTable& table, const std::shared_ptr<Gate>& gate,
                      const std::shared_ptr<service::EditingService>& editing, service::KnowledgeService& knowledge) {
  table.get("/v1/sheets/offices.csv", [gate, &knowledge](const Request& request) {
    const kb::ApiKeyRecord key = gate->authenticate(request);
    const auto catalog = knowledge.catalog();
    const auto only = optional_text(request, "office", 100);
    std::vector<const kb::Office*> offices;
    if (key.role == "admin") {
      for (const kb::Office& o : catalog->offices()) {
        if (!only || o.id == *only) offices.push_back(&o);
      }
    } else {
      for (const std::string& id : key.offices) {
        const kb::Office* o = catalog->office(id);
        if (o != nullptr && (!only || id == *only)) offices.push_back(o);
      }
    }
    if (only && offices.empty()) throw not_found("office", "Nincs „" + *only + "” azonosítójú hivatal ezen a kulcson.");
    Response response;
    response.content_type = "text/csv";
    response.body = service::export_sheet(*catalog, offices);
    response.headers.emplace_back("Content-Disposition", "attachment; filename=\"hivatalok.csv\"");
    return response;
  });

  table.add(Method::kPost, "/v1/sheets/offices.csv", [gate, editing, &knowledge](const Request& request) {
    const kb::ApiKeyRecord key = gate->authenticate(request);
    const std::string& body = gate->raw_body(request);
    const auto catalog = knowledge.catalog();
    const service::SheetPlan plan = service::plan_sheet_import(*catalog, key, body);
    if (!plan.problems.empty()) {
      json errors = json::array();
      for (const auto& p : plan.problems) {
        errors.push_back({{"line", p.line}, {"column", p.column}, {"message", p.message}});
      }
      throw ApiError(
          Problem{422, "validation-failed", "Érvénytelen adatok",
                  "A táblázat " + std::to_string(plan.problems.size()) + " hibát tartalmaz; semmi sem módosult.",
                  "body", json{{"errors", errors}}});
    }
    json applied = json::array();
    for (const service::SheetChange& change : plan.changes) {
      const auto result = editing->patch(key, change.kind, change.id, change.merge_patch,
                                         {service::Precondition::Kind::kVersion, change.version});
      if (const auto* saved = std::get_if<service::outcome::Saved>(&result)) {
        applied.push_back({{"record", change.kind == RecordKind::kVisit ? "visit" : "office"},
                           {"id", change.id},
                           {"version", saved->version},
                           {"fields", [&] {
                              json names = json::array();
                              for (const auto& [name, value] : change.merge_patch.items()) names.push_back(name);
                              return names;
                            }()}});
        continue;
      }
      // Changed by someone else between the check and the write: report what was applied.
      try {
        render(result, change.kind, change.id, key);
      } catch (ApiError& e) {
        Problem problem = e.problem();
        problem.extra["applied"] = applied;
        throw ApiError(problem);
      }
    }
    return json_response({{"rows", plan.rows}, {"changed", applied.size()}, {"applied", applied}});
  });
}

void add_write_routes(RouteTable& table, service::KnowledgeService& knowledge, const WriteOptions& options) {
  auto gate = std::make_shared<Gate>(knowledge, options.limits, options.max_body_bytes, options.metrics);
  auto editing = std::make_shared<service::EditingService>(knowledge);

  for (const kb::RecordKindInfo& info : kb::kRecordKinds) {
    if (info.editable()) add_kind_routes(table, gate, editing, knowledge, info.kind);
    add_history_route(table, knowledge, info.kind);
  }

  add_sheet_routes(table, gate, editing, knowledge);

  table.get("/v1/procedures/:id/variants", [&knowledge](const Request& request) {
    const auto catalog = knowledge.catalog();
    const std::string& id = path_param(request, "id");
    if (catalog->procedures().find(id) == nullptr)
      throw not_found("id", "Nincs „" + id + "” azonosítójú országos ügy.");
    json variants = json::array();
    for (const kb::LocalVariant* v : catalog->variants_of_procedure(id)) variants.push_back(*v);
    return json_response({{"procedure_id", id}, {"total", variants.size()}, {"variants", variants}});
  });

  table.get("/v1/offices/:id/stale", [&knowledge, editing](const Request& request) {
    const auto catalog = knowledge.catalog();
    const std::string& id = path_param(request, "id");
    const kb::Office* office = catalog->office(id);
    if (office == nullptr) throw not_found("id", "Nincs „" + id + "” azonosítójú hivatal.");
    const std::size_t days = bounded_count(request, "days", 90, 0, 3650);
    json stale = json::array();
    for (const auto& record : editing->stale(*catalog, *office, utc_days_ago(days))) {
      stale.push_back({{"kind", kb::to_string(record.kind)},
                       {"id", record.id},
                       {"verified_at", record.verified_at ? json(*record.verified_at) : json(nullptr)}});
    }
    return json_response({{"office_id", id}, {"days", days}, {"stale", stale}});
  });

  // Local variants whose national text changed in the fields they override, until the office
  // verifies or edits them.
  table.get("/v1/offices/:id/reviews", [&knowledge](const Request& request) {
    const std::string& id = path_param(request, "id");
    if (knowledge.catalog()->office(id) == nullptr) throw not_found("id", "Nincs „" + id + "” azonosítójú hivatal.");
    json reviews = json::array();
    for (const auto& r : knowledge.open_reviews(id)) reviews.push_back(review_view(r));
    return json_response({{"office_id", id}, {"total", reviews.size()}, {"reviews", reviews}});
  });
  table.get("/v1/districts/:code/reviews", [&knowledge](const Request& request) {
    const auto catalog = knowledge.catalog();
    const std::string& code = path_param(request, "code");
    if (catalog->district(code) == nullptr) throw not_found("code", "Nincs „" + code + "” kódú járás.");
    json reviews = json::array();
    for (const auto& r : knowledge.open_reviews(std::nullopt)) {
      const kb::Office* office = catalog->office(r.office_id);
      if (office != nullptr && office->district_code == code) reviews.push_back(review_view(r));
    }
    return json_response({{"district_code", code}, {"total", reviews.size()}, {"reviews", reviews}});
  });

  table.get("/v1/changes", [&knowledge](const Request& request) {
    std::int64_t since = 0;
    const auto cursor = optional_text(request, "since", 20);
    if (cursor == "now") {
      // Start following from the current state without reading the history.
      const std::int64_t current = knowledge.catalog()->version();
      return json_response({{"changes", json::array()}, {"next_cursor", std::to_string(current)}, {"has_more", false}});
    }
    if (cursor) {
      since = checked_integer(*cursor, "since", 0, kMaxInteger,
                              "A „since” egy korábbi válasz next_cursor értéke (nemnegatív egész) vagy „now”.");
    }
    const std::size_t limit = bounded_count(request, "limit", 100, 1, 1000);
    // One extra row tells whether more follow without a second query.
    auto changes = knowledge.changes_since(since, limit + 1);
    const bool more = changes.size() > limit;
    if (more) changes.pop_back();
    json list = json::array();
    for (const auto& c : changes) list.push_back(change_view(c));
    const std::int64_t next = changes.empty() ? since : changes.back().seq;
    return json_response({{"changes", list}, {"next_cursor", std::to_string(next)}, {"has_more", more}});
  });
}

}  // namespace ugk::api
