// Value types of the search API: what callers ask for and what they get back.
// Plain data, no Xapian types, so that HTTP handlers and the CLI can use them without Xapian headers.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
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
  double score = 0.0;   // BM25 weight; only comparable within one result
};

struct SearchRequest {
  std::string text;
  std::optional<DocType> type;  // nullopt = all types
  std::size_t limit = 10;
  std::size_t offset = 0;
};

struct SearchResult {
  std::size_t total = 0;  // Xapian's estimate of all matches, not only the returned page
  std::vector<Hit> hits;
};

}  // namespace ugk::search
