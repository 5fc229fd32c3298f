#include "api/endpoints.h"
#include "api/params.h"
#include "api/problem.h"
#include "api/responses.h"
#include "api/views.h"
#include "kb/ids.h"
#include "kb/json_codec.h"
#include "kb/variant.h"

namespace ugk::api {

using nlohmann::json;

void add_record_routes(RouteTable& table, const service::KnowledgeService& service,
                       const service::QualityService* quality) {
  // National procedures; with `settlement`, also the local-only procedures of its offices.
  table.get("/v1/procedures", [&service](const Request& request) {
    const auto catalog = service.catalog();
    json results = json::array();
    for (const auto& p : catalog->procedures()) results.push_back(procedure_summary(p));
    if (const auto input = optional_text(request, "settlement", 100)) {
      const kb::Settlement& settlement = resolve_settlement_param(*catalog, "settlement", *input);
      for (const kb::Office* o : catalog->offices_for(settlement)) {
        for (const kb::Procedure* p : catalog->local_procedures_of(o->id)) results.push_back(procedure_summary(*p));
      }
    }
    return json_response({{"total", results.size()}, {"results", results}});
  });

  table.get("/v1/procedures/:id", [&service, quality](const Request& request) {
    const auto catalog = service.catalog();
    const std::string& id = path_param(request, "id");
    const kb::Procedure* p = catalog->procedure(id);
    if (p == nullptr) throw not_found("id", "Nincs „" + id + "” azonosítójú ügy.");
    json body = *p;
    json forms = json::array();
    for (const kb::Form* f : catalog->forms_of(*p)) forms.push_back(*f);
    body["form_details"] = forms;
    body["scope"] = p->office_id ? "local" : "national";
    json variants = json::array();
    for (const kb::LocalVariant* v : catalog->variants_of_procedure(id)) {
      variants.push_back({{"id", v->id}, {"office_id", v->office_id}, {"fields", kb::set_fields(*v)}});
    }
    body["variants"] = variants;
    const kb::RecordKind kind = p->office_id ? kb::RecordKind::kLocalProcedure : kb::RecordKind::kProcedure;
    flag_broken_links(body, quality, "form_details");
    return with_etag(json_response(body), catalog->record_version(kind, id));
  });

  table.get("/v1/offices/:id", [&service](const Request& request) {
    const auto catalog = service.catalog();
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
    json variants = json::array();
    for (const kb::LocalVariant* v : catalog->variants_of_office(o->id)) variants.push_back(*v);
    body["variants"] = variants;
    json local_procedures = json::array();
    for (const kb::Procedure* p : catalog->local_procedures_of(o->id))
      local_procedures.push_back(procedure_summary(*p));
    body["local_procedures"] = local_procedures;
    return with_etag(json_response(body), catalog->record_version(kb::RecordKind::kOffice, id));
  });

  table.get("/v1/forms/:id", [&service](const Request& request) {
    const auto catalog = service.catalog();
    const std::string& id = path_param(request, "id");
    const kb::Form* f = catalog->form(id);
    if (f == nullptr) throw not_found("id", "Nincs „" + id + "” azonosítójú nyomtatvány.");
    return with_etag(json_response(*f), catalog->record_version(kb::RecordKind::kForm, id));
  });

  table.get("/v1/districts/:code", [&service](const Request& request) {
    const auto catalog = service.catalog();
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
  });

  // A district picker: by code, name, seat or any settlement of the district.
  table.get("/v1/districts", [&service](const Request& request) {
    const auto catalog = service.catalog();
    const std::string q = required_text(request, "q", 100);
    const std::size_t limit = bounded_count(request, "limit", 10, 1, 50);
    json results = json::array();
    for (const kb::DistrictMatch& match : catalog->find_districts(q, limit)) {
      json item = district_summary(*match.district);
      item["via_settlement"] = match.via ? json(settlement_summary(*catalog, *match.via)) : json(nullptr);
      results.push_back(std::move(item));
    }
    return json_response({{"total", results.size()}, {"results", results}});
  });

  table.get("/v1/settlements", [&service](const Request& request) {
    const auto catalog = service.catalog();
    const std::string q = required_text(request, "q", 100);
    const std::size_t limit = bounded_count(request, "limit", 10, 1, 100);
    json results = settlement_list(*catalog, catalog->find_settlements(q, limit));
    return json_response({{"total", results.size()}, {"results", results}});
  });

  table.get("/v1/settlements/:ksh", [&service](const Request& request) {
    const auto catalog = service.catalog();
    const std::string& ksh = path_param(request, "ksh");
    const kb::Settlement* s = catalog->settlement(ksh);
    if (s == nullptr) throw not_found("ksh", "Nincs „" + ksh + "” KSH-kódú település.");
    json body = *s;
    body["district_name"] = settlement_summary(*catalog, *s)["district_name"];
    json offices = json::array();
    for (const std::string& id : {kb::mayors_office_id(s->ksh_code), kb::joint_office_id(s->office_seat_ksh),
                                  kb::branch_office_id(s->ksh_code), kb::district_office_id(s->district_code)}) {
      if (const kb::Office* o = catalog->office(id)) offices.push_back(office_summary(*o));
    }
    body["offices"] = offices;
    return json_response(body);
  });
}

}  // namespace ugk::api
