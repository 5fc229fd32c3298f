#include "search/analyzer.h"

#include "kb/text_fold.h"

namespace ugk::search {

Analyzer::Analyzer(StopWords stop_words) : stop_words_(std::move(stop_words)), stemmer_("hungarian") {}

std::string Analyzer::stem(std::string_view lower_word) {
  return stemmer_(std::string(lower_word));
}

std::vector<Token> Analyzer::analyze(std::string_view text) {
  std::vector<Token> tokens;
  std::size_t position = 0;
  while (auto token = next_token(text, position)) tokens.push_back(std::move(*token));
  return tokens;
}

std::optional<Token> Analyzer::next_token(std::string_view text, std::size_t& position) {
  // Xapian's iterator decodes invalid UTF-8 bytes as single code points instead of failing, so
  // arbitrary input is safe; offsets stay on character boundaries of valid input.
  if (position >= text.size()) return std::nullopt;
  Xapian::Utf8Iterator it(text.data() + position, text.size() - position);
  const Xapian::Utf8Iterator end;
  auto offset_of = [&](const Xapian::Utf8Iterator& i) {
    return i == end ? text.size() : static_cast<std::size_t>(i.raw() - text.data());
  };
  while (it != end) {
    while (it != end && !Xapian::Unicode::is_wordchar(*it)) ++it;
    if (it == end) break;
    const std::size_t begin = offset_of(it);
    while (it != end && Xapian::Unicode::is_wordchar(*it)) ++it;
    const std::size_t length = offset_of(it) - begin;
    if (length > kMaxWordBytes) continue;

    position = begin + length;
    Token token;
    token.offset = begin;
    token.length = length;
    token.word = kb::to_lower(text.substr(begin, length));
    token.stem = stem(token.word);
    token.folded = kb::fold(token.word);
    token.folded_stem = kb::fold(token.stem);
    token.stop = stop_words_.contains(token.word);
    return token;
  }
  position = text.size();
  return std::nullopt;
}

}  // namespace ugk::search
