#include "kb/variant.h"

#include <algorithm>

namespace ugk::kb {
namespace {

// National field -> the variant fields that replace it or depend on it. A change of the national
// field may outdate those (the office copied or built on the old text). Decided here once.
constexpr std::pair<std::string_view, std::string_view> kOverrides[] = {
    {"title", "title"},
    {"summary", "summary"},
    {"description", "description"},
    {"documents", "documents"},
    {"documents", "extra_documents"},
    {"fees", "fees"},
    {"forms", "forms"},
    {"deadline", "deadline"},
    {"processing_time", "processing_time"},
    {"channels", "online_url"},
    {"legal_basis", "local_legal_basis"},
    {"legal_basis", "fees"},  // local fees rest on the legal basis that allows them
};

}  // namespace

std::string_view to_string(Origin origin) {
  return origin == Origin::kLocal ? "local" : "national";
}

MergedProcedure merge(const Procedure& procedure, const LocalVariant* variant) {
  MergedProcedure merged;
  merged.procedure = procedure;
  merged.variant = variant;
  const Origin base = procedure.office_id ? Origin::kLocal : Origin::kNational;
  for (const char* field :
       {"title", "summary", "description", "documents", "fees", "forms", "deadline", "processing_time", "online_url"}) {
    merged.origin[field] = base;
  }
  for (const auto& id : procedure.forms) merged.forms.push_back({id, std::nullopt, std::nullopt, std::nullopt});
  if (variant == nullptr) return merged;

  Procedure& p = merged.procedure;
  const auto take = [&](const char* field, const auto& value, auto& target) {
    if (!value) return;
    target = *value;
    merged.origin[field] = Origin::kLocal;
  };
  take("title", variant->title, p.title);
  take("summary", variant->summary, p.summary);
  take("description", variant->description, p.description);
  take("documents", variant->documents, p.documents);
  take("fees", variant->fees, p.fees);
  take("deadline", variant->deadline, p.deadline);
  take("processing_time", variant->processing_time, p.processing_time);
  if (variant->online_url) {
    p.channels.online.available = true;
    p.channels.online.where = variant->online_url;
    merged.origin["online_url"] = Origin::kLocal;
  }
  if (variant->forms) {
    merged.forms = *variant->forms;
    p.forms.clear();
    for (const auto& f : merged.forms) {
      if (f.form_id) p.forms.push_back(*f.form_id);
    }
    merged.origin["forms"] = Origin::kLocal;
  }
  if (!variant->extra_documents.empty()) {
    p.documents.insert(p.documents.end(), variant->extra_documents.begin(), variant->extra_documents.end());
    merged.origin["extra_documents"] = Origin::kLocal;
  }
  if (!variant->local_legal_basis.empty()) {
    p.legal_basis.insert(p.legal_basis.end(), variant->local_legal_basis.begin(), variant->local_legal_basis.end());
    merged.origin["local_legal_basis"] = Origin::kLocal;
  }
  if (variant->note) merged.origin["note"] = Origin::kLocal;
  if (variant->contact) merged.origin["contact"] = Origin::kLocal;
  return merged;
}

const LocalVariant* variant_for(const Catalog& catalog, const Procedure& procedure, const Settlement& settlement) {
  if (procedure.office_id) return nullptr;
  for (const Office* office : catalog.offices_for(settlement)) {
    if (const LocalVariant* v = catalog.variant(procedure.id, office->id)) return v;
  }
  return nullptr;
}

bool can_handle(OfficeKind office, Authority authority) {
  const bool municipal =
      office == OfficeKind::kMayorsOffice || office == OfficeKind::kJointOffice || office == OfficeKind::kBranch;
  const bool state = office == OfficeKind::kDistrictOffice || office == OfficeKind::kGovernmentWindow;
  switch (authority) {
    case Authority::kNotary:
    case Authority::kRegistrar:
    case Authority::kMayor:
      return municipal;
    case Authority::kDistrictOffice:
    case Authority::kGovernmentWindow:
      return state;
    case Authority::kCentral:
      return false;
  }
  return false;
}

std::vector<std::string> set_fields(const LocalVariant& v) {
  std::vector<std::string> out;
  const auto mark = [&](const char* field, bool set) {
    if (set) out.emplace_back(field);
  };
  mark("title", v.title.has_value());
  mark("summary", v.summary.has_value());
  mark("description", v.description.has_value());
  mark("documents", v.documents.has_value());
  mark("extra_documents", !v.extra_documents.empty());
  mark("fees", v.fees.has_value());
  mark("forms", v.forms.has_value());
  mark("deadline", v.deadline.has_value());
  mark("processing_time", v.processing_time.has_value());
  mark("online_url", v.online_url.has_value());
  mark("local_legal_basis", !v.local_legal_basis.empty());
  mark("note", v.note.has_value());
  mark("contact", v.contact.has_value());
  return out;
}

std::vector<std::string> fields_to_review(const LocalVariant& variant,
                                          const std::vector<std::string>& national_fields) {
  const std::vector<std::string> set = set_fields(variant);
  std::vector<std::string> out;
  for (const auto& [national, local] : kOverrides) {
    const bool touched = std::find(national_fields.begin(), national_fields.end(), national) != national_fields.end();
    const bool overridden = std::find(set.begin(), set.end(), local) != set.end();
    if (touched && overridden && std::find(out.begin(), out.end(), local) == out.end()) out.emplace_back(local);
  }
  return out;
}

}  // namespace ugk::kb
