// The index's term spaces. Indexing (document_builder) and querying (query_builder) must agree on
// them exactly, so they are defined once here.
//
//   <word>          lower-case word as written (unprefixed, like Xapian's TermGenerator)
//   Z<stem>         stem, Xapian's convention
//   XF<folded>      accent-folded word: "szemelyi" typed without accents finds "személyi"
//   XFZ<stem>       accent-folded stem
//   XT<type>        boolean type filter ("XTprocedure")
//   Q<type>:<id>    unique id term ("Qprocedure:lakcimbejelentes")
//   XK<category>    boolean category filter ("XKOkmányok", the value as in the record)
//   XA<authority>   boolean competent-authority filter ("XAjegyzo")
//   XZ              boolean scope term of national documents (the same for every office)
//   XO<office id>   boolean scope term of an office's local documents (its local-only procedures and
//                   local variants): found only when the search is for a settlement that office serves
//   Qvariant:<id>   unique id term of a local variant's document ("Qvariant:ebosszeiras@ph-16568")
// Compound parts (compounds.h) are indexed in the folded spaces only.
// Value slots hold the facet values counted by ValueCountMatchSpy.
// Words are lower-case, so an upper-case prefix can never be confused with the start of a word.
#pragma once

#include <string>
#include <string_view>

#include "search/search_types.h"

namespace ugk::search::terms {

inline constexpr std::string_view kStem = "Z";
inline constexpr std::string_view kFolded = "XF";
inline constexpr std::string_view kFoldedStem = "XFZ";
inline constexpr std::string_view kType = "XT";
inline constexpr std::string_view kId = "Q";
inline constexpr std::string_view kCategory = "XK";
inline constexpr std::string_view kAuthority = "XA";
inline constexpr std::string_view kNationalScope = "XZ";
inline constexpr std::string_view kOfficeScope = "XO";

inline constexpr unsigned kCategorySlot = 0;
inline constexpr unsigned kAuthoritySlot = 1;
inline constexpr unsigned kTypeSlot = 2;
// The thing a hit stands for ("procedure:<id>"; a variant's document carries its procedure's key), so
// that a procedure and its local variants collapse into one hit and count once in a facet.
inline constexpr unsigned kCollapseSlot = 3;

// Metadata keys of an index generation.
inline constexpr std::string_view kKbVersionKey = "kb_version";
inline constexpr std::string_view kStopWordsKey = "stopwords";       // newline-joined list used to build it
inline constexpr std::string_view kSynonymsKey = "synonyms";         // synonyms.tsv text used to build it
inline constexpr std::string_view kLexiconKey = "compound_lexicon";  // Decompounder::serialize()
inline constexpr std::string_view kSuggestionsKey = "suggestions";   // JSON completions for suggest
// Editors' search tuning from the knowledge base (kb::SearchSynonym, kb::BestBet), rewritten with
// every update: synonyms.h lines read after kSynonymsKey's; JSON [[query, [procedure ids]], ...].
inline constexpr std::string_view kEditorSynonymsKey = "editor_synonyms";
inline constexpr std::string_view kBestBetsKey = "best_bets";
// Changes whenever stop words, synonyms, lexicon or completions change: readers reload them then.
inline constexpr std::string_view kAnalysisRevisionKey = "analysis_revision";

inline std::string with_prefix(std::string_view prefix, std::string_view word) {
  std::string term(prefix);
  term += word;
  return term;
}

inline std::string type_term(DocType type) {
  return with_prefix(kType, to_string(type));
}

inline std::string id_term(DocType type, std::string_view id) {
  std::string term(kId);
  term += to_string(type);
  term += ':';
  term += id;
  return term;
}

inline std::string variant_term(std::string_view variant_id) {
  std::string term(kId);
  term += "variant:";
  term += variant_id;
  return term;
}

inline std::string office_scope_term(std::string_view office_id) {
  return with_prefix(kOfficeScope, office_id);
}

// The collapse key of a document standing for (type, id).
inline std::string collapse_key(DocType type, std::string_view id) {
  std::string key(to_string(type));
  key += ':';
  key += id;
  return key;
}

}  // namespace ugk::search::terms
