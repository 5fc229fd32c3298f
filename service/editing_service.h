// Editing the knowledge base: create, replace, patch, delete and verify one record, deciding
// everything an edit involves (strict decoding and the shared record rules, who may write it, the
// optimistic version check, the effects on other records) and returning the decision as data. The
// API only translates HTTP to these calls and outcomes to status codes; nothing here knows HTTP.
//
// Effects an edit carries, in the same transaction:
// - a procedure's `forms` are the truth of the procedure-form link: the forms it gains or loses get
//   their `procedures` list updated, so the link is never one-sided;
// - a change of a national procedure flags every local variant that overrides a field the change
//   touched as needing review (Store::Review), listed per office until it verifies or edits it;
// - editing or verifying a variant closes its open reviews.
//
// Thread-safety: as KnowledgeService.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "auth/policy.h"
#include "kb/api_key_record.h"
#include "kb/record_kind.h"
#include "kb/validation.h"
#include "service/knowledge_service.h"

namespace ugk::service {

// The version a client says it saw (If-Match): none given, "*", or a specific version (-1 when the
// header could not be read, which matches nothing).
struct Precondition {
  enum class Kind { kNone, kAny, kVersion } kind = Kind::kNone;
  std::int64_t version = 0;
};

namespace outcome {
struct Saved {  // created or changed
  nlohmann::json doc;
  std::int64_t version = 0;
  bool created = false;
  int reviews_flagged = 0;  // variants a national change sent to review
};
struct Deleted {
  std::int64_t version = 0;
};
struct Verified {
  std::string at;
  std::string actor;
  int reviews_cleared = 0;
};
struct NotFound {};
struct AlreadyExists {
  std::string id;
};
struct Invalid {
  kb::Issues issues;
};
struct Forbidden {
  auth::Decision decision;
};
struct PreconditionRequired {};
struct PreconditionFailed {
  std::int64_t current = 0;
};
// The body names another record than the path, or is not a JSON object.
struct Mismatch {
  std::string field;
};
// Deleting a record that other records still refer to.
struct InUse {
  std::vector<std::string> dependents;  // "variants/x@y", ...
};
}  // namespace outcome

using EditOutcome =
    std::variant<outcome::Saved, outcome::Deleted, outcome::Verified, outcome::NotFound, outcome::AlreadyExists,
                 outcome::Invalid, outcome::Forbidden, outcome::PreconditionRequired, outcome::PreconditionFailed,
                 outcome::Mismatch, outcome::InUse>;

class EditingService {
 public:
  explicit EditingService(KnowledgeService& knowledge) : knowledge_(knowledge) {}

  // POST: a new record whose id is in the body.
  EditOutcome create(const kb::ApiKeyRecord& key, kb::RecordKind kind, nlohmann::json body);
  // PUT: replaces the record `id`; creates it when the kind's id is made from the path (a variant
  // "<procedure>@<office>") and it does not exist yet.
  EditOutcome replace(const kb::ApiKeyRecord& key, kb::RecordKind kind, const std::string& id, nlohmann::json body,
                      const Precondition& precondition);
  // PATCH: JSON Merge Patch (RFC 7396) of the record `id`.
  EditOutcome patch(const kb::ApiKeyRecord& key, kb::RecordKind kind, const std::string& id,
                    const nlohmann::json& merge_patch, const Precondition& precondition);
  EditOutcome remove(const kb::ApiKeyRecord& key, kb::RecordKind kind, const std::string& id,
                     const Precondition& precondition);
  // Confirms that the record is up to date as it is (separate from editing; closes a variant's reviews).
  EditOutcome verify(const kb::ApiKeyRecord& key, kb::RecordKind kind, const std::string& id);

  // The records of `office_id` not verified since `cutoff` (ISO instant), with their verification.
  struct StaleRecord {
    kb::RecordKind kind;
    std::string id;
    std::optional<std::string> verified_at;
  };
  std::vector<StaleRecord> stale(const kb::Catalog& catalog, const kb::Office& office, const std::string& cutoff) const;

 private:
  EditOutcome save(const kb::ApiKeyRecord& key, kb::RecordKind kind, const std::string& id,
                   const std::optional<nlohmann::json>& before, nlohmann::json candidate,
                   const Precondition& precondition);

  KnowledgeService& knowledge_;
};

// Strict decoding plus the shared record rules: the canonical document, or every issue found. When
// decoding fails, the rules still run on the document with the undecodable fields taken from
// `fallback` (the record as it was) or left out, so that one answer names every invalid field.
struct Validated {
  std::optional<nlohmann::json> doc;
  kb::Issues issues;
};
Validated validate_document(kb::RecordKind kind, const nlohmann::json& doc, const kb::Catalog& catalog,
                            const nlohmann::json& fallback = nullptr);

}  // namespace ugk::service
