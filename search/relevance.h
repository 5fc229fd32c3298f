// Measuring search quality on a labelled query set (the dev-set TSV format of shared/eval/README.md):
// shared by the relevance test and bench/relevance so both count exactly the same way.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace ugk::search {

struct LabelledQuery {
  std::string text;
  std::vector<std::string> expected_ids;  // any of them counts as a hit
  std::string style;
};

// query<TAB>expected_ids (comma-separated)<TAB>style<TAB>note, one header line. Throws if unreadable.
std::vector<LabelledQuery> load_query_set(const std::filesystem::path& file);

// 1-based rank of the first expected id in `ranked_ids`, 0 when none appears.
int rank_of(const std::vector<std::string>& ranked_ids, const std::vector<std::string>& expected_ids);

// top-1, top-3 and MRR (0 for a query with no rank, i.e. MRR@len(ranked_ids)).
struct RelevanceMetrics {
  int queries = 0;
  int top1 = 0;
  int top3 = 0;
  double reciprocal_rank_sum = 0.0;

  void add(int rank);
  double top1_rate() const { return queries ? double(top1) / queries : 0.0; }
  double top3_rate() const { return queries ? double(top3) / queries : 0.0; }
  double mrr() const { return queries ? reciprocal_rank_sum / queries : 0.0; }
};

}  // namespace ugk::search
