// What a knowledge-base snapshot consists of, independent of where it is stored: the records, the
// store version they reflect and every record's version (its ETag).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>

#include "kb/model.h"
#include "kb/record_kind.h"

namespace ugk::kb {

// Record key -> version, per kind.
using RecordVersions = std::map<RecordKind, std::unordered_map<std::string, std::int64_t>>;

struct StoredContent {
  Bundle bundle;
  std::int64_t version = 0;
  RecordVersions versions;
};

}  // namespace ugk::kb
