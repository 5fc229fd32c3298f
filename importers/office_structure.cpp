#include "importers/office_structure.h"

#include <algorithm>
#include <array>
#include <utility>

#include "importers/ksh_reader.h"
#include "kb/ids.h"

namespace ugk::importers {
namespace {

using kb::kBudapestKsh;
constexpr std::string_view kCapitalCounty = "főváros";  // the "county" of the Budapest districts
constexpr std::string_view kDerivedProvenance = "KSH helységnévtár 2024";

kb::Office derived_office(std::string id, kb::OfficeKind kind, std::string name) {
  kb::Office office;
  office.id = std::move(id);
  office.kind = kind;
  office.name = std::move(name);
  office.derived = true;
  office.provenance["structure"] = std::string(kDerivedProvenance);
  return office;
}

int district_number(const std::string& code) {
  return std::stoi(code);
}

std::string district_office_name(const kb::District& district) {
  if (district.county == kCapitalCounty) {
    return "Budapest Főváros Kormányhivatala " + roman_numeral(district_number(district.code)) + ". Kerületi Hivatala";
  }
  return district.county + " Vármegyei Kormányhivatal " + district.name + " Járási Hivatala";
}

// Follows the naming of the offices.json detail records ("Görbeháza Község Polgármesteri
// Hivatala", "Budapest Főváros XIV. kerület Polgármesteri Hivatala").
std::string mayors_office_name(const kb::Settlement& s) {
  if (s.ksh_code == kBudapestKsh) return "Budapest Főváros Főpolgármesteri Hivatala";
  if (kb::is_budapest_district(s)) {
    return "Budapest Főváros " + roman_numeral(district_number(s.district_code)) + ". kerület Polgármesteri Hivatala";
  }
  std::string rank;
  if (s.legal_status == "község") {
    rank = "Község";
  } else if (s.legal_status == "nagyközség") {
    rank = "Nagyközség";
  } else if (s.legal_status.find("megyei jogú város") != std::string::npos) {
    rank = "Megyei Jogú Város";
  } else {
    rank = "Város";
  }
  return s.name + " " + rank + " Polgármesteri Hivatala";
}

}  // namespace

std::string roman_numeral(int value) {
  static constexpr std::array<std::pair<int, const char*>, 13> kSymbols{{{1000, "M"},
                                                                         {900, "CM"},
                                                                         {500, "D"},
                                                                         {400, "CD"},
                                                                         {100, "C"},
                                                                         {90, "XC"},
                                                                         {50, "L"},
                                                                         {40, "XL"},
                                                                         {10, "X"},
                                                                         {9, "IX"},
                                                                         {5, "V"},
                                                                         {4, "IV"},
                                                                         {1, "I"}}};
  std::string out;
  for (const auto& [amount, symbol] : kSymbols) {
    while (value >= amount) {
      out += symbol;
      value -= amount;
    }
  }
  return out;
}

std::vector<kb::Office> derive_offices(const std::vector<kb::Settlement>& settlements,
                                       const std::vector<kb::District>& districts, std::vector<Problem>& problems) {
  std::vector<kb::Office> offices;
  offices.reserve(districts.size() + settlements.size() / 2);
  std::map<std::string, const kb::Settlement*> seats;  // district code -> seat settlement
  for (const auto& s : settlements) {
    if (!s.is_district_seat) continue;
    auto [it, inserted] = seats.emplace(s.district_code, &s);
    if (!inserted) {
      problems.push_back({std::string(kSettlementsFile), "ksh_code=" + s.ksh_code, std::nullopt, "is_district_seat",
                          "a járásnak már van székhelye (the district already has a seat): " + it->second->ksh_code});
    }
  }
  for (const auto& d : districts) {
    kb::Office office =
        derived_office(kb::district_office_id(d.code), kb::OfficeKind::kDistrictOffice, district_office_name(d));
    office.district_code = d.code;
    if (auto it = seats.find(d.code); it != seats.end()) {
      office.settlement_ksh = it->second->ksh_code;
    } else {
      problems.push_back({std::string(kDistrictsFile), "district_code=" + d.code, std::nullopt, "district_seat",
                          "a járásnak nincs székhelytelepülése (no settlement is marked as the district seat)"});
    }
    offices.push_back(std::move(office));
  }
  for (const auto& s : settlements) {
    kb::Office office;
    if (s.office_code == kb::MunicipalOfficeCode::kOwnMayorsOffice) {
      office = derived_office(kb::mayors_office_id(s.ksh_code), kb::OfficeKind::kMayorsOffice, mayors_office_name(s));
    } else if (s.office_code == kb::MunicipalOfficeCode::kJointOfficeSeat) {
      // The adjective form of the seat's name ("Hajdúnánási") cannot be derived reliably; the
      // detail record supplies it where one exists.
      office = derived_office(kb::joint_office_id(s.ksh_code), kb::OfficeKind::kJointOffice,
                              s.name + " székhelyű Közös Önkormányzati Hivatal");
    } else {
      continue;
    }
    office.settlement_ksh = s.ksh_code;
    if (!s.district_code.empty()) office.district_code = s.district_code;
    offices.push_back(std::move(office));
  }
  std::sort(offices.begin(), offices.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  return offices;
}

std::vector<kb::Office> merge_office_details(std::vector<kb::Office> derived, const std::vector<kb::Office>& details) {
  std::map<std::string, kb::Office> by_id;
  for (auto& office : derived) {
    std::string id = office.id;
    by_id.emplace(std::move(id), std::move(office));
  }
  for (const auto& detail : details) {
    kb::Office office = detail;
    office.derived = false;
    by_id.insert_or_assign(detail.id, std::move(office));
  }
  std::vector<kb::Office> merged;
  merged.reserve(by_id.size());
  for (auto& [id, office] : by_id) merged.push_back(std::move(office));
  return merged;
}

}  // namespace ugk::importers
