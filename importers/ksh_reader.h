// Maps the KSH register CSVs (settlements, districts, joint offices) and the GeoNames coordinates
// to domain types, reporting every malformed row. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "importers/problem.h"
#include "importers/source_info.h"
#include "kb/model.h"

namespace ugk::importers {

inline constexpr std::string_view kSettlementsFile = "ksh/settlements_2024.csv";
inline constexpr std::string_view kDistrictsFile = "ksh/districts_2024.csv";
inline constexpr std::string_view kJointOfficesFile = "ksh/joint_offices_2024.csv";
inline constexpr std::string_view kOfficeCodesFile = "ksh/office_codes.csv";
inline constexpr std::string_view kCoordinatesFile = "geo/settlement_coords.csv";

// A row of joint_offices_2024.csv; used only to validate the settlements' office seats.
struct JointOffice {
  std::string seat_ksh;
  std::string seat_name;
  int member_count = 0;
  std::vector<std::string> member_ksh;
  std::size_t line = 0;
};

// A row of office_codes.csv: a KSH office code and how many settlements carry it.
struct OfficeCodeCount {
  int code = 0;
  int settlements = 0;
};

Read<kb::Settlement> read_settlements(std::string_view text, std::vector<Problem>& problems);
Read<kb::District> read_districts(std::string_view text, std::vector<Problem>& problems);
Read<JointOffice> read_joint_offices(std::string_view text, std::vector<Problem>& problems);
Read<OfficeCodeCount> read_office_codes(std::string_view text, std::vector<Problem>& problems);

// Sets lat/lon of the settlements named in the coordinates file. Rows for settlements that
// `settlements_source` rejected are not reported again as unknown.
void merge_coordinates(std::string_view text, std::vector<kb::Settlement>& settlements,
                       const SourceInfo& settlements_source, std::vector<Problem>& problems);

}  // namespace ugk::importers
