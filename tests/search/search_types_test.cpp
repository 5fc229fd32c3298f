#include "search/search_types.h"

#include <gtest/gtest.h>

namespace ugk::search {
namespace {

TEST(DocType, NamesRoundTrip) {
  for (DocType type : {DocType::kProcedure, DocType::kForm, DocType::kOffice}) {
    EXPECT_EQ(parse_doc_type(to_string(type)), type);
  }
  EXPECT_EQ(to_string(DocType::kProcedure), "procedure");
  EXPECT_EQ(to_string(DocType::kForm), "form");
  EXPECT_EQ(to_string(DocType::kOffice), "office");
}

TEST(DocType, UnknownOrDifferentlyCasedNamesAreRejected) {
  EXPECT_EQ(parse_doc_type(""), std::nullopt);
  EXPECT_EQ(parse_doc_type("Procedure"), std::nullopt);
  EXPECT_EQ(parse_doc_type("offices"), std::nullopt);
}

}  // namespace
}  // namespace ugk::search
