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

    // One typed letter says too little to expand (it would pull in the most frequent words of the
    // whole index); from two letters on, completions are useful.
    if (partial && code_points(token.folded) >= kMinPrefixChars) {
      parsed.folded_prefix = token.folded;
      parts.emplace_back(
          Xapian::Query::OP_SCALE_WEIGHT,
          Xapian::Query(Xapian::Query::OP_WILDCARD, terms::with_prefix(terms::kFolded, token.folded),
                        kMaxPrefixExpansions, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT),
          kPrefixWeight);
    }
    if (token.stop) continue;

    const bool has_completions = !parsed.folded_prefix.empty() && is_prefix_of_some_word(db, token);
    if (!occurs(db, token) && !has_completions) {
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

    // The folded forms weigh less so that exact matches rank first; when the word as typed occurs
    // nowhere (accents dropped or misplaced), there is nothing to prefer and the folded forms carry the
    // word's full weight, so that one mistyped accent does not make the word count less.
    const bool exact_occurs =
        db.term_exists(token.word) || db.term_exists(terms::with_prefix(terms::kStem, token.stem));
    parts.push_back(term("", token.word, kExactWeight));
    parts.push_back(term(terms::kFolded, token.folded, exact_occurs ? kFoldedWeight : kExactWeight));
    parsed.folded_words.push_back(token.folded);
    // A last word may be finished ("törzskönyve") or still being typed; for the latter its stem is
    // noise, as the stemmer strips whatever looks like a suffix ("gépjárműad" -> "gépjármű" +
    // possessive "-ad"). When the word begins indexed words, its completions carry it and the stem
    // only counts for kPartialStemFactor.
    const double stem_factor = has_completions ? kPartialStemFactor : 1.0;
    parts.push_back(term(terms::kStem, token.stem, stem_factor * kStemWeight));
    parts.push_back(term(terms::kFoldedStem, token.folded_stem,
                         stem_factor * (exact_occurs ? kFoldedStemWeight : kStemWeight)));
    parsed.folded_stems.push_back(token.folded_stem);
  }

  if (!parts.empty()) parsed.query = Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
  return parsed;
}

}  // namespace ugk::search
