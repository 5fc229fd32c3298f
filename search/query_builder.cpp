#include "search/query_builder.h"

#include <algorithm>
#include <optional>
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

// The folded stem of a corrected word. The spelling data holds folded words, and the stemmer needs
// accents ("halalesetet" is not stemmed like "halálesetet"), so the stem is the longest indexed folded
// stem the word begins with, losing at most a few letters of ending; the stem of the folded word
// when there is none.
std::string folded_stem_of_correction(const Xapian::Database& db, const std::string& folded_word, Analyzer& analyzer) {
  constexpr std::size_t kMaxEndingChars = 5;
  std::vector<std::size_t> starts;  // byte offsets of code points
  for (Xapian::Utf8Iterator it(folded_word); it != Xapian::Utf8Iterator(); ++it) {
    starts.push_back(static_cast<std::size_t>(it.raw() - folded_word.data()));
  }
  for (std::size_t cut = 0; cut <= kMaxEndingChars && cut + 3 <= starts.size(); ++cut) {
    const std::size_t end = cut == 0 ? folded_word.size() : starts[starts.size() - cut];
    const std::string candidate = folded_word.substr(0, end);
    if (db.term_exists(terms::with_prefix(terms::kFoldedStem, candidate))) return candidate;
  }
  return kb::fold(analyzer.stem(folded_word));
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

// `word_of[i]`: the index in parsed.words of token i (npos for stop words). Each expansion also
// becomes an alternative form of the words it stands for.
void add_expansions(std::vector<Xapian::Query>& parts, ParsedQuery& parsed, const std::vector<Token>& tokens,
                    const std::vector<std::size_t>& word_of, const Synonyms& synonyms, const Decompounder& decompounder,
                    Analyzer& analyzer, const Xapian::Database& db) {
  auto also = [&](std::size_t token, const Xapian::Query& form) {
    if (token >= word_of.size() || word_of[token] == std::string::npos) return;
    Xapian::Query& match = parsed.words[word_of[token]].match;
    match = Xapian::Query(Xapian::Query::OP_OR, match, form);
  };
  for (const SynonymMatch& match : synonyms.find(tokens, analyzer)) {
    for (const auto& expansion : match.expansions) {
      parts.push_back(scaled(kSynonymWeight, all_stems(expansion)));
      for (std::size_t t = match.first; t < match.first + match.count; ++t) also(t, parts.back());
      parsed.folded_stems.insert(parsed.folded_stems.end(), expansion.begin(), expansion.end());
    }
  }
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const Token& token = tokens[i];
    if (token.stop) continue;
    if (const auto split = decompounder.split(token, analyzer)) {
      parts.push_back(term(terms::kFolded, split->left, kCompoundPartWeight));
      also(i, parts.back());
      parts.push_back(term(terms::kFoldedStem, split->right_stem, kCompoundPartWeight));
      also(i, parts.back());
    }
    // "lakcím kártya" typed apart: the compound as documents write it.
    if (i + 1 < tokens.size() && !tokens[i + 1].stop) {
      const std::string joined = terms::with_prefix(terms::kFolded, token.folded + tokens[i + 1].folded);
      if (db.term_exists(joined)) {
        parts.push_back(scaled(kJoinedCompoundWeight, Xapian::Query(joined)));
        also(i, parts.back());
        also(i + 1, parts.back());
      }
    }
  }
}

}  // namespace

ParsedQuery QueryBuilder::build(std::string_view text, const Xapian::Database& db) {
  ParsedQuery parsed;
  const std::vector<Token> tokens = analyzer_.analyze(text);
  std::vector<Xapian::Query> parts;
  std::vector<std::pair<const Token*, std::string>> corrections;
  std::vector<std::size_t> word_of(tokens.size(), std::string::npos);
  // The last part pushed is token i's unit: it becomes the word's match (with the prefix expansion of
  // a partial word, when there is one).
  auto record_word = [&](std::size_t i, std::optional<Xapian::Query> prefix) {
    Xapian::Query match = parts.back();
    if (prefix) match = Xapian::Query(Xapian::Query::OP_OR, match, *prefix);
    word_of[i] = parsed.words.size();
    parsed.words.push_back({tokens[i].word, tokens[i].folded, std::move(match)});
  };

  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const Token& token = tokens[i];
    const bool partial = i + 1 == tokens.size() && token.offset + token.length == text.size();
    std::optional<Xapian::Query> prefix_part;

    // One typed letter says too little to expand (it would pull in the most frequent words of the
    // whole index); from two letters on, completions are useful.
    if (partial && code_points(token.folded) >= kMinPrefixChars) {
      parsed.folded_prefix = token.folded;
      parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                         Xapian::Query(Xapian::Query::OP_WILDCARD, terms::with_prefix(terms::kFolded, token.folded),
                                       kMaxPrefixExpansions, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT),
                         kPrefixWeight);
      prefix_part = parts.back();
    }
    if (token.stop) continue;

    const bool has_completions = !parsed.folded_prefix.empty() && is_prefix_of_some_word(db, token);
    if (!occurs(db, token) && !has_completions) {
      const std::string suggestion = db.get_spelling_suggestion(token.folded, typo_budget(token.folded));
      if (!suggestion.empty() && suggestion.front() == token.folded.front()) {
        const std::string stem = folded_stem_of_correction(db, suggestion, analyzer_);
        parts.push_back(scaled(kCorrectionWeight, synonym({terms::with_prefix(terms::kFolded, suggestion),
                                                           terms::with_prefix(terms::kFoldedStem, stem)})));
        parsed.folded_words.push_back(suggestion);
        parsed.folded_stems.push_back(stem);
        if (suggestion != token.folded) corrections.emplace_back(&token, suggestion);
        record_word(i, prefix_part);
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
      record_word(i, prefix_part);
      continue;
    }
    const Xapian::Query fallback = scaled(folded_weight, synonym({folded, folded_stem}));
    parts.push_back(exact_occurs ? Xapian::Query(Xapian::Query::OP_OR, synonym({token.word, stem}), fallback)
                                 : fallback);
    record_word(i, prefix_part);
  }

  if (!parts.empty()) add_expansions(parts, parsed, tokens, word_of, synonyms_, decompounder_, analyzer_, db);
  if (!corrections.empty()) parsed.corrected_text = replace_words(text, corrections);
  if (!parts.empty()) parsed.query = Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
  return parsed;
}

