// API keys and what they allow. Only a hash of each secret is stored; tokens are compared in
// constant time. Pure logic plus OpenSSL for hashing and randomness; no HTTP, no storage.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kb/store.h"

namespace ugk::auth {

enum class Role { kAdmin, kEditor, kReader };
std::optional<Role> parse_role(std::string_view text);
std::string_view to_string(Role role);

// A freshly minted key: the token is shown once ("ugk_<id>_<secret>") and never stored.
struct NewKey {
  kb::ApiKeyRecord record;
  std::string token;
};

NewKey mint_key(std::string name, Role role, std::vector<std::string> offices, std::vector<std::string> origins);

// Splits "ugk_<id>_<secret>"; nullopt when the token has another shape.
struct ParsedToken {
  std::string id;
  std::string secret;
};
std::optional<ParsedToken> parse_token(std::string_view token);

std::string hash_secret(std::string_view secret);
// Constant-time comparison of the secret's hash with the stored one.
bool secret_matches(std::string_view secret, std::string_view stored_hash);

// What a write touches, for the scope check: the record kind and the office it belongs to
// (nullopt for national records: procedures, forms, calendar, closures).
struct WriteScope {
  std::string kind;
  std::optional<std::string> office_id;
  bool structural = false;  // creates or deletes an office, or changes its identity fields
};

// Admins may write everything; office editors only records of the offices on their key (never
// national records, never the office structure); readers nothing.
bool may_write(const kb::ApiKeyRecord& key, const WriteScope& scope);

// Reader keys are bound to the origins of the sites that embed them ("*" allows any).
bool origin_allowed(const kb::ApiKeyRecord& key, std::string_view origin);

}  // namespace ugk::auth
