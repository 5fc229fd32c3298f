#include "service/guide_match.h"

#include <algorithm>
#include <set>

#include "search/analyzer.h"

namespace ugk::service {

namespace {

std::vector<std::string> stems(search::Analyzer& analyzer, std::string_view text) {
  std::vector<std::string> out;
  for (const auto& token : analyzer.analyze(text)) {
    if (!token.stop) out.push_back(token.folded_stem);
  }
  return out;
}

}  // namespace

std::vector<const kb::Guide*> match_guides(const kb::Catalog& catalog, std::string_view text) {
  if (catalog.guides().empty()) return {};
  search::Analyzer analyzer(search::default_stopwords());
  const auto words = stems(analyzer, text);
  const std::set<std::string> query(words.begin(), words.end());
  struct Scored {
    const kb::Guide* guide;
    std::size_t score;
    std::size_t order;
  };
  std::vector<Scored> scored;
  std::size_t order = 0;
  for (const kb::Guide& guide : catalog.guides()) {
    std::size_t best = 0;
    for (const std::string& keyword : guide.keywords) {
      const auto needed = stems(analyzer, keyword);
      if (needed.empty()) continue;
      if (std::all_of(needed.begin(), needed.end(), [&](const std::string& s) { return query.contains(s); }))
        best = std::max(best, needed.size());
    }
    if (best > 0) scored.push_back({&guide, best, order});
    ++order;
  }
  std::stable_sort(scored.begin(), scored.end(), [](const Scored& a, const Scored& b) { return a.score > b.score; });
  std::vector<const kb::Guide*> out;
  for (const auto& s : scored) {
    if (out.size() == kMaxMatchedGuides) break;
    out.push_back(s.guide);
  }
  return out;
}

}  // namespace ugk::service
