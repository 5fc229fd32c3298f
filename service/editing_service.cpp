#include "service/editing_service.h"

#include <algorithm>
#include <set>

#include "hours/syntax.h"
#include "kb/catalog_references.h"
#include "kb/ids.h"
#include "kb/json_codec.h"
#include "kb/variant.h"

namespace ugk::service {
namespace {

using nlohmann::json;

// Ends a transaction without committing: the outcome is what the caller gets.
struct Rejected {
  EditOutcome outcome;
};

json field_or_null(const json& doc, const char* field) {
  if (!doc.is_object()) return nullptr;
  auto it = doc.find(field);
  return it == doc.end() ? json() : *it;
}

std::set<std::string> form_ids(const json& procedure_doc) {
  std::set<std::string> out;
  const json forms = field_or_null(procedure_doc, "forms");
  if (!forms.is_array()) return out;
  for (const auto& f : forms) {
    if (f.is_string()) out.insert(f.get<std::string>());
  }
  return out;
}

// Top-level fields whose values differ between two documents of a record.
std::vector<std::string> changed_fields(const json& before, const json& after) {
  std::vector<std::string> out;
  for (const auto& [key, value] : after.items()) {
    if (field_or_null(before, key.c_str()) != value) out.push_back(key);
  }
  for (const auto& [key, value] : before.items()) {
    if (!after.contains(key)) out.push_back(key);
  }
  return out;
}

// Keeps the procedure-form link two-sided: the forms `procedure_id` gained list it, the ones it lost
// no longer do.
void sync_form_links(kb::Store::WriteTransaction& tx, const std::string& procedure_id, const json& before,
                     const json& after, const std::string& actor, std::vector<Written>& written) {
  const std::set<std::string> old_forms = form_ids(before);
  const std::set<std::string> new_forms = form_ids(after);
  std::set<std::string> touched;
  std::set_symmetric_difference(old_forms.begin(), old_forms.end(), new_forms.begin(), new_forms.end(),
                                std::inserter(touched, touched.end()));
  for (const std::string& form_id : touched) {
    auto form = tx.get(kb::RecordKind::kForm, form_id);
    if (!form) continue;  // the rules refused unknown forms; a vanished one has nothing to update
    json doc = form->doc;
    std::vector<std::string> procedures = doc.value("procedures", std::vector<std::string>{});
    procedures.erase(std::remove(procedures.begin(), procedures.end(), procedure_id), procedures.end());
    if (new_forms.contains(form_id)) procedures.push_back(procedure_id);
    doc["procedures"] = procedures;
    const std::int64_t version = tx.put(kb::RecordKind::kForm, form_id, std::make_optional(doc), form->version, actor);
    written.push_back({kb::RecordKind::kForm, form_id, std::make_optional(doc), version});
  }
}

// Variants overriding what a national change touched are sent to review.
int flag_reviews(kb::Store::WriteTransaction& tx, const kb::Catalog& catalog, const std::string& procedure_id,
                 const json& before, const json& after, std::int64_t change_seq, const std::string& actor) {
  const std::vector<std::string> changed = changed_fields(before, after);
  int flagged = 0;
  for (const kb::LocalVariant* variant : catalog.variants_of_procedure(procedure_id)) {
    const std::vector<std::string> fields = kb::fields_to_review(*variant, changed);
    if (fields.empty()) continue;
    kb::Review review;
    review.variant_id = variant->id;
    review.procedure_id = procedure_id;
    review.office_id = variant->office_id;
    review.change_seq = change_seq;
    review.fields = fields;
    review.flagged_by = actor;
    tx.flag_review(review);
    ++flagged;
  }
  return flagged;
}

// Records that refer to `id` and would dangle if it went.
std::vector<std::string> dependents_of(const kb::Catalog& catalog, kb::RecordKind kind, const std::string& id) {
  std::vector<std::string> out;
  const auto add = [&](kb::RecordKind k, const std::string& key) {
    out.push_back(std::string(kb::info(k).collection) + "/" + key);
  };
  switch (kind) {
    case kb::RecordKind::kProcedure:
      for (const auto* v : catalog.variants_of_procedure(id)) add(kb::RecordKind::kVariant, v->id);
      break;
    case kb::RecordKind::kOffice:
      for (const auto* v : catalog.visits_by(id)) add(kb::RecordKind::kVisit, v->id);
      for (const auto* v : catalog.variants_of_office(id)) add(kb::RecordKind::kVariant, v->id);
      for (const auto* p : catalog.local_procedures_of(id)) add(kb::RecordKind::kLocalProcedure, p->id);
      break;
    case kb::RecordKind::kForm:
      for (const auto* p : catalog.procedures_with_form(id)) {
        add(p->office_id ? kb::RecordKind::kLocalProcedure : kb::RecordKind::kProcedure, p->id);
      }
      break;
    default:
      break;
  }
  return out;
}

// The fields of the key that the path already decides; a body may leave them out but not contradict them.
std::vector<std::pair<std::string, std::string>> path_fields(kb::RecordKind kind, const std::string& id) {
  std::vector<std::pair<std::string, std::string>> fields{{std::string(kb::info(kind).key_field), id}};
  if (kind == kb::RecordKind::kVariant) {
    if (const auto owned = kb::split_owned_id(id)) {
      fields.emplace_back("procedure_id", owned->name);
      fields.emplace_back("office_id", owned->office_id);
    }
  } else if (kind == kb::RecordKind::kLocalProcedure) {
    if (const auto owned = kb::split_owned_id(id)) fields.emplace_back("office_id", owned->office_id);
  }
  return fields;
}

std::optional<std::int64_t> expected_version(const Precondition& precondition, std::int64_t current) {
  switch (precondition.kind) {
    case Precondition::Kind::kNone:
      return std::nullopt;
    case Precondition::Kind::kAny:
      return current;
    case Precondition::Kind::kVersion:
      return precondition.version;
  }
  return std::nullopt;
}

}  // namespace

Validated validate_document(kb::RecordKind kind, const json& doc, const kb::Catalog& catalog, const json& fallback) {
  Validated result;
  const kb::CatalogReferences refs(catalog);
  const kb::RuleContext context{refs, &hours::opening_hours_problem};
  kb::visit_kind(kind, [&](auto traits) {
    using T = typename decltype(traits)::Record;
    const auto decode = [](const json& j, kb::Issues& issues) -> std::optional<T> {
      try {
        T record = j.template get<T>();
        // An edited office is a detail record, whatever the body says.
        if constexpr (std::is_same_v<T, kb::Office>) record.derived = false;
        return record;
      } catch (const kb::FieldErrors& errors) {
        for (const auto& e : errors.all()) issues.push_back({e.field(), e.what()});
      } catch (const kb::FieldError& e) {
        issues.push_back({e.field(), e.what()});
      }
      return std::nullopt;
    };
    if (auto record = decode(doc, result.issues)) {
      result.issues = kb::check_record(traits, *record, context);
      if (result.issues.empty()) result.doc = json(*record);
      return;
    }
    // Undecodable: check the rest of the record too, with the broken top-level fields repaired.
    std::set<std::string> broken;
    for (const auto& issue : result.issues) broken.insert(issue.field.substr(0, issue.field.find_first_of(".[")));
    json repaired = doc;
    for (const auto& field : broken) {
      if (fallback.is_object() && fallback.contains(field)) {
        repaired[field] = fallback[field];
      } else if (repaired.is_object()) {
        repaired.erase(field);
      }
    }
    kb::Issues ignored;
    if (auto record = decode(repaired, ignored)) {
      for (auto& issue : kb::check_record(traits, *record, context)) {
        if (!broken.contains(issue.field.substr(0, issue.field.find_first_of(".["))))
          result.issues.push_back(std::move(issue));
      }
    }
  });
  return result;
}

EditOutcome EditingService::create(const kb::ApiKeyRecord& key, kb::RecordKind kind, json body) {
  if (!body.is_object()) return outcome::Mismatch{"body"};
  const json id = field_or_null(body, std::string(kb::info(kind).key_field).c_str());
  if (!id.is_string()) {
    return outcome::Invalid{{{std::string(kb::info(kind).key_field), "hiányzó mező (missing field)"}}};
  }
  const std::string record_id = id.get<std::string>();
  if (knowledge_.catalog()->document(kind, record_id)) return outcome::AlreadyExists{record_id};
  return save(key, kind, record_id, std::nullopt, std::move(body), Precondition{});
}

EditOutcome EditingService::replace(const kb::ApiKeyRecord& key, kb::RecordKind kind, const std::string& id, json body,
                                    const Precondition& precondition) {
  const auto before = knowledge_.catalog()->document(kind, id);
  // Only records whose id the path builds (a variant of a procedure at an office) are created by PUT.
  if (!before && kind != kb::RecordKind::kVariant) return outcome::NotFound{};
  return save(key, kind, id, before, std::move(body), precondition);
}

EditOutcome EditingService::patch(const kb::ApiKeyRecord& key, kb::RecordKind kind, const std::string& id,
                                  const json& merge_patch, const Precondition& precondition) {
  const auto before = knowledge_.catalog()->document(kind, id);
  if (!before) return outcome::NotFound{};
  if (!merge_patch.is_object()) return outcome::Mismatch{"body"};
  json merged = *before;
  merged.merge_patch(merge_patch);
  return save(key, kind, id, before, std::move(merged), precondition);
}

EditOutcome EditingService::save(const kb::ApiKeyRecord& key, kb::RecordKind kind, const std::string& id,
                                 const std::optional<json>& before, json candidate, const Precondition& precondition) {
  if (!candidate.is_object()) return outcome::Mismatch{"body"};
  for (const auto& [field, value] : path_fields(kind, id)) {
    if (!candidate.contains(field)) candidate[field] = value;
    if (candidate[field] != value) return outcome::Mismatch{field};
  }
  if (before && precondition.kind == Precondition::Kind::kNone) return outcome::PreconditionRequired{};
  // Who may write it is decided before anything about its content is told.
  if (auto decision = auth::decide(key, kind, before.value_or(json()), candidate); !decision.allowed) {
    return outcome::Forbidden{decision};
  }

  try {
    outcome::Saved saved;
    knowledge_.transact([&](kb::Store::WriteTransaction& tx, const kb::Catalog& catalog) {
      const auto current = catalog.document(kind, id);
      const std::int64_t current_version = current ? catalog.record_version(kind, id) : 0;
      Validated validated = validate_document(kind, candidate, catalog, current.value_or(json()));
      if (!validated.doc) throw Rejected{outcome::Invalid{std::move(validated.issues)}};
      const json& doc = *validated.doc;
      const std::int64_t expected = current ? expected_version(precondition, current_version).value_or(-1) : 0;
      const std::int64_t version = tx.put(kind, id, std::make_optional(doc), expected, key.id);
      std::vector<Written> written{{kind, id, std::make_optional(doc), version}};
      const json& old_doc = current ? *current : json();
      if (kind == kb::RecordKind::kProcedure || kind == kb::RecordKind::kLocalProcedure) {
        sync_form_links(tx, id, old_doc, doc, key.id, written);
      }
      if (kind == kb::RecordKind::kProcedure && current) {
        saved.reviews_flagged = flag_reviews(tx, catalog, id, old_doc, doc, version, key.id);
      }
      if (kind == kb::RecordKind::kVariant) tx.clear_reviews(id, key.id);
      saved.doc = doc;
      saved.version = version;
      saved.created = !current;
      return written;
    });
    return saved;
  } catch (const Rejected& rejected) {
    return rejected.outcome;
  } catch (const kb::VersionConflict& conflict) {
    return outcome::PreconditionFailed{conflict.current()};
  }
}

EditOutcome EditingService::remove(const kb::ApiKeyRecord& key, kb::RecordKind kind, const std::string& id,
                                   const Precondition& precondition) {
  const auto before = knowledge_.catalog()->document(kind, id);
  if (!before) return outcome::NotFound{};
  if (auto decision = auth::decide(key, kind, *before, json()); !decision.allowed) return outcome::Forbidden{decision};
  if (precondition.kind == Precondition::Kind::kNone) return outcome::PreconditionRequired{};
  try {
    std::int64_t deleted_version = 0;
    knowledge_.transact([&](kb::Store::WriteTransaction& tx, const kb::Catalog& catalog) {
      const auto current = catalog.document(kind, id);
      if (!current) throw Rejected{outcome::NotFound{}};
      if (auto dependents = dependents_of(catalog, kind, id); !dependents.empty()) {
        throw Rejected{outcome::InUse{std::move(dependents)}};
      }
      const std::int64_t expected = expected_version(precondition, catalog.record_version(kind, id)).value_or(-1);
      deleted_version = tx.put(kind, id, std::nullopt, expected, key.id);
      std::vector<Written> written{{kind, id, std::nullopt, deleted_version}};
      if (kind == kb::RecordKind::kProcedure || kind == kb::RecordKind::kLocalProcedure) {
        sync_form_links(tx, id, *current, json(), key.id, written);
      }
      if (kind == kb::RecordKind::kVariant) tx.clear_reviews(id, key.id);
      return written;
    });
    return outcome::Deleted{deleted_version};
  } catch (const Rejected& rejected) {
    return rejected.outcome;
  } catch (const kb::VersionConflict& conflict) {
    return outcome::PreconditionFailed{conflict.current()};
  }
}

EditOutcome EditingService::verify(const kb::ApiKeyRecord& key, kb::RecordKind kind, const std::string& id) {
  const auto before = knowledge_.catalog()->document(kind, id);
  if (!before) return outcome::NotFound{};
  if (auto decision = auth::decide(key, kind, *before, *before); !decision.allowed) return outcome::Forbidden{decision};
  int cleared = 0;
  knowledge_.transact([&](kb::Store::WriteTransaction& tx, const kb::Catalog&) {
    tx.verify(kind, id, key.id);
    if (kind == kb::RecordKind::kVariant) cleared = tx.clear_reviews(id, key.id);
    return std::vector<Written>{};
  });
  const auto verification = knowledge_.verification(kind, id);
  return outcome::Verified{verification ? verification->at : "", verification ? verification->actor : key.id, cleared};
}

std::vector<EditingService::StaleRecord> EditingService::stale(const kb::Catalog& catalog, const kb::Office& office,
                                                               const std::string& cutoff) const {
  std::vector<std::pair<kb::RecordKind, std::string>> records{{kb::RecordKind::kOffice, office.id}};
  for (const kb::Visit* v : catalog.visits_by(office.id)) records.emplace_back(kb::RecordKind::kVisit, v->id);
  for (const kb::LocalVariant* v : catalog.variants_of_office(office.id)) {
    records.emplace_back(kb::RecordKind::kVariant, v->id);
  }
  for (const kb::Procedure* p : catalog.local_procedures_of(office.id)) {
    records.emplace_back(kb::RecordKind::kLocalProcedure, p->id);
  }
  std::vector<StaleRecord> out;
  for (const auto& [kind, id] : records) {
    const auto v = knowledge_.verification(kind, id);
    if (v && v->at >= cutoff) continue;
    out.push_back({kind, id, v ? std::optional<std::string>(v->at) : std::nullopt});
  }
  return out;
}

}  // namespace ugk::service
