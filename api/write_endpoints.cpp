// The editing API: create, replace, patch and delete records; history, verification, staleness and
// the change feed. One generic implementation over a table of editable record kinds.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <regex>

#include "api/endpoints.h"
#include "api/params.h"
#include "api/problem.h"
#include "api/rate_limiter.h"
#include "api/responses.h"
#include "auth/api_key.h"
#include "hours/syntax.h"
#include "kb/enums.h"
#include "kb/json_codec.h"

namespace ugk::api {
namespace {

using nlohmann::json;

struct Issue {
  std::string field;
  std::string message;
};
using Issues = std::vector<Issue>;

// --- Semantic checks beyond the codec's types -----------------------------------------------------
// They also run on documents the codec rejected, so one answer lists every invalid field; hence
// field(): a missing field or a non-object reads as null instead of throwing.

const json& field(const json& d, const char* key) {
  static const json kNull;
  if (!d.is_object()) return kNull;
  auto it = d.find(key);
  return it == d.end() ? kNull : *it;
}

const json& item(const json& array, std::size_t i) { return array.at(i); }

std::size_t count(const json& value) { return value.is_array() ? value.size() : 0; }

void check_url(Issues& issues, const std::string& field, const json& value) {
  if (!value.is_string()) return;
  static const std::regex kUrl(R"(^https?://[^\s/$.?#][^\s]*$)", std::regex::icase);
  if (!std::regex_match(value.get<std::string>(), kUrl)) {
    issues.push_back({field, "érvényes http(s) URL szükséges (expected an http(s) URL)"});
  }
}

bool valid_date(const std::string& text) {
  static const std::regex kDate(R"(^\d{4}-\d{2}-\d{2}$)");
  if (!std::regex_match(text, kDate)) return false;
  std::tm tm{};
  tm.tm_year = std::stoi(text.substr(0, 4)) - 1900;
  tm.tm_mon = std::stoi(text.substr(5, 2)) - 1;
  tm.tm_mday = std::stoi(text.substr(8, 2));
  tm.tm_hour = 12;
  std::tm check = tm;
  timegm(&check);
  return check.tm_mday == tm.tm_mday && check.tm_mon == tm.tm_mon;
}

void check_date(Issues& issues, const std::string& field, const json& value) {
  if (value.is_string() && !valid_date(value.get<std::string>())) {
    issues.push_back({field, "érvényes ÉÉÉÉ-HH-NN dátum szükséges (expected a YYYY-MM-DD date)"});
  }
}

template <typename Lookup>
void check_ref(Issues& issues, const std::string& field, const json& value, Lookup exists, const char* what) {
  if (value.is_string() && !exists(value.get<std::string>())) {
    issues.push_back({field, std::string("ismeretlen ") + what + " (unknown reference): " + value.get<std::string>()});
  }
}

// Opening hours and visit schedules must parse; the error names the position in the value.
void check_opening_hours(Issues& issues, const std::string& name, const json& value) {
  if (!value.is_string()) return;
  const hours::ParseResult parsed = hours::parse(value.get<std::string>());
  if (parsed.ok()) return;
  issues.push_back({name, "hibás nyitvatartás a(z) " + std::to_string(parsed.error->position + 1) + ". karakternél: " +
                              parsed.error->message_hu + " (" + parsed.error->message_en + ")"});
}

void check_procedure(const kb::Catalog& c, const json& d, Issues& issues) {
  for (std::size_t i = 0; i < count(field(d, "forms")); ++i) {
    check_ref(issues, "forms[" + std::to_string(i) + "]", item(field(d, "forms"), i), [&](const std::string& id) { return c.form(id); },
              "nyomtatvány");
  }
  for (std::size_t i = 0; i < count(field(d, "sources")); ++i) check_url(issues, "sources[" + std::to_string(i) + "]", item(field(d, "sources"), i));
  check_date(issues, "as_of", field(d, "as_of"));
}

void check_form(const kb::Catalog& c, const json& d, Issues& issues) {
  check_url(issues, "url", field(d, "url"));
  for (std::size_t i = 0; i < count(field(d, "procedures")); ++i) {
    check_ref(issues, "procedures[" + std::to_string(i) + "]", item(field(d, "procedures"), i),
              [&](const std::string& id) { return c.procedure(id); }, "ügyleírás");
  }
}

void check_office(const kb::Catalog& c, const json& d, Issues& issues) {
  check_ref(issues, "district_code", field(d, "district_code"), [&](const std::string& id) { return c.district(id); }, "járás");
  check_ref(issues, "settlement_ksh", field(d, "settlement_ksh"), [&](const std::string& id) { return c.settlement(id); },
            "település");
  check_url(issues, "website", field(d, "website"));
  check_opening_hours(issues, "opening_hours", field(d, "opening_hours"));
  if (field(d, "email").is_string() && field(d, "email").get<std::string>().find('@') == std::string::npos) {
    issues.push_back({"email", "érvényes e-mail-cím szükséges (expected an e-mail address)"});
  }
  const auto kind = field(d, "kind").is_string() ? kb::parse_office_kind(field(d, "kind").get<std::string>()) : std::nullopt;
  if (kind && field(d, "id").is_string() && !field(d, "id").get<std::string>().starts_with(kb::id_prefix(*kind))) {
    issues.push_back({"id", "az azonosító előtagja nem illik a hivatal fajtájához (id prefix does not match kind)"});
  }
}

void check_visit(const kb::Catalog& c, const json& d, Issues& issues) {
  check_opening_hours(issues, "schedule", field(d, "schedule"));
  check_ref(issues, "office_id", field(d, "office_id"), [&](const std::string& id) { return c.office(id); }, "hivatal");
  check_ref(issues, "settlement_ksh", field(d, "settlement_ksh"), [&](const std::string& id) { return c.settlement(id); },
            "település");
}

void check_calendar_day(const kb::Catalog&, const json& d, Issues& issues) { check_date(issues, "date", field(d, "date")); }

void check_closure(const kb::Catalog& c, const json& d, Issues& issues) {
  check_date(issues, "from", field(d, "from"));
  check_date(issues, "to", field(d, "to"));
  check_date(issues, "reopens", field(d, "reopens"));
  if (field(d, "from").is_string() && field(d, "to").is_string() && field(d, "from") > field(d, "to")) {
    issues.push_back({"to", "a záró dátum nem lehet a kezdő előtt (to is before from)"});
  }
  for (std::size_t i = 0; i < count(field(d, "applies_to")); ++i) {
    const json& applies = item(field(d, "applies_to"), i);
    if (applies.is_string() && !kb::parse_office_kind(applies.get<std::string>())) {
      issues.push_back({"applies_to[" + std::to_string(i) + "]", "ismeretlen hivatalfajta (unknown office kind)"});
    }
  }
  for (std::size_t e = 0; e < count(field(d, "exceptions")); ++e) {
    const json& ids = field(item(field(d, "exceptions"), e), "office_ids");
    for (std::size_t i = 0; i < ids.size(); ++i) {
      check_ref(issues, "exceptions[" + std::to_string(e) + "].office_ids[" + std::to_string(i) + "]", ids[i],
                [&](const std::string& id) { return c.office(id); }, "hivatal");
    }
  }
}

void check_supplement(const kb::Catalog& c, const json& d, Issues& issues) {
  check_ref(issues, "procedure_id", field(d, "procedure_id"), [&](const std::string& id) { return c.procedure(id); },
            "ügyleírás");
  check_ref(issues, "office_id", field(d, "office_id"), [&](const std::string& id) { return c.office(id); }, "hivatal");
  for (std::size_t i = 0; i < count(field(d, "forms")); ++i) check_url(issues, "forms[" + std::to_string(i) + "].url", field(item(field(d, "forms"), i), "url"));
}

// --- Editable kinds ---------------------------------------------------------------------------------

struct EditableKind {
  std::string path;   // URL collection under /v1
  std::string table;  // store kind
  std::string id_field;
  json (*canonical)(const json&);  // decode strictly (throws kb::FieldErrors) and re-encode
  void (*check)(const kb::Catalog&, const json&, Issues&);
  // The office a record belongs to, for editor scopes; nullopt for national records.
  std::optional<std::string> (*office_of)(const json&);
};

template <typename T>
json canonical(const json& j) {
  return json(j.get<T>());
}

std::optional<std::string> no_office(const json&) { return std::nullopt; }
std::optional<std::string> office_itself(const json& d) { return d.at("id").get<std::string>(); }
std::optional<std::string> office_field(const json& d) { return d.at("office_id").get<std::string>(); }

const std::vector<EditableKind>& editable_kinds() {
  static const std::vector<EditableKind> kKinds = {
      {"procedures", "procedures", "id", canonical<kb::Procedure>, check_procedure, no_office},
      {"forms", "forms", "id", canonical<kb::Form>, check_form, no_office},
      {"offices", "offices", "id", canonical<kb::Office>, check_office, office_itself},
      {"visits", "visits", "id", canonical<kb::Visit>, check_visit, office_field},
      {"calendar", "calendar_days", "date", canonical<kb::CalendarDay>, check_calendar_day, no_office},
      {"closures", "closures", "id", canonical<kb::Closure>, check_closure, no_office},
      {"supplements", "supplements", "id", canonical<kb::LocalSupplement>, check_supplement, office_field},
  };
  return kKinds;
}

// Identity fields of an office: changing them moves the office in the structure, an admin matter.
bool structural_change(const EditableKind& kind, const json& before, const json& after) {
  if (kind.table != "offices") return false;
  if (before.is_null() || after.is_null()) return true;
  for (const char* field : {"id", "kind", "district_code", "settlement_ksh"}) {
    if (before.value(field, json()) != after.value(field, json())) return true;
  }
  return false;
}

std::string etag(std::int64_t version) { return "\"" + std::to_string(version) + "\""; }

// --- The request pipeline -----------------------------------------------------------------------------

class Editor {
 public:
  Editor(service::KnowledgeService& service, std::shared_ptr<RateLimiter> limiter, std::size_t max_body_bytes)
      : service_(service), limiter_(std::move(limiter)), max_body_bytes_(max_body_bytes) {}

