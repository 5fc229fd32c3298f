#include "importers/office_structure.h"

#include <gtest/gtest.h>

namespace ugk::importers {
namespace {

kb::Settlement settlement(std::string ksh, std::string name, std::string status, std::string district,
                          kb::MunicipalOfficeCode code, bool seat = false) {
  kb::Settlement s;
  s.ksh_code = std::move(ksh);
  s.name = std::move(name);
  s.legal_status = std::move(status);
  s.district_code = std::move(district);
  s.office_code = code;
  s.is_district_seat = seat;
  if (code != kb::MunicipalOfficeCode::kOwnMayorsOffice) s.office_seat_ksh = s.ksh_code;
  return s;
}

TEST(OfficeStructure, WritesBudapestDistrictNumbersInRomanNumerals) {
  EXPECT_EQ(roman_numeral(1), "I");
  EXPECT_EQ(roman_numeral(4), "IV");
  EXPECT_EQ(roman_numeral(9), "IX");
  EXPECT_EQ(roman_numeral(14), "XIV");
  EXPECT_EQ(roman_numeral(19), "XIX");
  EXPECT_EQ(roman_numeral(23), "XXIII");
}

TEST(OfficeStructure, DerivesDistrictMayorsAndJointOfficesWithOfficialStyleNames) {
  using Code = kb::MunicipalOfficeCode;
  std::vector<kb::Settlement> settlements{
      settlement("22406", "Hajdúnánás", "város", "099", Code::kJointOfficeSeat, true),
      settlement("16568", "Görbeháza", "község", "099", Code::kOwnMayorsOffice),
      settlement("11111", "Példa", "nagyközség", "099", Code::kOwnMayorsOffice),
      settlement("15130", "Debrecen", "megyeszékhely, megyei jogú város", "098", Code::kOwnMayorsOffice, true),
      settlement("16337", "Budapest 14. ker.", "fővárosi kerület", "014", Code::kOwnMayorsOffice, true),
      settlement("13578", "Budapest", "főváros", "", Code::kOwnMayorsOffice),
  };
  std::vector<kb::District> districts{{"099", "Hajdúnánási", "Hajdúnánás", "Hajdú-Bihar", 1, 1},
                                      {"014", "Budapest 14. ker.", "Budapest 14. ker.", "főváros", 1, 1}};
  std::vector<Problem> problems;
  auto offices = derive_offices(settlements, districts, problems);
  EXPECT_TRUE(problems.empty());
  std::map<std::string, kb::Office> by_id;
  for (const auto& o : offices) by_id[o.id] = o;
  ASSERT_EQ(offices.size(), 8u);
  EXPECT_EQ(by_id["jh-099"].name, "Hajdú-Bihar Vármegyei Kormányhivatal Hajdúnánási Járási Hivatala");
  EXPECT_EQ(by_id["jh-099"].settlement_ksh, "22406");
  EXPECT_EQ(by_id["jh-099"].district_code, "099");
  EXPECT_EQ(by_id["jh-014"].name, "Budapest Főváros Kormányhivatala XIV. Kerületi Hivatala");
  EXPECT_EQ(by_id["jh-014"].settlement_ksh, "16337");
  EXPECT_EQ(by_id["ph-16568"].name, "Görbeháza Község Polgármesteri Hivatala");
  EXPECT_EQ(by_id["ph-11111"].name, "Példa Nagyközség Polgármesteri Hivatala");
  EXPECT_EQ(by_id["ph-15130"].name, "Debrecen Megyei Jogú Város Polgármesteri Hivatala");
  EXPECT_EQ(by_id["ph-16337"].name, "Budapest Főváros XIV. kerület Polgármesteri Hivatala");
  EXPECT_EQ(by_id["ph-13578"].name, "Budapest Főváros Főpolgármesteri Hivatala");
  EXPECT_EQ(by_id["ph-13578"].district_code, std::nullopt);
  EXPECT_EQ(by_id["koh-22406"].name, "Hajdúnánás székhelyű Közös Önkormányzati Hivatal");
  EXPECT_EQ(by_id["koh-22406"].kind, kb::OfficeKind::kJointOffice);
  for (const auto& o : offices) {
    EXPECT_TRUE(o.derived) << o.id;
    EXPECT_EQ(o.provenance.at("structure"), "KSH helységnévtár 2024") << o.id;
  }
  EXPECT_TRUE(std::is_sorted(offices.begin(), offices.end(), [](const auto& a, const auto& b) { return a.id < b.id; }));
}

TEST(OfficeStructure, ReportsADistrictWithoutSeat) {
  std::vector<kb::District> districts{{"099", "Hajdúnánási", "Hajdúnánás", "Hajdú-Bihar", 0, 0}};
  std::vector<Problem> problems;
  auto offices = derive_offices({}, districts, problems);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].file, "ksh/districts_2024.csv");
  EXPECT_EQ(problems[0].record, "district_code=099");
  ASSERT_EQ(offices.size(), 1u);
}

TEST(OfficeStructure, DetailRecordsReplaceDerivedOfficesAndAddTheOthers) {
  kb::Office derived;
  derived.id = "koh-22406";
  derived.kind = kb::OfficeKind::kJointOffice;
  derived.name = "Hajdúnánás székhelyű Közös Önkormányzati Hivatal";
  derived.derived = true;
  kb::Office detail = derived;
  detail.name = "Hajdúnánási Közös Önkormányzati Hivatal";
  detail.derived = true;  // whatever the record says, a detail record is not derived
  kb::Office branch;
  branch.id = "kir-11925";
  branch.kind = kb::OfficeKind::kBranch;
  auto merged = merge_office_details({derived}, {branch, detail});
  ASSERT_EQ(merged.size(), 2u);
  EXPECT_EQ(merged[0].id, "kir-11925");
  EXPECT_EQ(merged[1].name, "Hajdúnánási Közös Önkormányzati Hivatal");
  EXPECT_FALSE(merged[1].derived);
}

}  // namespace
}  // namespace ugk::importers
