#include "search/query_builder.h"

#include <algorithm>
#include <utility>

#include "kb/text_fold.h"
#include "search/terms.h"
#include "search/utf8.h"

namespace ugk::search {
namespace {

// Typo budget by word length, as people perceive it: short words must be exact.
unsigned typo_budget(std::string_view folded) {
  const std::size_t length = code_points(folded);
  if (length < kOneTypoFromChars) return 0;
  if (length < kTwoTyposFromChars) return 1;
  return 2;
}

Xapian::Query scaled(double factor, const Xapian::Query& query) {
  return factor == 1.0 ? query : Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, query, factor);
}

Xapian::Query term(std::string_view prefix, std::string_view word, double weight) {
  return scaled(weight, Xapian::Query(terms::with_prefix(prefix, word)));
}

// One weighted unit over several forms of the same word: OP_SYNONYM scores them as a single term
// (combined wdf, one idf), so a document matching three forms does not count the word three times and
// the matcher sees one posting source per word, which it can prune once the top hits are known.
Xapian::Query synonym(std::vector<std::string> forms) {
  std::sort(forms.begin(), forms.end());
  forms.erase(std::unique(forms.begin(), forms.end()), forms.end());
  if (forms.size() == 1) return Xapian::Query(forms.front());
  return Xapian::Query(Xapian::Query::OP_SYNONYM, forms.begin(), forms.end());
}

bool occurs(const Xapian::Database& db, const Token& token) {
  return db.term_exists(terms::with_prefix(terms::kFolded, token.folded)) ||
         db.term_exists(terms::with_prefix(terms::kFoldedStem, token.folded_stem));
}

bool is_prefix_of_some_word(const Xapian::Database& db, const Token& token) {
  const std::string prefix = terms::with_prefix(terms::kFolded, token.folded);
  return db.allterms_begin(prefix) != db.allterms_end(prefix);
}

// Replaces token ranges of `text` by new words (ranges ascending, non-overlapping).
std::string replace_words(std::string_view text, const std::vector<std::pair<const Token*, std::string>>& edits) {
  std::string out;
  std::size_t at = 0;
  for (const auto& [token, replacement] : edits) {
    out += text.substr(at, token->offset - at);
    out += replacement;
    at = token->offset + token->length;
  }
  out += text.substr(at);
  return out;
}

Xapian::Query all_stems(const std::vector<std::string>& folded_stems) {
  std::vector<Xapian::Query> terms;
  for (const std::string& stem : folded_stems) terms.emplace_back(terms::with_prefix(terms::kFoldedStem, stem));
  return terms.size() == 1 ? terms.front() : Xapian::Query(Xapian::Query::OP_AND, terms.begin(), terms.end());
}

}  // namespace

std::string QueryBuilder::respell(std::string_view text, const Xapian::Database& db) {
  const std::vector<Token> tokens = analyzer_.analyze(text);
  std::vector<std::pair<const Token*, std::string>> edits;
  for (const Token& token : tokens) {
    if (token.stop || occurs(db, token)) continue;
    const std::string suggestion = db.get_spelling_suggestion(token.folded, typo_budget(token.folded) + 1);
    if (!suggestion.empty() && suggestion != token.folded) edits.emplace_back(&token, suggestion);
  }
  return edits.empty() ? std::string() : replace_words(text, edits);
}

namespace {

void add_expansions(std::vector<Xapian::Query>& parts, ParsedQuery& parsed, const std::vector<Token>& tokens,
                    const Synonyms& synonyms, const Decompounder& decompounder, Analyzer& analyzer,
                    const Xapian::Database& db) {
  for (const SynonymMatch& match : synonyms.find(tokens, analyzer)) {
    for (const auto& expansion : match.expansions) {
      parts.push_back(scaled(kSynonymWeight, all_stems(expansion)));
      parsed.folded_stems.insert(parsed.folded_stems.end(), expansion.begin(), expansion.end());
    }
  }
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const Token& token = tokens[i];
    if (token.stop) continue;
    if (const auto split = decompounder.split(token, analyzer)) {
      parts.push_back(term(terms::kFolded, split->left, kCompoundPartWeight));
      parts.push_back(term(terms::kFoldedStem, split->right_stem, kCompoundPartWeight));
    }
    // "lakcím kártya" typed apart: the compound as documents write it.
    if (i + 1 < tokens.size() && !tokens[i + 1].stop) {
      const std::string joined = terms::with_prefix(terms::kFolded, token.folded + tokens[i + 1].folded);
      if (db.term_exists(joined)) parts.push_back(scaled(kJoinedCompoundWeight, Xapian::Query(joined)));
    }
  }
}

}  // namespace

