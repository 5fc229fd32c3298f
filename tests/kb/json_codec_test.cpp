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

// The field paths a strict decode of `j` as T names; empty when it decodes.
template <typename T>
std::set<std::string> invalid_fields(const json& j) {
  std::set<std::string> fields;
  try {
    (void)j.get<T>();
  } catch (const FieldErrors& e) {
    for (const auto& error : e.all()) fields.insert(error.field());
  }
  return fields;
}

TEST(JsonCodec, ReportsEveryInvalidFieldOfARecordAtOnce) {
  json j = hagyatek();
  j["title"] = 5;
  j["competence"]["territory"] = "mars";
  j["fees"][0]["amount_huf"] = "ingyen";
  j["szin"] = "piros";
  j.erase("summary");
  EXPECT_EQ(invalid_fields<Procedure>(j),
            (std::set<std::string>{"title", "competence.territory", "fees[0].amount_huf", "szin", "summary"}));
}

TEST(JsonCodec, LocalVariantRoundTripsAndWritesOnlyWhatTheOfficeOverrides) {
  LocalVariant v;
  v.id = "ebosszeiras@ph-16568";
  v.procedure_id = "ebosszeiras";
  v.office_id = "ph-16568";
  v.fees = std::vector<Fee>{
      {"Ebösszeírási adatlap", 0, std::nullopt, std::string("7/2024. (V. 30.) önkormányzati rendelet")}};
  v.forms = std::vector<VariantForm>{
      {std::string("ebosszeiro-adatlap"), {}, {}, {}},
      {{}, std::string("Helyi adatlap"), std::string("pdf"), std::string("https://gorbehaza.hu/eb.pdf")}};
  v.contact = ContactPoint{std::string("Kiss Anna"), std::string("2. iroda"), std::string("+36 52 123 456"), {}};
  const json doc = json(v);
  EXPECT_EQ(doc.get<LocalVariant>(), v);
  // Inherited fields are absent, not null: the document says exactly what the office overrides.
  EXPECT_FALSE(doc.contains("title"));
  EXPECT_FALSE(doc.contains("documents"));
  EXPECT_EQ(doc["fees"][0]["decree"], "7/2024. (V. 30.) önkormányzati rendelet");
  EXPECT_EQ(doc["forms"][0], (json{{"form_id", "ebosszeiro-adatlap"}}));
}

TEST(JsonCodec, AVariantFormIsANationalFormOrTheOfficesOwnNeverBoth) {
  json doc = {{"id", "a@ph-1"},
              {"procedure_id", "a"},
              {"office_id", "ph-1"},
              {"forms", json::array({{{"title", "Csak cím"}}, {{"form_id", "x"}, {"title", "és cím"}}})}};
  EXPECT_EQ(invalid_fields<LocalVariant>(doc), (std::set<std::string>{"forms[0].form_id", "forms[1].form_id"}));
}

TEST(JsonCodec, BoundsEveryTextAndListAndRefusesControlCharacters) {
  json j = hagyatek();
  j["title"] = std::string(5000, 'a');
  j["keywords"] = json::array();
  for (int i = 0; i < 201; ++i) j["keywords"].push_back("k");
  j["summary"] = std::string("sor\u0000vége", 9);
  EXPECT_EQ(invalid_fields<Procedure>(j), (std::set<std::string>{"title", "keywords", "summary"}));
}

TEST(JsonCodec, TypeErrorsNameTheTypeNeverTheValue) {
  json j = hagyatek();
  json deep = 1;
  for (int i = 0; i < 2000; ++i) deep = json::array({deep});
  j["fees"][0]["amount_huf"] = deep;
  try {
    (void)j.get<Procedure>();
    FAIL() << "expected FieldErrors";
  } catch (const FieldErrors& e) {
    EXPECT_EQ(e.all().front().field(), "fees[0].amount_huf");
    EXPECT_LT(std::string(e.all().front().what()).size(), 200u);
  }
}

TEST(JsonCodec, DeepInputIsRefusedBeforeParsing) {
  EXPECT_THROW((void)parse_bounded_json(std::string(100000, '[') + std::string(100000, ']')), JsonTooDeep);
  EXPECT_EQ(parse_bounded_json(R"({"a": ["[[[[", {"b": 1}]})")["a"][1]["b"], 1);  // brackets in strings do not count
  EXPECT_THROW((void)parse_bounded_json("\"\xff\""), json::parse_error);          // invalid UTF-8
}

}  // namespace
}  // namespace ugk::kb
