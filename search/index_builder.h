// Building and updating the search index from a knowledge-base catalog.
//
// A full build (import, reindex, repair) writes a complete new generation and then switches CURRENT
// to it (see index_layout.h), so open Searchers keep answering from the old generation until their
// next search. An update applies a few changed records to the current generation in place
// (replace_document / delete_document by unique id term, one commit), which is what makes a write
// searchable within a second at national scale; readers see it on their next reopen().
//
// Builds and updates of one index root are serialised across processes by a lock file, and the
// index never moves backwards: the store version it reflects is kept in its metadata.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kb/catalog.h"
#include "kb/record_kind.h"
#include "search/stopwords.h"

namespace ugk::search {

// A changed record, as the store's change log names it.
struct RecordRef {
  kb::RecordKind kind = kb::RecordKind::kProcedure;
  std::string key;
  bool operator==(const RecordRef&) const = default;
};

// Builds index_root/gen-<N+1> from `catalog` (national and local procedures, variants, forms,
// offices), records catalog.version() in its metadata, makes it current, and deletes generations
// older than the previous one (which a reader may still have open). Creates index_root if needed.
// Does nothing when the current index already reflects this version or a newer one.
// Throws IndexError on I/O or Xapian errors (the current generation is untouched then);
// std::invalid_argument if `synonyms_text` (synonyms.h format) is malformed.
void build_index(const kb::Catalog& catalog, const std::filesystem::path& index_root, const StopWords& stop_words,
                 std::string_view synonyms_text);
// Same, with default_stopwords() and default_synonyms_text().
void build_index(const kb::Catalog& catalog, const std::filesystem::path& index_root);

// Same, for content not (yet) in a store: `bundle` as a catalog at `version` (tests, benchmarks).
void build_index(kb::Bundle bundle, std::int64_t version, const std::filesystem::path& index_root);

// Re-indexes the documents the changed records are part of (a national procedure's change reaches
// its variants' and its forms' documents too) in the current generation, and records
// catalog.version(). The catalog must reflect every listed change. Returns false, changing nothing,
// when there is no usable current generation (build one instead). Throws IndexError.
bool update_index(const kb::Catalog& catalog, const std::vector<RecordRef>& changed,
                  const std::filesystem::path& index_root);

// The store version recorded in the current generation, or nullopt when there is no usable index.
std::optional<std::int64_t> indexed_version(const std::filesystem::path& index_root);

}  // namespace ugk::search