ParsedQuery QueryBuilder::build(std::string_view text, const Xapian::Database& db) {
  ParsedQuery parsed;
  const std::vector<Token> tokens = analyzer_.analyze(text);
  std::vector<Xapian::Query> parts;
  std::vector<std::pair<const Token*, std::string>> corrections;

  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const Token& token = tokens[i];
    const bool partial = i + 1 == tokens.size() && token.offset + token.length == text.size();

    // One typed letter says too little to expand (it would pull in the most frequent words of the
    // whole index); from two letters on, completions are useful.
    if (partial && code_points(token.folded) >= kMinPrefixChars) {
      parsed.folded_prefix = token.folded;
      parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
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
        parts.push_back(scaled(kCorrectionWeight, synonym({terms::with_prefix(terms::kFolded, suggestion),
                                                           terms::with_prefix(terms::kFoldedStem, stem)})));
        parsed.folded_words.push_back(suggestion);
        parsed.folded_stems.push_back(stem);
        if (suggestion != token.folded) corrections.emplace_back(&token, suggestion);
        continue;
      }
    }

    // Each word is one unit: its exact forms (as typed, stem) as one synonym group, OR-ed with its
    // accent-folded forms as a second group weighing less, so that exact matches rank first. When the
    // word as typed occurs nowhere (accents dropped or misplaced), there is nothing to prefer and the
    // folded forms carry the word's full weight, so that one mistyped accent does not make the word
    // count less.
    const bool exact_occurs =
        db.term_exists(token.word) || db.term_exists(terms::with_prefix(terms::kStem, token.stem));
    const std::string folded = terms::with_prefix(terms::kFolded, token.folded);
    const std::string stem = terms::with_prefix(terms::kStem, token.stem);
    const std::string folded_stem = terms::with_prefix(terms::kFoldedStem, token.folded_stem);
    const double folded_weight = exact_occurs ? kFoldedWeight : kExactWeight;
    parsed.folded_words.push_back(token.folded);
    parsed.folded_stems.push_back(token.folded_stem);
    // A last word may be finished ("törzskönyve") or still being typed; for the latter its stem is
    // noise, as the stemmer strips whatever looks like a suffix ("gépjárműad" -> "gépjármű" +
    // possessive "-ad"). When the word begins indexed words, its completions carry it and the stems
    // only count for kPartialStemFactor.
    if (has_completions) {
      std::vector<Xapian::Query> unit;
      if (exact_occurs) unit.emplace_back(token.word);
      unit.push_back(scaled(folded_weight, Xapian::Query(folded)));
      unit.push_back(scaled(kPartialStemFactor * kStemWeight, synonym({stem, folded_stem})));
      parts.emplace_back(Xapian::Query::OP_OR, unit.begin(), unit.end());
      continue;
    }
    const Xapian::Query fallback = scaled(folded_weight, synonym({folded, folded_stem}));
    parts.push_back(exact_occurs ? Xapian::Query(Xapian::Query::OP_OR, synonym({token.word, stem}), fallback)
                                 : fallback);
  }

  if (!parts.empty()) add_expansions(parts, parsed, tokens, synonyms_, decompounder_, analyzer_, db);
  if (!corrections.empty()) parsed.corrected_text = replace_words(text, corrections);
  if (!parts.empty()) parsed.query = Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
  return parsed;
}

}  // namespace ugk::search
