// The domain's identifiers and fixed codes, decided here once (data/README.md §3):
// office ids by kind, local variants and local-only procedures, the id grammar every record obeys,
// Budapest's special codes. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "kb/model.h"

namespace ugk::kb {

// KSH code of Budapest as a whole: not a place where a case is handled (its districts are).
inline constexpr std::string_view kBudapestKsh = "13578";
// KSH legal status of the 23 Budapest districts.
inline constexpr std::string_view kBudapestDistrictStatus = "fővárosi kerület";

bool is_budapest_district(const Settlement& settlement);
// Budapest's districts are numbered 1-23 (their district codes "001"-"023"); 0 for anything else.
int budapest_district_number(const Settlement& settlement);
int budapest_district_number(const District& district);
// "XIV" for 14 (1-23); empty otherwise.
std::string_view budapest_district_numeral(int number);
// 14 for "xiv" (lower case); 0 for anything else.
int budapest_district_of_numeral(std::string_view numeral);

// Office ids of the ID scheme: "<prefix><key>", e.g. office_id(kJointOffice, "22406") == "koh-22406".
// `key` is a district code for district offices, a KSH code for municipal offices and branches.
std::string office_id(OfficeKind kind, std::string_view key);
std::string district_office_id(std::string_view district_code);
std::string mayors_office_id(std::string_view ksh_code);
std::string joint_office_id(std::string_view seat_ksh_code);
std::string branch_office_id(std::string_view ksh_code);

// Records owned by an office are named "<name>@<office id>": a local variant of a national procedure
// ("hagyateki-eljaras-hagyateki-leltar@koh-22406") and an office's local-only procedure
// ("telepulesi-tamogatas-lakhatas@ph-16568").
std::string owned_id(std::string_view name, std::string_view office_id);
struct OwnedId {
  std::string name;  // the national procedure id (variants) or the local name
  std::string office_id;
};
// nullopt unless `id` has exactly one '@' with a valid id on each side.
std::optional<OwnedId> split_owned_id(std::string_view id);

// The id grammar shared by every record kind: lower-case ASCII letters and digits in words joined by
// single hyphens ("ph-16568", "v-ugy-11925", "2026-01-10"), at most kMaxIdLength bytes; owned records
// join two such ids with '@'. Nothing else (no spaces, controls, '/', '%', or non-ASCII) so that an
// id can go into a URL path, a header and a log line as it is.
inline constexpr std::size_t kMaxIdLength = 120;
bool is_valid_simple_id(std::string_view id);
bool is_valid_id(std::string_view id);  // simple or owned
// A simple id made of a text (accents dropped, other characters turned into hyphens, cut at 60
// bytes): "Vendégház nyitás?" -> "vendeghaz-nyitas". Empty when the text has no letter or digit.
std::string id_from_text(std::string_view text);

}  // namespace ugk::kb
