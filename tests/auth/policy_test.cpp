// Who may write which record, as a table: role, kind, the record's office before and after the write.
#include "auth/policy.h"

#include <gtest/gtest.h>

namespace ugk::auth {
namespace {

using kb::RecordKind;
using nlohmann::json;

kb::ApiKeyRecord key(const char* role, std::vector<std::string> offices = {"koh-22406", "jh-099"}) {
  kb::ApiKeyRecord k;
  k.id = "abc";
  k.name = "teszt";
  k.role = role;
  k.offices = std::move(offices);
  return k;
}

json office(const char* id, const char* district = "099") {
  return {
      {"id", id}, {"kind", "kozos_onkormanyzati_hivatal"}, {"district_code", district}, {"settlement_ksh", "22406"}};
}
json owned(const char* office_id) {
  return {{"id", std::string("x@") + office_id}, {"office_id", office_id}};
}

struct Case {
  const char* role;
  RecordKind kind;
  json before;
  json after;
  std::optional<Refusal> refusal;  // nullopt: allowed
};

class WritePolicy : public ::testing::TestWithParam<Case> {};

TEST_P(WritePolicy, FollowsTheRoleModel) {
  const Case& c = GetParam();
  const Decision d = decide(key(c.role), c.kind, c.before, c.after);
  EXPECT_EQ(d.allowed, !c.refusal.has_value());
  EXPECT_EQ(d.refusal, c.refusal);
}

json with(json doc, const char* field, json value) {
  doc[field] = std::move(value);
  return doc;
}

INSTANTIATE_TEST_SUITE_P(
    Matrix, WritePolicy,
    ::testing::Values(
        Case{"admin", RecordKind::kProcedure, json{{"id", "p"}}, json{{"id", "p"}}, std::nullopt},
        Case{"admin", RecordKind::kOffice, json(), office("ph-16568"), std::nullopt},
        Case{"admin", RecordKind::kSettlement, json{{"ksh_code", "1"}}, json{{"ksh_code", "1"}},
             Refusal::kNationalRecord},
        Case{"editor", RecordKind::kOffice, office("koh-22406"), with(office("koh-22406"), "phone", "1"), std::nullopt},
        Case{"editor", RecordKind::kOffice, office("koh-22406"), office("koh-22406", "193"), Refusal::kOfficeStructure},
        Case{"editor", RecordKind::kOffice, json(), office("koh-22406"), Refusal::kOfficeStructure},
        Case{"editor", RecordKind::kOffice, office("koh-22406"), json(), Refusal::kOfficeStructure},
        Case{"editor", RecordKind::kOffice, office("ph-16568"), office("ph-16568"), Refusal::kOtherOffice},
        Case{"editor", RecordKind::kVisit, owned("jh-099"), owned("jh-099"), std::nullopt},
        Case{"editor", RecordKind::kVariant, json(), owned("koh-22406"), std::nullopt},
        Case{"editor", RecordKind::kLocalProcedure, json(), owned("koh-22406"), std::nullopt},
        // Moving a record to another office needs both offices on the key.
        Case{"editor", RecordKind::kVisit, owned("jh-099"), owned("jh-193"), Refusal::kOtherOffice},
        Case{"editor", RecordKind::kVariant, json(), owned("ph-16568"), Refusal::kOtherOffice},
        Case{"editor", RecordKind::kProcedure, json{{"id", "p"}}, json{{"id", "p"}}, Refusal::kNationalRecord},
        Case{"editor", RecordKind::kCalendarDay, json(), json{{"date", "2026-01-02"}}, Refusal::kNationalRecord},
        Case{"reader", RecordKind::kOffice, office("koh-22406"), office("koh-22406"), Refusal::kNoRole},
        Case{"unknown", RecordKind::kOffice, office("koh-22406"), office("koh-22406"), Refusal::kNoRole}));

TEST(WritePolicyKeys, RevokedKeysWriteNothing) {
  kb::ApiKeyRecord admin = key("admin");
  admin.revoked_at = "2026-11-22T10:00:00Z";
  EXPECT_EQ(decide(admin, RecordKind::kProcedure, json(), json{{"id", "p"}}).refusal, Refusal::kRevoked);
}

}  // namespace
}  // namespace ugk::auth
