// Each test breaks one thing in a private copy of the reference bundle and checks that exactly that
// problem is reported, with file, record, field and line — and nothing consequential on top.
#include <gtest/gtest.h>

#include <filesystem>

#include "importers/bundle_reader.h"
#include "temp_bundle.h"

namespace ugk::importers {
namespace {

using testing::line_of;
using testing::TempBundle;

std::string all_problems(const ReadResult& result) {
  std::string out;
  for (const auto& p : result.problems) out += format(p) + "\n";
  return out;
}

// Line of the "{" that opens the record with this id (the bundle writes "id" first, on the next line).
std::size_t record_line(const std::string& text, const std::string& id) {
  return line_of(text, "\"id\": \"" + id + "\"") - 1;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(BrokenBundle, ReportsAMissingCsvColumnByName) {
  TempBundle bundle;
  bundle.replace("ksh/settlements_2024.csv", ",dwellings,", ",lakasok,");
  ReadResult result = read_bundle(bundle.root());
  ASSERT_EQ(result.problems.size(), 1u) << all_problems(result);
  const Problem& p = result.problems[0];
  EXPECT_EQ(p.file, "ksh/settlements_2024.csv");
  EXPECT_EQ(p.record, "");
  EXPECT_EQ(p.line, 1u);
  EXPECT_EQ(p.field, "dwellings");
  EXPECT_TRUE(contains(p.message, "missing column"));
}

TEST(BrokenBundle, ReportsAKshCodeThatIsNotFiveDigits) {
  TempBundle bundle;
  // Bocskaikert: own mayor's office, no coordinates, referenced nowhere else.
  std::size_t line = bundle.replace("ksh/settlements_2024.csv", "\n34102,Bocskaikert,", "\n1234,Bocskaikert,") + 1;
  ReadResult result = read_bundle(bundle.root());
  ASSERT_EQ(result.problems.size(), 1u) << all_problems(result);
  const Problem& p = result.problems[0];
  EXPECT_EQ(p.file, "ksh/settlements_2024.csv");
  EXPECT_EQ(p.record, "ksh_code=1234");
  EXPECT_EQ(p.line, line);
  EXPECT_EQ(p.field, "ksh_code");
  EXPECT_EQ(result.bundle.settlements.size(), 3177u);
}

TEST(BrokenBundle, ReportsEveryBadColumnOfOneRow) {
  TempBundle bundle;
  std::size_t line = bundle.replace("ksh/settlements_2024.csv",
                                    "\n17376,Aba,város,Fejér,085,Székesfehérvári,Székesfehérvár,0,1,,,8805,4396,",
                                    "\n17376,Aba,város,Fejér,085,Székesfehérvári,Székesfehérvár,x,3,,,8805,sok,") +
                     1;
  ReadResult result = read_bundle(bundle.root());
  std::vector<std::string> fields;
  for (const auto& p : result.problems) {
    if (p.file == "ksh/settlements_2024.csv") {
      EXPECT_EQ(p.record, "ksh_code=17376");
      EXPECT_EQ(p.line, line);
      fields.push_back(p.field);
    }
  }
  EXPECT_EQ(fields, (std::vector<std::string>{"is_district_seat", "office_code", "population_2024_01_01"}))
      << all_problems(result);
  // The rejected row is not reported again as an unknown settlement by the coordinates file.
  EXPECT_EQ(result.problems.size(), 3u) << all_problems(result);
}

TEST(BrokenBundle, ReportsAProcedureReferencingAnUnknownForm) {
  TempBundle bundle;
  std::string text = bundle.read("procedures.json");
  bundle.replace("procedures.json", "\"lakcimbejelento-lap\"", "\"lakcimbejelento-lap\", \"nincs-ilyen-urlap\"",
                 "\"id\": \"lakcimbejelentes\"");
  ReadResult result = read_bundle(bundle.root());
  ASSERT_EQ(result.problems.size(), 1u) << all_problems(result);
  const Problem& p = result.problems[0];
  EXPECT_EQ(p.file, "procedures.json");
  EXPECT_EQ(p.record, "id=lakcimbejelentes");
  EXPECT_EQ(p.line, record_line(text, "lakcimbejelentes"));
  EXPECT_EQ(p.field, "forms[1]");
  EXPECT_TRUE(contains(p.message, "nincs-ilyen-urlap"));
}

TEST(BrokenBundle, ReportsAFormThatDoesNotListItsProcedure) {
  TempBundle bundle;
  std::string forms = bundle.read("forms.json");
  bundle.replace("forms.json", "\"procedures\": [\n      \"lakcimbejelentes\"\n    ]", "\"procedures\": []",
                 "\"id\": \"lakcimbejelento-lap\"");
  ReadResult result = read_bundle(bundle.root());
  ASSERT_EQ(result.problems.size(), 1u) << all_problems(result);
  EXPECT_EQ(result.problems[0].file, "procedures.json");
  EXPECT_EQ(result.problems[0].record, "id=lakcimbejelentes");
  EXPECT_EQ(result.problems[0].field, "forms[0]");
}

TEST(BrokenBundle, ReportsAVisitByAnUnknownOffice) {
  TempBundle bundle;
  std::string text = bundle.read("visits.json");
  bundle.replace("visits.json", "\"office_id\": \"kab-csongrad-csanad\"", "\"office_id\": \"kab-nincs\"",
                 "\"id\": \"v-kab-2025-10-20-08192\"");
  ReadResult result = read_bundle(bundle.root());
  ASSERT_EQ(result.problems.size(), 1u) << all_problems(result);
  const Problem& p = result.problems[0];
  EXPECT_EQ(p.file, "visits.json");
  EXPECT_EQ(p.record, "id=v-kab-2025-10-20-08192");
  EXPECT_EQ(p.line, record_line(text, "v-kab-2025-10-20-08192"));
  EXPECT_EQ(p.field, "office_id");
}

TEST(BrokenBundle, ReportsADuplicateIdAtItsSecondOccurrence) {
  TempBundle bundle;
  std::string text = bundle.read("visits.json");
  bundle.replace("visits.json", "\"id\": \"v-kab-2025-10-20-17765\"", "\"id\": \"v-kab-2025-10-20-08192\"");
  ReadResult result = read_bundle(bundle.root());
  ASSERT_EQ(result.problems.size(), 1u) << all_problems(result);
  const Problem& p = result.problems[0];
  EXPECT_EQ(p.file, "visits.json");
  EXPECT_EQ(p.record, "id=v-kab-2025-10-20-08192");
  EXPECT_EQ(p.line, record_line(text, "v-kab-2025-10-20-17765"));
  EXPECT_EQ(p.field, "id");
  EXPECT_EQ(result.bundle.visits.size(), 38u);
}

TEST(BrokenBundle, ReportsTruncatedJsonWithTheLineWhereParsingStopped) {
  TempBundle bundle;
  std::string text = bundle.read("procedures.json");
  std::string truncated = text.substr(0, text.size() / 2);
  bundle.write("procedures.json", truncated);
  ReadResult result = read_bundle(bundle.root());
  ASSERT_EQ(result.problems.size(), 1u) << all_problems(result);
  const Problem& p = result.problems[0];
  EXPECT_EQ(p.file, "procedures.json");
  EXPECT_EQ(p.record, "");
  EXPECT_EQ(p.field, "");
  const auto last_line = 1 + static_cast<std::size_t>(std::count(truncated.begin(), truncated.end(), '\n'));
  EXPECT_EQ(p.line, last_line);
  EXPECT_TRUE(contains(p.message, "invalid JSON"));
}

TEST(BrokenBundle, ReportsAnUnknownFieldInAnOfficeRecord) {
  TempBundle bundle;
  std::string text = bundle.read("offices.json");
  bundle.replace("offices.json", "\"phone\": null", "\"phone\": null, \"fax\": null", "\"id\": \"ka-61\"");
  ReadResult result = read_bundle(bundle.root());
  ASSERT_EQ(result.problems.size(), 1u) << all_problems(result);
  const Problem& p = result.problems[0];
  EXPECT_EQ(p.file, "offices.json");
  EXPECT_EQ(p.record, "id=ka-61");
  EXPECT_EQ(p.line, record_line(text, "ka-61"));
  EXPECT_EQ(p.field, "fax");
  EXPECT_TRUE(contains(p.message, "unknown field"));
}

TEST(BrokenBundle, ReportsAWrongEnumValueWithItsDottedField) {
  TempBundle bundle;
  std::string text = bundle.read("procedures.json");
  // This procedure has a form; the form's back-link must not be reported as dangling.
  bundle.replace("procedures.json", "\"authority\": \"jegyzo\"", "\"authority\": \"jegyző\"",
                 "\"id\": \"hagyateki-eljaras-hagyateki-leltar\"");
  ReadResult result = read_bundle(bundle.root());
  ASSERT_EQ(result.problems.size(), 1u) << all_problems(result);
  const Problem& p = result.problems[0];
  EXPECT_EQ(p.file, "procedures.json");
  EXPECT_EQ(p.record, "id=hagyateki-eljaras-hagyateki-leltar");
  EXPECT_EQ(p.line, record_line(text, "hagyateki-eljaras-hagyateki-leltar"));
  EXPECT_EQ(p.field, "competence.authority");
  EXPECT_EQ(format(p), "procedures.json:" + std::to_string(*p.line) +
                           ": id=hagyateki-eljaras-hagyateki-leltar: competence.authority: ismeretlen érték "
                           "(unknown value): jegyző");
}

TEST(BrokenBundle, ReportsEveryBrokenRecordWithFileRecordAndField) {
  TempBundle bundle;
  std::size_t csv_line = bundle.replace("ksh/settlements_2024.csv", "\n34102,Bocskaikert,", "\n1234,Bocskaikert,") + 1;
  std::string forms = bundle.read("forms.json");
  bundle.write("forms.json", forms.substr(0, forms.size() - 10));
  bundle.replace("calendar/holidays.csv", "2025-01-01,Wed,", "2025-01-01,Thu,");
  ReadResult result = read_bundle(bundle.root());
  ASSERT_EQ(result.problems.size(), 3u) << all_problems(result);
  EXPECT_EQ(result.problems[0].file, "ksh/settlements_2024.csv");
  EXPECT_EQ(result.problems[0].record, "ksh_code=1234");
  EXPECT_EQ(result.problems[0].field, "ksh_code");
  EXPECT_EQ(result.problems[0].line, csv_line);
  EXPECT_EQ(result.problems[1].file, "forms.json");
  EXPECT_TRUE(result.problems[1].line.has_value());
  EXPECT_EQ(result.problems[2].file, "calendar/holidays.csv");
  EXPECT_EQ(result.problems[2].record, "date=2025-01-01");
  EXPECT_EQ(result.problems[2].field, "weekday");
  EXPECT_EQ(result.problems[2].line, 2u);
}

TEST(BrokenBundle, ReportsAMissingFileWithoutThrowing) {
  TempBundle bundle;
  std::filesystem::remove(bundle.root() / "visits.json");
  ReadResult result = read_bundle(bundle.root());
  ASSERT_EQ(result.problems.size(), 1u) << all_problems(result);
  EXPECT_EQ(result.problems[0].file, "visits.json");
  EXPECT_EQ(result.problems[0].line, std::nullopt);
  EXPECT_TRUE(contains(result.problems[0].message, "missing file"));
}

TEST(BrokenBundle, ReportsAnOfficeIdThatContradictsTheKshOfficeCode) {
  TempBundle bundle;
  std::string text = bundle.read("offices.json");
  // Folyás (34014) is a joint-office member (code 5): it cannot have its own mayor's office.
  bundle.replace("offices.json", "\"id\": \"ph-16568\"", "\"id\": \"ph-34014\"");
  bundle.replace("offices.json", "\"settlement_ksh\": \"16568\"", "\"settlement_ksh\": \"34014\"",
                 "\"id\": \"ph-34014\"");
  ReadResult result = read_bundle(bundle.root());
  ASSERT_EQ(result.problems.size(), 1u) << all_problems(result);
  EXPECT_EQ(result.problems[0].file, "offices.json");
  EXPECT_EQ(result.problems[0].record, "id=ph-34014");
  EXPECT_EQ(result.problems[0].field, "id");
  EXPECT_EQ(result.problems[0].line, record_line(text, "ph-16568"));
}

TEST(BrokenBundle, ReportsCoordinatesOutsideHungary) {
  TempBundle bundle;
  std::size_t line =
      bundle.replace("geo/settlement_coords.csv", "17376,Aba,47.02907,18.52172", "17376,Aba,52.52,13.40");
  ReadResult result = read_bundle(bundle.root());
  ASSERT_EQ(result.problems.size(), 2u) << all_problems(result);
  EXPECT_EQ(result.problems[0].file, "geo/settlement_coords.csv");
  EXPECT_EQ(result.problems[0].record, "ksh_code=17376");
  EXPECT_EQ(result.problems[0].field, "lat");
  EXPECT_EQ(result.problems[0].line, line);
  EXPECT_EQ(result.problems[1].field, "lon");
}

TEST(BrokenBundle, ReportsAClosureEndingBeforeItStartsAndAnUnknownOfficeKind) {
  TempBundle bundle;
  std::string text = bundle.read("calendar/closures.json");
  bundle.replace("calendar/closures.json", "\"to\": \"2026-01-04\"", "\"to\": \"2025-12-01\"");
  bundle.replace("calendar/closures.json", "\"kormanyablakbusz\"", "\"busz\"");
  ReadResult result = read_bundle(bundle.root());
  std::vector<std::string> fields;
  for (const auto& p : result.problems) {
    EXPECT_EQ(p.file, "calendar/closures.json");
    EXPECT_EQ(p.record, "id=igazgatasi-szunet-2025-12-24");
    EXPECT_EQ(p.line, record_line(text, "igazgatasi-szunet-2025-12-24"));
    fields.push_back(p.field);
  }
  EXPECT_EQ(fields, (std::vector<std::string>{"to", "applies_to[2]"})) << all_problems(result);
}

TEST(BrokenBundle, ReportsAJointOfficeListThatDisagreesWithTheSettlements) {
  TempBundle bundle;
  std::size_t line = bundle.replace("ksh/joint_offices_2024.csv",
                                    "Abda,11882,Győr-Moson-Sopron,Győri,3,Abda;Börcs;Ikrény,11882;06619;20604",
                                    "Abda,11882,Győr-Moson-Sopron,Győri,2,Abda;Börcs,11882;06619");
  ReadResult result = read_bundle(bundle.root());
  ASSERT_EQ(result.problems.size(), 1u) << all_problems(result);
  EXPECT_EQ(result.problems[0].file, "ksh/joint_offices_2024.csv");
  EXPECT_EQ(result.problems[0].record, "office_seat_ksh_code=11882");
  EXPECT_EQ(result.problems[0].field, "member_ksh_codes");
  EXPECT_EQ(result.problems[0].line, line);
  EXPECT_TRUE(contains(result.problems[0].message, "20604"));
}

}  // namespace
}  // namespace ugk::importers
