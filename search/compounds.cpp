#include "search/compounds.h"

#include <algorithm>

#include "kb/text_fold.h"
#include "search/utf8.h"

namespace ugk::search {
namespace {

bool is_boundary(std::string_view utf8, std::size_t i) {
  return i < utf8.size() && (static_cast<unsigned char>(utf8[i]) & 0xC0) != 0x80;
}

}  // namespace

std::optional<CompoundParts> Decompounder::split(const Token& token, Analyzer& analyzer) const {
  const std::string& folded = token.folded;
  if (token.stop || code_points(folded) < 2 * kMinPartChars) return std::nullopt;
  // Split the accented word (the stemmer needs accents), then fold the parts.
  const std::string& word = token.word;
  for (std::size_t i = 1; i < word.size(); ++i) {
    if (!is_boundary(word, i)) continue;
    const std::string_view left(word.data(), i);
    const std::string_view right(word.data() + i, word.size() - i);
    if (code_points(left) < kMinPartChars) continue;
    if (code_points(right) < kMinPartChars) break;
    const std::string left_folded = kb::fold(left);
    if (!lexicon_.contains(left_folded)) continue;
    const std::string right_folded = kb::fold(right);
    const std::string right_stem = kb::fold(analyzer.stem(right));
    if (lexicon_.contains(right_stem) || lexicon_.contains(right_folded)) {
      return CompoundParts{left_folded, right_folded, right_stem};
    }
  }
  return std::nullopt;
}

void add_to_lexicon(std::unordered_set<std::string>& lexicon, std::string_view text, Analyzer& analyzer) {
  for (const Token& token : analyzer.analyze(text)) {
    if (token.stop || code_points(token.folded) < Decompounder::kMinPartChars) continue;
    lexicon.insert(token.folded);
    if (code_points(token.folded_stem) >= Decompounder::kMinPartChars) lexicon.insert(token.folded_stem);
  }
}

std::string Decompounder::serialize() const {
  std::vector<std::string> sorted(lexicon_.begin(), lexicon_.end());
  std::sort(sorted.begin(), sorted.end());
  std::string text;
  for (const std::string& word : sorted) {
    text += word;
    text += '\n';
  }
  return text;
}

Decompounder Decompounder::deserialize(std::string_view text) {
  std::unordered_set<std::string> lexicon;
  while (!text.empty()) {
    const std::size_t eol = text.find('\n');
    const std::string_view line = text.substr(0, eol);
    if (!line.empty()) lexicon.emplace(line);
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
  }
  return Decompounder(std::move(lexicon));
}

}  // namespace ugk::search
