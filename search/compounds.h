// Splitting Hungarian compounds into their parts, so that "lakcímkártya" meets "lakcím kártya" and
// "kártya" (Hungarian writes most compounds as one word; people split them or type one part).
//
// A word is split in two where the left part is a lexicon word and the right part, stemmed, is a
// lexicon stem; both parts need kMinPartChars letters, so short accidental parts ("sze" + "mélyi")
// are never produced. The lexicon is the domain's head vocabulary (folded words of procedure and
// form titles, keywords and categories); it is stored with the index so that queries split exactly
// as the documents did. Measured against Hunspell's Hungarian compound analysis in
// docs/benchmarks.md.
//
// Thread-safety: immutable after construction; share freely.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "search/analyzer.h"

namespace ugk::search {

struct CompoundParts {
  std::string left;        // folded word
  std::string right;       // folded word as written
  std::string right_stem;  // folded stem of the right part
  bool operator==(const CompoundParts&) const = default;
};

class Decompounder {
 public:
  static constexpr std::size_t kMinPartChars = 4;

  Decompounder() = default;
  // `lexicon`: folded words (and stems) considered parts of compounds.
  explicit Decompounder(std::unordered_set<std::string> lexicon) : lexicon_(std::move(lexicon)) {}

  // The split of `token`, or nullopt when it is no compound of two lexicon words (or is itself a
  // lexicon word whose split would be accidental). Prefers the longest right part (the head).
  std::optional<CompoundParts> split(const Token& token, Analyzer& analyzer) const;

  // Newline-joined lexicon for the index metadata, and back.
  std::string serialize() const;
  static Decompounder deserialize(std::string_view text);

  std::size_t size() const { return lexicon_.size(); }

 private:
  std::unordered_set<std::string> lexicon_;
};

// Adds the folded non-stop words of `text` of at least kMinPartChars letters (and their folded
// stems) to `lexicon`.
void add_to_lexicon(std::unordered_set<std::string>& lexicon, std::string_view text, Analyzer& analyzer);

}  // namespace ugk::search
