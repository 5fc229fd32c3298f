// A stored API key: who it is for, what it may do, and the hash of its secret (never the secret).
// Plain value type, shared by the store and the auth policy without either pulling in the other.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace ugk::kb {

struct ApiKeyRecord {
  std::string id;
  std::string name;
  std::string role;  // admin, editor
  std::vector<std::string> offices;
  std::string secret_hash;
  std::string created_at;
  std::optional<std::string> revoked_at;
};

}  // namespace ugk::kb
