#include "search/stopwords.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "kb/text_fold.h"
#include "search/default_stopwords_text.h"

namespace ugk::search {
namespace {

std::string_view trim(std::string_view s) {
  constexpr std::string_view kSpace = " \t\r\n";
  const auto begin = s.find_first_not_of(kSpace);
  if (begin == std::string_view::npos) return {};
  const auto end = s.find_last_not_of(kSpace);
  return s.substr(begin, end - begin + 1);
}

}  // namespace

StopWords::StopWords(std::vector<std::string> words) : words_(std::move(words)) {
  for (const std::string& word : words_) {
    exact_.insert(word);
    folded_.insert(kb::fold(word));
  }
}

bool StopWords::contains(std::string_view lower_word) const {
  const std::string word(lower_word);
  if (exact_.contains(word)) return true;
  // Only an unaccented word may match through folding: "ot" typed for "őt" is a stop word, but
  // "új" must not hide "uj..." content words and vice versa.
  return kb::fold(word) == word && folded_.contains(word);
}

StopWords parse_stopwords(std::string_view text) {
  std::vector<std::string> words;
  while (!text.empty()) {
    const auto eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view{} : text.substr(eol + 1);
    if (const auto bar = line.find('|'); bar != std::string_view::npos) line = line.substr(0, bar);
    line = trim(line);
    if (!line.empty()) words.emplace_back(line);
  }
  return StopWords(std::move(words));
}

StopWords load_stopwords(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read stop-word list " + path.string());
  std::ostringstream content;
  content << in.rdbuf();
  return parse_stopwords(content.str());
}

StopWords default_stopwords() {
  return parse_stopwords(kDefaultStopwordsText);
}

}  // namespace ugk::search
