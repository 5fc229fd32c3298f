// Case guides: the condition language, the rules a guide must satisfy, the evaluator, and every path
// of every guide in the bundle (data/guides.json), whose outcomes are kept in a reviewed golden file
// that the field app's JS evaluator is held to as well (tests/web/guide.test.mjs).
#include "kb/guide.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "kb/catalog_references.h"
#include "kb/json_codec.h"
#include "reference_data.h"

namespace ugk::kb::guide {
namespace {

using nlohmann::json;
using std::chrono::sys_days;

const std::filesystem::path kGoldenFile = std::filesystem::path(UGK_SOURCE_DIR) / "tests/kb/golden/guide_paths.json";
// Fixed, so that date conditions and the golden file do not move with the calendar.
const sys_days kToday = *parse_iso_date("2026-12-02");
const std::string kFolyas = "34014";

bool parses(std::string_view text) {
  return std::holds_alternative<ConditionPtr>(parse_condition(text));
}

// A small guide written here, so that each rule is seen failing on its own.
Guide small_guide() {
  return json::parse(R"({
    "id": "proba", "title": "Próba", "summary": "Próba kalauz.", "keywords": ["próba"], "start": "kor",
    "questions": [
      {"id": "kor", "kind": "number", "text": "Hány éves?", "min": 0, "max": 130,
       "branches": [{"when": "kor < 18", "next": "kiskoru"}], "otherwise": "hol"},
      {"id": "hol", "kind": "settlement", "role": "applicant_residence", "text": "Hol lakik?",
       "branches": [], "otherwise": "felnott"}
    ],
    "outcomes": [
      {"id": "kiskoru", "title": "Kiskorú", "steps": [], "notes": [{"text": "A szülő intézi."}]},
      {"id": "felnott", "title": "Felnőtt",
       "steps": [{"procedure_id": "szemelyi-igazolvany-potlasa", "settlement": "hol",
                  "fees": [{"text": "Pótlás díja", "when": "kor >= 70"}]}],
       "notes": [{"text": "Hetven felett.", "when": "kor >= 70"}]}
    ]
  })")
      .get<Guide>();
}

struct Procedures : References {
  std::map<std::string, Procedure, std::less<>> procedures;
  const Settlement* settlement(std::string_view) const override { return nullptr; }
  const District* district(std::string_view) const override { return nullptr; }
  const Office* office(std::string_view) const override { return nullptr; }
  const Procedure* procedure(std::string_view id) const override {
    auto it = procedures.find(id);
    return it == procedures.end() ? nullptr : &it->second;
  }
  const Form* form(std::string_view) const override { return nullptr; }
};

Procedures small_refs() {
  Procedures refs;
  Procedure p;
  p.id = "szemelyi-igazolvany-potlasa";
  p.documents = {"Fénykép"};
  p.fees = {Fee{"Pótlás díja", 1500, std::nullopt, std::nullopt},
            Fee{"Postai kézbesítés", 2000, std::nullopt, std::nullopt}};
  refs.procedures.emplace(p.id, p);
  return refs;
}

std::vector<std::string> fields(const Issues& issues) {
  std::vector<std::string> out;
  for (const auto& i : issues) out.push_back(i.field);
  return out;
}

bool has_field(const Issues& issues, const std::string& field) {
  const auto all = fields(issues);
  return std::find(all.begin(), all.end(), field) != all.end();
}

TEST(GuideConditions, TheClosedLanguageParsesAndRejectsEverythingElse) {
  EXPECT_TRUE(parses("kor < 18"));
  EXPECT_TRUE(parses("hol == 'otthon' and not (vagyon contains 'ingatlan' or answered(lakohely))"));
  EXPECT_TRUE(parses("days_since(nap) > 4"));
  EXPECT_TRUE(parses("years_since(szuletes) >= -1"));
  EXPECT_FALSE(parses(""));
  EXPECT_FALSE(parses("kor <"));
  EXPECT_FALSE(parses("kor = 18"));
  EXPECT_FALSE(parses("hol == 'otthon"));
  EXPECT_FALSE(parses("(kor < 18"));
  EXPECT_FALSE(parses("kor < 18 kor"));
  EXPECT_FALSE(parses("system('rm -rf /')"));
  EXPECT_FALSE(parses(std::string(60, '(') + "kor < 1" + std::string(60, ')'))) << "nesting is bounded";
  const auto error = std::get<ParseError>(parse_condition("kor < 18 and"));
  EXPECT_EQ(error.offset, 12u) << "the error points at where the condition stops making sense";
}

TEST(GuideRules, AWellFormedGuideHasNoIssues) {
  const Procedures refs = small_refs();
  EXPECT_TRUE(check_guide(small_guide(), refs).empty());
}

TEST(GuideRules, ADanglingTargetIsNamedByNodeAndField) {
  Guide g = small_guide();
  g.questions[0].branches[0].next = "nincs_ilyen";
  const Issues issues = check_guide(g, small_refs());
  EXPECT_TRUE(has_field(issues, "questions[0].branches[0].next")) << ::testing::PrintToString(fields(issues));
  EXPECT_TRUE(has_field(issues, "outcomes[0]")) << "the outcome it pointed to is now unreachable";
}

TEST(GuideRules, ACycleIsRefused) {
  Guide g = small_guide();
  g.questions[1].otherwise = "kor";
  const Issues issues = check_guide(g, small_refs());
  ASSERT_FALSE(issues.empty());
  EXPECT_NE(issues.front().message.find("kör"), std::string::npos) << issues.front().message;
}

TEST(GuideRules, AConditionNamingAnUnknownQuestionOrAnImpossibleValueIsRefused) {
  Guide g = small_guide();
  g.questions[0].branches[0].when = "eletkor < 18";
  EXPECT_TRUE(has_field(check_guide(g, small_refs()), "questions[0].branches[0].when"));
  g.questions[0].branches[0].when = "kor == 'sok'";
  EXPECT_TRUE(has_field(check_guide(g, small_refs()), "questions[0].branches[0].when"))
      << "a number compares with a number";
  g.questions[0].branches[0].when = "kor <";
  EXPECT_TRUE(has_field(check_guide(g, small_refs()), "questions[0].branches[0].when"));
}

TEST(GuideRules, OutcomesNameExistingProceduresAndTheirOwnDocumentsAndFees) {
  Guide g = small_guide();
  g.outcomes[1].steps[0].fees[0].text = "Kitalált díj";
  EXPECT_TRUE(has_field(check_guide(g, small_refs()), "outcomes[1].steps[0].fees[0].text"));
  g = small_guide();
  g.outcomes[1].steps[0].procedure_id = "nincs-ilyen-ugy";
  EXPECT_TRUE(has_field(check_guide(g, small_refs()), "outcomes[1].steps[0].procedure_id"));
  g = small_guide();
  g.outcomes[1].steps[0].settlement = "kor";
  EXPECT_TRUE(has_field(check_guide(g, small_refs()), "outcomes[1].steps[0].settlement"))
      << "not a settlement question";
}

TEST(GuideRules, QuestionIdsMustBeUsableAsUrlParameters) {
  Guide g = small_guide();
  g.questions[1].id = "at";
  EXPECT_TRUE(has_field(check_guide(g, small_refs()), "questions[1].id"));
  g.questions[1].id = "Hol Lakik";
  EXPECT_TRUE(has_field(check_guide(g, small_refs()), "questions[1].id"));
}

TEST(GuideEvaluation, AsksTheNextQuestionThenReachesTheOutcomeWithWhatApplies) {
  const Guide g = small_guide();
  const SettlementResolver same = [](std::string_view t) { return std::optional<std::string>(t); };
  auto first = std::get<Evaluation>(evaluate(g, {}, kToday, same));
  ASSERT_NE(first.question, nullptr);
  EXPECT_EQ(first.question->id, "kor");

  auto minor = std::get<Evaluation>(evaluate(g, {{"kor", "12"}, {"hol", kFolyas}}, kToday, same));
  ASSERT_NE(minor.outcome, nullptr);
  EXPECT_EQ(minor.outcome->id, "kiskoru");
  EXPECT_EQ(minor.unused, std::vector<std::string>{"hol"}) << "an answer off the path is reported, not used";

  auto adult = std::get<Evaluation>(evaluate(g, {{"kor", "40"}, {"hol", kFolyas}}, kToday, same));
  ASSERT_NE(adult.outcome, nullptr);
  ASSERT_EQ(adult.steps.size(), 1u);
  EXPECT_EQ(step_settlement(*adult.steps[0], adult), kFolyas);
  const auto fees = select_fees(*adult.steps[0], small_refs().procedures.begin()->second.fees, adult, kToday);
  ASSERT_EQ(fees.size(), 1u) << "a fee under a condition that does not hold is left out";
  EXPECT_EQ(fees[0].label, "Postai kézbesítés");
  EXPECT_TRUE(adult.notes.empty());

  auto senior = std::get<Evaluation>(evaluate(g, {{"kor", "70"}, {"hol", kFolyas}}, kToday, same));
  EXPECT_EQ(select_fees(*senior.steps[0], small_refs().procedures.begin()->second.fees, senior, kToday).size(), 2u);
  EXPECT_EQ(senior.notes, std::vector<std::string>{"Hetven felett."});
}

TEST(GuideEvaluation, UnusableAnswersAreErrorsNamingTheQuestion) {
  const Guide g = small_guide();
  const SettlementResolver none = [](std::string_view) { return std::optional<std::string>(); };
  const auto code = [&](const Answers& a) {
    auto r = evaluate(g, a, kToday, none);
    return std::holds_alternative<AnswerError>(r)
               ? std::get<AnswerError>(r).question + ":" + std::get<AnswerError>(r).code
               : std::string("ok");
  };
  EXPECT_EQ(code({{"kor", "sok"}}), "kor:not_a_number");
  EXPECT_EQ(code({{"kor", "131"}}), "kor:out_of_range");
  EXPECT_EQ(code({{"kor", "30"}, {"hol", "Sehol"}}), "hol:unknown_settlement");
  EXPECT_EQ(code({{"nev", "x"}}), "nev:unknown_question");
}

// --- The bundle's guides ----------------------------------------------------------------------------

const Catalog& catalog() {
  return ugk::testing::reference_catalog();
}

json step_json(const GuideStep& step, const Evaluation& e) {
  const Procedure* p = catalog().procedure(step.procedure_id);
  json fees = json::array();
  for (const Fee& f : select_fees(step, p->fees, e, kToday)) fees.push_back(f.label);
  const auto settlement = step_settlement(step, e);
  return {{"procedure_id", step.procedure_id},
          {"settlement", settlement ? json(*settlement) : json(nullptr)},
          {"documents", select_documents(step, p->documents, e, kToday)},
          {"fees", fees}};
}

json evaluation_json(const Evaluation& e) {
  json path = json::array();
  for (const auto& a : e.path) path.push_back({a.question->id, a.value});
  json steps = json::array();
  for (const GuideStep* s : e.steps) steps.push_back(step_json(*s, e));
  return {{"path", path},
          {"question", e.question ? json(e.question->id) : json(nullptr)},
          {"outcome", e.outcome ? json(e.outcome->id) : json(nullptr)},
          {"steps", steps},
          {"notes", e.notes}};
}

// Every prefix of every enumerated path, evaluated: what the JS evaluator must reproduce.
json all_paths() {
  const SettlementResolver same = [](std::string_view t) { return std::optional<std::string>(t); };
  json out = json::array();
  for (const Guide& g : catalog().guides()) {
    std::set<std::string> seen;
    for (const Answers& answers : enumerate_paths(g, kToday, kFolyas)) {
      const Evaluation full = std::get<Evaluation>(evaluate(g, answers, kToday, same));
      Answers prefix;
      for (std::size_t k = 0; k <= full.path.size(); ++k) {
        if (k > 0) prefix[full.path[k - 1].question->id] = full.path[k - 1].value;
        const std::string key = json(prefix).dump();
        if (!seen.insert(key).second) continue;
        const Evaluation e = std::get<Evaluation>(evaluate(g, prefix, kToday, same));
        out.push_back({{"guide", g.id}, {"answers", prefix}, {"result", evaluation_json(e)}});
      }
    }
  }
  return out;
}

TEST(BundleGuides, EveryGuideIsValidAgainstTheBundle) {
  ASSERT_FALSE(catalog().guides().empty()) << "data/guides.json has no guides";
  const CatalogReferences refs(catalog());
  for (const Guide& g : catalog().guides()) {
    const Issues issues = check_guide(g, refs);
    EXPECT_TRUE(issues.empty()) << g.id << ": " << (issues.empty() ? "" : issues[0].field + " " + issues[0].message);
  }
}

TEST(BundleGuides, ThePathsVisitEveryNodeAndEveryStepOfEveryGuide) {
  const SettlementResolver same = [](std::string_view t) { return std::optional<std::string>(t); };
  for (const Guide& g : catalog().guides()) {
    std::set<std::string> visited;
    std::set<const GuideStep*> taken;
    std::set<std::string> notes;
    const auto paths = enumerate_paths(g, kToday, kFolyas);
    ASSERT_FALSE(paths.empty()) << g.id;
    for (const Answers& answers : paths) {
      const Evaluation e = std::get<Evaluation>(evaluate(g, answers, kToday, same));
      ASSERT_NE(e.outcome, nullptr) << g.id << ": an enumerated path ends in an outcome";
      for (const auto& a : e.path) visited.insert(a.question->id);
      visited.insert(e.outcome->id);
      taken.insert(e.steps.begin(), e.steps.end());
      notes.insert(e.notes.begin(), e.notes.end());
    }
    for (const auto& q : g.questions)
      EXPECT_TRUE(visited.contains(q.id)) << g.id << ": question " << q.id << " never asked";
    for (const auto& o : g.outcomes) {
      EXPECT_TRUE(visited.contains(o.id)) << g.id << ": outcome " << o.id << " never reached";
      for (const auto& s : o.steps)
        EXPECT_TRUE(taken.contains(&s)) << g.id << "/" << o.id << ": step " << s.procedure_id << " never applies";
      for (const auto& n : o.notes)
        EXPECT_TRUE(notes.contains(n.text)) << g.id << "/" << o.id << ": note never shown: " << n.text;
    }
  }
}

TEST(BundleGuides, EveryPathsOutcomeDocumentsAndFeesMatchTheReviewedGoldenFile) {
  const json actual = all_paths();
  if (std::getenv("UGK_UPDATE_GOLDEN") != nullptr) {
    // One path per line: a reviewable diff without the size of an indented file.
    std::ofstream out(kGoldenFile);
    out << "[\n";
    for (std::size_t i = 0; i < actual.size(); ++i) out << actual[i].dump() << (i + 1 < actual.size() ? ",\n" : "\n");
    out << "]\n";
    GTEST_SKIP() << "rewrote " << kGoldenFile;
  }
  std::ifstream in(kGoldenFile);
  ASSERT_TRUE(in) << "missing " << kGoldenFile << "; create it with UGK_UPDATE_GOLDEN=1 and review it";
  const json golden = json::parse(in);
  ASSERT_EQ(golden.size(), actual.size()) << "paths differ; regenerate with UGK_UPDATE_GOLDEN=1 "
                                             "build/tests/kb/ugk_kb_tests --gtest_filter='BundleGuides.*' and review";
  for (std::size_t i = 0; i < golden.size(); ++i) EXPECT_EQ(golden[i], actual[i]) << "path " << i;
}

TEST(BundleGuides, TheDeathGuideLocatesTheProbateByTheDeceasedsLastResidence) {
  const Guide* g = catalog().guides().find("haleset-a-csaladban");
  ASSERT_NE(g, nullptr);
  const SettlementResolver same = [](std::string_view t) { return std::optional<std::string>(t); };
  const Answers answers{{"hol_halt_meg", "otthon"}, {"halal_napja", "2026-12-01"}, {"halal_helye", kFolyas},
                        {"ugyanott_lakott", "nem"}, {"lakohely", "15130"},         {"vagyon", "ingatlan"},
                        {"sajat_lakohely", kFolyas}};
  const Evaluation e = std::get<Evaluation>(evaluate(*g, answers, kToday, same));
  ASSERT_NE(e.outcome, nullptr);
  std::map<std::string, std::string> settlement_of;
  for (const GuideStep* s : e.steps) settlement_of[s->procedure_id] = step_settlement(*s, e).value_or("");
  EXPECT_EQ(settlement_of["haleset-anyakonyvezese"], kFolyas) << "the death is registered where it happened";
  EXPECT_EQ(settlement_of["hagyateki-eljaras-hagyateki-leltar"], "15130") << "the probate: the deceased's residence";
  EXPECT_TRUE(settlement_of.contains("tulajdoni-lap-masolat")) << "property in the estate";
}

}  // namespace
}  // namespace ugk::kb::guide
