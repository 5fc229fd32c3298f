// Value types of the search API: what callers ask for and what they get back.
// Plain data, no Xapian types, so that HTTP handlers and the CLI can use them without Xapian headers.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ugk::search {

enum class DocType { kProcedure, kForm, kOffice };

// "procedure", "form", "office": the names used in the API and in the index's type filter terms.
std::string_view to_string(DocType type);
std::optional<DocType> parse_doc_type(std::string_view text);

struct Hit {
  DocType type = DocType::kProcedure;
  std::string id;
  std::string title;
  std::string snippet;  // plain text, never HTML; cut points are marked with "…"
  // Byte ranges [first, second) of `snippet` that matched the query, ascending, for highlighting.
  std::vector<std::pair<std::size_t, std::size_t>> highlights;
  double score = 0.0;  // BM25 weight; only comparable within one result
  // Set when the title and snippet are an office's local variant (the first office of
  // SearchRequest::offices that has one), or the office of a local-only procedure.
  std::string local_office_id;
  bool best_bet = false;  // put first by an editor's best bet for this query (kb::BestBet)
};

struct SearchRequest {
  std::string text;
  std::optional<DocType> type;  // nullopt = all types
  std::size_t limit = 10;
  std::size_t offset = 0;
  // Filters (exact values as in the records): a procedure's category, its competent authority
  // ("jegyzo", "kormanyablak", ...); forms inherit both from the procedures they belong to.
  std::optional<std::string> category;
  std::optional<std::string> authority;
  bool facets = false;  // count matches per category, authority and type (costs a full match pass)
  // The offices whose local documents may answer, most preferred first (the search is for a
  // settlement these offices serve). Empty: national documents only.
  std::vector<std::string> offices;
};

// Facet name ("category", "authority", "type") -> value -> number of matching procedures, forms and
// offices (a procedure and its local variants count once).
using Facets = std::map<std::string, std::map<std::string, std::size_t>>;

// A completion for a search box: a procedure or form title or a procedure keyword.
struct Suggestion {
  std::string text;  // as written in the record
  std::string kind;  // "title" or "keyword"
  DocType type = DocType::kProcedure;
  std::string id;         // the record the text belongs to
  std::string office_id;  // set for an office's local title (variant or local-only procedure)
};

struct SearchResult {
  std::size_t total = 0;  // Xapian's estimate of all matches, not only the returned page
  std::vector<Hit> hits;
  Facets facets;  // empty unless requested
  // The query as the engine understood it after typo correction ("jogositvany" -> "jogosítvány" is not
  // a correction; "lakcimkartya pottlasa" -> "lakcimkartya potlasa" is), or, when nothing matched
  // well, the closest spelling the index knows. Empty when the query looks right.
  std::string did_you_mean;
  // Nothing found: completions of the longest start of the last word that has some ("kutyaa" ->
  // "kutya..."), so that a person has something to pick; empty when there are hits.
  std::vector<Suggestion> nearest;
  // No document matched every word: the hits are the closest ones. The least informative words (most
  // frequent in the scope searched, or found nowhere) were dropped one by one until the rest matched
  // together, and those hits come first; when nothing matched any word, the words were loosened
  // (a further typo, the word's start, a category named by it). `dropped_words` (as typed) are the
  // words the first hits do not contain.
  bool relaxed = false;
  std::vector<std::string> dropped_words;
};

}  // namespace ugk::search
