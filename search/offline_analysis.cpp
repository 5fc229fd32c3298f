#include "search/offline_analysis.h"

#include "search/compounds.h"
#include "search/document_builder.h"
#include "search/query_builder.h"
#include "search/stopwords.h"
#include "search/synonyms.h"

namespace ugk::search {

OfflineAnalysis offline_analysis() {
  OfflineAnalysis a;
  a.stopwords = default_stopwords().words();
  a.synonyms_tsv = std::string(default_synonyms_text());
  // The fields of a procedure document (DocumentBuilder::build) and how much each counts.
  a.field_weights = {{"title", kTitleWdf},     {"keywords", kKeywordWdf}, {"category", kCategoryWdf},
                     {"summary", kSummaryWdf}, {"description", kBodyWdf}, {"documents", kBodyWdf}};
  a.query_weights = {{"exact", kExactWeight},
                     {"stem", kStemWeight},
                     {"folded", kFoldedWeight},
                     {"prefix", kPrefixWeight},
                     {"partial_stem_factor", kPartialStemFactor},
                     {"correction", kCorrectionWeight},
                     {"synonym", kSynonymWeight},
                     {"compound_part", kCompoundPartWeight},
                     {"joined_compound", kJoinedCompoundWeight}};
  a.bm25 = {{"k1", kBm25K1}, {"k2", kBm25K2}, {"k3", kBm25K3}, {"b", kBm25B}, {"min_normlen", kBm25MinNormLen}};
  a.min_prefix_chars = kMinPrefixChars;
  a.max_prefix_expansions = kMaxPrefixExpansions;
  a.min_compound_part_chars = Decompounder::kMinPartChars;
  a.one_typo_from_chars = kOneTypoFromChars;
  a.two_typos_from_chars = kTwoTyposFromChars;
  return a;
}

}  // namespace ugk::search
