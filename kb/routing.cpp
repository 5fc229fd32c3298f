#include "kb/routing.h"

#include <algorithm>
#include <cmath>

#include "kb/enum_names.h"
#include "kb/ids.h"

namespace ugk::kb {
namespace {

// --- Geography ------------------------------------------------------------------------------------

struct Point {
  double lat;
  double lon;
};

double distance_km(Point a, Point b) {
  constexpr double kEarthRadiusKm = 6371.0;
  constexpr double kRad = 3.14159265358979323846 / 180.0;
  const double dlat = (b.lat - a.lat) * kRad;
  const double dlon = (b.lon - a.lon) * kRad;
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(a.lat * kRad) * std::cos(b.lat * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthRadiusKm * std::asin(std::sqrt(h));
}

// Coordinates of a settlement, or of its district seat when GeoNames has none (villages under ~500).
std::optional<Point> location_of(const Catalog& catalog, const Settlement& s) {
  if (s.lat && s.lon) return Point{*s.lat, *s.lon};
  for (const Settlement* other : catalog.settlements_in_district(s.district_code)) {
    if (other->is_district_seat && other->lat && other->lon) return Point{*other->lat, *other->lon};
  }
  return std::nullopt;
}

std::optional<double> distance_between(const Catalog& catalog, const Settlement& from, const Office& office) {
  if (!office.settlement_ksh) return std::nullopt;
  const Settlement* at = catalog.settlement(*office.settlement_ksh);
  if (at == nullptr) return std::nullopt;
  if (at->ksh_code == from.ksh_code) return 0.0;
  auto a = location_of(catalog, from);
  auto b = location_of(catalog, *at);
  if (!a || !b) return std::nullopt;
  // Both ends fell back to the same district seat: the real distance is unknown, not zero.
  if (a->lat == b->lat && a->lon == b->lon) return std::nullopt;
  return std::round(distance_km(*a, *b) * 10) / 10;
}

// --- Competence resolution ------------------------------------------------------------------------

Reason reason(ReasonCode code, const Settlement& s) {
  return Reason{code, ReasonParams{.settlement_ksh = s.ksh_code}};
}

Reason reason(ReasonCode code, const Settlement& s, const Office& named) {
  Reason r = reason(code, s);
  r.params.office_id = named.id;
  return r;
}

void route_municipal(const Catalog& catalog, Authority authority, const Settlement& s, Route& route) {
  const auto municipal = [&](ReasonCode code, const Office& office) {
    Reason r = reason(code, s, office);
    r.params.authority = authority;
    return r;
  };
  switch (s.office_code) {
    case MunicipalOfficeCode::kOwnMayorsOffice: {
      if (const Office* ph = catalog.office(mayors_office_id(s.ksh_code))) {
        route.offices.push_back({ph, OfficeRole::kCompetent, municipal(ReasonCode::kOwnMayorsOffice, *ph), 0.0});
      }
      break;
    }
    case MunicipalOfficeCode::kJointOfficeSeat: {
      if (const Office* koh = catalog.office(joint_office_id(s.ksh_code))) {
        route.offices.push_back({koh, OfficeRole::kCompetent, municipal(ReasonCode::kJointOfficeSeat, *koh), 0.0});
      }
      break;
    }
    case MunicipalOfficeCode::kJointOfficeMember: {
      if (const Office* branch = catalog.office(branch_office_id(s.ksh_code))) {
        Reason r = reason(ReasonCode::kLocalBranch, s, *branch);
        r.params.seat_ksh = s.office_seat_ksh;
        route.offices.push_back({branch, OfficeRole::kLocalBranch, std::move(r), 0.0});
      }
      if (const Office* koh = catalog.office(joint_office_id(s.office_seat_ksh))) {
        Reason r = municipal(ReasonCode::kJointOfficeMember, *koh);
        r.params.seat_ksh = s.office_seat_ksh;
        route.offices.push_back({koh, OfficeRole::kCompetent, std::move(r), distance_between(catalog, s, *koh)});
      }
      break;
    }
  }
}

void sort_nearest_first(std::vector<RoutedOffice>& offices) {
  std::stable_sort(offices.begin(), offices.end(), [](const RoutedOffice& a, const RoutedOffice& b) {
    return a.distance_km.value_or(1e9) < b.distance_km.value_or(1e9);
  });
}

bool is_in(const Office& office, const Settlement& s) {
  return office.settlement_ksh && *office.settlement_ksh == s.ksh_code;
}

void add_district_front_offices(const Catalog& catalog, const Settlement& s, const Office& district_office,
                                Route& route) {
  std::vector<RoutedOffice> windows;
  for (const Office* o : catalog.offices_in_district(s.district_code)) {
    if (o->kind != OfficeKind::kGovernmentWindow) continue;
    const ReasonCode code = is_in(*o, s) ? ReasonCode::kFrontOfficeLocal : ReasonCode::kFrontOfficeInDistrict;
    windows.push_back(
        {o, OfficeRole::kFrontOffice, reason(code, s, district_office), distance_between(catalog, s, *o)});
  }
  sort_nearest_first(windows);
  route.offices.insert(route.offices.end(), windows.begin(), windows.end());
}

void route_district_office(const Catalog& catalog, const Settlement& s, Route& route) {
  const Office* jh = catalog.office(district_office_id(s.district_code));
  if (jh == nullptr) return;
  route.offices.push_back({jh, OfficeRole::kCompetent, reason(ReasonCode::kDistrictOfficeTerritory, s, *jh),
                           distance_between(catalog, s, *jh)});
  add_district_front_offices(catalog, s, *jh, route);
}

void route_government_window(const Catalog& catalog, const Settlement& s, Route& route) {
  const Office* jh = catalog.office(district_office_id(s.district_code));
  std::vector<RoutedOffice> local;
  for (const Office* o : catalog.offices_in_district(s.district_code)) {
    if (o->kind != OfficeKind::kGovernmentWindow) continue;
    const ReasonCode code = is_in(*o, s) ? ReasonCode::kGovernmentWindowLocal : ReasonCode::kGovernmentWindowInDistrict;
    local.push_back({o, OfficeRole::kCompetent, reason(code, s), distance_between(catalog, s, *o)});
  }
  sort_nearest_first(local);
  route.offices.insert(route.offices.end(), local.begin(), local.end());
  if (jh != nullptr) {
    route.offices.push_back({jh, local.empty() ? OfficeRole::kCompetent : OfficeRole::kAlternative,
                             reason(ReasonCode::kDistrictOfficeAlternative, s, *jh),
                             distance_between(catalog, s, *jh)});
  }
  // Other windows nearby, for districts whose own window is far or unknown.
  constexpr std::size_t kNearbyWindows = 3;
  constexpr double kNearbyKm = 40.0;
  std::vector<RoutedOffice> nearby;
  for (const Office* window : catalog.offices_of_kind(OfficeKind::kGovernmentWindow)) {
    const Office& o = *window;
    if (o.district_code && *o.district_code == s.district_code) continue;
    auto km = distance_between(catalog, s, o);
    if (!km || *km > kNearbyKm) continue;
    Reason r{ReasonCode::kGovernmentWindowNearby, ReasonParams{.km = static_cast<int>(std::lround(*km))}};
    nearby.push_back({&o, OfficeRole::kAlternative, std::move(r), km});
  }
  std::sort(nearby.begin(), nearby.end(),
            [](const RoutedOffice& a, const RoutedOffice& b) { return *a.distance_km < *b.distance_km; });
  if (nearby.size() > kNearbyWindows) nearby.resize(kNearbyWindows);
  route.offices.insert(route.offices.end(), nearby.begin(), nearby.end());
}

void add_visits(const Catalog& catalog, Authority authority, bool assistant_allowed, const Settlement& s,
                Route& route) {
  const bool state_case = authority == Authority::kGovernmentWindow || authority == Authority::kDistrictOffice;
  if (!state_case) return;
  for (const Visit* v : catalog.visits_in(s.ksh_code)) {
    const Office* by = catalog.office(v->office_id);
    if (by == nullptr) continue;
    std::optional<ReasonCode> code;
    if (by->kind == OfficeKind::kGovernmentWindowBus && authority == Authority::kGovernmentWindow) {
      code = ReasonCode::kBusStop;
    } else if (by->kind == OfficeKind::kDistrictOffice && assistant_allowed) {
      code = ReasonCode::kAssistantVisit;
    }
    if (!code) continue;
    Reason r = reason(*code, s);
    r.params.visit_id = v->id;
    route.visits.push_back({v, by, std::move(r)});
  }
}

constexpr EnumNames<OfficeRole, 4> kOfficeRoles{{
    {OfficeRole::kCompetent, "competent"},
    {OfficeRole::kLocalBranch, "local_branch"},
    {OfficeRole::kFrontOffice, "front_office"},
    {OfficeRole::kAlternative, "alternative"},
}};

constexpr EnumNames<ReasonCode, 13> kReasonNames{{
    {ReasonCode::kOwnMayorsOffice, "own_mayors_office"},
    {ReasonCode::kJointOfficeSeat, "joint_office_seat"},
    {ReasonCode::kJointOfficeMember, "joint_office_member"},
    {ReasonCode::kLocalBranch, "local_branch"},
    {ReasonCode::kDistrictOfficeTerritory, "district_office_territory"},
    {ReasonCode::kFrontOfficeLocal, "front_office_local"},
    {ReasonCode::kFrontOfficeInDistrict, "front_office_in_district"},
    {ReasonCode::kGovernmentWindowLocal, "government_window_local"},
    {ReasonCode::kGovernmentWindowInDistrict, "government_window_in_district"},
    {ReasonCode::kGovernmentWindowNearby, "government_window_nearby"},
    {ReasonCode::kDistrictOfficeAlternative, "district_office_alternative"},
    {ReasonCode::kBusStop, "bus_stop"},
    {ReasonCode::kAssistantVisit, "assistant_visit"},
}};
constexpr auto kReasonCodes = values_of(kReasonNames);

}  // namespace

std::string_view to_string(OfficeRole role) {
  return name_of(kOfficeRoles, role);
}
std::optional<OfficeRole> parse_office_role(std::string_view text) {
  return value_of(kOfficeRoles, text);
}

std::string_view to_string(ReasonCode code) {
  return name_of(kReasonNames, code);
}
std::optional<ReasonCode> parse_reason_code(std::string_view text) {
  return value_of(kReasonNames, text);
}
std::span<const ReasonCode> all_reason_codes() {
  return kReasonCodes;
}

Route route_by_authority(const Catalog& catalog, Authority authority, const Settlement& settlement,
                         bool assistant_allowed) {
  Route route;
  route.settlement = &settlement;
  switch (authority) {
    case Authority::kNotary:
    case Authority::kRegistrar:
    case Authority::kMayor:
      route_municipal(catalog, authority, settlement, route);
      break;
    case Authority::kDistrictOffice:
      route_district_office(catalog, settlement, route);
      break;
    case Authority::kGovernmentWindow:
      route_government_window(catalog, settlement, route);
      break;
    case Authority::kCentral:
      route.central_authority = true;
      break;
  }
  add_visits(catalog, authority, assistant_allowed, settlement, route);
  return route;
}

Route route(const Catalog& catalog, const Procedure& procedure, const Settlement& settlement) {
  Route route = route_by_authority(catalog, procedure.competence.authority, settlement, procedure.channels.assistant);
  route.procedure = &procedure;
  route.territory_hint = procedure.competence.territory;
  return route;
}

}  // namespace ugk::kb
