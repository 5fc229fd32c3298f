#include "auth/api_key.h"

#include <gtest/gtest.h>

namespace ugk::auth {
namespace {

TEST(ApiKey, MintedTokenVerifiesAndOnlyItsHashIsKept) {
  const NewKey minted = mint_key("Hajdúnánás", Role::kEditor, {"koh-22406"});
  const auto parsed = parse_token(minted.token);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->id, minted.record.id);
  EXPECT_EQ(minted.token.find(minted.record.secret_hash), std::string::npos);
  EXPECT_TRUE(secret_matches(parsed->secret, minted.record.secret_hash));
  EXPECT_FALSE(secret_matches(parsed->secret + "x", minted.record.secret_hash));
  EXPECT_NE(mint_key("b", Role::kAdmin, {}).token, minted.token);
}

TEST(ApiKey, MalformedTokensAreRejected) {
  for (const char* token : {"", "ugk_", "ugk__secret", "ugk_id_", "bearer", "ugk_idsecret", "xyz_id_secret"}) {
    EXPECT_FALSE(parse_token(token)) << token;
  }
}

TEST(ApiKey, HashIsSha256Hex) {
  EXPECT_EQ(hash_secret("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace ugk::auth
