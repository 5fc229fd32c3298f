#include <ctime>
#include <set>

#include "api/endpoints.h"
#include "api/hours_views.h"
#include "api/params.h"
#include "api/problem.h"
#include "api/responses.h"
#include "api/snapshot.h"
#include "api/views.h"
#include "kb/enums.h"
#include "kb/formats.h"
#include "kb/json_codec.h"
#include "kb/routing.h"
#include "kb/wording_hu.h"
#include "search/offline_analysis.h"

namespace ugk::api {

using nlohmann::json;

namespace {

constexpr kb::Authority kLocalAuthorities[] = {kb::Authority::kGovernmentWindow, kb::Authority::kDistrictOffice,
                                               kb::Authority::kNotary, kb::Authority::kRegistrar,
                                               kb::Authority::kMayor};

json compact_procedure(const kb::Catalog& catalog, const kb::Procedure& p) {
  json out = p;
  // Provenance is for the full page online; the card needs the rest, and the offline search the
  // description (it is indexed online too).
  for (const char* field : {"legal_basis", "sources", "as_of_basis", "certainty_note"}) out.erase(field);
  out["related"] = related_view(catalog, p);
  // Who handles a case with no local office, worded as /v1/route words it.
  if (p.competence.authority == kb::Authority::kCentral) out["central_authority"] = kb::central_authority_text(p);
  // Whose settlement decides the case, worded as /v1/route words it.
  out["territory_hint"] = kb::territory_hint_text(p.competence);
  out["settlement_role"] = kb::to_string(kb::settlement_role(p.competence));
  return out;
}

json analysis_json() {
  const search::OfflineAnalysis a = search::offline_analysis();
  const auto object = [](const std::vector<std::pair<std::string, double>>& pairs) {
    json out = json::object();
    for (const auto& [name, value] : pairs) out[name] = value;
    return out;
  };
  return json{{"stemmer", "snowball-hungarian"},
              {"stopwords", a.stopwords},
              {"synonyms", a.synonyms_tsv},
              {"field_weights", object(a.field_weights)},
              {"query_weights", object(a.query_weights)},
              {"bm25", object(a.bm25)},
              {"min_prefix_chars", a.min_prefix_chars},
              {"max_prefix_expansions", a.max_prefix_expansions},
              {"min_compound_part_chars", a.min_compound_part_chars},
              {"one_typo_from_chars", a.one_typo_from_chars},
              {"two_typos_from_chars", a.two_typos_from_chars}};
}

}  // namespace

json district_snapshot(const kb::Catalog& catalog, const std::string& district_code, const std::string& generated_at) {
  const kb::District& district = *catalog.district(district_code);
  std::set<std::string> office_ids;
  for (const kb::Office* o : catalog.offices_in_district(district_code)) office_ids.insert(o->id);

  json settlements = json::array();
  json routes = json::object();
  json visits = json::array();
  for (const kb::Settlement* s : catalog.settlements_in_district(district_code)) {
    settlements.push_back(settlement_summary(catalog, *s));
    json by_authority = json::object();
    for (kb::Authority authority : kLocalAuthorities) {
      // Assistant visits are kept here and dropped in the browser for procedures that allow none.
      const kb::Route route = kb::route_by_authority(catalog, authority, *s, /*assistant_allowed=*/true);
      json offices = json::array();
      for (const auto& routed : route.offices) {
        office_ids.insert(routed.office->id);
        offices.push_back(
            {{"id", routed.office->id}, {"role", kb::to_string(routed.role)}, {"distance_km", routed.distance_km}});
        add_reason(offices.back(), catalog, routed.reason);
      }
      json routed_visits = json::array();
      for (const auto& routed : route.visits) {
        office_ids.insert(routed.office->id);
        routed_visits.push_back({{"id", routed.visit->id},
                                 {"office_id", routed.office->id},
                                 {"office_kind", kb::to_string(routed.office->kind)}});
        add_reason(routed_visits.back(), catalog, routed.reason);
      }
      by_authority[std::string(kb::to_string(authority))] = {{"offices", offices}, {"visits", routed_visits}};
    }
    routes[s->ksh_code] = by_authority;
    for (const kb::Visit* v : catalog.visits_in(s->ksh_code)) {
      visits.push_back(*v);
      visits.back()["schedule_text"] = hours_text_json(v->schedule);
    }
  }

  json offices = json::array();
  for (const std::string& id : office_ids) {
    if (const kb::Office* o = catalog.office(id)) {
      offices.push_back(*o);
      offices.back()["opening_hours_text"] = hours_text_json(o->opening_hours);
      add_contact(offices.back(), *o);
    }
  }
  json procedures = json::array();
  for (const auto& p : catalog.procedures()) procedures.push_back(compact_procedure(catalog, p));
  // The offices' own texts: their local variants and local-only procedures.
  json variants = json::array();
  json local_procedures = json::array();
  for (const std::string& id : office_ids) {
    for (const kb::LocalVariant* v : catalog.variants_of_office(id)) variants.push_back(*v);
    for (const kb::Procedure* p : catalog.local_procedures_of(id))
      local_procedures.push_back(compact_procedure(catalog, *p));
  }
  json forms = json::array();
  for (const auto& f : catalog.forms()) forms.push_back(f);
  // The field app runs the guides offline with the same rules (web/src/guide.js).
  json guides = json::array();
  for (const auto& g : catalog.guides()) guides.push_back(g);
  json hints = json::object();
  for (kb::Territory territory : kb::all_territories()) {
    hints[std::string(kb::to_string(territory))] = kb::territory_hint_text(territory);
  }
  // Whose settlement a guide question or a step's office is for, worded as /v1/guides/{id}/answer words it.
  json roles = json::object();
  for (kb::SettlementRole role : kb::all_settlement_roles()) {
    roles[std::string(kb::to_string(role))] = kb::settlement_role_text(role);
  }

  return json{
      {"format", 2},
      {"version", catalog.version()},
      {"generated_at", generated_at},
      {"district",
       {{"code", district.code}, {"name", district.name}, {"seat", district.seat}, {"county", district.county}}},
      {"settlements", settlements},
      {"offices", offices},
      {"visits", visits},
      {"procedures", procedures},
      {"local_procedures", local_procedures},
      {"variants", variants},
      {"forms", forms},
      {"guides", guides},
      {"territory_hints", hints},
      {"settlement_roles", roles},
      {"routes", routes},
      {"analysis", analysis_json()}};
}

void add_snapshot_routes(RouteTable& table, const service::KnowledgeService& service) {
  table.get("/v1/snapshot", [&service](const Request& request) {
    const auto catalog = service.catalog();
    const std::string code = required_text(request, "district", 10);
    if (catalog->district(code) == nullptr) throw not_found("district", "Nincs „" + code + "” kódú járás.");
    Response response = json_response(district_snapshot(*catalog, code, kb::utc_now()));
    // The field app refreshes this on every start when online; never let a proxy keep it.
    response.headers.emplace_back("Cache-Control", "no-cache");
    return response;
  });
}

}  // namespace ugk::api