namespace {

// `weight` for every document the filter matches (boolean terms carry no weight of their own).
Xapian::Query fixed_weight(double weight, const Xapian::Query& filter) {
  auto* source = new Xapian::FixedWeightPostingSource(weight);
  return Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(source->release()), filter);
}

// The first `n` code points of `text`.
std::string first_code_points(std::string_view text, std::size_t n) {
  std::string out;
  std::size_t count = 0;
  for (Xapian::Utf8Iterator it(text.data(), text.size()); it != Xapian::Utf8Iterator() && count < n; ++it, ++count) {
    Xapian::Unicode::append_utf8(out, *it);
  }
  return out;
}

bool has_terms_with_prefix(const Xapian::Database& db, const std::string& prefix) {
  return db.allterms_begin(prefix) != db.allterms_end(prefix);
}

}  // namespace

std::vector<Xapian::Query> QueryBuilder::relax(ParsedQuery& parsed, const Xapian::Database& db) {
  // Category names, folded, each word of them ("szocialis ellatas").
  std::vector<std::pair<std::string, std::vector<std::string>>> categories;
  const std::string category_prefix(terms::kCategory);
  for (auto it = db.allterms_begin(category_prefix); it != db.allterms_end(category_prefix); ++it) {
    const std::string name = (*it).substr(category_prefix.size());
    std::vector<std::string> words;
    for (const Token& token : analyzer_.analyze(name)) {
      if (!token.stop) words.push_back(token.folded_stem);
    }
    categories.emplace_back(*it, std::move(words));
  }

  std::vector<Xapian::Query> out;
  for (const QueryWord& word : parsed.words) {
    std::vector<Xapian::Query> forms;
    const std::string_view folded = word.folded;
    const std::size_t letters = code_points(folded);
    // The closest spelling, one typo more than matching allows (still never in the first letter).
    const std::string suggestion = db.get_spelling_suggestion(word.folded, typo_budget(word.folded) + 1);
    if (!suggestion.empty() && suggestion != word.folded && suggestion.front() == word.folded.front()) {
      forms.push_back(scaled(kRelaxedWeight, Xapian::Query(terms::with_prefix(terms::kFolded, suggestion))));
      parsed.folded_words.push_back(suggestion);
    }
    // The word's start: the longest one (losing at most kMaxRelaxedSuffixChars letters, keeping at
    // least kMinRelaxedPrefixChars) that begins some indexed word.
    for (std::size_t cut = 1; cut <= kMaxRelaxedSuffixChars && letters >= cut + kMinRelaxedPrefixChars; ++cut) {
      const std::string start = first_code_points(folded, letters - cut);
      const std::string prefix = terms::with_prefix(terms::kFolded, start);
      if (!has_terms_with_prefix(db, prefix)) continue;
      forms.push_back(scaled(kRelaxedWeight, Xapian::Query(Xapian::Query::OP_WILDCARD, prefix, kMaxPrefixExpansions,
                                                           Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT)));
      parsed.folded_prefix = parsed.folded_prefix.empty() ? start : parsed.folded_prefix;
      break;
    }
    // A category a word of whose name begins this word or is begun by it ("építkezünk" -> Építés).
    if (letters >= kMinRelaxedPrefixChars) {
      for (const auto& [term_name, words] : categories) {
        const bool named = std::any_of(words.begin(), words.end(), [&](const std::string& w) {
          return code_points(w) >= kMinRelaxedPrefixChars && (word.folded.starts_with(w) || w.starts_with(word.folded));
        });
        if (named) forms.push_back(fixed_weight(kCategoryMatchWeight, Xapian::Query(term_name)));
      }
    }
    out.push_back(forms.empty()       ? Xapian::Query()
                  : forms.size() == 1 ? forms.front()
                                      : Xapian::Query(Xapian::Query::OP_OR, forms.begin(), forms.end()));
  }
  return out;
}

}  // namespace ugk::search
