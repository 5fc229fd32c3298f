// The optional supplement files of the bundle: register seat addresses attached to offices without an
// address of their own, and related cases attached to procedures; every bad row reported with file,
// line and column, the rest still read.
#include "importers/supplement_reader.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "importers/bundle_reader.h"
#include "temp_bundle.h"

namespace ugk::importers {
namespace {

using testing::TempBundle;

std::string all_problems(const ReadResult& result) {
  std::string out;
  for (const auto& p : result.problems) out += format(p) + "\n";
  return out;
}

template <typename T>
const T* find_id(const std::vector<T>& records, const std::string& id) {
  auto it = std::find_if(records.begin(), records.end(), [&](const T& r) { return r.id == id; });
  return it == records.end() ? nullptr : &*it;
}

TEST(RegisteredAddresses, TheReferenceBundleAttachesThemToOfficesWithoutAnAddressOfTheirOwn) {
  const ReadResult result = read_bundle(testing::reference_bundle());
  ASSERT_TRUE(result.ok()) << all_problems(result);
  std::size_t attached = 0;
  for (const kb::Office& o : result.bundle.offices) {
    if (!o.registered_address) continue;
    ++attached;
    EXPECT_FALSE(o.address.has_value()) << o.id << ": an own address wins";
    EXPECT_TRUE(o.kind == kb::OfficeKind::kMayorsOffice || o.kind == kb::OfficeKind::kJointOffice) << o.id;
    EXPECT_EQ(o.registered_address->source, "pir");
    EXPECT_EQ(o.registered_address->as_of, "2013-11-15");
    EXPECT_TRUE(o.registered_address->address.starts_with(o.registered_address->postal_code + " ")) << o.id;
  }
  // 1,113 rows; the offices that have an address in offices.json keep theirs.
  EXPECT_GE(attached, 1100u);
  EXPECT_LE(attached, 1113u);
  const kb::Office* aba = find_id(result.bundle.offices, "ph-17376");
  ASSERT_NE(aba, nullptr);
  ASSERT_TRUE(aba->registered_address.has_value());
  EXPECT_EQ(aba->registered_address->address, "8127 Aba, Rákóczi utca 12.");
  EXPECT_EQ(aba->registered_address->register_id, "362797");
}

TEST(RegisteredAddresses, AnOwnAddressInOfficesJsonWins) {
  std::vector<kb::Office> offices(1);
  offices[0].id = "ph-17376";
  offices[0].kind = kb::OfficeKind::kMayorsOffice;
  offices[0].address = "8127 Aba, Szabadság tér 1.";
  std::vector<Problem> problems;
  merge_registered_addresses(
      "office_id,postal_code,address,registered_name,pir_number,address_valid_from,as_of\n"
      "ph-17376,8127,\"8127 Aba, Rákóczi utca 12.\",ABAI POLGÁRMESTERI HIVATAL,362797,2007-10-20,2013-11-15\n",
      offices, true, problems);
  EXPECT_TRUE(problems.empty());
  EXPECT_FALSE(offices[0].registered_address.has_value());
  EXPECT_EQ(offices[0].address, "8127 Aba, Szabadság tér 1.");
}

TEST(RegisteredAddresses, ReportsEveryBadRowWithLineAndColumnAndKeepsTheGoodOnes) {
  TempBundle bundle;
  bundle.write(std::string(kRegisteredAddressesFile),
               "office_id,postal_code,address,registered_name,pir_number,address_valid_from,as_of\n"
               "ph-17376,8127,\"8127 Aba, Rákóczi utca 12.\",ABAI,362797,2007-10-20,2013-11-15\n"
               "ph-99999,8127,\"8127 Aba, Fő utca 1.\",X,1,2007-10-20,2013-11-15\n"
               "jh-099,4080,\"4080 Hajdúnánás, Fő utca 1.\",X,1,2007-10-20,2013-11-15\n"
               "koh-12441,52,\"5241 Abádszalók, Deák Ferenc út 12.\",X,1,2007-10-20,2013-13-15\n"
               "ph-17376,8127,\"8127 Aba, Rákóczi utca 12.\",ABAI,362797,2007-10-20,2013-11-15\n");
  const ReadResult result = read_bundle(bundle.root());
  std::vector<std::string> where;
  for (const Problem& p : result.problems) {
    EXPECT_EQ(p.file, kRegisteredAddressesFile);
    where.push_back(std::to_string(p.line.value_or(0)) + ":" + p.field);
  }
  EXPECT_EQ(where, (std::vector<std::string>{"3:office_id", "4:office_id", "5:postal_code", "5:address", "5:as_of",
                                             "6:office_id"}))
      << all_problems(result);
  ASSERT_NE(find_id(result.bundle.offices, "ph-17376"), nullptr);
  EXPECT_TRUE(find_id(result.bundle.offices, "ph-17376")->registered_address.has_value());
  EXPECT_FALSE(find_id(result.bundle.offices, "koh-12441")->registered_address.has_value());
}

TEST(RegisteredAddresses, WithoutTheFileNoOfficeHasOne) {
  TempBundle bundle;
  std::filesystem::remove(bundle.root() / kRegisteredAddressesFile);
  const ReadResult result = read_bundle(bundle.root());
  ASSERT_TRUE(result.ok()) << all_problems(result);
  EXPECT_TRUE(std::none_of(result.bundle.offices.begin(), result.bundle.offices.end(),
                           [](const kb::Office& o) { return o.registered_address.has_value(); }));
}

TEST(RelatedProcedures, TheReferenceBundleLinksDeathToProbateAndALostCardToItsReplacement) {
  const ReadResult result = read_bundle(testing::reference_bundle());
  ASSERT_TRUE(result.ok()) << all_problems(result);
  const auto related_ids = [&](const std::string& id) {
    std::vector<std::string> out;
    for (const auto& r : find_id(result.bundle.procedures, id)->related) out.push_back(r.procedure_id);
    return out;
  };
  const auto death = related_ids("haleset-anyakonyvezese");
  EXPECT_NE(std::find(death.begin(), death.end(), "hagyateki-eljaras-hagyateki-leltar"), death.end());
  const auto lost = related_ids("szemelyi-igazolvany-elvesztesenek-bejelentese");
  EXPECT_NE(std::find(lost.begin(), lost.end(), "szemelyi-igazolvany-potlasa"), lost.end());
  const auto& first = find_id(result.bundle.procedures, "haleset-anyakonyvezese")->related.front();
  ASSERT_TRUE(first.note.has_value());
  EXPECT_FALSE(first.note->empty());
}

TEST(RelatedProcedures, ReportsUnknownSelfAndRepeatedLinksWithTheirLines) {
  TempBundle bundle;
  bundle.write(std::string(kRelatedProceduresFile),
               "procedure_id,related_procedure_id,note\n"
               "haleset-anyakonyvezese,hagyateki-eljaras-hagyateki-leltar,Utána jön a hagyaték.\n"
               "haleset-anyakonyvezese,nincs-ilyen,\n"
               "nincs-ilyen,haleset-anyakonyvezese,\n"
               "apolasi-dij,apolasi-dij,\n"
               "haleset-anyakonyvezese,hagyateki-eljaras-hagyateki-leltar,\n");
  const ReadResult result = read_bundle(bundle.root());
  std::vector<std::string> where;
  for (const Problem& p : result.problems) where.push_back(std::to_string(p.line.value_or(0)) + ":" + p.field);
  EXPECT_EQ(where, (std::vector<std::string>{"3:related_procedure_id", "4:procedure_id", "5:related_procedure_id",
                                             "6:related_procedure_id"}))
      << all_problems(result);
  const kb::Procedure* death = find_id(result.bundle.procedures, "haleset-anyakonyvezese");
  ASSERT_EQ(death->related.size(), 1u);
  EXPECT_EQ(death->related.front().note, "Utána jön a hagyaték.");
}

}  // namespace
}  // namespace ugk::importers
