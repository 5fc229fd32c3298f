// Relevance on the development query set (copied from shared/eval, format in its README): top-1,
// top-3 and MRR@10 over procedure search, overall and per query style. The figures are printed so
// that ranking changes can be compared; the assertions are floors well below the current figures,
// there to catch regressions, not to tune against.
#include <gtest/gtest.h>

#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>

#include "search/index_builder.h"
#include "search/searcher.h"
#include "test_support.h"

namespace ugk::search {
namespace {

struct DevQuery {
  std::string text;
  std::vector<std::string> expected_ids;
  std::string style;
};

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::stringstream in(text);
  for (std::string part; std::getline(in, part, separator);) parts.push_back(part);
  return parts;
}

std::vector<DevQuery> load_dev_queries() {
  std::ifstream in(testing::source_path("tests/search/dev-queries.tsv"));
  std::vector<DevQuery> queries;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const auto fields = split(line, '\t');
    if (fields.size() < 3) continue;
    queries.push_back({fields[0], split(fields[1], ','), fields[2]});
  }
  return queries;
}

struct Metrics {
  int queries = 0;
  int top1 = 0;
  int top3 = 0;
  double reciprocal_rank_sum = 0.0;

  void add(int rank) {  // 0 = not in the first 10
    ++queries;
    top1 += rank == 1;
    top3 += rank >= 1 && rank <= 3;
    if (rank > 0) reciprocal_rank_sum += 1.0 / rank;
  }
  double top1_rate() const { return queries ? double(top1) / queries : 0.0; }
  double top3_rate() const { return queries ? double(top3) / queries : 0.0; }
  double mrr() const { return queries ? reciprocal_rank_sum / queries : 0.0; }
};

std::ostream& operator<<(std::ostream& out, const Metrics& m) {
  return out << std::fixed << std::setprecision(3) << "n=" << m.queries << " top1=" << m.top1_rate()
             << " top3=" << m.top3_rate() << " mrr=" << m.mrr();
}

TEST(DevQuerySet, ProcedureRankingMeetsTheFloorAndPrintsTheFigures) {
  const testing::TempDir dir;
  build_index(testing::data_bundle(), 1, dir.path());
  Searcher searcher(dir.path());
  const auto queries = load_dev_queries();
  ASSERT_GE(queries.size(), 100u);

  Metrics overall;
  std::map<std::string, Metrics> by_style;
  const bool verbose = std::getenv("UGK_RELEVANCE_VERBOSE") != nullptr;
  for (const DevQuery& query : queries) {
    const SearchResult result = searcher.search({query.text, DocType::kProcedure, 10, 0});
    int rank = 0;
    for (std::size_t i = 0; i < result.hits.size() && rank == 0; ++i) {
      for (const std::string& id : query.expected_ids) {
        if (result.hits[i].id == id) rank = static_cast<int>(i) + 1;
      }
    }
    overall.add(rank);
    by_style[query.style].add(rank);
    if (verbose && rank != 1) {
      std::cout << "rank " << rank << "\t" << query.text << "\texpected " << query.expected_ids.front()
                << "\tgot " << (result.hits.empty() ? "-" : result.hits.front().id) << "\n";
    }
  }

  std::cout << "[relevance] overall " << overall << "\n";
  for (const auto& [style, metrics] : by_style)
    std::cout << "[relevance] " << style << " " << metrics << "\n";
  RecordProperty("top1", std::to_string(overall.top1_rate()));
  RecordProperty("top3", std::to_string(overall.top3_rate()));
  RecordProperty("mrr", std::to_string(overall.mrr()));

  EXPECT_GE(overall.top3_rate(), 0.6);
  EXPECT_GE(overall.mrr(), 0.5);
}

}  // namespace
}  // namespace ugk::search
