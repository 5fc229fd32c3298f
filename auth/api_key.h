// API keys and what they allow. Only a hash of each secret is stored; tokens are compared in
// constant time. Pure logic plus OpenSSL for hashing and randomness; no HTTP, no storage.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kb/api_key_record.h"

namespace ugk::auth {

// Reading needs no key; keys are for writing.
enum class Role { kAdmin, kEditor };
std::optional<Role> parse_role(std::string_view text);
std::string_view to_string(Role role);

// A freshly minted key: the token is shown once ("ugk_<id>_<secret>") and never stored.
struct NewKey {
  kb::ApiKeyRecord record;
  std::string token;
};

NewKey mint_key(std::string name, Role role, std::vector<std::string> offices);

// Splits "ugk_<id>_<secret>"; nullopt when the token has another shape.
struct ParsedToken {
  std::string id;
  std::string secret;
};
std::optional<ParsedToken> parse_token(std::string_view token);

std::string hash_secret(std::string_view secret);
// Constant-time comparison of the secret's hash with the stored one.
bool secret_matches(std::string_view secret, std::string_view stored_hash);

}  // namespace ugk::auth
