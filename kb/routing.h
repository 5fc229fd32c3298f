// Case routing: which offices handle a procedure for a citizen of a given settlement, and why.
//
// A pure function of the catalog (no HTTP, no search): the competence model of data/README.md §6.
// The answer is data: offices, roles and reason codes with the ids they speak of. People read it
// through kb/wording_hu.h, the one place that words it in Hungarian.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kb/catalog.h"
#include "kb/model.h"

namespace ugk::kb {

// How an office in a route answer relates to the case.
enum class OfficeRole {
  kCompetent,    // the office that decides the case
  kLocalBranch,  // a branch of the competent joint office in the citizen's own settlement
  kFrontOffice,  // a government window receiving applications for the district office
  kAlternative,  // another office that may also take the case (nationwide matters)
};
std::string_view to_string(OfficeRole role);
std::optional<OfficeRole> parse_office_role(std::string_view text);

// Why an office or a visit is in a route answer. The string forms (to_string) are part of the API
// (`reason_code`) and of the routing case table (tests/kb/routing_cases.tsv).
enum class ReasonCode {
  kOwnMayorsOffice,             // own_mayors_office: the settlement keeps its own mayor's office
  kJointOfficeSeat,             // joint_office_seat: the settlement is the seat of the joint office
  kJointOfficeMember,           // joint_office_member: the settlement belongs to a joint office seated elsewhere
  kLocalBranch,                 // local_branch: a branch of that joint office receives clients in the settlement
  kDistrictOfficeTerritory,     // district_office_territory: the settlement lies in the district office's territory
  kFrontOfficeLocal,            // front_office_local: the district office's government window in the settlement
  kFrontOfficeInDistrict,       // front_office_in_district: ... elsewhere in the district
  kGovernmentWindowLocal,       // government_window_local: any window may act; this one is in the settlement
  kGovernmentWindowInDistrict,  // government_window_in_district: ... this one is in the district
  kGovernmentWindowNearby,      // government_window_nearby: ... this one is in another district, `km` away
  kDistrictOfficeAlternative,   // district_office_alternative: the settlement's district office may act too
  kBusStop,                     // bus_stop: the mobile government window stops in the settlement
  kAssistantVisit,              // assistant_visit: the district office's client assistant visits the settlement
};
std::string_view to_string(ReasonCode code);
std::optional<ReasonCode> parse_reason_code(std::string_view text);
// Every code, in declaration order.
std::span<const ReasonCode> all_reason_codes();

// What a reason speaks of, by id; unset fields are not used by that code.
struct ReasonParams {
  std::optional<std::string> settlement_ksh;  // the citizen's settlement (all codes but government_window_nearby)
  std::optional<std::string> office_id;       // the office named: the municipal office or branch, the district office
  std::optional<std::string> seat_ksh;        // joint-office seat (joint_office_member, local_branch)
  std::optional<Authority> authority;         // who acts in a municipal office (own_mayors_office, joint_office_*)
  std::optional<int> km;                      // rounded distance (government_window_nearby)
  std::optional<std::string> visit_id;        // the visit whose place is named (bus_stop, assistant_visit)
  bool operator==(const ReasonParams&) const = default;
};

struct Reason {
  ReasonCode code = ReasonCode::kOwnMayorsOffice;
  ReasonParams params;
  bool operator==(const Reason&) const = default;
};

struct RoutedOffice {
  const Office* office = nullptr;
  OfficeRole role = OfficeRole::kCompetent;
  Reason reason;
  std::optional<double> distance_km;  // from the citizen's settlement, where coordinates allow
};

struct RoutedVisit {
  const Visit* visit = nullptr;
  const Office* office = nullptr;  // the visiting office
  Reason reason;
};

struct Route {
  const Procedure* procedure = nullptr;  // null for route_by_authority
  const Settlement* settlement = nullptr;
  // Recommended first. Empty for central authorities.
  std::vector<RoutedOffice> offices;
  // Client-assistant or government-window-bus visits to the settlement that can take this case.
  std::vector<RoutedVisit> visits;
  // Competence "kozponti": no local office; the procedure's competence note names the authority.
  bool central_authority = false;
  // How the given settlement is read for this case (where the property is, the applicant's residence…).
  Territory territory_hint = Territory::kAny;
};

// Precondition: `settlement` is a concrete place (not Budapest as a whole).
Route route(const Catalog& catalog, const Procedure& procedure, const Settlement& settlement);

// The same offices and visits for every procedure of `authority` at once (the offline snapshot):
// client-assistant visits are kept only when `assistant_allowed`. `procedure` stays null, the hint
// is kAny. Precondition: as for route().
Route route_by_authority(const Catalog& catalog, Authority authority, const Settlement& settlement,
                         bool assistant_allowed);

}  // namespace ugk::kb
