// The personal-data scrubber, as a table of input -> stored text: what must go, and what people
// search with that must stay.
#include "kb/scrub.h"

#include <gtest/gtest.h>

#include <string>

namespace ugk::kb {
namespace {

struct Case {
  const char* input;
  const char* expected;
};

class ScrubTable : public ::testing::TestWithParam<Case> {};

TEST_P(ScrubTable, StoresTheScrubbedText) {
  EXPECT_EQ(scrub_personal_data(GetParam().input), GetParam().expected) << "input: " << GetParam().input;
}

INSTANTIATE_TEST_SUITE_P(
    Removed, ScrubTable,
    ::testing::Values(
        // e-mail
        Case{"írjon a kovacs.janos@gmail.com címre", "írjon a [e-mail] címre"}, Case{"(minta@pelda.hu)", "([e-mail])"},
        // phone numbers as people write them
        Case{"hívjon: +36 30 123 4567", "hívjon: [szám]"}, Case{"06-30/123-4567 számon", "[szám] számon"},
        Case{"tel. 06 (1) 234 5678", "tel. [szám]"}, Case{"06301234567", "[szám]"},
        // TAJ, tax id, company tax number, bank account
        Case{"TAJ: 123 456 789", "TAJ: [szám]"}, Case{"adóazonosító 8123456789", "adóazonosító [szám]"},
        Case{"adószám 12345678-1-12", "adószám [szám]"},
        Case{"számlaszám 11773016-11111111-00000000", "számlaszám [szám]"},
        // document numbers and plates
        Case{"személyi száma 123456AB", "személyi száma [azonosító]"},
        Case{"útlevél AB1234567 elveszett", "útlevél [azonosító] elveszett"},
        Case{"az ABC-123 rendszámú autó", "az [rendszám] rendszámú autó"},
        Case{"az AA BC-123 autó", "az [rendszám] autó"},
        // names given of oneself
        Case{"Kovács János vagyok, elveszett a személyim", "[név] vagyok, elveszett a személyim"},
        Case{"Jó napot, Nagy Éva vagyok", "Jó napot, [név] vagyok"},
        Case{"vagyok Szabó Péter és költöznék", "vagyok [név] és költöznék"},
        Case{"a nevem Tóth Ödön.", "a nevem [név]."}, Case{"Kiss Ferencnek hívnak", "[név] hívnak"},
        Case{"Én Kovácsné vagyok", "Én [név] vagyok"},
        // several at once
        Case{"Kovács Anna vagyok, TAJ 123456789, anna@x.hu", "[név] vagyok, TAJ [szám], [e-mail]"}));

INSTANTIATE_TEST_SUITE_P(Kept, ScrubTable,
                         ::testing::Values(Case{"", ""}, Case{"lakcímkártya pótlása", "lakcímkártya pótlása"},
                                           Case{"80 éves apám jogosítványa", "80 éves apám jogosítványa"},
                                           Case{"2025-től mi változik", "2025-től mi változik"},
                                           Case{"határidő 2026.03.15.", "határidő 2026.03.15."},
                                           Case{"2024-2025 tanév", "2024-2025 tanév"},
                                           Case{"1500 Ft illeték", "1500 Ft illeték"},
                                           Case{"3 gyerek után 12000 forint", "3 gyerek után 12000 forint"},
                                           Case{"beteg vagyok, ápolási díj", "beteg vagyok, ápolási díj"},
                                           Case{"Most vagyok itthon", "Most vagyok itthon"},
                                           Case{"Debrecenbe költöztem", "Debrecenbe költöztem"},
                                           Case{"B kategória", "B kategória"},
                                           Case{"  szóközök  maradnak ", "  szóközök  maradnak "}));

TEST(Scrub, InvalidUtf8AndLongInputDoNotCrash) {
  std::string garbage = "\xff\xfe vagyok \xc3 123456789 \xe2\x82";
  const std::string scrubbed = scrub_personal_data(garbage);
  EXPECT_EQ(scrubbed.find("123456789"), std::string::npos);
  const std::string long_text(200000, '9');
  EXPECT_EQ(scrub_personal_data(long_text), "[szám]");
  const std::string many_words = [] {
    std::string s;
    for (int i = 0; i < 20000; ++i) s += "Nagy vagyok ";
    return s;
  }();
  EXPECT_FALSE(scrub_personal_data(many_words).empty());
}

}  // namespace
}  // namespace ugk::kb
