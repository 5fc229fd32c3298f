// The knowledge base as Open Referral HSDS 3.0 objects (docs/api.md, "HSDS 3.0"). kb/ knows nothing
// of HSDS; this is the one mapping:
//
//   organization        <- an office (kb::Office)
//   location            <- the office's seat (one physical location per office)
//   service             <- a procedure: national (no single organization) or an office's local-only one
//   service_at_location <- a procedure offered at an office: every office of the kinds that handle its
//                          competent authority (Index::offers), or the owning office of a local one
//   schedule            <- the office's regular weekly opening hours, one RRULE-style row per interval
//   cost_option         <- a fee; required_document <- a document to bring or a form to fill in
//   service_area        <- Hungary for a national procedure, the served settlements for a local one
//   taxonomy(_term)     <- procedure categories and competent authorities
//
// HSDS wants UUIDs: every id is a name-based UUID (version 5) of the record's kind and key under one
// namespace, so it is stable across imports and servers and never stored.
//
// Thread-safety: pure functions; an Index is immutable after construction.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "hours/office_hours.h"
#include "kb/catalog.h"

namespace ugk::api::hsds {

inline constexpr std::string_view kVersion = "3.0";

// The UUID (RFC 4122 version 5, SHA-1) of `name` under the Ügykalauz HSDS namespace
// bc341d20-0426-54a8-8e24-d2942801f021 (= uuid5(NAMESPACE_URL, "https://ugykalauz.hu/hsds")).
std::string uuid_for(std::string_view name);
// True for the canonical lower- or upper-case 8-4-4-4-12 hex form.
bool is_uuid(std::string_view text);

std::string service_id(const kb::Procedure& procedure);
std::string organization_id(const kb::Office& office);
std::string location_id(const kb::Office& office);

struct Taxonomy {
  std::string id;
  std::string name;
  std::string description;
};
struct TaxonomyTerm {
  std::string id;
  std::string taxonomy_id;
  std::string code;
  std::string name;
  std::string description;
};

// A uuid -> record index of one catalog, with the service_at_location pairs.
class Index {
 public:
  struct Offer {
    std::string id;
    const kb::Procedure* procedure = nullptr;
    const kb::Office* office = nullptr;
  };

  explicit Index(std::shared_ptr<const kb::Catalog> catalog);

  const kb::Catalog& catalog() const { return *catalog_; }
  // National procedures (by id), then local-only ones (by id).
  const std::vector<const kb::Procedure*>& services() const { return services_; }
  // By service, then office id.
  const std::vector<Offer>& offers() const { return offers_; }
  // The offers of one service / at one office, in offers() order.
  std::vector<const Offer*> offers_of_service(const kb::Procedure& procedure) const;
  std::vector<const Offer*> offers_at(const kb::Office& office) const;
  const std::vector<Taxonomy>& taxonomies() const { return taxonomies_; }
  const std::vector<TaxonomyTerm>& terms() const { return terms_; }
  // The category and competent-authority terms of a procedure.
  std::vector<const TaxonomyTerm*> terms_of(const kb::Procedure& procedure) const;

  const kb::Procedure* service(std::string_view id) const;
  const kb::Office* organization(std::string_view id) const;
  const Offer* offer(std::string_view id) const;
  const Taxonomy* taxonomy(std::string_view id) const;
  const TaxonomyTerm* term(std::string_view id) const;

 private:
  std::shared_ptr<const kb::Catalog> catalog_;
  std::vector<const kb::Procedure*> services_;
  std::vector<Offer> offers_;
  std::vector<Taxonomy> taxonomies_;
  std::vector<TaxonomyTerm> terms_;
  std::unordered_map<std::string, const kb::Procedure*> service_by_id_;
  std::unordered_map<std::string, const kb::Office*> organization_by_id_;
  std::unordered_map<std::string, std::size_t> offer_by_id_;
  std::unordered_map<std::string, std::vector<std::size_t>> offers_by_service_;  // procedure id ->
  std::unordered_map<std::string, std::vector<std::size_t>> offers_by_office_;   // office id ->
  std::unordered_map<std::string, std::size_t> taxonomy_by_id_;
  std::unordered_map<std::string, std::size_t> term_by_id_;
  std::unordered_map<std::string, std::size_t> term_by_code_;  // "category:<name>", "authority:<name>"
};

// The offices of the kinds that handle a national procedure's competent authority (none for a central
// authority); the owning office for a local-only procedure.
std::vector<const kb::Office*> offices_offering(const kb::Catalog& catalog, const kb::Procedure& procedure);

// The version (change id) of a service: its procedure's.
std::int64_t service_version(const kb::Catalog& catalog, const kb::Procedure& procedure);

// What every view needs: the index, the hours calendar, the public base URL for links, the day the
// weekly pattern starts from, and the time of each change id that a service's last_modified names.
struct Context {
  const Index& index;
  const hours::HoursCalendar& calendar;
  std::string base;
  hours::Date today;
  std::map<std::int64_t, std::string> change_times;
};

// `full`: fully nested (the /{id} answers); otherwise the one-to-one fields of the list answers.
nlohmann::json service_json(const Context& context, const kb::Procedure& procedure, bool full);
nlohmann::json organization_json(const Context& context, const kb::Office& office, bool full);
nlohmann::json location_json(const Context& context, const kb::Office& office);
nlohmann::json service_at_location_json(const Context& context, const Index::Offer& offer);
nlohmann::json taxonomy_json(const Taxonomy& taxonomy);
nlohmann::json taxonomy_term_json(const Index& index, const TaxonomyTerm& term);

// The office's regular weekly hours as HSDS schedules (freq WEEKLY, byday, opens_at, closes_at), one
// per distinct interval with the weekdays that have it; empty when the hours are unknown.
nlohmann::json schedules_json(const Context& context, const kb::Office& office, const std::string& location_id);

}  // namespace ugk::api::hsds
