#include "kb/ids.h"

#include <algorithm>
#include <cctype>

#include "kb/enums.h"
#include "kb/text_fold.h"

namespace ugk::kb {

bool is_budapest_district(const Settlement& settlement) {
  return settlement.legal_status == kBudapestDistrictStatus;
}

namespace {

constexpr std::string_view kNumerals[] = {"I",    "II",    "III", "IV",  "V",    "VI",   "VII",  "VIII",
                                          "IX",   "X",     "XI",  "XII", "XIII", "XIV",  "XV",   "XVI",
                                          "XVII", "XVIII", "XIX", "XX",  "XXI",  "XXII", "XXIII"};
constexpr int kBudapestDistricts = 23;

int district_code_number(std::string_view code) {
  if (code.size() != 3 || code[0] != '0' || !std::isdigit(static_cast<unsigned char>(code[1])) ||
      !std::isdigit(static_cast<unsigned char>(code[2]))) {
    return 0;
  }
  const int n = (code[1] - '0') * 10 + (code[2] - '0');
  return n >= 1 && n <= kBudapestDistricts ? n : 0;
}

}  // namespace

int budapest_district_number(const Settlement& settlement) {
  return is_budapest_district(settlement) ? district_code_number(settlement.district_code) : 0;
}

int budapest_district_number(const District& district) {
  return district_code_number(district.code);
}

std::string_view budapest_district_numeral(int number) {
  return number >= 1 && number <= kBudapestDistricts ? kNumerals[number - 1] : std::string_view();
}

int budapest_district_of_numeral(std::string_view numeral) {
  for (int i = 0; i < kBudapestDistricts; ++i) {
    const std::string_view upper = kNumerals[i];
    if (upper.size() == numeral.size() && std::equal(upper.begin(), upper.end(), numeral.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) == b;
        })) {
      return i + 1;
    }
  }
  return 0;
}

std::string office_id(OfficeKind kind, std::string_view key) {
  return std::string(id_prefix(kind)) + std::string(key);
}
std::string district_office_id(std::string_view district_code) {
  return office_id(OfficeKind::kDistrictOffice, district_code);
}
std::string mayors_office_id(std::string_view ksh_code) {
  return office_id(OfficeKind::kMayorsOffice, ksh_code);
}
std::string joint_office_id(std::string_view seat_ksh_code) {
  return office_id(OfficeKind::kJointOffice, seat_ksh_code);
}
std::string branch_office_id(std::string_view ksh_code) {
  return office_id(OfficeKind::kBranch, ksh_code);
}

std::string owned_id(std::string_view name, std::string_view office) {
  return std::string(name) + "@" + std::string(office);
}

std::optional<OwnedId> split_owned_id(std::string_view id) {
  const auto at = id.find('@');
  if (at == std::string_view::npos || id.find('@', at + 1) != std::string_view::npos) return std::nullopt;
  const std::string_view name = id.substr(0, at);
  const std::string_view office = id.substr(at + 1);
  if (!is_valid_simple_id(name) || !is_valid_simple_id(office)) return std::nullopt;
  return OwnedId{std::string(name), std::string(office)};
}

bool is_valid_simple_id(std::string_view id) {
  if (id.empty() || id.size() > kMaxIdLength) return false;
  bool previous_hyphen = true;  // no leading hyphen
  for (const char c : id) {
    const bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (c == '-') {
      if (previous_hyphen) return false;
      previous_hyphen = true;
    } else if (word) {
      previous_hyphen = false;
    } else {
      return false;
    }
  }
  return !previous_hyphen;  // no trailing hyphen
}

std::string id_from_text(std::string_view text) {
  std::string out;
  for (const char c : fold(text)) {
    const bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (word) {
      if (out.size() >= 60) break;
      out += c;
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

bool is_valid_id(std::string_view id) {
  if (id.find('@') == std::string_view::npos) return is_valid_simple_id(id);
  return id.size() <= 2 * kMaxIdLength + 1 && split_owned_id(id).has_value();
}

}  // namespace ugk::kb
