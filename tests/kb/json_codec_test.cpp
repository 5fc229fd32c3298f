#include "kb/json_codec.h"

#include <gtest/gtest.h>

#include <set>

#include "reference_data.h"

namespace ugk::kb {
namespace {

using nlohmann::json;

json hagyatek() {
  for (const auto& p : ugk::testing::reference_bundle().procedures) {
    if (p.id == "hagyateki-eljaras-hagyateki-leltar") return json(p);
  }
  throw std::runtime_error("fixture missing");
}

std::string field_error_of(const json& j) {
  try {
    (void)j.get<Procedure>();
  } catch (const FieldError& e) {
    return e.field();
  }
  return "<no error>";
}

TEST(JsonCodec, EveryReferenceRecordRoundTripsUnchanged) {
  const Bundle& bundle = ugk::testing::reference_bundle();
  ASSERT_FALSE(bundle.procedures.empty());
  ASSERT_FALSE(bundle.offices.empty());
  ASSERT_FALSE(bundle.settlements.empty());
  ASSERT_FALSE(bundle.closures.empty());
  for (const auto& p : bundle.procedures) EXPECT_EQ(json(p).get<Procedure>(), p) << p.id;
  for (const auto& o : bundle.offices) EXPECT_EQ(json(o).get<Office>(), o) << o.id;
  for (const auto& s : bundle.settlements) EXPECT_EQ(json(s).get<Settlement>(), s) << s.ksh_code;
  for (const auto& c : bundle.closures) EXPECT_EQ(json(c).get<Closure>(), c) << c.id;
}

TEST(JsonCodec, ErrorsNameTheDottedField) {
  json j = hagyatek();
  j["fees"][0]["amount_huf"] = 1.5;
  EXPECT_EQ(field_error_of(j), "fees[0].amount_huf");
  j = hagyatek();
  j["channels"]["online"]["available"] = 1;
  EXPECT_EQ(field_error_of(j), "channels.online.available");
  j = hagyatek();
  j["competence"]["authority"] = "kiraly";
  EXPECT_EQ(field_error_of(j), "competence.authority");
  j = hagyatek();
  j.erase("title");
  EXPECT_EQ(field_error_of(j), "title");
  j = hagyatek();
  j["titel"] = "elgépelt mező";
  EXPECT_EQ(field_error_of(j), "titel");
  j = hagyatek();
  j["fees"][0]["amount_huf"] = -5;
  EXPECT_EQ(field_error_of(j), "fees[0].amount_huf");
}

}  // namespace
}  // namespace ugk::kb

namespace ugk::kb {
namespace {

TEST(JsonCodec, ReportsEveryInvalidFieldOfARecordAtOnce) {
  json j = hagyatek();
  j["title"] = 5;
  j["competence"]["territory"] = "mars";
  j["fees"][0]["amount_huf"] = "ingyen";
  j["szin"] = "piros";
  j.erase("summary");
  try {
    (void)j.get<Procedure>();
    FAIL() << "expected FieldErrors";
  } catch (const FieldErrors& e) {
    std::set<std::string> fields;
    for (const auto& error : e.all()) fields.insert(error.field());
    EXPECT_EQ(fields, (std::set<std::string>{"title", "competence.territory", "fees[0].amount_huf", "szin", "summary"}));
  }
}

TEST(JsonCodec, LocalSupplementRoundTripsAndRejectsBadForms) {
  LocalSupplement s{"hagyateki-eljaras-hagyateki-leltar@koh-22406", "hagyateki-eljaras-hagyateki-leltar", "koh-22406",
                    "Csak előzetes bejelentkezéssel.", {"Lakcímkártya"}, {{"Helyi díj", 0, std::nullopt}},
                    {{"Helyi nyilatkozat", "https://hajdunanas.hu/nyilatkozat.pdf", "pdf"}}};
  EXPECT_EQ(json(s).get<LocalSupplement>(), s);
  json bad = json(s);
  bad["forms"][0].erase("title");
  EXPECT_THROW((void)bad.get<LocalSupplement>(), FieldError);
}

}  // namespace
}  // namespace ugk::kb