  kb::ApiKeyRecord authenticate(const Request& request) const {
    if (auto wait = limiter_->locked_out(request.client)) throw too_many(*wait, "túl sok sikertelen azonosítás");
    const auto header = request.header("authorization");
    const auto reject = [&](const std::string& detail) {
      limiter_->record_auth_failure(request.client);
      return ApiError(Problem{401, "unauthorized", "Azonosítás szükséges", detail, "Authorization",
                              json::object(), {{"WWW-Authenticate", "Bearer realm=\"ugykalauz\""}}});
    };
    if (!header || !header->starts_with("Bearer ")) {
      throw reject("Íráshoz API-kulcs kell: Authorization: Bearer <kulcs>.");
    }
    const auto token = auth::parse_token(header->substr(7));
    if (!token) throw reject("Hibás formájú API-kulcs.");
    auto key = service_.find_key(token->id);
    if (!key || !auth::secret_matches(token->secret, key->secret_hash) || key->revoked_at) {
      throw reject("Ismeretlen vagy visszavont API-kulcs.");
    }
    if (auth::parse_role(key->role) == auth::Role::kReader) {
      if (auto origin = request.header("origin"); origin && !auth::origin_allowed(*key, *origin)) {
        throw forbidden("Ez az olvasási kulcs nem használható erről az oldalról: " + *origin);
      }
    }
    return *key;
  }

