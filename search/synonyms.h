// Everyday words for official terms ("jogsi" -> "vezetői engedély"), from a reviewable TSV file
// (search/synonyms.tsv, compiled in; the list an index was built with is stored in its metadata so
// that queries are expanded with exactly that list).
//
// Phrases are compared by the accent-folded stems of their non-stop words, so one line covers the
// inflected and unaccented forms ("jogsimat", "jogsi"). The Snowball stemmer is not idempotent on
// clipped colloquial words ("jogsi" -> "jogs", "jogsim" -> "jogsi"), so a word also matches when the
// stem of one side's stem equals the other's.
//
// Thread-safety: immutable after construction; share freely.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "search/analyzer.h"

namespace ugk::search {

struct SynonymMatch {
  std::size_t first = 0;                             // index of the first query token covered
  std::size_t count = 0;                             // number of tokens covered (stop words between them included)
  std::vector<std::vector<std::string>> expansions;  // each: folded stems that must all match
};

class Synonyms {
 public:
  Synonyms() = default;

  // Parses "everyday<TAB>official" lines; '#' starts a comment line, blank lines are ignored.
  // Throws std::invalid_argument naming the line when a line has no tab or an empty side.
  static Synonyms parse(std::string_view tsv, Analyzer& analyzer);

  // Every entry whose everyday phrase occurs in `tokens` (consecutive non-stop words).
  std::vector<SynonymMatch> find(const std::vector<Token>& tokens, Analyzer& analyzer) const;

  std::size_t size() const { return entries_.size(); }

 private:
  struct KeyWord {
    std::string stem;         // folded stem
    std::string double_stem;  // folded stem of the (accented) stem
    bool operator==(const KeyWord&) const = default;
  };
  struct Entry {
    std::vector<KeyWord> key;
    std::vector<std::vector<std::string>> expansions;
  };
  std::vector<Entry> entries_;
};

// The list in search/synonyms.tsv.
std::string_view default_synonyms_text();

}  // namespace ugk::search
