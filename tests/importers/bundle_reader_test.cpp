// The reference bundle in data/ reads without problems into the structure data/README.md
// describes.
#include "importers/bundle_reader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "kb/enums.h"
#include "temp_bundle.h"

namespace ugk::importers {
namespace {

using testing::reference_bundle;

// Read once: every test here only looks at the result.
const ReadResult& reference() {
  static const ReadResult kResult = read_bundle(reference_bundle());
  return kResult;
}

std::string all_problems(const ReadResult& result) {
  std::string out;
  for (const auto& p : result.problems) out += format(p) + "\n";
  return out;
}

const kb::Office* office(const std::string& id) {
  const auto& offices = reference().bundle.offices;
  auto it = std::find_if(offices.begin(), offices.end(), [&](const auto& o) { return o.id == id; });
  return it == offices.end() ? nullptr : &*it;
}

const kb::Settlement* settlement_named(const std::string& name) {
  const auto& settlements = reference().bundle.settlements;
  auto it = std::find_if(settlements.begin(), settlements.end(), [&](const auto& s) { return s.name == name; });
  return it == settlements.end() ? nullptr : &*it;
}

TEST(BundleReader, ReadsTheReferenceBundleWithoutProblems) {
  EXPECT_TRUE(reference().ok()) << all_problems(reference());
}

TEST(BundleReader, ReadsEveryRecordOfTheReferenceBundle) {
  const kb::Bundle& b = reference().bundle;
  EXPECT_EQ(b.settlements.size(), 3178u);
  EXPECT_EQ(b.districts.size(), 197u);
  EXPECT_EQ(b.procedures.size(), 48u);
  EXPECT_EQ(b.forms.size(), 27u);
  EXPECT_EQ(b.visits.size(), 39u);
  EXPECT_EQ(b.calendar_days.size(), 45u);
  EXPECT_EQ(b.closures.size(), 1u);
}

TEST(BundleReader, DerivesTheFullOfficeStructureAndAddsTheDetailOnlyOffices) {
  std::map<kb::OfficeKind, int> kinds;
  for (const auto& o : reference().bundle.offices) ++kinds[o.kind];
  EXPECT_EQ(kinds[kb::OfficeKind::kDistrictOffice], 197);   // one per district
  EXPECT_EQ(kinds[kb::OfficeKind::kMayorsOffice], 553);     // office_code 1, Budapest included
  EXPECT_EQ(kinds[kb::OfficeKind::kJointOffice], 712);      // office_code 2
  EXPECT_EQ(kinds[kb::OfficeKind::kBranch], 6);             // offices.json only
  EXPECT_EQ(kinds[kb::OfficeKind::kGovernmentWindow], 74);  // 72 booking offices + ka-j099, ka-j193
  EXPECT_EQ(kinds[kb::OfficeKind::kGovernmentWindowBus], 1);
  EXPECT_EQ(reference().bundle.offices.size(), 197u + 553u + 712u + 6u + 74u + 1u);
  // 103 detail records, 22 of which replace a derived office.
  auto details = std::count_if(reference().bundle.offices.begin(), reference().bundle.offices.end(),
                               [](const auto& o) { return !o.derived; });
  EXPECT_EQ(details, 103);
}

TEST(BundleReader, FolyasBelongsToTheHajdunanasJointOfficeAndHasNoBranch) {
  const kb::Settlement* folyas = settlement_named("Folyás");
  ASSERT_NE(folyas, nullptr);
  EXPECT_EQ(folyas->ksh_code, "34014");
  EXPECT_EQ(folyas->office_code, kb::MunicipalOfficeCode::kJointOfficeMember);
  EXPECT_EQ(folyas->office_seat_ksh, "22406");
  const kb::Office* koh = office("koh-22406");
  ASSERT_NE(koh, nullptr);
  EXPECT_EQ(koh->name, "Hajdúnánási Közös Önkormányzati Hivatal");
  EXPECT_FALSE(koh->derived);
  EXPECT_EQ(office("kir-34014"), nullptr);
}

TEST(BundleReader, KeepsTheListedBranchOfUjtikos) {
  const kb::Office* kir = office("kir-11925");
  ASSERT_NE(kir, nullptr);
  EXPECT_EQ(kir->kind, kb::OfficeKind::kBranch);
  EXPECT_EQ(kir->settlement_ksh, "11925");
  EXPECT_EQ(kir->district_code, "099");
  EXPECT_EQ(kir->provenance.at("existence"), "illustrative");
}

TEST(BundleReader, DerivedOfficesWithoutDetailRecordsFollowTheIdScheme) {
  const kb::Office* jh = office("jh-001");
  ASSERT_NE(jh, nullptr);
  EXPECT_TRUE(jh->derived);
  EXPECT_EQ(jh->name, "Budapest Főváros Kormányhivatala I. Kerületi Hivatala");
  EXPECT_EQ(jh->settlement_ksh, "09566");
  EXPECT_EQ(jh->provenance.at("structure"), "KSH helységnévtár 2024");
  const kb::Office* capital = office("ph-13578");
  ASSERT_NE(capital, nullptr);
  EXPECT_EQ(capital->name, "Budapest Főváros Főpolgármesteri Hivatala");
  EXPECT_EQ(capital->district_code, std::nullopt);
  const kb::Office* koh = office("koh-12441");
  ASSERT_NE(koh, nullptr);
  EXPECT_EQ(koh->name, "Abádszalók székhelyű Közös Önkormányzati Hivatal");
  EXPECT_EQ(koh->district_code, "164");
  const kb::Office* ph = office("ph-17376");
  ASSERT_NE(ph, nullptr);
  EXPECT_EQ(ph->name, "Aba Város Polgármesteri Hivatala");
}

TEST(BundleReader, DetailRecordsReplaceTheDerivedOffice) {
  const kb::Office* jh = office("jh-099");
  ASSERT_NE(jh, nullptr);
  EXPECT_FALSE(jh->derived);
  EXPECT_EQ(jh->name, "Hajdú-Bihar Vármegyei Kormányhivatal Hajdúnánási Járási Hivatala");
  EXPECT_EQ(jh->settlement_ksh, "22406");
  EXPECT_TRUE(jh->opening_hours.has_value());
  EXPECT_EQ(jh->provenance.count("structure"), 0u);
}

TEST(BundleReader, MapsSettlementColumnsIncludingListsAndCoordinates) {
  const kb::Settlement* budapest = settlement_named("Budapest");
  ASSERT_NE(budapest, nullptr);
  EXPECT_EQ(budapest->ksh_code, "13578");
  EXPECT_EQ(budapest->district_code, "");
  EXPECT_EQ(budapest->population, 1686222);
  EXPECT_EQ(budapest->nationality_self_governments.size(), 12u);
  EXPECT_TRUE(budapest->postal_codes.empty());
  EXPECT_EQ(budapest->postal_codes_hnt, std::vector<std::string>{"1007"});
  const kb::Settlement* aba = settlement_named("Aba");
  ASSERT_NE(aba, nullptr);
  EXPECT_EQ(aba->postal_codes_hnt, (std::vector<std::string>{"8127", "8128"}));
  ASSERT_TRUE(aba->lat.has_value());
  EXPECT_DOUBLE_EQ(*aba->lat, 47.02907);
  EXPECT_DOUBLE_EQ(*aba->lon, 18.52172);
  const auto with_coords = std::count_if(reference().bundle.settlements.begin(), reference().bundle.settlements.end(),
                                         [](const auto& s) { return s.lat.has_value(); });
  EXPECT_EQ(with_coords, 899);
  const kb::Settlement* megyeszekhely = settlement_named("Debrecen");
  ASSERT_NE(megyeszekhely, nullptr);
  EXPECT_EQ(megyeszekhely->legal_status, "megyeszékhely, megyei jogú város");
}

TEST(BundleReader, MapsDistrictsAndCalendarDays) {
  const auto& districts = reference().bundle.districts;
  auto hajdunanas = std::find_if(districts.begin(), districts.end(), [](const auto& d) { return d.code == "099"; });
  ASSERT_NE(hajdunanas, districts.end());
  EXPECT_EQ(hajdunanas->settlement_count, 6);
  EXPECT_EQ(hajdunanas->population, 27877);
  const auto& first = reference().bundle.calendar_days.front();
  EXPECT_EQ(first.date, "2025-01-01");
  EXPECT_EQ(first.weekday, "Wed");
  EXPECT_EQ(first.type, kb::DayType::kPublicHoliday);
}

TEST(BundleReader, SortsEveryRecordListSoThatTheResultIsDeterministic) {
  const kb::Bundle& b = reference().bundle;
  auto by = [](auto key) { return [key](const auto& x, const auto& y) { return key(x) < key(y); }; };
  EXPECT_TRUE(std::is_sorted(b.settlements.begin(), b.settlements.end(), by([](const auto& s) { return s.ksh_code; })));
  EXPECT_TRUE(std::is_sorted(b.districts.begin(), b.districts.end(), by([](const auto& d) { return d.code; })));
  EXPECT_TRUE(std::is_sorted(b.offices.begin(), b.offices.end(), by([](const auto& o) { return o.id; })));
  EXPECT_TRUE(std::is_sorted(b.procedures.begin(), b.procedures.end(), by([](const auto& p) { return p.id; })));
  EXPECT_TRUE(std::is_sorted(b.forms.begin(), b.forms.end(), by([](const auto& f) { return f.id; })));
  EXPECT_TRUE(std::is_sorted(b.visits.begin(), b.visits.end(), by([](const auto& v) { return v.id; })));
  EXPECT_TRUE(std::is_sorted(b.calendar_days.begin(), b.calendar_days.end(), by([](const auto& d) { return d.date; })));
  EXPECT_EQ(read_bundle(reference_bundle()).bundle, b);
}

TEST(BundleReader, ReportsProgressForEveryStep) {
  std::vector<std::pair<std::string, std::size_t>> steps;
  std::size_t total = 0;
  read_bundle(reference_bundle(), [&](std::string_view step, std::size_t done, std::size_t all) {
    steps.emplace_back(std::string(step), done);
    total = all;
  });
  ASSERT_GE(total, 2u);
  ASSERT_EQ(steps.size(), total);
  for (std::size_t i = 0; i < steps.size(); ++i) EXPECT_EQ(steps[i].second, i + 1);
  EXPECT_EQ(steps.front().first, "ksh/settlements_2024.csv");
  EXPECT_EQ(steps.back().first, "validation");
}

}  // namespace
}  // namespace ugk::importers