  static void authorize(const kb::ApiKeyRecord& key, const auth::WriteScope& scope) {
    if (auth::may_write(key, scope)) return;
    std::string detail = "A kulcs („" + key.name + "”) ezt a rekordot nem módosíthatja";
    if (scope.office_id) detail += " (hivatal: " + *scope.office_id + ")";
    throw forbidden(detail + ".");
  }

  json parse_body(const Request& request) const {
    if (request.body.size() > max_body_bytes_) {
      throw ApiError(Problem{413, "payload-too-large", "Túl nagy kérés",
                             "A kérés törzse legfeljebb " + std::to_string(max_body_bytes_) + " bájt lehet.", "body",
                             json::object()});
    }
    try {
      return json::parse(request.body);
    } catch (const json::parse_error& e) {
      throw bad_parameter("body", std::string("A kérés törzse nem érvényes JSON: ") + e.what());
    }
  }

  // Strict decoding plus reference checks; 422 listing every invalid field.
  json validate(const EditableKind& kind, const kb::Catalog& catalog, const json& doc) const {
    Issues issues;
    json result;
    try {
      result = kind.canonical(doc);
    } catch (const kb::FieldErrors& errors) {
      for (const auto& e : errors.all()) issues.push_back({e.field(), e.what()});
    } catch (const kb::FieldError& e) {
      issues.push_back({e.field(), e.what()});
    }
    kind.check(catalog, issues.empty() ? result : doc, issues);
    if (!issues.empty()) {
      json list = json::array();
      for (const auto& i : issues) list.push_back({{"field", i.field}, {"message", i.message}});
      throw ApiError(Problem{422, "validation-failed", "Érvénytelen adatok",
                             std::to_string(issues.size()) + " mező hibás.", issues.front().field,
                             json{{"errors", list}}});
    }
    return result;
  }

