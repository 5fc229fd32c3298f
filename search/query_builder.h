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

// Relaxation (Searcher): when no document matches every word, the least informative words are
// dropped one by one; when nothing matches at all, each word is loosened (relax()).
inline constexpr std::size_t kMinRelaxedPrefixChars = 4;  // "nyitnánk" -> "nyit*"
inline constexpr std::size_t kMaxRelaxedSuffixChars = 4;  // letters a loosened word may lose at its end
inline constexpr double kRelaxedWeight = 0.5;             // loosened forms weigh less than found words
inline constexpr double kCategoryMatchWeight = 0.3;       // a word naming a category ("építés")

// One word a person typed, with every query form that stands for it (its own forms, a correction,
// its compound parts, the synonyms of a phrase it is part of).
struct QueryWord {
  std::string text;     // as typed
  std::string folded;   // accent-folded, as the spelling data has it
  Xapian::Query match;  // any of the word's forms
};

struct ParsedQuery {
  Xapian::Query query;  // empty (Query::empty()) when nothing searchable was typed
  // The non-stop words in typed order (relaxation drops or loosens them).
  std::vector<QueryWord> words;
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

  // Looser forms of `parsed`'s words, for when nothing matches them at all: the closest spelling with
  // one more typo than build() allows, the word's start as a prefix (Hungarian endings the stemmer
  // does not remove: "nyitnánk" -> "nyit*"), and the categories whose name the word starts
  // ("építkezünk" -> Építés). One query per word (empty where nothing looser exists), parallel to
  // parsed.words; the folded forms found are added to parsed's snippet words.
  std::vector<Xapian::Query> relax(ParsedQuery& parsed, const Xapian::Database& db);

 private:
  Analyzer& analyzer_;
  const Synonyms& synonyms_;
  const Decompounder& decompounder_;
};

}  // namespace ugk::search
