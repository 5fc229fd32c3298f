// Hungarian text analysis shared by indexing and querying, so that both sides produce the same terms.
//
// A word is a maximal run of Unicode word characters (letters, digits, combining marks); everything
// else (spaces, punctuation, "-", emoji) separates words. Each word yields four forms:
//   word         lower-case as written          "személyimet"
//   stem         Snowball "hungarian" stem      "személy"     (stemmed with accents: the stemmer needs them)
//   folded       word without accents           "szemelyimet"
//   folded_stem  stem without accents           "szemely"
// Words longer than kMaxWordBytes are dropped (they are never real words and Xapian limits term size).
//
// Thread-safety: not thread-safe (Xapian::Stem keeps per-call state); one Analyzer per thread.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "search/stopwords.h"

namespace ugk::search {

struct Token {
  std::string word;
  std::string stem;
  std::string folded;
  std::string folded_stem;
  bool stop = false;       // a stop word: not indexed, not searched for
  std::size_t offset = 0;  // byte range of the word in the analysed text (for snippets)
  std::size_t length = 0;
  bool operator==(const Token&) const = default;
};

class Analyzer {
 public:
  static constexpr std::size_t kMaxWordBytes = 64;

  explicit Analyzer(StopWords stop_words);

  // All words of `text` in order, stop words included but flagged.
  std::vector<Token> analyze(std::string_view text);

  // The next word of `text` starting at byte `position` or later, advancing `position` past it;
  // nullopt at the end. For callers that need only the first few words of a long text.
  std::optional<Token> next_token(std::string_view text, std::size_t& position);

  // Stem of an already lower-cased word.
  std::string stem(std::string_view lower_word);

  const StopWords& stop_words() const { return stop_words_; }

 private:
  StopWords stop_words_;
  Xapian::Stem stemmer_;
};

}  // namespace ugk::search
