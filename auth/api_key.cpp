#include "auth/api_key.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <stdexcept>

namespace ugk::auth {
namespace {

std::string to_hex(const unsigned char* data, std::size_t size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    out.push_back(kDigits[data[i] >> 4]);
    out.push_back(kDigits[data[i] & 0x0f]);
  }
  return out;
}

std::string random_hex(std::size_t bytes) {
  std::vector<unsigned char> buffer(bytes);
  if (RAND_bytes(buffer.data(), static_cast<int>(buffer.size())) != 1) {
    throw std::runtime_error("no randomness available for a new API key");
  }
  return to_hex(buffer.data(), buffer.size());
}

}  // namespace

std::optional<Role> parse_role(std::string_view text) {
  if (text == "admin") return Role::kAdmin;
  if (text == "editor") return Role::kEditor;
  return std::nullopt;
}

std::string_view to_string(Role role) {
  switch (role) {
    case Role::kAdmin:
      return "admin";
    case Role::kEditor:
      return "editor";
  }
  return "?";
}

NewKey mint_key(std::string name, Role role, std::vector<std::string> offices) {
  NewKey key;
  key.record.id = random_hex(6);
  key.record.name = std::move(name);
  key.record.role = std::string(to_string(role));
  key.record.offices = std::move(offices);
  const std::string secret = random_hex(24);
  key.record.secret_hash = hash_secret(secret);
  key.token = "ugk_" + key.record.id + "_" + secret;
  return key;
}

std::optional<ParsedToken> parse_token(std::string_view token) {
  constexpr std::string_view kPrefix = "ugk_";
  if (!token.starts_with(kPrefix)) return std::nullopt;
  token.remove_prefix(kPrefix.size());
  const auto sep = token.find('_');
  if (sep == std::string_view::npos || sep == 0 || sep + 1 >= token.size()) return std::nullopt;
  return ParsedToken{std::string(token.substr(0, sep)), std::string(token.substr(sep + 1))};
}

std::string hash_secret(std::string_view secret) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  if (EVP_Digest(secret.data(), secret.size(), digest.data(), &size, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("SHA-256 failed");
  }
  return to_hex(digest.data(), size);
}

bool secret_matches(std::string_view secret, std::string_view stored_hash) {
  const std::string candidate = hash_secret(secret);
  // Equal lengths always (hex SHA-256); CRYPTO_memcmp takes the same time wherever they differ.
  return candidate.size() == stored_hash.size() &&
         CRYPTO_memcmp(candidate.data(), stored_hash.data(), candidate.size()) == 0;
}

}  // namespace ugk::auth
