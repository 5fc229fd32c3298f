// An immutable, indexed snapshot of the knowledge base: the read model every query runs against.
//
// Thread-safety: a Catalog is never modified after construction, so any number of threads may read
// it concurrently. New content means a new Catalog (shared through std::shared_ptr<const Catalog>).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kb/model.h"

namespace ugk::kb {

// Result of resolving what a person typed as a settlement: exactly one match, or the candidates to
// offer in a picker (never a guess), or nothing.
struct SettlementLookup {
  const Settlement* match = nullptr;
  std::vector<const Settlement*> candidates;
  bool found() const { return match != nullptr; }
  bool ambiguous() const { return match == nullptr && !candidates.empty(); }
};

class Catalog {
 public:
  // `record_versions`: "kind/id" -> the record's version (its last change id), for ETags.
  Catalog(Bundle content, std::int64_t version, std::unordered_map<std::string, std::int64_t> record_versions = {});
  Catalog(const Catalog&) = delete;
  Catalog& operator=(const Catalog&) = delete;

  // Store version (last change id) this snapshot reflects.
  std::int64_t version() const { return version_; }
  const Bundle& content() const { return content_; }
  const std::unordered_map<std::string, std::int64_t>& record_versions() const { return record_versions_; }
  // Version of one record ("offices", "koh-22406"); 0 when unknown.
  std::int64_t record_version(std::string_view kind, std::string_view id) const;

  const District* district(std::string_view code) const;
  const Settlement* settlement(std::string_view ksh_code) const;
  const Office* office(std::string_view id) const;
  const Procedure* procedure(std::string_view id) const;
  const Form* form(std::string_view id) const;
  const Visit* visit(std::string_view id) const;
  const Closure* closure(std::string_view id) const;
  const CalendarDay* calendar_day(std::string_view date) const;
  // Local supplement of a procedure at an office, if the office wrote one.
  const LocalSupplement* supplement(std::string_view procedure_id, std::string_view office_id) const;
  std::vector<const LocalSupplement*> supplements_of(std::string_view office_id) const;

  std::vector<const Settlement*> settlements_in_district(std::string_view district_code) const;
  // Offices whose district_code is the given district (district office, windows, municipal offices).
  std::vector<const Office*> offices_in_district(std::string_view district_code) const;
  // Settlements served by the joint office seated in `seat_ksh` (the seat included).
  std::vector<const Settlement*> joint_office_members(std::string_view seat_ksh) const;
  std::vector<const Visit*> visits_in(std::string_view settlement_ksh) const;
  std::vector<const Visit*> visits_by(std::string_view office_id) const;
  std::vector<const Form*> forms_of(const Procedure& procedure) const;

  // Name prefix (case- and accent-insensitive) or postal-code prefix; best matches first
  // (exact name, then larger population).
  std::vector<const Settlement*> find_settlements(std::string_view query, std::size_t limit) const;

  // KSH code, exact name (accent-insensitive) or postal code. Budapest as a whole and postal codes
  // shared by several settlements give candidates, not a match.
  SettlementLookup resolve_settlement(std::string_view input) const;

 private:
  Bundle content_;
  std::int64_t version_;
  std::unordered_map<std::string, std::int64_t> record_versions_;
  std::unordered_map<std::string, std::size_t> closures_;
  std::unordered_map<std::string, std::size_t> calendar_days_;
  std::unordered_map<std::string, std::size_t> supplements_;
  std::unordered_map<std::string, std::size_t> districts_;
  std::unordered_map<std::string, std::size_t> settlements_;
  std::unordered_map<std::string, std::size_t> offices_;
  std::unordered_map<std::string, std::size_t> procedures_;
  std::unordered_map<std::string, std::size_t> forms_;
  std::unordered_map<std::string, std::size_t> visits_;
  std::unordered_multimap<std::string, std::size_t> settlements_by_folded_name_;
  std::unordered_multimap<std::string, std::size_t> settlements_by_postal_code_;
  std::vector<std::string> folded_names_;  // parallel to content_.settlements
};

}  // namespace ugk::kb
