#include "importers/json_records.h"

#include <gtest/gtest.h>

namespace ugk::importers {
namespace {

TEST(JsonRecords, RemembersTheLineWhereEachRecordStarts) {
  std::vector<Problem> problems;
  auto read = parse_json_records("[\n  {\"id\": \"a\", \"s\": \"{[,\\\"\"},\n  {\n    \"id\": \"b\"\n  }\n]\n",
                                 "x.json", problems);
  ASSERT_TRUE(problems.empty());
  ASSERT_TRUE(read.source.usable);
  ASSERT_EQ(read.records.size(), 2u);
  EXPECT_EQ(read.records[0].line, 2u);
  EXPECT_EQ(read.records[1].line, 3u);
}

TEST(JsonRecords, ReportsBrokenJsonWithLineAndColumn) {
  std::vector<Problem> problems;
  auto read = parse_json_records("[\n  {\"id\": \"a\",\n   \"x\": }\n]", "forms.json", problems);
  EXPECT_FALSE(read.source.usable);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].file, "forms.json");
  EXPECT_EQ(problems[0].line, 3u);
  EXPECT_NE(problems[0].message.find("column 9"), std::string::npos) << problems[0].message;
}

TEST(JsonRecords, RejectsATopLevelObject) {
  std::vector<Problem> problems;
  auto read = parse_json_records("{}", "forms.json", problems);
  EXPECT_FALSE(read.source.usable);
  ASSERT_EQ(problems.size(), 1u);
}

TEST(JsonRecords, DecodesEveryGoodRecordAndReportsEveryBadOne) {
  std::vector<Problem> problems;
  auto read = parse_json_records(R"([
{"id": "a", "title": "A", "issuer": "X", "format": "pdf", "procedures": []},
{"id": "b", "title": "B", "issuer": "X", "format": "pdf", "procedures": [], "colour": "red"},
{"id": "c", "title": 3, "issuer": "X", "format": "pdf", "procedures": []},
{"id": "a", "title": "A2", "issuer": "X", "format": "pdf", "procedures": []},
7
])",
                                 "forms.json", problems);
  auto forms = decode_records<kb::Form>(read, problems);
  ASSERT_EQ(forms.records.size(), 1u);
  EXPECT_EQ(forms.records[0].title, "A");
  ASSERT_EQ(problems.size(), 4u);
  EXPECT_EQ(problems[0].record, "id=b");
  EXPECT_EQ(problems[0].field, "colour");
  EXPECT_EQ(problems[0].line, 3u);
  EXPECT_EQ(problems[1].record, "id=c");
  EXPECT_EQ(problems[1].field, "title");
  EXPECT_EQ(problems[2].record, "id=a");
  EXPECT_EQ(problems[2].field, "id");
  EXPECT_EQ(problems[2].line, 5u);
  EXPECT_EQ(problems[3].record, "#5");
  EXPECT_EQ(problems[3].field, "");
  EXPECT_TRUE(forms.source.is_rejected("b"));
  EXPECT_TRUE(forms.source.is_rejected("c"));
}

}  // namespace
}  // namespace ugk::importers
