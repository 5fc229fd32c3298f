// On-disk layout of an index root: immutable generations plus a pointer to the current one.
//
//   <root>/gen-<N>/   a complete Xapian database, never modified after it became current
//   <root>/CURRENT    the name of the current generation ("gen-7\n"), replaced by rename
//
// Readers follow CURRENT; a rebuild writes a new generation and then swaps CURRENT atomically, so a
// reader always sees either the old or the new complete index.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace ugk::search::layout {

inline constexpr const char* kCurrentFile = "CURRENT";
inline constexpr const char* kGenerationPrefix = "gen-";

std::filesystem::path current_file(const std::filesystem::path& root);
std::filesystem::path generation_dir(const std::filesystem::path& root, std::uint64_t generation);

// Generation named by CURRENT; nullopt if CURRENT is missing or malformed.
std::optional<std::uint64_t> read_current(const std::filesystem::path& root);

// Points CURRENT at `generation` atomically (temporary file + fsync + rename).
void write_current(const std::filesystem::path& root, std::uint64_t generation);

// Generation numbers of the gen-<N> directories present, ascending.
std::vector<std::uint64_t> list_generations(const std::filesystem::path& root);

}  // namespace ugk::search::layout
