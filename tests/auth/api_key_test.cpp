#include "auth/api_key.h"

#include <gtest/gtest.h>

namespace ugk::auth {
namespace {

kb::ApiKeyRecord key(const char* role, std::vector<std::string> offices = {}, std::vector<std::string> origins = {}) {
  kb::ApiKeyRecord k;
  k.id = "abc";
  k.name = "teszt";
  k.role = role;
  k.offices = std::move(offices);
  k.origins = std::move(origins);
  return k;
}

TEST(ApiKey, MintedTokenVerifiesAndOnlyItsHashIsKept) {
  const NewKey minted = mint_key("Hajdúnánás", Role::kEditor, {"koh-22406"}, {});
  const auto parsed = parse_token(minted.token);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->id, minted.record.id);
  EXPECT_EQ(minted.token.find(minted.record.secret_hash), std::string::npos);
  EXPECT_TRUE(secret_matches(parsed->secret, minted.record.secret_hash));
  EXPECT_FALSE(secret_matches(parsed->secret + "x", minted.record.secret_hash));
  EXPECT_NE(mint_key("b", Role::kAdmin, {}, {}).token, minted.token);
}

TEST(ApiKey, MalformedTokensAreRejected) {
  for (const char* token : {"", "ugk_", "ugk__secret", "ugk_id_", "bearer", "ugk_idsecret", "xyz_id_secret"}) {
    EXPECT_FALSE(parse_token(token)) << token;
  }
}

TEST(ApiKey, HashIsSha256Hex) {
  EXPECT_EQ(hash_secret("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

struct ScopeCase {
  const char* role;
  const char* kind;
  std::optional<std::string> office;
  bool structural;
  bool allowed;
};

class WriteScopes : public ::testing::TestWithParam<ScopeCase> {};

TEST_P(WriteScopes, FollowTheRoleModel) {
  const ScopeCase& c = GetParam();
  EXPECT_EQ(may_write(key(c.role, {"koh-22406", "jh-099"}), {c.kind, c.office, c.structural}), c.allowed);
}

INSTANTIATE_TEST_SUITE_P(
    Matrix, WriteScopes,
    ::testing::Values(ScopeCase{"admin", "procedures", std::nullopt, false, true},
                      ScopeCase{"admin", "offices", "ph-16568", true, true},
                      ScopeCase{"editor", "offices", "koh-22406", false, true},
                      ScopeCase{"editor", "visits", "jh-099", false, true},
                      ScopeCase{"editor", "supplements", "koh-22406", false, true},
                      ScopeCase{"editor", "offices", "koh-22406", true, false},
                      ScopeCase{"editor", "offices", "ph-16568", false, false},
                      ScopeCase{"editor", "procedures", std::nullopt, false, false},
                      ScopeCase{"editor", "calendar_days", std::nullopt, false, false},
                      ScopeCase{"reader", "offices", "koh-22406", false, false},
                      ScopeCase{"unknown", "offices", "koh-22406", false, false}));

TEST(WriteScopes, RevokedKeysWriteNothing) {
  kb::ApiKeyRecord admin = key("admin");
  admin.revoked_at = "2026-11-22T10:00:00Z";
  EXPECT_FALSE(may_write(admin, {"procedures", std::nullopt, false}));
}

TEST(ReaderKeys, AreBoundToTheirOrigins) {
  EXPECT_TRUE(origin_allowed(key("reader", {}, {"https://hajdunanas.hu"}), "https://hajdunanas.hu"));
  EXPECT_FALSE(origin_allowed(key("reader", {}, {"https://hajdunanas.hu"}), "https://evil.example"));
  EXPECT_TRUE(origin_allowed(key("reader", {}, {"*"}), "https://any.example"));
  EXPECT_FALSE(origin_allowed(key("reader"), "https://hajdunanas.hu"));
}

}  // namespace
}  // namespace ugk::auth