  // The version the client saw: If-Match is required for changing an existing record.
  static std::int64_t expected_version(const Request& request, std::int64_t current) {
    const auto header = request.header("if-match");
    if (!header) {
      throw ApiError(Problem{428, "precondition-required", "If-Match szükséges",
                             "A módosításhoz küldje el a rekord ETag értékét az If-Match fejlécben.", "If-Match",
                             json::object()});
    }
    if (*header == "*") return current;
    std::string value = *header;
    if (value.starts_with("W/")) value = value.substr(2);
    if (value.size() < 3 || value.front() != '"' || value.back() != '"') return -1;
    try {
      return std::stoll(value.substr(1, value.size() - 2));
    } catch (const std::exception&) {
      return -1;
    }
  }

  void take_write_token(const kb::ApiKeyRecord& key) const {
    if (auto wait = limiter_->take_write("key:" + key.id)) throw too_many(*wait, "túl sok írási kérés");
  }

  Response commit(const EditableKind& kind, const std::string& id, const std::optional<json>& doc,
                  std::int64_t expected, const kb::ApiKeyRecord& key, int status) {
    std::int64_t version = 0;
    try {
      version = service_.write({kind.table, id, doc, expected, key.id});
    } catch (const kb::VersionConflict& conflict) {
      throw ApiError(Problem{412, "precondition-failed", "A rekord időközben megváltozott",
                             "Valaki más módosította a rekordot; töltse be újra, és ismételje meg a módosítást.",
                             "If-Match", json{{"current_etag", etag(conflict.current())}},
                             {{"ETag", etag(conflict.current())}}});
    }
    Response response = doc ? json_response(*doc, status) : Response{204, "application/json", "", {}};
    response.headers.emplace_back("ETag", etag(version));
    if (status == 201) {
      const auto at = id.find('@');
      response.headers.emplace_back("Location", kind.table == "supplements"
                                                    ? "/v1/procedures/" + id.substr(0, at) + "/supplements/" + id.substr(at + 1)
                                                    : "/v1/" + kind.path + "/" + id);
    }
    return response;
  }

  service::KnowledgeService& service() const { return service_; }

 private:
  static ApiError forbidden(const std::string& detail) {
    return ApiError(Problem{403, "forbidden", "Nincs jogosultság", detail, std::nullopt, json::object()});
  }
  static ApiError too_many(std::chrono::seconds wait, const std::string& what) {
    return ApiError(Problem{429, "too-many-requests", "Túl sok kérés",
                            "Túl sok kérés (" + what + "); próbálja újra " + std::to_string(wait.count()) +
                                " másodperc múlva.",
                            std::nullopt, json::object(), {{"Retry-After", std::to_string(wait.count())}}});
  }

