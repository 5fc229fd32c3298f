#include "api/endpoints.h"

#include <spdlog/spdlog.h>

#include "api/openapi_document.h"
#include "api/params.h"
#include "api/problem.h"
#include "api/views.h"
#include "kb/enums.h"
#include "kb/json_codec.h"

namespace ugk::api {
namespace {

using nlohmann::json;

Response json_response(const json& body, int status = 200) {
  Response response;
  response.status = status;
  response.body = body.dump();
  return response;
}

const std::string& path_param(const Request& request, const std::string& name) {
  static const std::string kEmpty;
  auto it = request.path_params.find(name);
  return it == request.path_params.end() ? kEmpty : it->second;
}

json settlement_candidates(const kb::Catalog& catalog, const std::vector<const kb::Settlement*>& settlements) {
  json out = json::array();
  for (const kb::Settlement* s : settlements) out.push_back(settlement_summary(catalog, *s));
  return out;
}

// Resolves the `settlement` parameter to one place, or answers with the candidates to pick from.
const kb::Settlement& resolve_settlement(const kb::Catalog& catalog, const std::string& input) {
  kb::SettlementLookup lookup = catalog.resolve_settlement(input);
  if (lookup.found()) return *lookup.match;
  if (lookup.ambiguous()) {
    throw ApiError(Problem{300, "ambiguous-settlement", "Több település is megfelel",
                           "A(z) „" + input + "” több településre illik; válasszon a jelöltek közül.", "settlement",
                           json{{"candidates", settlement_candidates(catalog, lookup.candidates)}}});
  }
  throw ApiError(Problem{404, "unknown-settlement", "Ismeretlen település",
                         "Nincs „" + input + "” nevű, KSH-kódú vagy irányítószámú település.", "settlement",
                         json{{"candidates", settlement_candidates(catalog, catalog.find_settlements(input, 10))}}});
}

}  // namespace

Response Endpoints::healthz(const Request&) const { return json_response({{"status", "ok"}}); }

Response Endpoints::readyz(const Request&) const {
  const service::Readiness r = service_.readiness();
  json versions{{"store_version", r.store_version},
                {"catalog_version", r.catalog_version},
                {"index_version", r.index_version ? json(*r.index_version) : json(nullptr)}};
  if (!r.ready) {
    throw ApiError(Problem{503, "not-ready", "A szolgáltatás nem kész", r.detail, std::nullopt, versions});
  }
  versions["status"] = "ready";
  return json_response(versions);
}

Response Endpoints::openapi(const Request&) const {
  Response response;
  response.body = kOpenApiDocument;
  return response;
}

Response Endpoints::search(const Request& request) const {
  search::SearchRequest query;
  query.text = required_text(request, "q");
  if (auto type = optional_text(request, "type")) {
    auto parsed = search::parse_doc_type(*type);
    if (!parsed) throw bad_parameter("type", "A „type” értéke procedure, form vagy office lehet.");
    query.type = parsed;
  }
  query.limit = bounded_count(request, "limit", 10, 1, 100);
  query.offset = bounded_count(request, "offset", 0, 0, 10000);
  const search::SearchResult result = service_.search(query);
  json results = json::array();
  for (const auto& hit : result.hits) {
    results.push_back({{"type", search::to_string(hit.type)},
                       {"id", hit.id},
                       {"title", hit.title},
                       {"snippet", hit.snippet},
                       {"score", hit.score}});
  }
  return json_response({{"total", result.total}, {"results", results}});
}

Response Endpoints::route(const Request& request) const {
  const auto catalog = service_.catalog();
  const std::string settlement_input = required_text(request, "settlement");
  const auto procedure_id = optional_text(request, "procedure");
  const auto text = optional_text(request, "q");
  if (procedure_id && text) {
    throw bad_parameter("procedure", "A „procedure” és a „q” paraméter közül csak az egyiket adja meg.");
  }
  if (!procedure_id && !text) {
    throw bad_parameter("procedure", "Adja meg az ügy azonosítóját („procedure”) vagy a keresett szöveget („q”).");
  }
  const kb::Settlement& settlement = resolve_settlement(*catalog, settlement_input);

  std::vector<service::ProcedureCandidate> candidates;
  const kb::Procedure* procedure = nullptr;
  if (procedure_id) {
    procedure = catalog->procedure(*procedure_id);
    if (procedure == nullptr) throw not_found("procedure", "Nincs „" + *procedure_id + "” azonosítójú ügy.");
  } else {
    candidates = service_.match_procedures(*catalog, *text, 5);
    if (candidates.empty()) {
      throw ApiError(Problem{404, "no-matching-procedure", "Nincs találat",
                             "Egyetlen ügyleírás sem illik erre: „" + *text + "”.", "q", json::object()});
    }
    procedure = candidates.front().procedure;
  }

  json view = route_view(*catalog, kb::route(*catalog, *procedure, settlement));
  if (text) {
    json others = json::array();
    for (std::size_t i = 1; i < candidates.size(); ++i) {
      json summary = procedure_summary(*candidates[i].procedure);
      summary["score"] = candidates[i].score;
      others.push_back(summary);
    }
    view["match"] = {{"query", *text}, {"score", candidates.front().score}};
    view["other_procedures"] = others;
  }
  return json_response(view);
}

Response Endpoints::procedures(const Request&) const {
  const auto catalog = service_.catalog();
  json results = json::array();
  for (const auto& p : catalog->content().procedures) results.push_back(procedure_summary(p));
  return json_response({{"total", results.size()}, {"results", results}});
}

Response Endpoints::procedure(const Request& request) const {
  const auto catalog = service_.catalog();
  const std::string& id = path_param(request, "id");
  const kb::Procedure* p = catalog->procedure(id);
  if (p == nullptr) throw not_found("id", "Nincs „" + id + "” azonosítójú ügy.");
  json body = *p;
  json forms = json::array();
  for (const kb::Form* f : catalog->forms_of(*p)) forms.push_back(*f);
  body["form_details"] = forms;
  return json_response(body);
}

Response Endpoints::office(const Request& request) const {
  const auto catalog = service_.catalog();
  const std::string& id = path_param(request, "id");
  const kb::Office* o = catalog->office(id);
  if (o == nullptr) throw not_found("id", "Nincs „" + id + "” azonosítójú hivatal.");
  json body = *o;
  if (o->kind == kb::OfficeKind::kJointOffice && o->settlement_ksh) {
    json members = json::array();
    for (const kb::Settlement* s : catalog->joint_office_members(*o->settlement_ksh)) {
      members.push_back({{"ksh_code", s->ksh_code}, {"name", s->name}});
    }
    body["member_settlements"] = members;
  }
  json visits = json::array();
  for (const kb::Visit* v : catalog->visits_by(o->id)) visits.push_back(*v);
  body["visits"] = visits;
  return json_response(body);
}

Response Endpoints::form(const Request& request) const {
  const auto catalog = service_.catalog();
  const std::string& id = path_param(request, "id");
  const kb::Form* f = catalog->form(id);
  if (f == nullptr) throw not_found("id", "Nincs „" + id + "” azonosítójú nyomtatvány.");
  return json_response(*f);
}

Response Endpoints::district(const Request& request) const {
  const auto catalog = service_.catalog();
  const std::string& code = path_param(request, "code");
  const kb::District* d = catalog->district(code);
  if (d == nullptr) throw not_found("code", "Nincs „" + code + "” kódú járás.");
  json body = *d;
  json settlements = json::array();
  for (const kb::Settlement* s : catalog->settlements_in_district(code)) {
    settlements.push_back({{"ksh_code", s->ksh_code}, {"name", s->name}});
  }
  json offices = json::array();
  for (const kb::Office* o : catalog->offices_in_district(code)) offices.push_back(office_summary(*o));
  body["settlement_list"] = settlements;
  body["offices"] = offices;
  return json_response(body);
}

Response Endpoints::settlement(const Request& request) const {
  const auto catalog = service_.catalog();
  const std::string& ksh = path_param(request, "ksh");
  const kb::Settlement* s = catalog->settlement(ksh);
  if (s == nullptr) throw not_found("ksh", "Nincs „" + ksh + "” KSH-kódú település.");
  json body = *s;
  body["district_name"] = settlement_summary(*catalog, *s)["district_name"];
  json offices = json::array();
  for (const std::string& id : {"ph-" + s->ksh_code, "koh-" + s->office_seat_ksh, "kir-" + s->ksh_code,
                                "jh-" + s->district_code}) {
    if (const kb::Office* o = catalog->office(id)) offices.push_back(office_summary(*o));
  }
  body["offices"] = offices;
  return json_response(body);
}

Response Endpoints::settlements(const Request& request) const {
  const auto catalog = service_.catalog();
  const std::string q = required_text(request, "q", 100);
  const std::size_t limit = bounded_count(request, "limit", 10, 1, 100);
  json results = settlement_candidates(*catalog, catalog->find_settlements(q, limit));
  return json_response({{"total", results.size()}, {"results", results}});
}

const std::vector<RouteSpec>& route_table() {
  static const std::vector<RouteSpec> kRoutes = {
      {"/healthz", &Endpoints::healthz},
      {"/readyz", &Endpoints::readyz},
      {"/openapi.json", &Endpoints::openapi},
      {"/v1/search", &Endpoints::search},
      {"/v1/route", &Endpoints::route},
      {"/v1/procedures", &Endpoints::procedures},
      {"/v1/procedures/:id", &Endpoints::procedure},
      {"/v1/offices/:id", &Endpoints::office},
      {"/v1/forms/:id", &Endpoints::form},
      {"/v1/districts/:code", &Endpoints::district},
      {"/v1/settlements", &Endpoints::settlements},
      {"/v1/settlements/:ksh", &Endpoints::settlement},
  };
  return kRoutes;
}

Response dispatch(const Endpoints& endpoints, Handler handler, const Request& request) {
  try {
    return (endpoints.*handler)(request);
  } catch (const ApiError& e) {
    return to_response(e.problem());
  } catch (const std::exception& e) {
    spdlog::error("unhandled error on {}: {}", request.path, e.what());
    return to_response(Problem{500, "internal-error", "Belső hiba",
                               "Váratlan hiba történt; a hibát naplóztuk.", std::nullopt, nlohmann::json::object()});
  }
}

}  // namespace ugk::api
