#include "search/synonyms.h"

#include <algorithm>
#include <stdexcept>

#include "kb/text_fold.h"
#include "search/default_synonyms_text.h"

namespace ugk::search {
namespace {

std::vector<std::string> folded_stems(std::string_view phrase, Analyzer& analyzer) {
  std::vector<std::string> stems;
  for (const Token& token : analyzer.analyze(phrase)) {
    if (!token.stop) stems.push_back(token.folded_stem);
  }
  return stems;
}

}  // namespace

namespace {
std::string double_stem(const Token& token, Analyzer& analyzer) {
  return kb::fold(analyzer.stem(token.stem));
}
}  // namespace

Synonyms Synonyms::parse(std::string_view tsv, Analyzer& analyzer) {
  Synonyms synonyms;
  std::size_t line_no = 0;
  while (!tsv.empty()) {
    const std::size_t eol = tsv.find('\n');
    std::string_view line = tsv.substr(0, eol);
    tsv = eol == std::string_view::npos ? std::string_view() : tsv.substr(eol + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    const std::size_t tab = line.find('\t');
    if (tab == std::string_view::npos) {
      throw std::invalid_argument("synonyms line " + std::to_string(line_no) + ": expected everyday<TAB>official");
    }
    std::vector<KeyWord> key;
    for (const Token& token : analyzer.analyze(line.substr(0, tab))) {
      if (!token.stop) key.push_back({token.folded_stem, double_stem(token, analyzer)});
    }
    auto expansion = folded_stems(line.substr(tab + 1), analyzer);
    if (key.empty() || expansion.empty()) {
      throw std::invalid_argument("synonyms line " + std::to_string(line_no) + ": empty phrase");
    }
    auto same_key =
        std::find_if(synonyms.entries_.begin(), synonyms.entries_.end(), [&](const Entry& e) { return e.key == key; });
    if (same_key == synonyms.entries_.end()) {
      synonyms.entries_.push_back({std::move(key), {std::move(expansion)}});
    } else {
      same_key->expansions.push_back(std::move(expansion));
    }
  }
  return synonyms;
}

std::vector<SynonymMatch> Synonyms::find(const std::vector<Token>& tokens, Analyzer& analyzer) const {
  // Positions of the content words, so that "tb-s kártya" style stop words in between do not break
  // a phrase.
  std::vector<std::size_t> content;
  std::vector<KeyWord> words;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].stop) continue;
    content.push_back(i);
    words.push_back({tokens[i].folded_stem, double_stem(tokens[i], analyzer)});
  }
  auto same_word = [](const KeyWord& a, const KeyWord& b) {
    return a.stem == b.stem || a.stem == b.double_stem || a.double_stem == b.stem;
  };
  std::vector<SynonymMatch> matches;
  for (const Entry& entry : entries_) {
    for (std::size_t start = 0; start + entry.key.size() <= content.size(); ++start) {
      bool all = true;
      for (std::size_t k = 0; k < entry.key.size() && all; ++k) {
        all = same_word(words[start + k], entry.key[k]);
      }
      if (!all) continue;
      const std::size_t first = content[start];
      const std::size_t last = content[start + entry.key.size() - 1];
      matches.push_back({first, last - first + 1, entry.expansions});
    }
  }
  return matches;
}

std::string_view default_synonyms_text() {
  return kDefaultSynonymsText;
}

}  // namespace ugk::search