  service::KnowledgeService& service_;
  std::shared_ptr<RateLimiter> limiter_;
  std::size_t max_body_bytes_;
};

std::optional<json> current_doc(const kb::Catalog& catalog, const EditableKind& kind, const std::string& id) {
  const auto to_doc = [](const auto* record) { return record ? std::optional<json>(json(*record)) : std::nullopt; };
  if (kind.table == "procedures") return to_doc(catalog.procedure(id));
  if (kind.table == "forms") return to_doc(catalog.form(id));
  if (kind.table == "offices") return to_doc(catalog.office(id));
  if (kind.table == "visits") return to_doc(catalog.visit(id));
  if (kind.table == "calendar_days") return to_doc(catalog.calendar_day(id));
  if (kind.table == "closures") return to_doc(catalog.closure(id));
  if (kind.table == "supplements") {
    const auto at = id.find('@');
    return at == std::string::npos ? std::nullopt : to_doc(catalog.supplement(id.substr(0, at), id.substr(at + 1)));
  }
  return std::nullopt;
}

ApiError record_not_found(const std::string& id) {
  return not_found("id", "Nincs „" + id + "” azonosítójú rekord.");
}

// The shared steps of PUT and PATCH once the new document is known.
Response replace(Editor& editor, const EditableKind& kind, const Request& request, const std::string& id,
                 const kb::ApiKeyRecord& key, const std::optional<json>& before, json candidate) {
  const auto catalog = editor.service().catalog();
  if (candidate.is_object()) {
    if (kind.table == "supplements") {
      // The path names the procedure and the office; the body may leave them out.
      const auto at = id.find('@');
      if (!candidate.contains("procedure_id")) candidate["procedure_id"] = id.substr(0, at);
      if (!candidate.contains("office_id")) candidate["office_id"] = id.substr(at + 1);
      if (candidate["procedure_id"] != id.substr(0, at) || candidate["office_id"] != id.substr(at + 1)) {
        throw bad_parameter("office_id", "A törzsben szereplő ügy vagy hivatal nem egyezik az útvonaléval.");
      }
    }
    if (!candidate.contains(kind.id_field)) candidate[kind.id_field] = id;
    if (candidate[kind.id_field] != id) {
      throw bad_parameter(kind.id_field, "A törzsben szereplő azonosító nem egyezik az útvonaléval.");
    }
  }
  if (before) Editor::authorize(key, {kind.table, kind.office_of(*before), false});
  const std::int64_t current = before ? catalog->record_version(kind.table, id) : 0;
  const std::int64_t expected = before ? Editor::expected_version(request, current) : 0;
  json doc = editor.validate(kind, *catalog, candidate);
  if (kind.table == "offices") doc.erase("derived");  // edited offices are detail records
  Editor::authorize(key, {kind.table, kind.office_of(doc), structural_change(kind, before.value_or(json()), doc)});
  editor.take_write_token(key);
  return editor.commit(kind, id, doc, expected, key, before ? 200 : 201);
}

void add_kind_routes(RouteTable& table, const std::shared_ptr<Editor>& editor, const EditableKind& kind,
                     const std::string& item_pattern, std::function<std::string(const Request&)> id_of) {
  const std::string collection = "/v1/" + kind.path;

  if (kind.table != "supplements") {
    table.add(Method::kPost, collection, [editor, &kind](const Request& request) {
      const kb::ApiKeyRecord key = editor->authenticate(request);
      json body = editor->parse_body(request);
      const auto catalog = editor->service().catalog();
      json doc = editor->validate(kind, *catalog, body);
      const std::string id = doc[kind.id_field].get<std::string>();
      if (current_doc(*catalog, kind, id)) {
        throw ApiError(Problem{409, "already-exists", "Már létezik", "Már van „" + id + "” azonosítójú rekord.",
                               kind.id_field, json::object()});
      }
      if (kind.table == "offices") doc.erase("derived");
      Editor::authorize(key, {kind.table, kind.office_of(doc), structural_change(kind, json(), doc)});
      editor->take_write_token(key);
      return editor->commit(kind, id, doc, 0, key, 201);
    });
  }

  table.add(Method::kPut, item_pattern, [editor, &kind, id_of](const Request& request) {
    const kb::ApiKeyRecord key = editor->authenticate(request);
    const std::string id = id_of(request);
    json body = editor->parse_body(request);
    const auto before = current_doc(*editor->service().catalog(), kind, id);
    // Only supplements are created by PUT (their id is the path); other kinds are created by POST.
    if (!before && kind.table != "supplements") throw record_not_found(id);
    return replace(*editor, kind, request, id, key, before, std::move(body));
  });

  table.add(Method::kPatch, item_pattern, [editor, &kind, id_of](const Request& request) {
    const kb::ApiKeyRecord key = editor->authenticate(request);
    const std::string id = id_of(request);
    json patch = editor->parse_body(request);
    const auto before = current_doc(*editor->service().catalog(), kind, id);
    if (!before) throw record_not_found(id);
    if (!patch.is_object()) throw bad_parameter("body", "A PATCH törzse JSON Merge Patch objektum (RFC 7396).");
    json merged = *before;
    merged.merge_patch(patch);
    return replace(*editor, kind, request, id, key, before, std::move(merged));
  });

  table.add(Method::kDelete, item_pattern, [editor, &kind, id_of](const Request& request) {
    const kb::ApiKeyRecord key = editor->authenticate(request);
    const std::string id = id_of(request);
    const auto catalog = editor->service().catalog();
    const auto before = current_doc(*catalog, kind, id);
    if (!before) throw record_not_found(id);
    Editor::authorize(key, {kind.table, kind.office_of(*before), structural_change(kind, *before, json())});
    const std::int64_t expected = Editor::expected_version(request, catalog->record_version(kind.table, id));
    editor->take_write_token(key);
    return editor->commit(kind, id, std::nullopt, expected, key, 204);
  });

  table.add(Method::kPost, item_pattern + "/verify", [editor, &kind, id_of](const Request& request) {
    const kb::ApiKeyRecord key = editor->authenticate(request);
    const std::string id = id_of(request);
    const auto before = current_doc(*editor->service().catalog(), kind, id);
    if (!before) throw record_not_found(id);
    Editor::authorize(key, {kind.table, kind.office_of(*before), false});
    editor->take_write_token(key);
    editor->service().verify(kind.table, id, key.id);
    const auto v = editor->service().verification(kind.table, id);
    return json_response({{"kind", kind.path}, {"id", id}, {"verified_at", v->at}, {"verified_by", v->actor}});
  });
}

json change_view(const kb::Change& c) {
  json fields = json::array();
  for (const auto& f : c.diff) fields.push_back(f.at("field"));
  return json{{"seq", c.seq}, {"at", c.at}, {"kind", c.kind}, {"id", c.record_id},
              {"op", c.op},   {"actor", c.actor}, {"fields", fields}};
}

}  // namespace

void add_write_routes(RouteTable& table, service::KnowledgeService& service, const WriteOptions& options) {
  auto editor = std::make_shared<Editor>(service, std::make_shared<RateLimiter>(options.limits), options.max_body_bytes);

  for (const EditableKind& kind : editable_kinds()) {
    if (kind.table == "supplements") {
      add_kind_routes(table, editor, kind, "/v1/procedures/:id/supplements/:office",
                      [](const Request& r) { return path_param(r, "id") + "@" + path_param(r, "office"); });
      table.get("/v1/procedures/:id/supplements/:office", [&service](const Request& r) {
        const auto catalog = service.catalog();
        const kb::LocalSupplement* s = catalog->supplement(path_param(r, "id"), path_param(r, "office"));
        if (s == nullptr) throw not_found("office", "Ennek az ügynek ennél a hivatalnál nincs helyi kiegészítése.");
        Response response = json_response(*s);
        response.headers.emplace_back("ETag", etag(catalog->record_version("supplements", s->id)));
        return response;
      });
      continue;
    }
    add_kind_routes(table, editor, kind, "/v1/" + kind.path + "/:id",
                    [](const Request& r) { return path_param(r, "id"); });
  }

  // Reads of the kinds that have no public GET elsewhere.
  for (const char* path : {"visits", "calendar", "closures"}) {
    const EditableKind* kind = nullptr;
    for (const auto& k : editable_kinds()) {
      if (k.path == path) kind = &k;
    }
    table.get(std::string("/v1/") + path + "/:id", [&service, kind](const Request& r) {
      const auto catalog = service.catalog();
      const std::string& id = path_param(r, "id");
      auto doc = current_doc(*catalog, *kind, id);
      if (!doc) throw record_not_found(id);
      Response response = json_response(*doc);
      response.headers.emplace_back("ETag", etag(catalog->record_version(kind->table, id)));
      return response;
    });
  }

  // History of any record, newest first.
  const std::string supplement_history = "/v1/procedures/:id/supplements/:office/history";
  for (const auto& [pattern, table_name] : std::vector<std::pair<std::string, std::string>>{
           {"/v1/procedures/:id/history", "procedures"},
           {"/v1/forms/:id/history", "forms"},
           {"/v1/offices/:id/history", "offices"},
           {"/v1/visits/:id/history", "visits"},
           {"/v1/calendar/:id/history", "calendar_days"},
           {"/v1/closures/:id/history", "closures"},
           {"/v1/settlements/:id/history", "settlements"},
           {"/v1/districts/:id/history", "districts"},
           {supplement_history, "supplements"}}) {
    table.get(pattern, [&service, table_name](const Request& r) {
      const std::size_t limit = bounded_count(r, "limit", 50, 1, 500);
      const std::string id = table_name == "supplements" ? path_param(r, "id") + "@" + path_param(r, "office")
                                                         : path_param(r, "id");
      json revisions = json::array();
      for (const auto& c : service.history(table_name, id, limit)) {
        json entry = change_view(c);
        entry["changes"] = c.diff;
        entry["source"] = c.source;
        revisions.push_back(entry);
      }
      if (revisions.empty()) throw record_not_found(id);
      const auto v = service.verification(table_name, id);
      return json_response({{"kind", table_name},
                            {"id", id},
                            {"verified_at", v ? json(v->at) : json(nullptr)},
                            {"verified_by", v ? json(v->actor) : json(nullptr)},
                            {"revisions", revisions}});
    });
  }

  table.get("/v1/offices/:id/stale", [&service](const Request& r) {
    const auto catalog = service.catalog();
    const std::string& id = path_param(r, "id");
    const kb::Office* office = catalog->office(id);
    if (office == nullptr) throw not_found("id", "Nincs „" + id + "” azonosítójú hivatal.");
    const std::size_t days = bounded_count(r, "days", 90, 0, 3650);
    std::vector<std::pair<std::string, std::string>> records{{"offices", id}};
    for (const kb::Visit* v : catalog->visits_by(id)) records.emplace_back("visits", v->id);
    for (const kb::LocalSupplement* s : catalog->supplements_of(id)) records.emplace_back("supplements", s->id);
    const std::time_t cutoff = std::time(nullptr) - static_cast<std::time_t>(days) * 86400;
    char cutoff_text[32];
    std::tm utc{};
    gmtime_r(&cutoff, &utc);
    std::strftime(cutoff_text, sizeof cutoff_text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    json stale = json::array();
    for (const auto& [kind, record_id] : records) {
      const auto v = service.verification(kind, record_id);
      if (v && v->at >= cutoff_text) continue;
      stale.push_back({{"kind", kind}, {"id", record_id}, {"verified_at", v ? json(v->at) : json(nullptr)}});
    }
    return json_response({{"office_id", id}, {"days", days}, {"stale", stale}});
  });

  table.get("/v1/changes", [&service](const Request& r) {
    std::int64_t since = 0;
    auto cursor = optional_text(r, "since", 20);
    if (cursor == "now") {
      // Start following from the current state without reading the history.
      const std::int64_t current = service.catalog()->version();
      return json_response({{"changes", json::array()}, {"next_cursor", std::to_string(current)}, {"has_more", false}});
    }
    if (cursor) {
      since = checked_integer(*cursor, "since", 0, kMaxInteger,
                              "A „since” egy korábbi válasz next_cursor értéke (nemnegatív egész) vagy „now”.");
    }
    const std::size_t limit = bounded_count(r, "limit", 100, 1, 1000);
    // One extra row tells whether more follow without a second query.
    auto changes = service.changes_since(since, limit + 1);
    const bool more = changes.size() > limit;
    if (more) changes.pop_back();
    json list = json::array();
    for (const auto& c : changes) list.push_back(change_view(c));
    const std::int64_t next = changes.empty() ? since : changes.back().seq;
    return json_response({{"changes", list}, {"next_cursor", std::to_string(next)}, {"has_more", more}});
  });
}

}  // namespace ugk::api
