#include "auth/policy.h"

#include <algorithm>

#include "auth/api_key.h"

namespace ugk::auth {
namespace {

Decision refuse(Refusal refusal, std::optional<std::string> office = std::nullopt) {
  return Decision{false, refusal, std::move(office)};
}

bool identity_changed(const nlohmann::json& before, const nlohmann::json& after) {
  for (const auto& field : office_identity_fields()) {
    if (before.value(field, nlohmann::json()) != after.value(field, nlohmann::json())) return true;
  }
  return false;
}

}  // namespace

const std::vector<std::string>& office_identity_fields() {
  static const std::vector<std::string> kFields{"id", "kind", "district_code", "settlement_ksh"};
  return kFields;
}

std::optional<std::string> owner_of(kb::RecordKind kind, const nlohmann::json& doc) {
  if (!doc.is_object()) return std::nullopt;
  const char* field = nullptr;
  switch (kb::info(kind).ownership) {
    case kb::Ownership::kOffice:
      field = "id";
      break;
    case kb::Ownership::kOfficeId:
      field = "office_id";
      break;
    case kb::Ownership::kNational:
    case kb::Ownership::kRegister:
      return std::nullopt;
  }
  auto it = doc.find(field);
  if (it == doc.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

Decision decide(const kb::ApiKeyRecord& key, kb::RecordKind kind, const nlohmann::json& before,
                const nlohmann::json& after) {
  if (key.revoked_at) return refuse(Refusal::kRevoked);
  const auto role = parse_role(key.role);
  if (!role) return refuse(Refusal::kNoRole);
  const kb::Ownership ownership = kb::info(kind).ownership;
  if (ownership == kb::Ownership::kRegister) return refuse(Refusal::kNationalRecord);
  if (*role == Role::kAdmin) return Decision{true, std::nullopt, std::nullopt};
  if (ownership == kb::Ownership::kNational) return refuse(Refusal::kNationalRecord);

  // An editor: every office the record belongs to, before and after, must be on the key.
  for (const nlohmann::json* doc : {&before, &after}) {
    if (doc->is_null()) continue;
    const auto owner = owner_of(kind, *doc);
    if (!owner || std::find(key.offices.begin(), key.offices.end(), *owner) == key.offices.end()) {
      return refuse(Refusal::kOtherOffice, owner);
    }
  }
  if (ownership == kb::Ownership::kOffice && (before.is_null() || after.is_null() || identity_changed(before, after))) {
    return refuse(Refusal::kOfficeStructure, owner_of(kind, before.is_null() ? after : before));
  }
  return Decision{true, std::nullopt, owner_of(kind, after.is_null() ? before : after)};
}

}  // namespace ugk::auth
