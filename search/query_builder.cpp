#include "search/query_builder.h"

#include "kb/text_fold.h"
#include "search/terms.h"

namespace ugk::search {
namespace {

std::size_t code_points(std::string_view utf8) {
  std::size_t count = 0;
  for (unsigned char c : utf8) count += (c & 0xC0) != 0x80;
  return count;
}

// Typo budget by word length, as people perceive it: short words must be exact.
unsigned typo_budget(std::string_view folded) {
  const std::size_t length = code_points(folded);
  if (length < 4) return 0;
  if (length < 7) return 1;
  return 2;
}

Xapian::Query scaled(double factor, const Xapian::Query& query) {
  return factor == 1.0 ? query : Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, query, factor);
}

Xapian::Query term(std::string_view prefix, std::string_view word, double weight) {
  return scaled(weight, Xapian::Query(terms::with_prefix(prefix, word)));
}

bool occurs(const Xapian::Database& db, const Token& token) {
  return db.term_exists(terms::with_prefix(terms::kFolded, token.folded)) ||
         db.term_exists(terms::with_prefix(terms::kFoldedStem, token.folded_stem));
}

bool is_prefix_of_some_word(const Xapian::Database& db, const Token& token) {
  const std::string prefix = terms::with_prefix(terms::kFolded, token.folded);
  return db.allterms_begin(prefix) != db.allterms_end(prefix);
}

}  // namespace

ParsedQuery QueryBuilder::build(std::string_view text, const Xapian::Database& db) {
  ParsedQuery parsed;
  const std::vector<Token> tokens = analyzer_.analyze(text);
  std::vector<Xapian::Query> parts;

  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const Token& token = tokens[i];
    const bool partial = i + 1 == tokens.size() && token.offset + token.length == text.size();

    if (partial) {
      parsed.folded_prefix = token.folded;
      parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                         Xapian::Query(Xapian::Query::OP_WILDCARD, terms::with_prefix(terms::kFolded, token.folded),
                                       kMaxPrefixExpansions, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT),
                         kPrefixWeight);
    }
    if (token.stop) continue;

    if (!occurs(db, token) && !(partial && is_prefix_of_some_word(db, token))) {
      const std::string suggestion = db.get_spelling_suggestion(token.folded, typo_budget(token.folded));
      if (!suggestion.empty() && suggestion.front() == token.folded.front()) {
        const std::string stem = kb::fold(analyzer_.stem(suggestion));
        parts.push_back(term(terms::kFolded, suggestion, kCorrectionWeight));
        parts.push_back(term(terms::kFoldedStem, stem, kCorrectionWeight));
        parsed.folded_words.push_back(suggestion);
        parsed.folded_stems.push_back(stem);
        continue;
      }
    }

    parts.push_back(term("", token.word, kExactWeight));
    parts.push_back(term(terms::kStem, token.stem, kStemWeight));
    parts.push_back(term(terms::kFolded, token.folded, kFoldedWeight));
    parts.push_back(term(terms::kFoldedStem, token.folded_stem, kFoldedStemWeight));
    parsed.folded_words.push_back(token.folded);
    parsed.folded_stems.push_back(token.folded_stem);
  }

  if (!parts.empty()) parsed.query = Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
  return parsed;
}

}  // namespace ugk::search
