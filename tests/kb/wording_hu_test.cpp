// Golden test of the Hungarian wording (kb/wording_hu.h): every reason code, territory hint, authority
// phrase and grammar helper rendered with fixed records, compared line by line with
// tests/kb/golden/wording_hu.tsv. After an intended wording change, regenerate the file with
//   UGK_UPDATE_GOLDEN=1 build/tests/kb/ugk_kb_tests --gtest_filter='WordingHu.*'
// and review its diff.
#include "kb/wording_hu.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "kb/enums.h"
#include "reference_data.h"

namespace ugk::kb {
namespace {

const std::filesystem::path kGoldenFile = std::filesystem::path(UGK_SOURCE_DIR) / "tests/kb/golden/wording_hu.tsv";

Settlement settlement(std::string ksh, std::string name, std::string district, std::string legal_status = "község") {
  Settlement s;
  s.ksh_code = std::move(ksh);
  s.name = std::move(name);
  s.district_code = std::move(district);
  s.legal_status = std::move(legal_status);
  return s;
}

Office office(std::string id, OfficeKind kind, std::string name) {
  Office o;
  o.id = std::move(id);
  o.kind = kind;
  o.name = std::move(name);
  return o;
}

// The records the fixed reasons name: real names from the reference data, few enough to read.
const Catalog& fixture_catalog() {
  static const Catalog catalog = [] {
    Bundle b;
    b.districts = {{"099", "Hajdúnánási", "Hajdúnánás", "Hajdú-Bihar", 6, 0},
                   {"193", "Keszthelyi", "Keszthely", "Zala", 30, 0},
                   {"104", "Egri", "Eger", "Heves", 22, 0},
                   {"014", "Budapest 14. ker.", "Budapest 14. ker.", "főváros", 1, 0}};
    b.settlements = {settlement("16568", "Görbeháza", "099"),
                     settlement("22406", "Hajdúnánás", "099", "város"),
                     settlement("34014", "Folyás", "099"),
                     settlement("11925", "Újtikos", "099"),
                     settlement("18041", "Karmacs", "193"),
                     settlement("23898", "Rezi", "193"),
                     settlement("13736", "Zalavár", "193"),
                     settlement("18421", "Keszthely", "193", "város"),
                     settlement("18810", "Noszvaj", "104"),
                     settlement("08192", "Bordány", "074", "nagyközség"),
                     settlement("16337", "Budapest 14. ker.", "014", "fővárosi kerület")};
    b.offices = {
        office("ph-16568", OfficeKind::kMayorsOffice, "Görbeháza Község Polgármesteri Hivatala"),
        office("koh-22406", OfficeKind::kJointOffice, "Hajdúnánási Közös Önkormányzati Hivatal"),
        office("kir-11925", OfficeKind::kBranch, "Hajdúnánási Közös Önkormányzati Hivatal Újtikosi Kirendeltsége"),
        office("koh-18041", OfficeKind::kJointOffice, "Karmacsi Közös Önkormányzati Hivatal"),
        office("jh-099", OfficeKind::kDistrictOffice,
               "Hajdú-Bihar Vármegyei Kormányhivatal Hajdúnánási Járási Hivatala"),
        office("jh-193", OfficeKind::kDistrictOffice, "Zala Vármegyei Kormányhivatal Keszthelyi Járási Hivatala"),
        office("jh-014", OfficeKind::kDistrictOffice, "Budapest Főváros Kormányhivatala XIV. Kerületi Hivatala"),
    };
    b.visits = {
        {"v-kab-2025-10-20-08192", "kab-csongrad-csanad", "08192", "Faluház", "2025 Oct 20 08:00-10:30", {}, {}},
        {"v-ugy-13736", "jh-193", "13736", "Közös Önkormányzati Hivatal kirendeltsége", "Tu 13:00-14:30", {}, {}},
        {"v-ugy-18810", "jh-104", "18810", std::nullopt, "Th 09:00-10:00", {}, {}}};
    return Catalog(std::move(b), 1);
  }();
  return catalog;
}

Reason reason(ReasonCode code, ReasonParams params) {
  return Reason{code, std::move(params)};
}

// One fixed reason per code: the switch makes a new code fail to compile (-Wswitch) until it has one.
Reason fixture(ReasonCode code) {
  switch (code) {
    case ReasonCode::kOwnMayorsOffice:
      return reason(code, {.settlement_ksh = "16568", .office_id = "ph-16568", .authority = Authority::kNotary});
    case ReasonCode::kJointOfficeSeat:
      return reason(code, {.settlement_ksh = "22406", .office_id = "koh-22406", .authority = Authority::kNotary});
    case ReasonCode::kJointOfficeMember:
      return reason(
          code,
          {.settlement_ksh = "34014", .office_id = "koh-22406", .seat_ksh = "22406", .authority = Authority::kNotary});
    case ReasonCode::kLocalBranch:
      return reason(code, {.settlement_ksh = "11925", .office_id = "kir-11925", .seat_ksh = "22406"});
    case ReasonCode::kDistrictOfficeTerritory:
      return reason(code, {.settlement_ksh = "13736", .office_id = "jh-193"});
    case ReasonCode::kFrontOfficeLocal:
      return reason(code, {.settlement_ksh = "18421", .office_id = "jh-193"});
    case ReasonCode::kFrontOfficeInDistrict:
      return reason(code, {.settlement_ksh = "13736", .office_id = "jh-193"});
    case ReasonCode::kGovernmentWindowLocal:
      return reason(code, {.settlement_ksh = "18421"});
    case ReasonCode::kGovernmentWindowInDistrict:
      return reason(code, {.settlement_ksh = "13736"});
    case ReasonCode::kGovernmentWindowNearby:
      return reason(code, {.km = 23});
    case ReasonCode::kDistrictOfficeAlternative:
      return reason(code, {.settlement_ksh = "34014", .office_id = "jh-099"});
    case ReasonCode::kBusStop:
      return reason(code, {.settlement_ksh = "08192", .visit_id = "v-kab-2025-10-20-08192"});
    case ReasonCode::kAssistantVisit:
      return reason(code, {.settlement_ksh = "13736", .visit_id = "v-ugy-13736"});
  }
  return {};
}

using Lines = std::vector<std::pair<std::string, std::string>>;

Lines render_all() {
  const Catalog& c = fixture_catalog();
  Lines out;
  const auto add_reason = [&](std::string key, const Reason& r) {
    out.emplace_back("reason." + std::move(key), reason_text(c, r));
  };
  for (ReasonCode code : all_reason_codes()) add_reason(std::string(to_string(code)), fixture(code));
  // Variants: every municipal authority, another joint office, Budapest, "az" before a district name,
  // a visit without a place, and records missing from the catalog (their ids are shown).
  for (Authority a : {Authority::kRegistrar, Authority::kMayor}) {
    Reason r = fixture(ReasonCode::kOwnMayorsOffice);
    r.params.authority = a;
    add_reason("own_mayors_office." + std::string(to_string(a)), r);
  }
  add_reason("joint_office_member.anyakonyvvezeto",
             reason(ReasonCode::kJointOfficeMember, {.settlement_ksh = "23898",
                                                     .office_id = "koh-18041",
                                                     .seat_ksh = "18041",
                                                     .authority = Authority::kRegistrar}));
  add_reason("joint_office_seat.polgarmester",
             reason(ReasonCode::kJointOfficeSeat,
                    {.settlement_ksh = "22406", .office_id = "koh-22406", .authority = Authority::kMayor}));
  add_reason("front_office_in_district.budapest",
             reason(ReasonCode::kFrontOfficeInDistrict, {.settlement_ksh = "16337", .office_id = "jh-014"}));
  add_reason("front_office_local.budapest",
             reason(ReasonCode::kFrontOfficeLocal, {.settlement_ksh = "16337", .office_id = "jh-014"}));
  add_reason("government_window_in_district.az",
             reason(ReasonCode::kGovernmentWindowInDistrict, {.settlement_ksh = "18810"}));
  add_reason("government_window_in_district.budapest",
             reason(ReasonCode::kGovernmentWindowInDistrict, {.settlement_ksh = "16337"}));
  add_reason("government_window_nearby.zero", reason(ReasonCode::kGovernmentWindowNearby, {.km = 0}));
  add_reason("assistant_visit.no_place",
             reason(ReasonCode::kAssistantVisit, {.settlement_ksh = "18810", .visit_id = "v-ugy-18810"}));
  add_reason(
      "joint_office_member.unknown_records",
      reason(
          ReasonCode::kJointOfficeMember,
          {.settlement_ksh = "99999", .office_id = "koh-99998", .seat_ksh = "99998", .authority = Authority::kNotary}));
  for (Territory t : all_territories()) {
    out.emplace_back("territory_hint." + std::string(to_string(t)), territory_hint_text(t));
  }
  for (SettlementRole role : all_settlement_roles()) {
    const std::string name(to_string(role));
    out.emplace_back("settlement_role." + name, settlement_role_text(role));
    out.emplace_back("settlement_question." + name, settlement_question_text(role));
    Competence stated{Authority::kNotary, Territory::kResidence, role, std::nullopt};
    out.emplace_back("territory_hint.residence." + name, territory_hint_text(stated));
  }
  for (Authority a : {Authority::kGovernmentWindow, Authority::kDistrictOffice, Authority::kNotary,
                      Authority::kRegistrar, Authority::kMayor, Authority::kCentral}) {
    out.emplace_back("authority." + std::string(to_string(a)), authority_phrase(a));
  }
  Procedure central;
  central.competence.authority = Authority::kCentral;
  out.emplace_back("central_authority.without_note", central_authority_text(central));
  central.competence.note = "NAV (Nemzeti Adó- és Vámhivatal)";
  out.emplace_back("central_authority.with_note", central_authority_text(central));
  // Pickers: Budapest's districts read as people write them; elsewhere the name and the járás.
  for (const char* ksh : {"34014", "16337"}) {
    out.emplace_back(std::string("settlement_label.") + ksh, settlement_label(*c.settlement(ksh)));
  }
  for (const char* code : {"099", "014"}) {
    out.emplace_back(std::string("district_label.") + code, district_label(*c.district(code)));
  }
  // Contacts: a register address with its source and year; what is unknown and where to ask, for a
  // municipal and a government office; nothing when everything is known.
  out.emplace_back("address_note.pir",
                   address_note({"4095", "4095 Folyás, Szabadság tér 1.", "pir", "2013-11-15", "123"}));
  Office municipal = office("ph-16568", OfficeKind::kMayorsOffice, "Görbeháza Község Polgármesteri Hivatala");
  out.emplace_back("contact_note.municipal_nothing_known", contact_note(municipal));
  municipal.registered_address = RegisteredAddress{"4075", "4075 Görbeháza, Fő tér 1.", "pir", "2013-11-15", {}};
  out.emplace_back("contact_note.municipal_register_address", contact_note(municipal));
  Office window = office("ka-61", OfficeKind::kGovernmentWindow, "Kormányablak – Budapest I. kerület, Attila út 12.");
  window.address = "1013 Budapest, Attila út 12.";
  out.emplace_back("contact_note.government_window_address_only", contact_note(window));
  window.phone = "1818";
  window.email = "ugyfelszolgalat@example.hu";
  out.emplace_back("contact_note.everything_known", contact_note(window));
  for (const char* word : {"Hajdúnánási", "Egri", "Újtikosi", "Őrbottyáni", "Ibrányi", "Budapest"}) {
    out.emplace_back(std::string("article.") + word, article(word));
  }
  for (const char* word : {"Hivatal", "Hivatala", "Kirendeltsége", "Görbeháza", "Győr", "Pécs", "Szeged", "Tüskevár"}) {
    out.emplace_back(std::string("allative.") + word, allative(word));
  }
  return out;
}

constexpr std::string_view kHeader =
    "# Golden Hungarian wording of kb/wording_hu: key <TAB> text, rendered by tests/kb/wording_hu_test.cpp\n"
    "# from its fixed records. The API ships exactly these sentences (reason, territory_hint,\n"
    "# central_authority). Regenerate after an intended change with\n"
    "#   UGK_UPDATE_GOLDEN=1 build/tests/kb/ugk_kb_tests --gtest_filter='WordingHu.*'\n"
    "# and review the diff.\n";

Lines read_golden(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  Lines out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line.front() == '#') continue;
    const auto tab = line.find('\t');
    if (tab == std::string::npos) throw std::runtime_error("golden line without a tab: " + line);
    out.emplace_back(line.substr(0, tab), line.substr(tab + 1));
  }
  return out;
}

