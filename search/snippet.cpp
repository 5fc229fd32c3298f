#include "search/snippet.h"

#include <algorithm>
#include <optional>

#include "search/utf8.h"

namespace ugk::search {
namespace {

constexpr std::size_t kLeadChars = 40;  // context shown before the matched word
constexpr std::string_view kEllipsis = "…";

bool matches(const Token& token, const ParsedQuery& query) {
  auto contains = [](const std::vector<std::string>& list, const std::string& value) {
    return std::find(list.begin(), list.end(), value) != list.end();
  };
  if (token.stop) return false;
  if (contains(query.folded_words, token.folded) || contains(query.folded_stems, token.folded_stem)) return true;
  return !query.folded_prefix.empty() && token.folded.starts_with(query.folded_prefix);
}

}  // namespace

std::string make_snippet(std::string_view text, Analyzer& analyzer, const ParsedQuery& query, std::size_t max_chars) {
  return make_highlighted_snippet(text, analyzer, query, max_chars).text;
}

Snippet make_highlighted_snippet(std::string_view text, Analyzer& analyzer, const ParsedQuery& query,
                                 std::size_t max_chars) {
  // Words are analysed lazily: up to the first match, then only as far as the window reaches, so a
  // long description costs no more than its beginning (analysing whole texts was a quarter of the
  // query time at national scale).
  std::vector<Token> tokens;
  std::size_t position = 0;
  std::optional<std::size_t> hit;
  while (auto token = analyzer.next_token(text, position)) {
    tokens.push_back(std::move(*token));
    if (matches(tokens.back(), query)) {
      hit = tokens.size() - 1;
      break;
    }
  }
  if (tokens.empty()) return {};

  std::size_t first = 0;  // index of the token the window starts with
  if (hit) {
    // Step back over whole words until the lead-in would exceed kLeadChars.
    first = *hit;
    const std::size_t hit_offset = tokens[*hit].offset;
    while (first > 0 &&
           code_points(text.substr(tokens[first - 1].offset, hit_offset - tokens[first - 1].offset)) <= kLeadChars) {
      --first;
    }
  }
  const std::size_t begin = first == 0 ? 0 : tokens[first].offset;

  std::size_t end = begin;
  for (std::size_t i = first;; ++i) {
    if (i == tokens.size()) {
      auto next = analyzer.next_token(text, position);
      if (!next) break;
      tokens.push_back(std::move(*next));
    }
    const std::size_t token_end = tokens[i].offset + tokens[i].length;
    if (code_points(text.substr(begin, token_end - begin)) > max_chars) break;
    end = token_end;
  }
  if (end == begin) end = tokens[first].offset + tokens[first].length;  // one over-long word: show it whole
  // Keep the closing punctuation of the last sentence when the text ends within the budget.
  if (code_points(text.substr(begin)) <= max_chars) end = text.size();

  Snippet snippet;
  if (begin > 0) snippet.text += kEllipsis;
  const std::size_t shift = snippet.text.size();
  snippet.text += text.substr(begin, end - begin);
  if (end < text.size()) snippet.text += kEllipsis;
  for (std::size_t i = first; i < tokens.size() && tokens[i].offset + tokens[i].length <= end; ++i) {
    if (!matches(tokens[i], query)) continue;
    const std::size_t start = shift + tokens[i].offset - begin;
    snippet.highlights.emplace_back(start, start + tokens[i].length);
  }
  return snippet;
}

}  // namespace ugk::search
