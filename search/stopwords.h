// Stop words: words too common to help ranking ("a", "az", "és", "hogy"). They are neither indexed
// nor searched for.
//
// Thread-safety: immutable after construction; share freely.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace ugk::search {

class StopWords {
 public:
  StopWords() = default;
  // `words` are lower-case, accented as in the list file.
  explicit StopWords(std::vector<std::string> words);

  // `lower_word` is a lower-case word as typed. An accented word must match exactly; an unaccented
  // one also matches an accented stop word ("altal" = "által"), because people often type without
  // accents. Accented content words are never dropped for looking like a stop word once folded.
  bool contains(std::string_view lower_word) const;

  // The list as given, in order (stored in the index so that queries are analysed like documents).
  const std::vector<std::string>& words() const { return words_; }

 private:
  std::vector<std::string> words_;
  std::unordered_set<std::string> exact_;
  std::unordered_set<std::string> folded_;
};

// Parses the Snowball list format: one word per line, "|" starts a comment, blank lines ignored.
StopWords parse_stopwords(std::string_view text);

// Reads and parses a stop-word file. Throws std::runtime_error if it cannot be read.
StopWords load_stopwords(const std::filesystem::path& path);

// The list shipped in data/lang/hungarian-stopwords.txt, compiled in so that an index can be built
// without locating the data directory at run time.
StopWords default_stopwords();

}  // namespace ugk::search