TEST(WordingHu, EveryReasonHintAndPhraseMatchesTheGoldenFile) {
  const Lines rendered = render_all();
  if (std::getenv("UGK_UPDATE_GOLDEN") != nullptr) {
    std::ofstream out(kGoldenFile);
    out << kHeader;
    for (const auto& [key, text] : rendered) out << key << '\t' << text << '\n';
    GTEST_SKIP() << "rewrote " << kGoldenFile;
  }
  const Lines golden = read_golden(kGoldenFile);
  std::map<std::string, std::string> expected(golden.begin(), golden.end());
  ASSERT_EQ(expected.size(), golden.size()) << "duplicate keys in " << kGoldenFile;
  std::set<std::string> seen;
  for (const auto& [key, text] : rendered) {
    seen.insert(key);
    const auto it = expected.find(key);
    if (it == expected.end()) {
      ADD_FAILURE() << "not in the golden file: " << key << '\t' << text;
    } else {
      EXPECT_EQ(text, it->second) << key;
    }
  }
  for (const auto& [key, text] : golden) EXPECT_TRUE(seen.count(key)) << "golden line no longer rendered: " << key;
}

TEST(WordingHu, TheGoldenFileCoversEveryReasonCodeAndTerritory) {
  std::set<std::string> keys;
  for (const auto& [key, text] : read_golden(kGoldenFile)) keys.insert(key);
  for (ReasonCode code : all_reason_codes())
    EXPECT_TRUE(keys.count("reason." + std::string(to_string(code)))) << to_string(code);
  for (Territory t : all_territories())
    EXPECT_TRUE(keys.count("territory_hint." + std::string(to_string(t)))) << to_string(t);
}

