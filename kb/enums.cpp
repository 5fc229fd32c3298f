#include "kb/enums.h"

#include "kb/enum_names.h"

namespace ugk::kb {
namespace {

template <typename E, std::size_t N>
using Names = EnumNames<E, N>;

constexpr Names<OfficeKind, 6> kOfficeKinds{{
    {OfficeKind::kDistrictOffice, "jarasi_hivatal"},
    {OfficeKind::kMayorsOffice, "polgarmesteri_hivatal"},
    {OfficeKind::kJointOffice, "kozos_onkormanyzati_hivatal"},
    {OfficeKind::kBranch, "kirendeltseg"},
    {OfficeKind::kGovernmentWindow, "kormanyablak"},
    {OfficeKind::kGovernmentWindowBus, "kormanyablakbusz"},
}};

constexpr Names<Authority, 6> kAuthorities{{
    {Authority::kGovernmentWindow, "kormanyablak"},
    {Authority::kDistrictOffice, "jarasi_hivatal"},
    {Authority::kNotary, "jegyzo"},
    {Authority::kRegistrar, "anyakonyvvezeto"},
    {Authority::kMayor, "polgarmester"},
    {Authority::kCentral, "kozponti"},
}};

constexpr Names<Territory, 6> kTerritories{{
    {Territory::kAny, "any"},
    {Territory::kResidence, "residence"},
    {Territory::kEventPlace, "event_place"},
    {Territory::kPropertyPlace, "property_place"},
    {Territory::kBusinessPlace, "business_place"},
    {Territory::kFoundPlace, "found_place"},
}};

constexpr Names<SettlementRole, 7> kSettlementRoles{{
    {SettlementRole::kApplicantResidence, "applicant_residence"},
    {SettlementRole::kDeceasedResidence, "deceased_residence"},
    {SettlementRole::kPropertyLocation, "property_location"},
    {SettlementRole::kBusinessSeat, "business_seat"},
    {SettlementRole::kVehicleOwnerResidence, "vehicle_owner_residence"},
    {SettlementRole::kEventPlace, "event_place"},
    {SettlementRole::kFoundPlace, "found_place"},
}};

constexpr Names<QuestionKind, 6> kQuestionKinds{{
    {QuestionKind::kYesNo, "yes_no"},
    {QuestionKind::kOneOf, "one_of"},
    {QuestionKind::kSeveralOf, "several_of"},
    {QuestionKind::kDate, "date"},
    {QuestionKind::kNumber, "number"},
    {QuestionKind::kSettlement, "settlement"},
}};

constexpr Names<DayType, 3> kDayTypes{{
    {DayType::kPublicHoliday, "munkaszuneti_nap"},
    {DayType::kBridgeRestDay, "athelyezett_pihenonap"},
    {DayType::kWorkingSaturday, "athelyezett_munkanap"},
}};

constexpr Names<WorkedSaturdayRule, 3> kWorkedSaturdayRules{{
    {WorkedSaturdayRule::kSwappedWeekday, "swapped_weekday"},
    {WorkedSaturdayRule::kAsWritten, "as_written"},
    {WorkedSaturdayRule::kClosed, "closed"},
}};

}  // namespace

std::string_view to_string(OfficeKind kind) {
  return name_of(kOfficeKinds, kind);
}
std::string_view to_string(Authority authority) {
  return name_of(kAuthorities, authority);
}
std::string_view to_string(Territory territory) {
  return name_of(kTerritories, territory);
}
std::string_view to_string(DayType type) {
  return name_of(kDayTypes, type);
}
std::string_view to_string(WorkedSaturdayRule rule) {
  return name_of(kWorkedSaturdayRules, rule);
}

std::span<const Authority> all_authorities() {
  static constexpr auto kValues = values_of(kAuthorities);
  return kValues;
}

std::span<const Territory> all_territories() {
  static constexpr auto kValues = values_of(kTerritories);
  return kValues;
}

std::optional<OfficeKind> parse_office_kind(std::string_view text) {
  return value_of(kOfficeKinds, text);
}
std::optional<Authority> parse_authority(std::string_view text) {
  return value_of(kAuthorities, text);
}
std::optional<Territory> parse_territory(std::string_view text) {
  return value_of(kTerritories, text);
}
std::string_view to_string(SettlementRole role) {
  return name_of(kSettlementRoles, role);
}
std::optional<SettlementRole> parse_settlement_role(std::string_view text) {
  return value_of(kSettlementRoles, text);
}
std::span<const SettlementRole> all_settlement_roles() {
  static constexpr auto kValues = values_of(kSettlementRoles);
  return kValues;
}
SettlementRole settlement_role(const Competence& competence) {
  if (competence.settlement_role) return *competence.settlement_role;
  switch (competence.territory) {
    case Territory::kAny:
    case Territory::kResidence:
      return SettlementRole::kApplicantResidence;
    case Territory::kEventPlace:
      return SettlementRole::kEventPlace;
    case Territory::kPropertyPlace:
      return SettlementRole::kPropertyLocation;
    case Territory::kBusinessPlace:
      return SettlementRole::kBusinessSeat;
    case Territory::kFoundPlace:
      return SettlementRole::kFoundPlace;
  }
  return SettlementRole::kApplicantResidence;
}
std::string_view to_string(QuestionKind kind) {
  return name_of(kQuestionKinds, kind);
}
std::optional<QuestionKind> parse_question_kind(std::string_view text) {
  return value_of(kQuestionKinds, text);
}

std::optional<DayType> parse_day_type(std::string_view text) {
  return value_of(kDayTypes, text);
}
std::optional<WorkedSaturdayRule> parse_worked_saturday_rule(std::string_view text) {
  return value_of(kWorkedSaturdayRules, text);
}
std::string_view worked_saturday_rule_names() {
  return "swapped_weekday, as_written, closed";
}

std::string_view id_prefix(OfficeKind kind) {
  switch (kind) {
    case OfficeKind::kDistrictOffice:
      return "jh-";
    case OfficeKind::kMayorsOffice:
      return "ph-";
    case OfficeKind::kJointOffice:
      return "koh-";
    case OfficeKind::kBranch:
      return "kir-";
    case OfficeKind::kGovernmentWindow:
      return "ka-";
    case OfficeKind::kGovernmentWindowBus:
      return "kab-";
  }
  return "";
}

}  // namespace ugk::kb
