#include "search/relevance.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace ugk::search {
namespace {

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::stringstream in(text);
  for (std::string part; std::getline(in, part, separator);) parts.push_back(part);
  return parts;
}

}  // namespace

std::vector<LabelledQuery> load_query_set(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read query set " + file.string());
  std::vector<LabelledQuery> queries;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    const auto fields = split(line, '\t');
    if (fields.size() < 3 || fields[0].empty()) continue;
    queries.push_back({fields[0], split(fields[1], ','), fields[2]});
  }
  return queries;
}

int rank_of(const std::vector<std::string>& ranked_ids, const std::vector<std::string>& expected_ids) {
  for (std::size_t i = 0; i < ranked_ids.size(); ++i) {
    for (const std::string& id : expected_ids) {
      if (ranked_ids[i] == id) return static_cast<int>(i) + 1;
    }
  }
  return 0;
}

void RelevanceMetrics::add(int rank) {
  ++queries;
  top1 += rank == 1;
  top3 += rank >= 1 && rank <= 3;
  if (rank > 0) reciprocal_rank_sum += 1.0 / rank;
}

}  // namespace ugk::search
