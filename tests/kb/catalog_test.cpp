#include "kb/catalog.h"

#include <gtest/gtest.h>

#include "reference_data.h"

namespace ugk::kb {
namespace {

using ugk::testing::reference_catalog;

std::vector<std::string> names(const std::vector<const Settlement*>& settlements) {
  std::vector<std::string> out;
  for (const Settlement* s : settlements) out.push_back(s->name);
  return out;
}

TEST(SettlementResolution, AcceptsKshCodeNameWithOrWithoutAccentsAndPostalCode) {
  const Catalog& catalog = reference_catalog();
  for (const char* input : {"34014", "Folyás", "folyas", "  FOLYÁS ", "4095"}) {
    SettlementLookup lookup = catalog.resolve_settlement(input);
    ASSERT_TRUE(lookup.found()) << input;
    EXPECT_EQ(lookup.match->ksh_code, "34014") << input;
  }
}

TEST(SettlementResolution, PostalCodeSharedBySeveralSettlementsGivesCandidatesNotAGuess) {
  SettlementLookup lookup = reference_catalog().resolve_settlement("3261");
  EXPECT_FALSE(lookup.found());
  ASSERT_TRUE(lookup.ambiguous());
  auto candidates = names(lookup.candidates);
  std::sort(candidates.begin(), candidates.end());
  EXPECT_EQ(candidates, (std::vector<std::string>{"Abasár", "Pálosvörösmart"}));
}

TEST(SettlementResolution, BudapestWithoutADistrictOffersAllTwentyThreeDistricts) {
  SettlementLookup lookup = reference_catalog().resolve_settlement("Budapest");
  ASSERT_TRUE(lookup.ambiguous());
  ASSERT_EQ(lookup.candidates.size(), 23u);
  EXPECT_EQ(lookup.candidates.front()->name, "Budapest 01. ker.");
  EXPECT_EQ(lookup.candidates.back()->name, "Budapest 23. ker.");
}

TEST(SettlementResolution, BudapestDistrictsByRomanOrArabicNumeralOrPostalCode) {
  const Catalog& catalog = reference_catalog();
  for (const char* input : {"Budapest XIV", "budapest 14", "Budapest XIV. kerület", "Budapest 14. ker.", "1145"}) {
    SettlementLookup lookup = catalog.resolve_settlement(input);
    ASSERT_TRUE(lookup.found()) << input;
    EXPECT_EQ(lookup.match->ksh_code, "16337") << input;
  }
}

TEST(SettlementResolution, UnknownInputFindsNothing) {
  const Catalog& catalog = reference_catalog();
  for (const char* input : {"", "   ", "Atlantisz", "99999", "0000", "Budapest 24"}) {
    SettlementLookup lookup = catalog.resolve_settlement(input);
    EXPECT_FALSE(lookup.found()) << input;
    EXPECT_FALSE(lookup.ambiguous()) << input;
  }
}

TEST(SettlementSearch, NamePrefixIsAccentInsensitiveAndPrefersExactThenLarger) {
  auto found = names(reference_catalog().find_settlements("hajdun", 5));
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found.front(), "Hajdúnánás");
  auto exact = names(reference_catalog().find_settlements("Polgár", 3));
  ASSERT_FALSE(exact.empty());
  EXPECT_EQ(exact.front(), "Polgár");
}

TEST(SettlementSearch, PostalCodePrefixAndLimit) {
  auto found = reference_catalog().find_settlements("40", 4);
  EXPECT_EQ(found.size(), 4u);
  for (const Settlement* s : found) {
    EXPECT_TRUE(std::any_of(s->postal_codes.begin(), s->postal_codes.end(),
                            [](const std::string& c) { return c.starts_with("40"); }))
        << s->name;
  }
  EXPECT_TRUE(reference_catalog().find_settlements("Folyás", 0).empty());
}

TEST(Catalog, IndexesRecordsAndRelations) {
  const Catalog& catalog = reference_catalog();
  ASSERT_NE(catalog.office("koh-22406"), nullptr);
  EXPECT_EQ(catalog.office("nope"), nullptr);
  auto members = names(catalog.joint_office_members("22406"));
  EXPECT_NE(std::find(members.begin(), members.end(), "Folyás"), members.end());
  EXPECT_NE(std::find(members.begin(), members.end(), "Hajdúnánás"), members.end());
  EXPECT_EQ(catalog.settlements_in_district("099").size(), 6u);
  EXPECT_FALSE(catalog.visits_in("13736").empty());
}

}  // namespace
}  // namespace ugk::kb
