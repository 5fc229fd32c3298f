#include "kb/routing.h"

#include <gtest/gtest.h>

#include <cmath>

#include "reference_data.h"

namespace ugk::kb {
namespace {

using ugk::testing::reference_catalog;

Route route_for(const std::string& procedure_id, const std::string& ksh) {
  const Catalog& catalog = reference_catalog();
  const Procedure* p = catalog.procedure(procedure_id);
  const Settlement* s = catalog.settlement(ksh);
  if (p == nullptr || s == nullptr) throw std::runtime_error("fixture missing: " + procedure_id + " / " + ksh);
  return route(catalog, *p, *s);
}

std::vector<std::string> office_ids(const Route& r) {
  std::vector<std::string> out;
  for (const auto& o : r.offices) out.push_back(o.office->id);
  return out;
}

std::vector<ReasonCode> codes(const Route& r) {
  std::vector<ReasonCode> out;
  for (const auto& o : r.offices) out.push_back(o.reason.code);
  return out;
}

constexpr const char* kProbate = "hagyateki-eljaras-hagyateki-leltar";                // jegyzo, residence
constexpr const char* kValueCertificate = "ado-es-ertekbizonyitvany";                 // jegyzo, property_place
constexpr const char* kDeathRegistration = "haleset-anyakonyvezese";                  // anyakonyvvezeto, event_place
constexpr const char* kPublicHealthCare = "kozgyogyellatas";                          // jarasi_hivatal, assistant
constexpr const char* kLostIdCard = "szemelyi-igazolvany-elvesztesenek-bejelentese";  // kormanyablak, any
constexpr const char* kVehicleTax = "gepjarmuado-nav";                                // kozponti

TEST(Routing, JointOfficeMemberWithoutBranchGoesToTheJointOfficeWithAReason) {
  Route r = route_for(kProbate, "34014");  // Folyás, member of the Hajdúnánás joint office
  ASSERT_EQ(office_ids(r), (std::vector<std::string>{"koh-22406"}));
  EXPECT_EQ(r.offices.front().role, OfficeRole::kCompetent);
  const Reason expected{
      ReasonCode::kJointOfficeMember,
      {.settlement_ksh = "34014", .office_id = "koh-22406", .seat_ksh = "22406", .authority = Authority::kNotary}};
  EXPECT_EQ(r.offices.front().reason, expected);
  EXPECT_EQ(r.territory_hint, Territory::kResidence);
}

TEST(Routing, JointOfficeMemberWithALocalBranchGetsTheBranchFirst) {
  Route r = route_for(kValueCertificate, "11925");  // Újtikos has kir-11925
  ASSERT_EQ(office_ids(r), (std::vector<std::string>{"kir-11925", "koh-22406"}));
  EXPECT_EQ(r.offices[0].role, OfficeRole::kLocalBranch);
  EXPECT_EQ(r.offices[1].role, OfficeRole::kCompetent);
  EXPECT_EQ(codes(r), (std::vector<ReasonCode>{ReasonCode::kLocalBranch, ReasonCode::kJointOfficeMember}));
  EXPECT_EQ(r.offices[0].reason.params.office_id, "kir-11925");
  EXPECT_EQ(r.offices[0].reason.params.seat_ksh, "22406");
  EXPECT_EQ(r.territory_hint, Territory::kPropertyPlace);
}

TEST(Routing, RegistrarCasesFollowTheSameMunicipalResolution) {
  Route r = route_for(kDeathRegistration, "23898");  // Rezi: member of Karmacs joint office, branch kir-23898
  EXPECT_EQ(office_ids(r), (std::vector<std::string>{"kir-23898", "koh-18041"}));
  EXPECT_EQ(codes(r), (std::vector<ReasonCode>{ReasonCode::kLocalBranch, ReasonCode::kJointOfficeMember}));
  EXPECT_EQ(r.offices[1].reason.params.authority, Authority::kRegistrar);
  EXPECT_EQ(r.territory_hint, Territory::kEventPlace);
}

TEST(Routing, SettlementWithItsOwnMayorsOfficeGoesThere) {
  Route r = route_for(kProbate, "16568");  // Görbeháza, office code 1
  ASSERT_EQ(office_ids(r), (std::vector<std::string>{"ph-16568"}));
  EXPECT_EQ(codes(r), (std::vector<ReasonCode>{ReasonCode::kOwnMayorsOffice}));
  EXPECT_EQ(r.offices.front().reason.params.office_id, "ph-16568");
}

TEST(Routing, JointOfficeSeatGoesToItsJointOffice) {
  Route r = route_for(kProbate, "22406");  // Hajdúnánás
  EXPECT_EQ(office_ids(r), (std::vector<std::string>{"koh-22406"}));
  EXPECT_EQ(codes(r), (std::vector<ReasonCode>{ReasonCode::kJointOfficeSeat}));
}

TEST(Routing, BudapestDistrictMunicipalCaseGoesToTheDistrictMayorsOffice) {
  Route r = route_for(kProbate, "16337");  // Budapest 14. ker.
  EXPECT_EQ(office_ids(r), (std::vector<std::string>{"ph-16337"}));
  EXPECT_EQ(codes(r), (std::vector<ReasonCode>{ReasonCode::kOwnMayorsOffice}));
}

TEST(Routing, DistrictOfficeCaseGoesToTheDistrictOfficeThenItsWindowsAndAssistantVisits) {
  Route r = route_for(kPublicHealthCare, "13736");  // Zalavár, Keszthelyi járás
  auto ids = office_ids(r);
  ASSERT_FALSE(ids.empty());
  EXPECT_EQ(ids.front(), "jh-193");
  EXPECT_NE(std::find(ids.begin(), ids.end(), "ka-j193"), ids.end());
  // Zalavár has no coordinates of its own: a distance would be made up.
  EXPECT_FALSE(r.offices.front().distance_km.has_value());
  EXPECT_EQ(r.offices.front().reason.code, ReasonCode::kDistrictOfficeTerritory);
  // The window in Keszthely is the district office's front office, elsewhere in the district.
  EXPECT_EQ(r.offices[1].reason.code, ReasonCode::kFrontOfficeInDistrict);
  EXPECT_EQ(r.offices[1].reason.params.office_id, "jh-193");
  ASSERT_FALSE(r.visits.empty());
  EXPECT_EQ(r.visits.front().visit->id, "v-ugy-13736");
  EXPECT_EQ(r.visits.front().reason.code, ReasonCode::kAssistantVisit);
  EXPECT_EQ(r.visits.front().reason.params.visit_id, "v-ugy-13736");
}

TEST(Routing, GovernmentWindowCaseListsTheDistrictsWindowsBeforeTheDistrictOffice) {
  Route r = route_for(kLostIdCard, "34014");  // Folyás, Hajdúnánási járás
  auto ids = office_ids(r);
  ASSERT_GE(ids.size(), 2u);
  EXPECT_EQ(ids[0], "ka-j099");
  EXPECT_EQ(ids[1], "jh-099");
  EXPECT_EQ(r.offices[1].role, OfficeRole::kAlternative);
  EXPECT_EQ(r.offices[0].reason.code, ReasonCode::kGovernmentWindowInDistrict);
  EXPECT_EQ(r.offices[1].reason.code, ReasonCode::kDistrictOfficeAlternative);
  for (std::size_t i = 2; i < r.offices.size(); ++i) {
    EXPECT_EQ(r.offices[i].reason.code, ReasonCode::kGovernmentWindowNearby);
    ASSERT_TRUE(r.offices[i].reason.params.km.has_value());
    EXPECT_EQ(*r.offices[i].reason.params.km, static_cast<int>(std::lround(*r.offices[i].distance_km)));
  }
}

TEST(Routing, GovernmentWindowCaseInTheCapitalFindsTheDistrictsOwnWindow) {
  Route r = route_for(kLostIdCard, "16337");  // Budapest 14. ker. has ka-81
  auto ids = office_ids(r);
  ASSERT_FALSE(ids.empty());
  EXPECT_EQ(ids.front(), "ka-81");
  EXPECT_EQ(r.offices.front().distance_km, 0.0);
  EXPECT_EQ(r.offices.front().reason.code, ReasonCode::kGovernmentWindowLocal);
}

TEST(Routing, WindowBusStopsAreListedForGovernmentWindowCases) {
  Route r = route_for(kLostIdCard, "08192");  // Bordány: bus stop 2025-10-20
  ASSERT_FALSE(r.visits.empty());
  EXPECT_EQ(r.visits.front().office->id, "kab-csongrad-csanad");
  EXPECT_EQ(r.visits.front().reason.code, ReasonCode::kBusStop);
}

TEST(Routing, CentralAuthorityNamesTheAuthorityAndNoLocalOffice) {
  Route r = route_for(kVehicleTax, "34014");
  EXPECT_TRUE(r.offices.empty());
  EXPECT_TRUE(r.central_authority);
  EXPECT_TRUE(r.visits.empty());
}

TEST(Routing, EveryProcedureRoutesEverySettlementOfTheDemoDistrictsToAtLeastOneOfficeOrAnAuthority) {
  const Catalog& catalog = reference_catalog();
  ASSERT_GE(catalog.procedures().size(), 20u);
  for (const char* district : {"099", "193", "014"}) {
    const auto settlements = catalog.settlements_in_district(district);
    ASSERT_FALSE(settlements.empty()) << district;
    for (const Settlement* s : settlements) {
      for (const Procedure& p : catalog.procedures()) {
        Route r = route(catalog, p, *s);
        EXPECT_TRUE(!r.offices.empty() || r.central_authority) << p.id << " @ " << s->name;
        for (const auto& o : r.offices) {
          const ReasonParams& params = o.reason.params;
          // Every id a reason names is a record of the catalog.
          EXPECT_TRUE(!params.settlement_ksh || catalog.settlement(*params.settlement_ksh)) << p.id << " @ " << s->name;
          EXPECT_TRUE(!params.office_id || catalog.office(*params.office_id)) << p.id << " @ " << s->name;
          EXPECT_TRUE(!params.seat_ksh || catalog.settlement(*params.seat_ksh)) << p.id << " @ " << s->name;
        }
      }
    }
  }
}

TEST(Routing, RoutingByAuthorityGivesTheSameOfficesAsAProcedureOfThatAuthority) {
  const Catalog& catalog = reference_catalog();
  const Procedure& p = *catalog.procedure(kPublicHealthCare);
  const Settlement& zalavar = *catalog.settlement("13736");
  const Route by_procedure = route(catalog, p, zalavar);
  const Route by_authority = route_by_authority(catalog, p.competence.authority, zalavar, p.channels.assistant);
  EXPECT_EQ(office_ids(by_authority), office_ids(by_procedure));
  EXPECT_EQ(codes(by_authority), codes(by_procedure));
  EXPECT_EQ(by_authority.visits.size(), by_procedure.visits.size());
  EXPECT_EQ(by_authority.procedure, nullptr);
  EXPECT_TRUE(route_by_authority(catalog, p.competence.authority, zalavar, false).visits.empty());
}

TEST(Routing, ReasonCodesAndRolesReadBackFromTheirNames) {
  for (ReasonCode code : all_reason_codes()) EXPECT_EQ(parse_reason_code(to_string(code)), code);
  EXPECT_EQ(all_reason_codes().size(), 13u);
  EXPECT_EQ(parse_reason_code("nope"), std::nullopt);
  for (OfficeRole role :
       {OfficeRole::kCompetent, OfficeRole::kLocalBranch, OfficeRole::kFrontOffice, OfficeRole::kAlternative}) {
    EXPECT_EQ(parse_office_role(to_string(role)), role);
  }
  EXPECT_EQ(parse_office_role("boss"), std::nullopt);
}

}  // namespace
}  // namespace ugk::kb
