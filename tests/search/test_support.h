// Shared fixtures for the search tests: the real data bundle and throw-away index directories.
#pragma once

#include <filesystem>
#include <string>

#include "kb/model.h"
#include "tests/support/temp_dir.h"

namespace ugk::search::testing {

// procedures.json, forms.json and offices.json of the repository's data/ bundle (decoded once).
const kb::Bundle& data_bundle();

std::filesystem::path source_path(const std::string& relative);

using ugk::testing::TempDir;

}  // namespace ugk::search::testing
