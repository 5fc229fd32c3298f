// Who may write which field of which record: the one place that decides it.
//
// Admins may write every editable record. An office editor may write the records of the offices on
// its key: the office's details (never its identity: id, kind, district, settlement, which place it
// in the structure), its visits, its local variants and its local-only procedures; never national
// records or the KSH register. Decisions are data; the API renders them.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "kb/api_key_record.h"
#include "kb/record_kind.h"

namespace ugk::auth {

enum class Refusal {
  kRevoked,          // the key was revoked
  kNoRole,           // the key's role allows no writes
  kNationalRecord,   // only admins write national records and the register
  kOtherOffice,      // the record belongs to an office not on the key
  kOfficeStructure,  // creating or deleting an office, or changing its identity fields
};

struct Decision {
  bool allowed = false;
  std::optional<Refusal> refusal;
  std::optional<std::string> office_id;  // the office the record belongs to, when that decided it
};

// The office a record belongs to (kb::Ownership of its kind), or nullopt for national records.
std::optional<std::string> owner_of(kb::RecordKind kind, const nlohmann::json& doc);

// `before` / `after` are the record's documents before and after the write (null for a create /
// a delete); a verification passes the same document for both.
Decision decide(const kb::ApiKeyRecord& key, kb::RecordKind kind, const nlohmann::json& before,
                const nlohmann::json& after);

// The fields of an office record that place it in the structure: admins only.
const std::vector<std::string>& office_identity_fields();

}  // namespace ugk::auth
