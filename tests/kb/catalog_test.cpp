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

TEST(SettlementResolution, BudapestDistrictsAsPeopleWriteThem) {
  const Catalog& catalog = reference_catalog();
  for (const char* input : {"Bp XIV", "bp. 14", "BP14", "Bp. XIV. ker.", "XIV. kerület", "14. kerület", "XIV. ker.",
                            "Budapest, XIV. kerület", "xiv. kerulet, Budapest", "Budapest-XIV", "1145 Budapest",
                            "Budapest 1145", "1145 Bp"}) {
    SettlementLookup lookup = catalog.resolve_settlement(input);
    ASSERT_TRUE(lookup.found()) << input;
    EXPECT_EQ(lookup.match->ksh_code, "16337") << input;
  }
  // "Bp" alone is Budapest as a whole: its districts to choose from, not a guess.
  EXPECT_EQ(catalog.resolve_settlement("Bp").candidates.size(), 23u);
  // A number alone is a postal code, never a district; "kerület" with no number is nothing.
  EXPECT_FALSE(catalog.resolve_settlement("14").found());
  EXPECT_FALSE(catalog.resolve_settlement("kerület").found());
  EXPECT_FALSE(catalog.resolve_settlement("XXIV. kerület").found());
}

TEST(SettlementResolution, PostalCodeAndNameTogether) {
  const Catalog& catalog = reference_catalog();
  for (const char* input : {"4095 Folyás", "Folyás 4095", "4095, Folyás", "4095 folyas"}) {
    SettlementLookup lookup = catalog.resolve_settlement(input);
    ASSERT_TRUE(lookup.found()) << input;
    EXPECT_EQ(lookup.match->ksh_code, "34014") << input;
  }
  // A shared postal code is decided by the name.
  SettlementLookup shared = catalog.resolve_settlement("3261 Abasár");
  ASSERT_TRUE(shared.found());
  EXPECT_EQ(shared.match->name, "Abasár");
  // A code that belongs to another place: both are offered, never one of them guessed.
  SettlementLookup contradicting = catalog.resolve_settlement("4080 Folyás");
  ASSERT_TRUE(contradicting.ambiguous());
  auto candidates = names(contradicting.candidates);
  std::sort(candidates.begin(), candidates.end());
  EXPECT_EQ(candidates, (std::vector<std::string>{"Folyás", "Hajdúnánás"}));
  // A code that exists nowhere leaves the name to decide.
  SettlementLookup unknown_code = catalog.resolve_settlement("4999 Folyás");
  ASSERT_TRUE(unknown_code.found());
  EXPECT_EQ(unknown_code.match->ksh_code, "34014");
}

TEST(SettlementInput, IsTakenApartIntoCodeNameAndPostalCode) {
  EXPECT_EQ(parse_settlement_input("34014"), (SettlementInput{"34014", "", ""}));
  EXPECT_EQ(parse_settlement_input(" 4095 "), (SettlementInput{"", "4095", ""}));
  EXPECT_EQ(parse_settlement_input("40"), (SettlementInput{"", "40", ""}));
  EXPECT_EQ(parse_settlement_input("4095 Folyás"), (SettlementInput{"", "4095", "folyas"}));
  EXPECT_EQ(parse_settlement_input("Folyás, 4095"), (SettlementInput{"", "4095", "folyas"}));
  EXPECT_EQ(parse_settlement_input("Bp XIV"), (SettlementInput{"", "", "budapest 14. ker."}));
  EXPECT_EQ(parse_settlement_input("Budapest 14. ker."), (SettlementInput{"", "", "budapest 14. ker."}));
  EXPECT_EQ(parse_settlement_input("bp"), (SettlementInput{"", "", "budapest"}));
  EXPECT_EQ(parse_settlement_input("Hajdú-Bihar"), (SettlementInput{"", "", "hajdu-bihar"}));
  EXPECT_EQ(parse_settlement_input(""), (SettlementInput{}));
}

TEST(SettlementSearch, FindsByPostalCodeAndNamePrefixAndBudapestDistrictSpellings) {
  auto folyas = names(reference_catalog().find_settlements("4095 Foly", 5));
  EXPECT_EQ(folyas, (std::vector<std::string>{"Folyás"}));
  auto zuglo = names(reference_catalog().find_settlements("Bp XIV", 5));
  ASSERT_FALSE(zuglo.empty());
  EXPECT_EQ(zuglo.front(), "Budapest 14. ker.");
  auto budapest = names(reference_catalog().find_settlements("1145 Budapest", 5));
  EXPECT_EQ(budapest, (std::vector<std::string>{"Budapest 14. ker."}));
}

TEST(DistrictSearch, ByNameSeatOrASettlementOfTheDistrict) {
  const Catalog& catalog = reference_catalog();
  const auto codes = [&](std::string_view q) {
    std::vector<std::string> out;
    for (const DistrictMatch& m : catalog.find_districts(q, 5)) out.push_back(m.district->code);
    return out;
  };
  ASSERT_FALSE(codes("Hajdúnánási").empty());
  EXPECT_EQ(codes("Hajdúnánási").front(), "099");
  EXPECT_EQ(codes("hajdunanas").front(), "099") << "the seat's name begins the district's";
  EXPECT_EQ(codes("099"), (std::vector<std::string>{"099"}));
  const auto via = catalog.find_districts("Folyás", 5);
  ASSERT_EQ(via.size(), 1u);
  EXPECT_EQ(via.front().district->code, "099");
  ASSERT_NE(via.front().via, nullptr);
  EXPECT_EQ(via.front().via->name, "Folyás");
  EXPECT_EQ(codes("Bp XIV").front(), "014");
  EXPECT_TRUE(catalog.find_districts("Atlantisz", 5).empty());
  EXPECT_TRUE(catalog.find_districts("  ", 5).empty());
  EXPECT_EQ(catalog.find_districts("Ha", 3).size(), 3u) << "bounded by the limit";
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
    EXPECT_TRUE(std::any_of(s->postal_codes.begin(), s->postal_codes.end(), [](const std::string& c) {
      return c.starts_with("40");
    })) << s->name;
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
