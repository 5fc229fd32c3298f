// Golden test of the query builder: for a table of typical inputs (plain words, missing accents, a
// typo, a prefix, stop words, a synonym, compounds), the Xapian query QueryBuilder::build produces
// against a small fixed index, as Xapian::Query::get_description(), must equal the line recorded in
// tests/search/golden/query_builder.tsv. Any change to weights, term spaces, expansions or typo
// handling shows up here as a readable diff.
//
// After an intended change, regenerate the golden file and review its diff:
//   UGK_UPDATE_GOLDEN=1 build/tests/search/ugk_search_tests --gtest_filter='QueryBuilderGolden.*'
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "search/index_builder.h"
#include "search/index_layout.h"
#include "search/query_builder.h"
#include "search/terms.h"
#include "test_support.h"

namespace ugk::search {
namespace {

struct GoldenQuery {
  std::string name;
  std::string text;  // as typed; a trailing space marks the last word as finished
};

const std::vector<GoldenQuery> kQueries = {
    {"plain_words", "hagyatéki eljárás "}, {"accents_missing", "hagyateki eljaras "},
    {"typo", "hagyatéki eljárs "},         {"prefix", "lakcímbej"},
    {"prefix_after_word", "útlevél ig"},   {"stop_words", "a hagyaték és az öröklés "},
    {"stop_words_only", "a az és "},       {"synonym", "jogsi "},
    {"synonym_inflected", "jogsimat "},    {"compound_typed_apart", "lakcím kártya "},
    {"compound_split", "lakcímkártyát "},  {"unknown_word", "xqzwv "},
};

kb::Procedure procedure(std::string id, std::string title, std::string summary, std::vector<std::string> keywords) {
  kb::Procedure p;
  p.id = std::move(id);
  p.title = std::move(title);
  p.summary = std::move(summary);
  p.keywords = std::move(keywords);
  p.category = "Okmányok";
  p.certainty = "illustrative";
  return p;
}

// A few procedures and a fixed stop-word and synonym list, so that the golden file changes only when
// the query builder (or the analysis it relies on) does, not when data/ or synonyms.tsv grow.
kb::Bundle fixed_bundle() {
  kb::Bundle bundle;
  bundle.procedures = {
      procedure("hagyatek", "Hagyatéki eljárás", "Az öröklés rendezése a hagyatéki leltár után.", {"örökség"}),
      procedure("lakcimbejelentes", "Lakcímbejelentés", "Új lakcím bejelentése költözés után.", {"költözés"}),
      procedure("lakcimkartya", "Lakcímkártya pótlása", "Elveszett lakcímkártya helyett új igazolvány.",
                {"lakcím kártya"}),
      procedure("utlevel", "Magánútlevél igénylése", "Útlevél igénylése kormányablakban.", {"útlevél"}),
      procedure("vezetoi", "Vezetői engedély cseréje", "A vezetői engedély lejárta előtt.", {"jogosítvány"}),
  };
  return bundle;
}

StopWords fixed_stop_words() {
  return StopWords({"a", "az", "és", "hogy", "után", "előtt", "helyett"});
}
constexpr std::string_view kSynonyms = "jogsi\tvezetői engedély\nútlevél\tmagánútlevél\n";

std::filesystem::path golden_file() {
  return testing::source_path("tests/search/golden/query_builder.tsv");
}

// name<TAB>"text"<TAB>description, after two comment lines.
std::string render(const std::map<std::string, std::pair<std::string, std::string>>& rows) {
  std::string out =
      "# Golden file of tests/search/query_builder_golden_test.cpp: name, query as typed, "
      "Xapian::Query::get_description().\n"
      "# Regenerate: UGK_UPDATE_GOLDEN=1 build/tests/search/ugk_search_tests --gtest_filter='QueryBuilderGolden.*'\n";
  for (const GoldenQuery& q : kQueries) {
    const auto& [text, description] = rows.at(q.name);
    out += q.name + "\t\"" + text + "\"\t" + description + "\n";
  }
  return out;
}

std::map<std::string, std::string> read_golden(const std::filesystem::path& file) {
  std::map<std::string, std::string> descriptions;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line.starts_with('#')) continue;
    const auto first = line.find('\t');
    const auto second = line.find('\t', first + 1);
    if (first == std::string::npos || second == std::string::npos) continue;
    descriptions[line.substr(0, first)] = line.substr(second + 1);
  }
  return descriptions;
}

TEST(QueryBuilderGolden, DescriptionsMatchTheGoldenFile) {
  const testing::TempDir dir;
  build_index(kb::Catalog(fixed_bundle(), 1), dir.path(), fixed_stop_words(), kSynonyms);
  const auto generation = layout::read_current(dir.path());
  ASSERT_TRUE(generation);
  const Xapian::Database db(layout::generation_dir(dir.path(), *generation).string());
  // Analysis exactly as a Searcher sets it up from the index's metadata.
  Analyzer analyzer(parse_stopwords(db.get_metadata(std::string(terms::kStopWordsKey))));
  const Synonyms synonyms = Synonyms::parse(db.get_metadata(std::string(terms::kSynonymsKey)), analyzer);
  const Decompounder decompounder = Decompounder::deserialize(db.get_metadata(std::string(terms::kLexiconKey)));
  QueryBuilder builder(analyzer, synonyms, decompounder);

  std::map<std::string, std::pair<std::string, std::string>> rows;
  for (const GoldenQuery& q : kQueries) {
    ASSERT_TRUE(rows.emplace(q.name, std::pair{q.text, builder.build(q.text, db).query.get_description()}).second)
        << "duplicate name " << q.name;
  }

  if (const char* update = std::getenv("UGK_UPDATE_GOLDEN"); update != nullptr && std::string(update) == "1") {
    std::ofstream(golden_file()) << render(rows);
    GTEST_SKIP() << "rewrote " << golden_file();
  }

  const auto golden = read_golden(golden_file());
  ASSERT_EQ(golden.size(), kQueries.size())
      << golden_file() << " is missing or out of date; see the header of " << __FILE__ << " to regenerate it";
  for (const GoldenQuery& q : kQueries) {
    const auto it = golden.find(q.name);
    ASSERT_NE(it, golden.end()) << q.name << " is not in " << golden_file();
    EXPECT_EQ(rows.at(q.name).second, it->second) << q.name << ": \"" << q.text << "\"";
  }
}

}  // namespace
}  // namespace ugk::search
