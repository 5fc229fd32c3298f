#include "kb/routing.h"

#include <algorithm>
#include <cmath>

#include "kb/ids.h"
#include "kb/text_fold.h"

namespace ugk::kb {
namespace {

// --- Hungarian phrasing ---------------------------------------------------------------------------

// Definite article before a word: "az" before a vowel, "a" otherwise.
std::string article(std::string_view word) {
  const std::string folded = fold(word.substr(0, std::min<std::size_t>(word.size(), 4)));
  return !folded.empty() && std::string_view("aeiou").find(folded.front()) != std::string_view::npos ? "az" : "a";
}

// Allative case ("-hoz/-hez/-höz") of the last word of a name, by vowel harmony; a final a/e
// lengthens ("Hivatala" -> "Hivatalához").
std::string allative(std::string name) {
  static constexpr std::string_view kBack[] = {"a", "á", "o", "ó", "u", "ú"};
  static constexpr std::string_view kFrontRounded[] = {"ö", "ő", "ü", "ű"};
  static constexpr std::string_view kFront[] = {"e", "é", "i", "í"};
  std::string suffix = "hez";
  std::size_t best = std::string::npos;
  auto scan = [&](const auto& vowels, const char* candidate) {
    for (std::string_view v : vowels) {
      auto pos = name.rfind(v);
      if (pos != std::string::npos && (best == std::string::npos || pos > best)) {
        best = pos;
        suffix = candidate;
      }
    }
  };
  scan(kBack, "hoz");
  scan(kFrontRounded, "höz");
  scan(kFront, "hez");
  if (name.ends_with("a")) {
    name.replace(name.size() - 1, 1, "á");
  } else if (name.ends_with("e")) {
    name.replace(name.size() - 1, 1, "é");
  }
  return name + suffix;
}

std::string_view official(Authority authority) {
  switch (authority) {
    case Authority::kNotary: return "a hivatal jegyzője jár el";
    case Authority::kRegistrar: return "a hivatal anyakönyvvezetője jár el";
    case Authority::kMayor: return "a kérelmet ebben a hivatalban kell benyújtani, a polgármester (képviselő-testület) dönt";
    default: return "ez a hivatal jár el";
  }
}

std::string territory_hint(Territory territory) {
  switch (territory) {
    case Territory::kAny: return "Az ügy országosan bármelyik illetékes hivatalban intézhető; a megadott településhez közelieket mutatjuk.";
    case Territory::kResidence: return "A megadott települést a kérelmező lakóhelyeként vettük figyelembe.";
    case Territory::kEventPlace: return "A megadott települést az esemény (születés, haláleset) helyeként vettük figyelembe.";
    case Territory::kPropertyPlace: return "A megadott települést az ingatlan, a telek, a fa vagy az állat helyeként vettük figyelembe.";
    case Territory::kBusinessPlace: return "A megadott települést az üzlet, a szálláshely vagy a telephely helyeként vettük figyelembe.";
    case Territory::kFoundPlace: return "A megadott települést a találás helyeként vettük figyelembe.";
  }
  return {};
}

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

// "a Keszthelyi járásban"; Budapest's districts are "kerület", and their KSH district name is the
// district's own name, so they read "a kerületben".
std::string in_district(const Catalog& catalog, const Settlement& s) {
  const District* d = catalog.district(s.district_code);
  if (d == nullptr || is_budapest_district(s)) return "a kerületben";
  return article(d->name) + " " + d->name + " járásban";
}

// --- Competence resolution ------------------------------------------------------------------------

void route_municipal(const Catalog& catalog, const Procedure& procedure, const Settlement& s, Route& route) {
  const Authority authority = procedure.competence.authority;
  const std::string what(official(authority));
  switch (s.office_code) {
    case MunicipalOfficeCode::kOwnMayorsOffice: {
      if (const Office* ph = catalog.office(mayors_office_id(s.ksh_code))) {
        route.offices.push_back({ph, OfficeRole::kCompetent,
                                 s.name + " saját polgármesteri hivatalt tart fenn (" + ph->name + "); " + what + ".",
                                 0.0});
      }
      break;
    }
    case MunicipalOfficeCode::kJointOfficeSeat: {
      if (const Office* koh = catalog.office(joint_office_id(s.ksh_code))) {
        route.offices.push_back({koh, OfficeRole::kCompetent,
                                 s.name + " " + article(koh->name) + " " + koh->name + " székhelye; " + what + ".", 0.0});
      }
      break;
    }
    case MunicipalOfficeCode::kJointOfficeMember: {
      const Office* koh = catalog.office(joint_office_id(s.office_seat_ksh));
      const Settlement* seat = catalog.settlement(s.office_seat_ksh);
      const std::string seat_name = seat ? seat->name : s.office_seat_ksh;
      if (const Office* branch = catalog.office(branch_office_id(s.ksh_code))) {
        route.offices.push_back(
            {branch, OfficeRole::kLocalBranch,
             s.name + " településen " + article(branch->name) + " " + branch->name +
                 " fogad ügyfeleket: a kérelem helyben is beadható, az ügyben a " + seat_name +
                 " székhelyű közös hivatal jár el.",
             0.0});
      }
      if (koh != nullptr) {
        route.offices.push_back({koh, OfficeRole::kCompetent,
                                 s.name + " " + article(koh->name) + " " + allative(koh->name) +
                                     " tartozik (székhely: " + seat_name + "); " + what + ".",
                                 distance_between(catalog, s, *koh)});
      }
      break;
    }
  }
}

void add_district_front_offices(const Catalog& catalog, const Settlement& s, const Office& district_office,
                                Route& route) {
  std::vector<RoutedOffice> windows;
  for (const Office* o : catalog.offices_in_district(s.district_code)) {
    if (o->kind != OfficeKind::kGovernmentWindow) continue;
    const bool local = o->settlement_ksh && *o->settlement_ksh == s.ksh_code;
    windows.push_back({o, OfficeRole::kFrontOffice,
                       std::string("Kormányablak ") + (local ? "helyben, " + s.name + " településen" : in_district(catalog, s)) +
                           ": " + article(district_office.name) + " " + district_office.name +
                           " ügyfélszolgálata, itt is beadható a kérelem.",
                       distance_between(catalog, s, *o)});
  }
  std::stable_sort(windows.begin(), windows.end(), [](const RoutedOffice& a, const RoutedOffice& b) {
    return a.distance_km.value_or(1e9) < b.distance_km.value_or(1e9);
  });
  route.offices.insert(route.offices.end(), windows.begin(), windows.end());
}

void route_district_office(const Catalog& catalog, const Settlement& s, Route& route) {
  const Office* jh = catalog.office(district_office_id(s.district_code));
  if (jh == nullptr) return;
  route.offices.push_back({jh, OfficeRole::kCompetent,
                           s.name + " " + article(jh->name) + " " + jh->name +
                               " illetékességi területén fekszik; az ügyben ez a hivatal jár el.",
                           distance_between(catalog, s, *jh)});
  add_district_front_offices(catalog, s, *jh, route);
}

void route_government_window(const Catalog& catalog, const Settlement& s, Route& route) {
  const Office* jh = catalog.office(district_office_id(s.district_code));
  std::vector<RoutedOffice> local;
  for (const Office* o : catalog.offices_in_district(s.district_code)) {
    if (o->kind != OfficeKind::kGovernmentWindow) continue;
    const bool here = o->settlement_ksh && *o->settlement_ksh == s.ksh_code;
    local.push_back({o, OfficeRole::kCompetent,
                     std::string("Az ügy bármelyik kormányablakban intézhető; ez ") +
                         (here ? "helyben, " + s.name + " településen van." : in_district(catalog, s) + " van."),
                     distance_between(catalog, s, *o)});
  }
  std::stable_sort(local.begin(), local.end(), [](const RoutedOffice& a, const RoutedOffice& b) {
    return a.distance_km.value_or(1e9) < b.distance_km.value_or(1e9);
  });
  route.offices.insert(route.offices.end(), local.begin(), local.end());
  if (jh != nullptr) {
    route.offices.push_back({jh, local.empty() ? OfficeRole::kCompetent : OfficeRole::kAlternative,
                             "Az ügy bármelyik kormányablakban, járási hivatalban intézhető; " + s.name + " járási hivatala " +
                                 article(jh->name) + " " + jh->name + ".",
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
    nearby.push_back({&o, OfficeRole::kAlternative,
                      "Az ügy bármelyik kormányablakban intézhető; ez a kormányablak kb. " +
                          std::to_string(static_cast<int>(std::lround(*km))) + " km-re van.",
                      km});
  }
  std::sort(nearby.begin(), nearby.end(),
            [](const RoutedOffice& a, const RoutedOffice& b) { return *a.distance_km < *b.distance_km; });
  if (nearby.size() > kNearbyWindows) nearby.resize(kNearbyWindows);
  route.offices.insert(route.offices.end(), nearby.begin(), nearby.end());
}

void add_visits(const Catalog& catalog, const Procedure& procedure, const Settlement& s, Route& route) {
  const Authority authority = procedure.competence.authority;
  const bool state_case = authority == Authority::kGovernmentWindow || authority == Authority::kDistrictOffice;
  if (!state_case) return;
  for (const Visit* v : catalog.visits_in(s.ksh_code)) {
    const Office* by = catalog.office(v->office_id);
    if (by == nullptr) continue;
    const std::string place = v->place ? " (" + *v->place + ")" : "";
    if (by->kind == OfficeKind::kGovernmentWindowBus && authority == Authority::kGovernmentWindow) {
      route.visits.push_back({v, by, "A mozgó kormányablak (kormányablakbusz) " + s.name + " településen is megáll" +
                                         place + "; az ügy ott is intézhető."});
    } else if (by->kind == OfficeKind::kDistrictOffice && procedure.channels.assistant) {
      route.visits.push_back({v, by, "A járási hivatal települési ügysegédje " + s.name + " településen fogadóórát tart" +
                                         place + "; a kérelem nála is beadható."});
    }
  }
}

}  // namespace

std::string_view to_string(OfficeRole role) {
  switch (role) {
    case OfficeRole::kCompetent: return "competent";
    case OfficeRole::kLocalBranch: return "local_branch";
    case OfficeRole::kFrontOffice: return "front_office";
    case OfficeRole::kAlternative: return "alternative";
  }
  return "?";
}

Route route(const Catalog& catalog, const Procedure& procedure, const Settlement& settlement) {
  Route route;
  route.procedure = &procedure;
  route.settlement = &settlement;
  route.territory_hint = territory_hint(procedure.competence.territory);
  switch (procedure.competence.authority) {
    case Authority::kNotary:
    case Authority::kRegistrar:
    case Authority::kMayor:
      route_municipal(catalog, procedure, settlement, route);
      break;
    case Authority::kDistrictOffice:
      route_district_office(catalog, settlement, route);
      break;
    case Authority::kGovernmentWindow:
      route_government_window(catalog, settlement, route);
      break;
    case Authority::kCentral:
      route.central_authority = procedure.competence.note.value_or("Központi szerv");
      break;
  }
  add_visits(catalog, procedure, settlement, route);
  return route;
}

}  // namespace ugk::kb
