// Layout of a data folder: the SQLite database (source of truth) and the Xapian index beside it.
#pragma once

#include <filesystem>

namespace ugk::service {

struct DataDir {
  std::filesystem::path root;
  std::filesystem::path database() const { return root / "ugykalauz.sqlite3"; }
  std::filesystem::path index() const { return root / "index"; }
};

}  // namespace ugk::service
