// Case routing: which offices handle a procedure for a citizen of a given settlement, and why.
//
// A pure function of the catalog (no HTTP, no search): the competence model of data/README.md §6.
#pragma once

#include <optional>
#include <string>
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

struct RoutedOffice {
  const Office* office = nullptr;
  OfficeRole role = OfficeRole::kCompetent;
  std::string reason;                   // short Hungarian explanation for the citizen
  std::optional<double> distance_km;    // from the citizen's settlement, where coordinates allow
};

struct RoutedVisit {
  const Visit* visit = nullptr;
  const Office* office = nullptr;  // the visiting office
  std::string reason;
};

struct Route {
  const Procedure* procedure = nullptr;
  const Settlement* settlement = nullptr;
  // Recommended first. Empty for central authorities.
  std::vector<RoutedOffice> offices;
  // Client-assistant or government-window-bus visits to the settlement that can take this case.
  std::vector<RoutedVisit> visits;
  // Set for central authorities (competence "kozponti"): who, in Hungarian.
  std::optional<std::string> central_authority;
  // How the given settlement is read for this case ("az ingatlan fekvése szerinti település", ...).
  std::string territory_hint;
};

// Precondition: `settlement` is a concrete place (not Budapest as a whole).
Route route(const Catalog& catalog, const Procedure& procedure, const Settlement& settlement);

}  // namespace ugk::kb
