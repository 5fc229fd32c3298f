// What a client needs to search like the index does when it cannot reach the service: the field
// app's offline search (web/src/search-hu.js) analyses and ranks a district snapshot with exactly the
// stop words, synonyms, field weights, query weights, typo budget and BM25 parameters of the index.
// (The Snowball stemmer it runs itself; the compound lexicon it derives from the records as
// index_builder does.) Shipped in GET /v1/snapshot. Pure data; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace ugk::search {

struct OfflineAnalysis {
  std::vector<std::string> stopwords;
  std::string synonyms_tsv;                                   // search/synonyms.tsv as the index was built with it
  std::vector<std::pair<std::string, double>> field_weights;  // wdf per procedure field
  std::vector<std::pair<std::string, double>> query_weights;  // query_builder.h weights
  std::vector<std::pair<std::string, double>> bm25;           // k1, k2, k3, b, min_normlen
  std::size_t min_prefix_chars = 0;
  std::size_t max_prefix_expansions = 0;
  std::size_t min_compound_part_chars = 0;
  std::size_t one_typo_from_chars = 0;
  std::size_t two_typos_from_chars = 0;
};

OfflineAnalysis offline_analysis();

}  // namespace ugk::search
