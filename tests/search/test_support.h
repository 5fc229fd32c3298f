// Shared fixtures for the search tests: the real data bundle and throw-away index directories.
#pragma once

#include <filesystem>
#include <string>

#include "kb/model.h"

namespace ugk::search::testing {

// procedures.json, forms.json and offices.json of the repository's data/ bundle (decoded once).
const kb::Bundle& data_bundle();

std::filesystem::path source_path(const std::string& relative);

// A fresh empty directory, removed with everything in it when the object goes away.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace ugk::search::testing
