#include "importers/csv_reader.h"

#include <gtest/gtest.h>

namespace ugk::importers {
namespace {

TEST(CsvReader, KeepsCommasAndDoubledQuotesInsideQuotedFields) {
  auto result = parse_csv(
      "ksh_code,legal_status,note\n"
      "13578,\"megyeszékhely, megyei jogú város\",\"a \"\"Nagy\"\" tér\"\n",
      "t.csv", {"ksh_code", "legal_status", "note"});
  ASSERT_TRUE(result.problems.empty());
  ASSERT_EQ(result.table.records.size(), 1u);
  CsvRow row(result.table, result.table.records[0]);
  EXPECT_EQ(row["legal_status"], "megyeszékhely, megyei jogú város");
  EXPECT_EQ(row["note"], "a \"Nagy\" tér");
  EXPECT_EQ(row.line(), 2u);
}

// A file saved by a Hungarian-locale spreadsheet: BOM, ';' between fields, CRLF line ends.
TEST(CsvReader, ReadsSpreadsheetFilesWithSemicolonsBomAndCrlf) {
  const std::string text = "\xEF\xBB\xBFid;note\r\n1;\"a; b, c\"\r\n2;x,y\r\n";
  EXPECT_EQ(detect_separator(text), ';');
  EXPECT_EQ(detect_separator("id,note\n1;2\n"), ',');
  EXPECT_EQ(detect_separator("\"a;b\";c,d\n"), ',');  // quoted semicolons do not count
  auto result = parse_csv(text, "t.csv", {"id", "note"}, ';');
  ASSERT_TRUE(result.problems.empty());
  ASSERT_EQ(result.table.records.size(), 2u);
  EXPECT_EQ(result.table.records[0].fields, (std::vector<std::string>{"1", "a; b, c"}));
  EXPECT_EQ(result.table.records[1].fields, (std::vector<std::string>{"2", "x,y"}));
  EXPECT_EQ(result.table.records[1].line, 3u);
}

TEST(CsvReader, KeepsLeadingZerosAndEmptyFields) {
  auto result = parse_csv("a,b,c\n01526,,\n", "t.csv", {"a", "b", "c"});
  ASSERT_EQ(result.table.records.size(), 1u);
  EXPECT_EQ(result.table.records[0].fields, (std::vector<std::string>{"01526", "", ""}));
}

TEST(CsvReader, ReportsAMissingRequiredColumnByName) {
  auto result = parse_csv("ksh_code,name\n1,x\n", "ksh/settlements_2024.csv", {"ksh_code", "name", "dwellings"});
  EXPECT_FALSE(result.usable);
  ASSERT_EQ(result.problems.size(), 1u);
  EXPECT_EQ(result.problems[0].file, "ksh/settlements_2024.csv");
  EXPECT_EQ(result.problems[0].record, "");
  EXPECT_EQ(result.problems[0].line, 1u);
  EXPECT_EQ(result.problems[0].field, "dwellings");
}

TEST(CsvReader, ToleratesAUtf8ByteOrderMark) {
  auto result = parse_csv(
      "\xEF\xBB\xBF"
      "code,name\n1,x\n",
      "t.csv", {"code", "name"});
  EXPECT_TRUE(result.problems.empty());
  EXPECT_TRUE(result.usable);
  EXPECT_EQ(result.table.header[0], "code");
}

TEST(CsvReader, ReportsAShortRowWithItsLineAndKeepsTheOtherRows) {
  auto result = parse_csv("code,name,county\n1,a,X\n2,b\n3,c,Z\n", "t.csv", {"code"});
  ASSERT_EQ(result.problems.size(), 1u);
  EXPECT_EQ(result.problems[0].record, "code=2");
  EXPECT_EQ(result.problems[0].line, 3u);
  ASSERT_EQ(result.table.records.size(), 2u);
  EXPECT_EQ(result.table.records[1].line, 4u);
}

TEST(CsvReader, ReportsARowWithTooManyFields) {
  auto result = parse_csv("code,name\n1,a,extra\n", "t.csv", {"code"});
  ASSERT_EQ(result.problems.size(), 1u);
  EXPECT_EQ(result.problems[0].line, 2u);
  EXPECT_TRUE(result.table.records.empty());
}

TEST(CsvReader, ReportsAnUnterminatedQuote) {
  auto result = parse_csv("code,name\n1,\"open\n", "t.csv", {"code"});
  ASSERT_EQ(result.problems.size(), 1u);
  EXPECT_EQ(result.problems[0].line, 2u);
  EXPECT_NE(result.problems[0].message.find("unterminated quote"), std::string::npos);
}

TEST(CsvReader, ReportsTextAfterAClosingQuote) {
  auto result = parse_csv("code,name\n1,\"a\"b\n", "t.csv", {"code"});
  ASSERT_EQ(result.problems.size(), 1u);
  EXPECT_EQ(result.problems[0].record, "code=1");
}

TEST(CsvReader, CountsLinesInsideMultiLineQuotedFields) {
  auto result = parse_csv("code,note\n1,\"two\nlines\"\n2,x\n", "t.csv", {"code"});
  ASSERT_TRUE(result.problems.empty());
  ASSERT_EQ(result.table.records.size(), 2u);
  EXPECT_EQ(result.table.records[0].fields[1], "two\nlines");
  EXPECT_EQ(result.table.records[1].line, 4u);
}

TEST(CsvReader, AcceptsCrLfLineEndsAndSkipsBlankLines) {
  auto result = parse_csv("code,name\r\n1,\"a\"\r\n\r\n2,b\r\n", "t.csv", {"code", "name"});
  ASSERT_TRUE(result.problems.empty());
  ASSERT_EQ(result.table.records.size(), 2u);
  EXPECT_EQ(result.table.records[0].fields[1], "a");
  EXPECT_EQ(result.table.records[1].fields[1], "b");
  EXPECT_EQ(result.table.records[1].line, 4u);
}

TEST(CsvReader, AcceptsAMissingFinalLineBreak) {
  auto result = parse_csv("code,name\n1,a", "t.csv", {"code"});
  ASSERT_TRUE(result.problems.empty());
  ASSERT_EQ(result.table.records.size(), 1u);
}

TEST(CsvReader, ReportsAnEmptyFile) {
  auto result = parse_csv("", "t.csv", {"code"});
  EXPECT_FALSE(result.usable);
  ASSERT_EQ(result.problems.size(), 1u);
  EXPECT_EQ(result.problems[0].file, "t.csv");
}

}  // namespace
}  // namespace ugk::importers
