// Reads and validates a whole reference bundle (data/README.md) into a kb::Bundle.
//
// Every problem is reported, not only the first: each file is read record by record, malformed
// records are reported and left out, then the cross-reference checks run. Bad input never throws;
// unreadable files become Problems too. Callers must not store a result whose `problems` is
// non-empty. Thread-safe: no shared state (concurrent calls on different roots are fine).
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <set>
#include <string_view>
#include <vector>

#include "importers/problem.h"
#include "kb/model.h"
#include "kb/record_kind.h"

namespace ugk::importers {

// Called after each step (one per file, then the office structure and the validation) with the
// number of finished steps and the total.
using Progress = std::function<void(std::string_view step, std::size_t done, std::size_t total)>;

struct ReadResult {
  kb::Bundle bundle;  // records sorted by id / code / date; malformed records left out
  std::vector<Problem> problems;
  // Kinds whose optional file the bundle does not have: an import leaves their stored records alone.
  std::set<kb::RecordKind> absent;
  bool ok() const { return problems.empty(); }
};

ReadResult read_bundle(const std::filesystem::path& root, const Progress& progress = {});

}  // namespace ugk::importers
