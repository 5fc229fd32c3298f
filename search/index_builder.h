// Building the search index from a knowledge-base bundle.
//
// Every build writes a complete new generation and then switches CURRENT to it (see index_layout.h),
// so open Searchers keep answering from the old generation until their next search. Only one build
// may run per index root at a time (the caller serialises builds, e.g. the single KB writer).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string_view>

#include "kb/model.h"
#include "search/stopwords.h"

namespace ugk::search {

// Builds index_root/gen-<N+1> from `bundle` (procedures, forms, offices), records `kb_version` in its
// metadata, makes it current, and deletes generations older than the previous one (which a reader
// may still have open). Creates index_root if needed. Throws on I/O or Xapian errors; the current
// generation is untouched then.
// `synonyms_text` is in the synonyms.tsv format (synonyms.h); std::invalid_argument if malformed.
void build_index(const kb::Bundle& bundle, std::int64_t kb_version, const std::filesystem::path& index_root,
                 const StopWords& stop_words, std::string_view synonyms_text);

// Same, with default_stopwords() and default_synonyms_text().
void build_index(const kb::Bundle& bundle, std::int64_t kb_version, const std::filesystem::path& index_root);

// The kb_version recorded in the current generation, or nullopt when there is no usable index.
std::optional<std::int64_t> indexed_version(const std::filesystem::path& index_root);

}  // namespace ugk::search
