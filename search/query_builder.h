// Turns what a person typed into a Xapian query over the term spaces of terms.h.
//
// Each non-stop word becomes an OR of its exact word, stem, folded word and folded stem; the folded
// forms are weighted lower, so exact matches rank first ("kór" above "kor") while "szemelyi" still
// finds "személyi". Words are OR-ed together: BM25 ranks documents matching more of them higher, and
// a query with one odd word still finds something.
// The last word, when the text does not end in a separator, is also expanded as a prefix of folded
// words (search as you type: "lakcímbej" -> "lakcimbejelentes"), limited to the most frequent
// kMaxPrefixExpansions terms and starting from kMinPrefixChars letters.
// A complete word that occurs nowhere is corrected against the index's spelling data within a
// length-dependent typo budget (none below 4 letters, 1 up to 6, then 2; never in the first letter).
//
// Thread-safety: not thread-safe (uses an Analyzer); one per thread.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "search/analyzer.h"

namespace ugk::search {

inline constexpr double kExactWeight = 1.0;
inline constexpr double kStemWeight = 1.0;
inline constexpr double kFoldedWeight = 0.6;
inline constexpr double kFoldedStemWeight = 0.6;
inline constexpr double kPrefixWeight = 0.8;
inline constexpr double kPartialStemFactor = 0.5;
inline constexpr double kCorrectionWeight = 1.0;
inline constexpr Xapian::termcount kMaxPrefixExpansions = 20;
inline constexpr std::size_t kMinPrefixChars = 2;

struct ParsedQuery {
  Xapian::Query query;  // empty (Query::empty()) when nothing searchable was typed
  // Folded words and folded stems searched for (after typo correction), and the folded prefix of a
  // partial last word (empty if none): what a snippet should show.
  std::vector<std::string> folded_words;
  std::vector<std::string> folded_stems;
  std::string folded_prefix;
};

class QueryBuilder {
 public:
  explicit QueryBuilder(Analyzer& analyzer) : analyzer_(analyzer) {}

  // `db` supplies term statistics and spelling data for typo correction.
  ParsedQuery build(std::string_view text, const Xapian::Database& db);

 private:
  Analyzer& analyzer_;
};

}  // namespace ugk::search
