#include "api/views.h"

#include "api/url.h"
#include "kb/enums.h"
#include "kb/ids.h"
#include "kb/json_codec.h"
#include "kb/office_contact.h"
#include "kb/variant.h"
#include "kb/wording_hu.h"
#include "service/guide_match.h"

namespace ugk::api {

using nlohmann::json;

json settlement_summary(const kb::Catalog& catalog, const kb::Settlement& s) {
  const kb::District* district = catalog.district(s.district_code);
  return json{{"ksh_code", s.ksh_code},
              {"name", s.name},
              {"legal_status", s.legal_status},
              {"county", s.county},
              {"district_code", s.district_code},
              {"district_name", district ? json(district->name) : json(nullptr)},
              {"postal_codes", s.postal_codes},
              // For pickers: "Budapest XIV. kerület"; the district line is left out where the label
              // already says it (a Budapest district is its own district).
              {"label", kb::settlement_label(s)},
              {"district_label",
               district && !kb::is_budapest_district(s) ? json(kb::district_label(*district)) : json(nullptr)}};
}

json district_summary(const kb::District& d) {
  return json{{"code", d.code}, {"name", d.name},     {"label", kb::district_label(d)},
              {"seat", d.seat}, {"county", d.county}, {"settlements", d.settlement_count}};
}

void add_contact(json& object, const kb::Office& office) {
  const kb::OfficeLocation location = kb::office_location(office);
  const auto text = [](const std::string* value) { return value ? json(*value) : json(nullptr); };
  const char* origin = location.origin == kb::AddressOrigin::kOffice     ? "office"
                       : location.origin == kb::AddressOrigin::kRegister ? "register"
                                                                         : nullptr;
  object["location"] = {{"address", text(location.address)},
                        {"postal_code", text(location.postal_code)},
                        {"origin", origin ? json(origin) : json(nullptr)},
                        {"note", location.registered ? json(kb::address_note(*location.registered)) : json(nullptr)}};
  const std::string note = kb::contact_note(office);
  object["contact_note"] = note.empty() ? json(nullptr) : json(note);
}

json related_view(const kb::Catalog& catalog, const kb::Procedure& procedure) {
  json related = json::array();
  for (const kb::RelatedProcedure& r : procedure.related) {
    const kb::Procedure* other = catalog.procedure(r.procedure_id);
    if (other == nullptr) continue;  // removed since: nothing to link to
    related.push_back({{"id", other->id}, {"title", other->title}, {"note", r.note}});
  }
  return related;
}

json office_summary(const kb::Office& o) {
  return json{{"id", o.id},
              {"kind", kb::to_string(o.kind)},
              {"name", o.name},
              {"settlement_ksh", o.settlement_ksh},
              {"address", o.address}};
}

json procedure_summary(const kb::Procedure& p) {
  return json{{"id", p.id},
              {"title", p.title},
              {"category", p.category},
              {"authority", kb::to_string(p.competence.authority)},
              {"territory", kb::to_string(p.competence.territory)},
              {"scope", p.office_id ? "local" : "national"},
              {"office_id", p.office_id}};
}

json merged_procedure_view(const kb::Catalog& catalog, const kb::MergedProcedure& merged) {
  json procedure = json(merged.procedure);
  procedure.erase("keywords");  // search vocabulary, not for people
  json origin = json::object();
  for (const auto& [field, from] : merged.origin) origin[field] = kb::to_string(from);
  procedure["origin"] = origin;
  if (const kb::LocalVariant* v = merged.variant) {
    const kb::Office* office = catalog.office(v->office_id);
    json contact = nullptr;
    if (v->contact) {
      contact = {{"name", v->contact->name},
                 {"room", v->contact->room},
                 {"phone", v->contact->phone},
                 {"email", v->contact->email}};
    }
    procedure["local"] = {{"variant_id", v->id},
                          {"office_id", v->office_id},
                          {"office_name", office ? json(office->name) : json(nullptr)},
                          {"note", v->note},
                          {"contact", contact},
                          {"local_legal_basis", v->local_legal_basis},
                          {"extra_documents", v->extra_documents}};
  } else {
    procedure["local"] = nullptr;
  }
  return procedure;
}

json merged_forms_view(const kb::Catalog& catalog, const kb::MergedProcedure& merged) {
  const std::string origin(kb::to_string(merged.origin.at("forms")));
  json forms = json::array();
  for (const kb::VariantForm& f : merged.forms) {
    if (f.form_id) {
      const kb::Form* form = catalog.form(*f.form_id);
      if (form == nullptr) continue;
      json view = *form;
      view["origin"] = "national";
      forms.push_back(view);
    } else {
      forms.push_back({{"id", nullptr}, {"title", f.title}, {"format", f.format}, {"url", f.url}, {"origin", origin}});
    }
  }
  return forms;
}

void add_reason(json& object, const kb::Catalog& catalog, const kb::Reason& reason) {
  const kb::ReasonParams& p = reason.params;
  json params = json::object();
  if (p.settlement_ksh) params["settlement_ksh"] = *p.settlement_ksh;
  if (p.office_id) params["office_id"] = *p.office_id;
  if (p.seat_ksh) params["seat_ksh"] = *p.seat_ksh;
  if (p.authority) params["authority"] = kb::to_string(*p.authority);
  if (p.km) params["km"] = *p.km;
  if (p.visit_id) params["visit_id"] = *p.visit_id;
  object["reason"] = kb::reason_text(catalog, reason);
  object["reason_code"] = kb::to_string(reason.code);
  object["reason_params"] = std::move(params);
}

json case_view(const kb::Catalog& catalog, const service::CaseAnswer& answer) {
  const kb::Route& route = answer.route;
  const kb::MergedProcedure& merged = answer.procedure;
  const kb::Procedure& p = merged.procedure;
  json procedure = merged_procedure_view(catalog, merged);

  json offices = json::array();
  for (const auto& routed : route.offices) {
    const kb::Office& o = *routed.office;
    offices.push_back({{"id", o.id},
                       {"kind", kb::to_string(o.kind)},
                       {"role", kb::to_string(routed.role)},
                       {"name", o.name},
                       {"address", o.address},
                       {"postal_code", o.postal_code},
                       {"settlement_ksh", o.settlement_ksh},
                       {"opening_hours", o.opening_hours},
                       {"opening_hours_note", o.opening_hours_note},
                       {"phone", o.phone},
                       {"email", o.email},
                       {"website", o.website},
                       {"distance_km", routed.distance_km}});
    add_reason(offices.back(), catalog, routed.reason);
    add_contact(offices.back(), o);
    // Which office's local text the answer shows (see procedure.local).
    offices.back()["has_local_variant"] = merged.variant != nullptr && merged.variant->office_id == o.id;
  }
  json visits = json::array();
  for (const auto& routed : route.visits) {
    const kb::Visit& v = *routed.visit;
    visits.push_back({{"id", v.id},
                      {"office_id", v.office_id},
                      {"office_name", routed.office->name},
                      {"settlement_ksh", v.settlement_ksh},
                      {"place", v.place},
                      {"schedule", v.schedule},
                      {"note", v.note}});
    add_reason(visits.back(), catalog, routed.reason);
  }
  json fees = json::array();
  const std::string fee_origin(kb::to_string(merged.origin.at("fees")));
  for (const kb::Fee& fee : p.fees) {
    json view = fee;
    view["origin"] = fee_origin;
    fees.push_back(view);
  }

  json view{{"procedure", procedure},
            {"settlement", settlement_summary(catalog, *route.settlement)},
            {"territory_hint", kb::territory_hint_text(p.competence)},
            {"territory_hint_code", kb::to_string(route.territory_hint)},
            {"settlement_role", kb::to_string(kb::settlement_role(p.competence))},
            {"settlement_question", kb::settlement_question_text(kb::settlement_role(p.competence))},
            {"offices", offices},
            {"visits", visits},
            {"forms", merged_forms_view(catalog, merged)},
            {"documents", p.documents},
            {"fees", fees},
            {"channels", procedure["channels"]},
            {"central_authority", route.central_authority ? json(kb::central_authority_text(p)) : json(nullptr)},
            {"related", related_view(catalog, p)}};
  if (answer.match) {
    const service::CaseMatch& m = *answer.match;
    json others = json::array();
    for (const auto& candidate : m.others) {
      json summary = procedure_summary(*candidate.procedure);
      summary["score"] = candidate.score;
      others.push_back(summary);
    }
    view["match"] = {
        {"query", m.query}, {"score", m.score}, {"ambiguous", m.ambiguous}, {"low_confidence", m.low_confidence}};
    if (m.low_confidence) {
      view["match"]["dropped_words"] = m.dropped_words;
      view["match"]["notice"] = kb::relaxed_search_notice();
    }
    if (m.ambiguous) {
      view["match"]["note"] =
          "A megadott szöveg több ügyre is illik; az első a legvalószínűbb, de nézze meg a "
          "további ügyeket (other_procedures) is.";
    }
    view["other_procedures"] = others;
  }
  return view;
}

json guide_links(const kb::Catalog& catalog, std::string_view text) {
  json out = json::array();
  for (const kb::Guide* g : service::match_guides(catalog, text)) {
    out.push_back({{"id", g->id},
                   {"title", g->title},
                   {"summary", g->summary},
                   {"answer_url", "/v1/guides/" + percent_encode_segment(g->id) + "/answer"}});
  }
  return out;
}

}  // namespace ugk::api