// On the real data every name a reason needs is found: no sentence shows a bare id.
TEST(WordingHu, ReasonsOfTheDemoDistrictsNameRecordsNotIds) {
  const Catalog& catalog = ugk::testing::reference_catalog();
  std::size_t rendered = 0;
  for (const char* district : {"099", "193", "014", "074"}) {
    for (const Settlement* s : catalog.settlements_in_district(district)) {
      for (Authority a : {Authority::kGovernmentWindow, Authority::kDistrictOffice, Authority::kNotary}) {
        const Route r = route_by_authority(catalog, a, *s, true);
        std::vector<Reason> reasons;
        for (const auto& o : r.offices) reasons.push_back(o.reason);
        for (const auto& v : r.visits) reasons.push_back(v.reason);
        for (const Reason& reason : reasons) {
          const std::string text = reason_text(catalog, reason);
          EXPECT_EQ(text.find(s->ksh_code), std::string::npos) << text;
          for (const char* prefix : {"ph-", "koh-", "kir-", "jh-", "ka-"})
            EXPECT_EQ(text.find(prefix), std::string::npos) << text;
          EXPECT_TRUE(text.ends_with(".")) << text;
          ++rendered;
        }
      }
    }
  }
  EXPECT_GT(rendered, 100u);
}

}  // namespace
}  // namespace ugk::kb
