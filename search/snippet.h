// Plain-text snippets: a window of a hit's text around the first word the query matched.
//
// Thread-safety: stateless apart from the Analyzer passed in (one per thread).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "search/analyzer.h"
#include "search/query_builder.h"

namespace ugk::search {

inline constexpr std::size_t kSnippetChars = 160;

// At most about `max_chars` characters of `text` (cut at word boundaries), starting a little before
// the first word matching `query` (by folded word, folded stem or the partial prefix), or at the
// start if nothing matches. Cuts are marked with "…". No markup.
std::string make_snippet(std::string_view text, Analyzer& analyzer, const ParsedQuery& query,
                         std::size_t max_chars = kSnippetChars);

struct Snippet {
  std::string text;
  // Byte ranges [first, second) of `text` holding words that match the query, ascending.
  std::vector<std::pair<std::size_t, std::size_t>> highlights;
};

// make_snippet() together with where the matching words are in it.
Snippet make_highlighted_snippet(std::string_view text, Analyzer& analyzer, const ParsedQuery& query,
                                 std::size_t max_chars = kSnippetChars);

}  // namespace ugk::search
