#include "kb/ids.h"

#include "kb/enums.h"

namespace ugk::kb {

bool is_budapest_district(const Settlement& settlement) {
  return settlement.legal_status == kBudapestDistrictStatus;
}

std::string office_id(OfficeKind kind, std::string_view key) {
  return std::string(id_prefix(kind)) + std::string(key);
}
std::string district_office_id(std::string_view district_code) {
  return office_id(OfficeKind::kDistrictOffice, district_code);
}
std::string mayors_office_id(std::string_view ksh_code) { return office_id(OfficeKind::kMayorsOffice, ksh_code); }
std::string joint_office_id(std::string_view seat_ksh_code) {
  return office_id(OfficeKind::kJointOffice, seat_ksh_code);
}
std::string branch_office_id(std::string_view ksh_code) { return office_id(OfficeKind::kBranch, ksh_code); }

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

bool is_valid_id(std::string_view id) {
  if (id.find('@') == std::string_view::npos) return is_valid_simple_id(id);
  return id.size() <= 2 * kMaxIdLength + 1 && split_owned_id(id).has_value();
}

}  // namespace ugk::kb
