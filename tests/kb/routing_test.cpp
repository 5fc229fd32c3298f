#include "kb/routing.h"

#include <gtest/gtest.h>

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

constexpr const char* kProbate = "hagyateki-eljaras-hagyateki-leltar";       // jegyzo, residence
constexpr const char* kValueCertificate = "ado-es-ertekbizonyitvany";       // jegyzo, property_place
constexpr const char* kDeathRegistration = "haleset-anyakonyvezese";        // anyakonyvvezeto, event_place
constexpr const char* kPublicHealthCare = "kozgyogyellatas";                // jarasi_hivatal, assistant
constexpr const char* kLostIdCard = "szemelyi-igazolvany-elvesztesenek-bejelentese";  // kormanyablak, any
constexpr const char* kVehicleTax = "gepjarmuado-nav";                      // kozponti

TEST(Routing, JointOfficeMemberWithoutBranchGoesToTheJointOfficeWithAReason) {
  Route r = route_for(kProbate, "34014");  // Folyás, member of the Hajdúnánás joint office
  ASSERT_EQ(office_ids(r), (std::vector<std::string>{"koh-22406"}));
  EXPECT_EQ(r.offices.front().role, OfficeRole::kCompetent);
  EXPECT_NE(r.offices.front().reason.find("Folyás"), std::string::npos);
  EXPECT_NE(r.offices.front().reason.find("Hajdúnánási Közös Önkormányzati Hivatalhoz tartozik"), std::string::npos)
      << r.offices.front().reason;
  EXPECT_NE(r.offices.front().reason.find("jegyző"), std::string::npos);
}

TEST(Routing, JointOfficeMemberWithALocalBranchGetsTheBranchFirst) {
  Route r = route_for(kValueCertificate, "11925");  // Újtikos has kir-11925
  ASSERT_EQ(office_ids(r), (std::vector<std::string>{"kir-11925", "koh-22406"}));
  EXPECT_EQ(r.offices[0].role, OfficeRole::kLocalBranch);
  EXPECT_EQ(r.offices[1].role, OfficeRole::kCompetent);
  EXPECT_NE(r.territory_hint.find("ingatlan"), std::string::npos);
}

TEST(Routing, RegistrarCasesFollowTheSameMunicipalResolution) {
  Route r = route_for(kDeathRegistration, "23898");  // Rezi: member of Karmacs joint office, branch kir-23898
  EXPECT_EQ(office_ids(r), (std::vector<std::string>{"kir-23898", "koh-18041"}));
  EXPECT_NE(r.offices[1].reason.find("anyakönyvvezető"), std::string::npos);
}

TEST(Routing, SettlementWithItsOwnMayorsOfficeGoesThere) {
  Route r = route_for(kProbate, "16568");  // Görbeháza, office code 1
  ASSERT_EQ(office_ids(r), (std::vector<std::string>{"ph-16568"}));
  EXPECT_NE(r.offices.front().reason.find("saját polgármesteri hivatal"), std::string::npos);
}

TEST(Routing, JointOfficeSeatGoesToItsJointOffice) {
  Route r = route_for(kProbate, "22406");  // Hajdúnánás
  EXPECT_EQ(office_ids(r), (std::vector<std::string>{"koh-22406"}));
  EXPECT_NE(r.offices.front().reason.find("székhelye"), std::string::npos);
}

TEST(Routing, BudapestDistrictMunicipalCaseGoesToTheDistrictMayorsOffice) {
  Route r = route_for(kProbate, "16337");  // Budapest 14. ker.
  EXPECT_EQ(office_ids(r), (std::vector<std::string>{"ph-16337"}));
}

TEST(Routing, DistrictOfficeCaseGoesToTheDistrictOfficeThenItsWindowsAndAssistantVisits) {
  Route r = route_for(kPublicHealthCare, "13736");  // Zalavár, Keszthelyi járás
  auto ids = office_ids(r);
  ASSERT_FALSE(ids.empty());
  EXPECT_EQ(ids.front(), "jh-193");
  EXPECT_NE(std::find(ids.begin(), ids.end(), "ka-j193"), ids.end());
  // Zalavár has no coordinates of its own: a distance would be made up.
  EXPECT_FALSE(r.offices.front().distance_km.has_value());
  EXPECT_NE(r.offices[1].reason.find("a Keszthelyi járásban"), std::string::npos) << r.offices[1].reason;
  ASSERT_FALSE(r.visits.empty());
  EXPECT_EQ(r.visits.front().visit->id, "v-ugy-13736");
  EXPECT_NE(r.visits.front().reason.find("ügysegéd"), std::string::npos);
}

TEST(Routing, GovernmentWindowCaseListsTheDistrictsWindowsBeforeTheDistrictOffice) {
  Route r = route_for(kLostIdCard, "34014");  // Folyás, Hajdúnánási járás
  auto ids = office_ids(r);
  ASSERT_GE(ids.size(), 2u);
  EXPECT_EQ(ids[0], "ka-j099");
  EXPECT_EQ(ids[1], "jh-099");
  EXPECT_EQ(r.offices[1].role, OfficeRole::kAlternative);
}

TEST(Routing, GovernmentWindowCaseInTheCapitalFindsTheDistrictsOwnWindow) {
  Route r = route_for(kLostIdCard, "16337");  // Budapest 14. ker. has ka-81
  auto ids = office_ids(r);
  ASSERT_FALSE(ids.empty());
  EXPECT_EQ(ids.front(), "ka-81");
  EXPECT_EQ(r.offices.front().distance_km, 0.0);
}

TEST(Routing, WindowBusStopsAreListedForGovernmentWindowCases) {
  Route r = route_for(kLostIdCard, "08192");  // Bordány: bus stop 2025-10-20
  ASSERT_FALSE(r.visits.empty());
  EXPECT_EQ(r.visits.front().office->id, "kab-csongrad-csanad");
}

TEST(Routing, CentralAuthorityNamesTheAuthorityAndNoLocalOffice) {
  Route r = route_for(kVehicleTax, "34014");
  EXPECT_TRUE(r.offices.empty());
  ASSERT_TRUE(r.central_authority.has_value());
  EXPECT_NE(r.central_authority->find("NAV"), std::string::npos) << *r.central_authority;
}

TEST(Routing, EveryProcedureRoutesEverySettlementOfTheDemoDistrictsToAtLeastOneOfficeOrAnAuthority) {
  const Catalog& catalog = reference_catalog();
  ASSERT_GE(catalog.content().procedures.size(), 20u);
  for (const char* district : {"099", "193", "014"}) {
    const auto settlements = catalog.settlements_in_district(district);
    ASSERT_FALSE(settlements.empty()) << district;
    for (const Settlement* s : settlements) {
      for (const Procedure& p : catalog.content().procedures) {
        Route r = route(catalog, p, *s);
        EXPECT_TRUE(!r.offices.empty() || r.central_authority) << p.id << " @ " << s->name;
        for (const auto& o : r.offices) EXPECT_FALSE(o.reason.empty()) << p.id << " @ " << s->name;
      }
    }
  }
}

}  // namespace
}  // namespace ugk::kb
