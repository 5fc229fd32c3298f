// String forms of the domain enums, exactly as they appear in the bundle and the API.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "kb/model.h"

namespace ugk::kb {

std::string_view to_string(OfficeKind kind);
std::string_view to_string(Authority authority);
std::string_view to_string(Territory territory);
std::string_view to_string(DayType type);
std::string_view to_string(WorkedSaturdayRule rule);

// Every territory, in declaration order (for tables that cover them all).
std::span<const Territory> all_territories();
std::span<const Authority> all_authorities();

std::optional<OfficeKind> parse_office_kind(std::string_view text);
std::optional<Authority> parse_authority(std::string_view text);
std::optional<Territory> parse_territory(std::string_view text);
std::optional<DayType> parse_day_type(std::string_view text);
std::optional<WorkedSaturdayRule> parse_worked_saturday_rule(std::string_view text);

std::string_view to_string(SettlementRole role);
std::optional<SettlementRole> parse_settlement_role(std::string_view text);
std::span<const SettlementRole> all_settlement_roles();
// The role whose settlement decides a procedure's competence: the stated one, else the one its
// territory implies (a residence is the applicant's, a property place the property's location).
SettlementRole settlement_role(const Competence& competence);

std::string_view to_string(QuestionKind kind);
std::optional<QuestionKind> parse_question_kind(std::string_view text);
// "swapped_weekday, as_written, closed": the allowed values, for messages.
std::string_view worked_saturday_rule_names();

// Office-id prefix that the bundle's ID scheme gives each kind ("jh-", "ph-", ...).
std::string_view id_prefix(OfficeKind kind);

}  // namespace ugk::kb
