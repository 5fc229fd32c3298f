// Turns what a person typed into a Xapian query over the term spaces of terms.h.
//
// Each non-stop word becomes one unit: an OP_SYNONYM of its exact forms (as typed, stem) OR-ed with a
// lower-weighted OP_SYNONYM of its accent-folded forms (folded word, folded stem), so exact matches
// rank first ("kór" above "kor") while "szemelyi" still finds "személyi", and a word's forms count as
// one term rather than four (which lets Xapian prune at national scale). Words are OR-ed together:
// BM25 ranks documents matching more of them higher, and a query with one odd word still finds
// something.
// The last word, when the text does not end in a separator, is also expanded as a prefix of folded
// words (search as you type: "lakcímbej" -> "lakcimbejelentes"), limited to the most frequent
// kMaxPrefixExpansions terms and starting from kMinPrefixChars letters.
// A complete word that occurs nowhere is corrected against the index's spelling data within a
// length-dependent typo budget (none below 4 letters, 1 up to 6, then 2; never in the first letter);
// corrected words weigh less than words found as typed, and the corrected text is reported.
// Everyday words are expanded with their official synonyms (synonyms.h), compounds with their parts
// and adjacent words with their joined compound (compounds.h), all at lower weight than the words
// themselves.
//
// Thread-safety: not thread-safe (uses an Analyzer); one per thread.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "search/analyzer.h"
#include "search/compounds.h"
#include "search/synonyms.h"

namespace ugk::search {

inline constexpr double kExactWeight = 1.0;
inline constexpr double kStemWeight = 1.0;
inline constexpr double kFoldedWeight = 0.6;  // folded word and folded stem
inline constexpr double kPrefixWeight = 0.8;
inline constexpr double kPartialStemFactor = 0.5;
inline constexpr double kCorrectionWeight = 0.7;
inline constexpr double kSynonymWeight = 0.8;
inline constexpr double kCompoundPartWeight = 0.5;
inline constexpr double kJoinedCompoundWeight = 1.0;
inline constexpr Xapian::termcount kMaxPrefixExpansions = 20;
// BM25 with milder length normalisation than the default b=0.75: procedures have long descriptions
// and should not lose against a short office record that merely mentions a word.
inline constexpr double kBm25K1 = 1.2;
inline constexpr double kBm25K2 = 0.0;
inline constexpr double kBm25K3 = 1.0;
inline constexpr double kBm25B = 0.5;
inline constexpr double kBm25MinNormLen = 0.5;
inline constexpr std::size_t kMinPrefixChars = 2;
// Typo budget by word length (letters): none below kOneTypoFromChars, one, two from kTwoTyposFromChars.
inline constexpr std::size_t kOneTypoFromChars = 4;
inline constexpr std::size_t kTwoTyposFromChars = 7;

struct ParsedQuery {
  Xapian::Query query;  // empty (Query::empty()) when nothing searchable was typed
  // Folded words and folded stems searched for (after typo correction), and the folded prefix of a
  // partial last word (empty if none): what a snippet should show.
  std::vector<std::string> folded_words;
  std::vector<std::string> folded_stems;
  std::string folded_prefix;
  // `text` with every corrected word replaced by its correction; empty when nothing was corrected.
  std::string corrected_text;
};

class QueryBuilder {
 public:
  // `synonyms` and `decompounder` must outlive the builder.
  QueryBuilder(Analyzer& analyzer, const Synonyms& synonyms, const Decompounder& decompounder)
      : analyzer_(analyzer), synonyms_(synonyms), decompounder_(decompounder) {}

  // `db` supplies term statistics and spelling data for typo correction.
  ParsedQuery build(std::string_view text, const Xapian::Database& db);

  // `text` with each word that occurs nowhere in `db` replaced by the closest spelling within one
  // more typo than build() allows; empty when no word changes. For "did you mean" after a weak result.
  std::string respell(std::string_view text, const Xapian::Database& db);

 private:
  Analyzer& analyzer_;
  const Synonyms& synonyms_;
  const Decompounder& decompounder_;
};

}  // namespace ugk::search
