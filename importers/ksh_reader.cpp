#include "importers/ksh_reader.h"

#include <algorithm>
#include <map>
#include <optional>

#include "importers/csv_reader.h"
#include "importers/text_checks.h"
#include "kb/formats.h"

namespace ugk::importers {
namespace {

// Hungary's bounding box with a small margin; a coordinate outside it is a matching error.
constexpr double kMinLat = 45.7;
constexpr double kMaxLat = 48.6;
constexpr double kMinLon = 16.1;
constexpr double kMaxLon = 22.9;

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> items;
  if (text.empty()) return items;
  std::size_t start = 0;
  while (true) {
    std::size_t end = text.find(';', start);
    items.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return items;
}

// Collects the problems of one row so that a row with several bad columns reports all of them.
class RowChecker {
 public:
  RowChecker(std::string file, std::string record, std::size_t line, std::vector<Problem>& problems)
      : file_(std::move(file)), record_(std::move(record)), line_(line), problems_(problems) {}

  void fail(std::string_view column, std::string message) {
    problems_.push_back({file_, record_, line_, std::string(column), std::move(message)});
    ok_ = false;
  }

  template <typename Int>
  Int integer(const CsvRow& row, std::string_view column) {
    auto value = parse_int(row[column]);
    if (!value) {
      fail(column, "nem egész szám (not an integer): \"" + row[column] + "\"");
      return 0;
    }
    return static_cast<Int>(*value);
  }

  void ksh_code(const std::string& text, std::string_view column, bool allow_empty) {
    if (allow_empty && text.empty()) return;
    if (!kb::is_digits(text, 5)) fail(column, "nem ötjegyű KSH-kód (not a 5-digit KSH code): \"" + text + "\"");
  }

  void district_code(const std::string& text, std::string_view column, bool allow_empty) {
    if (allow_empty && text.empty()) return;
    if (!kb::is_digits(text, 3))
      fail(column, "nem háromjegyű járáskód (not a 3-digit district code): \"" + text + "\"");
  }

  bool ok() const { return ok_; }

 private:
  std::string file_;
  std::string record_;
  std::size_t line_;
  std::vector<Problem>& problems_;
  bool ok_ = true;
};

}  // namespace

Read<kb::Settlement> read_settlements(std::string_view text, std::vector<Problem>& problems) {
  const std::string file(kSettlementsFile);
  auto parsed = parse_csv(
      text, file,
      {"ksh_code", "name", "legal_status", "county", "district_code", "district_name", "district_seat",
       "is_district_seat", "office_code", "office_seat", "office_seat_ksh_code", "area_ha", "population_2024_01_01",
       "dwellings", "nationality_self_governments", "postal_codes_posta", "postal_codes_hnt", "settlement_parts"});
  problems.insert(problems.end(), parsed.problems.begin(), parsed.problems.end());
  Read<kb::Settlement> result;
  result.source.file = file;
  result.source.usable = parsed.usable;
  for (const auto& record : parsed.table.records) {
    CsvRow row(parsed.table, record);
    RowChecker check(file, "ksh_code=" + row["ksh_code"], row.line(), problems);
    kb::Settlement s;
    s.ksh_code = row["ksh_code"];
    check.ksh_code(s.ksh_code, "ksh_code", false);
    s.name = row["name"];
    if (s.name.empty()) check.fail("name", "üres név (empty name)");
    s.legal_status = row["legal_status"];
    s.county = row["county"];
    s.district_code = row["district_code"];
    check.district_code(s.district_code, "district_code", true);
    const std::string& seat_flag = row["is_district_seat"];
    // Budapest as a whole belongs to no district, so its seat flag is empty.
    bool no_district = s.district_code.empty() && seat_flag.empty();
    if (seat_flag != "0" && seat_flag != "1" && !no_district) {
      check.fail("is_district_seat", "0 vagy 1 szükséges (expected 0 or 1): \"" + seat_flag + "\"");
    }
    s.is_district_seat = seat_flag == "1";
    const std::string& code = row["office_code"];
    if (code == "1") {
      s.office_code = kb::MunicipalOfficeCode::kOwnMayorsOffice;
    } else if (code == "2") {
      s.office_code = kb::MunicipalOfficeCode::kJointOfficeSeat;
    } else if (code == "5") {
      s.office_code = kb::MunicipalOfficeCode::kJointOfficeMember;
    } else {
      check.fail("office_code",
                 "ismeretlen hivatali kód, 1, 2 vagy 5 szükséges (unknown office code): \"" + code + "\"");
    }
    s.office_seat_ksh = row["office_seat_ksh_code"];
    check.ksh_code(s.office_seat_ksh, "office_seat_ksh_code", true);
    s.area_ha = check.integer<std::int64_t>(row, "area_ha");
    s.population = check.integer<std::int64_t>(row, "population_2024_01_01");
    s.dwellings = check.integer<std::int64_t>(row, "dwellings");
    s.nationality_self_governments = split_list(row["nationality_self_governments"]);
    s.postal_codes = split_list(row["postal_codes_posta"]);
    s.postal_codes_hnt = split_list(row["postal_codes_hnt"]);
    s.settlement_parts = check.integer<int>(row, "settlement_parts");
    if (check.ok() && !result.source.lines.emplace(s.ksh_code, row.line()).second) {
      check.fail("ksh_code", "ismétlődő KSH-kód (duplicate KSH code)");
    }
    if (check.ok()) {
      result.records.push_back(std::move(s));
    } else {
      result.source.rejected.insert(row["ksh_code"]);
    }
  }
  return result;
}

Read<kb::District> read_districts(std::string_view text, std::vector<Problem>& problems) {
  const std::string file(kDistrictsFile);
  auto parsed =
      parse_csv(text, file,
                {"district_code", "district_name", "district_seat", "county", "settlements", "population_2024_01_01"});
  problems.insert(problems.end(), parsed.problems.begin(), parsed.problems.end());
  Read<kb::District> result;
  result.source.file = file;
  result.source.usable = parsed.usable;
  for (const auto& record : parsed.table.records) {
    CsvRow row(parsed.table, record);
    RowChecker check(file, "district_code=" + row["district_code"], row.line(), problems);
    kb::District d;
    d.code = row["district_code"];
    check.district_code(d.code, "district_code", false);
    d.name = row["district_name"];
    d.seat = row["district_seat"];
    d.county = row["county"];
    if (d.name.empty()) check.fail("district_name", "üres név (empty name)");
    d.settlement_count = check.integer<int>(row, "settlements");
    d.population = check.integer<std::int64_t>(row, "population_2024_01_01");
    if (check.ok() && !result.source.lines.emplace(d.code, row.line()).second) {
      check.fail("district_code", "ismétlődő járáskód (duplicate district code)");
    }
    if (check.ok()) {
      result.records.push_back(std::move(d));
    } else {
      result.source.rejected.insert(row["district_code"]);
    }
  }
  return result;
}

Read<JointOffice> read_joint_offices(std::string_view text, std::vector<Problem>& problems) {
  const std::string file(kJointOfficesFile);
  auto parsed = parse_csv(text, file,
                          {"office_seat", "office_seat_ksh_code", "county", "district_name", "member_count",
                           "member_settlements", "member_ksh_codes"});
  problems.insert(problems.end(), parsed.problems.begin(), parsed.problems.end());
  Read<JointOffice> result;
  result.source.file = file;
  result.source.usable = parsed.usable;
  for (const auto& record : parsed.table.records) {
    CsvRow row(parsed.table, record);
    RowChecker check(file, "office_seat_ksh_code=" + row["office_seat_ksh_code"], row.line(), problems);
    JointOffice office;
    office.seat_name = row["office_seat"];
    office.seat_ksh = row["office_seat_ksh_code"];
    check.ksh_code(office.seat_ksh, "office_seat_ksh_code", false);
    office.member_count = check.integer<int>(row, "member_count");
    office.member_ksh = split_list(row["member_ksh_codes"]);
    for (const auto& member : office.member_ksh) check.ksh_code(member, "member_ksh_codes", false);
    if (check.ok() && static_cast<std::size_t>(office.member_count) != office.member_ksh.size()) {
      check.fail("member_count",
                 "a tagok száma nem egyezik a felsorolt KSH-kódokkal (member_count differs from "
                 "the listed codes): " +
                     std::to_string(office.member_count) + " / " + std::to_string(office.member_ksh.size()));
    }
    office.line = row.line();
    if (check.ok() && !result.source.lines.emplace(office.seat_ksh, row.line()).second) {
      check.fail("office_seat_ksh_code", "ismétlődő székhely (duplicate seat)");
    }
    if (check.ok()) {
      result.records.push_back(std::move(office));
    } else {
      result.source.rejected.insert(row["office_seat_ksh_code"]);
    }
  }
  return result;
}

Read<OfficeCodeCount> read_office_codes(std::string_view text, std::vector<Problem>& problems) {
  const std::string file(kOfficeCodesFile);
  auto parsed = parse_csv(text, file, {"code", "meaning_hu", "settlements_2024"});
  problems.insert(problems.end(), parsed.problems.begin(), parsed.problems.end());
  Read<OfficeCodeCount> result;
  result.source.file = file;
  result.source.usable = parsed.usable;
  for (const auto& record : parsed.table.records) {
    CsvRow row(parsed.table, record);
    RowChecker check(file, "code=" + row["code"], row.line(), problems);
    OfficeCodeCount count;
    count.code = check.integer<int>(row, "code");
    count.settlements = check.integer<int>(row, "settlements_2024");
    if (check.ok() && !result.source.lines.emplace(row["code"], row.line()).second) {
      check.fail("code", "ismétlődő kód (duplicate code)");
    }
    if (check.ok()) {
      result.records.push_back(count);
    } else {
      result.source.rejected.insert(row["code"]);
    }
  }
  return result;
}

void merge_coordinates(std::string_view text, std::vector<kb::Settlement>& settlements,
                       const SourceInfo& settlements_source, std::vector<Problem>& problems) {
  const std::string file(kCoordinatesFile);
  auto parsed = parse_csv(text, file, {"ksh_code", "name", "lat", "lon"});
  problems.insert(problems.end(), parsed.problems.begin(), parsed.problems.end());
  std::map<std::string, kb::Settlement*, std::less<>> by_code;
  for (auto& s : settlements) by_code[s.ksh_code] = &s;
  std::set<std::string> seen;
  for (const auto& record : parsed.table.records) {
    CsvRow row(parsed.table, record);
    const std::string& code = row["ksh_code"];
    RowChecker check(file, "ksh_code=" + code, row.line(), problems);
    check.ksh_code(code, "ksh_code", false);
    auto lat = parse_double(row["lat"]);
    auto lon = parse_double(row["lon"]);
    if (!lat) {
      check.fail("lat", "nem szám (not a number): \"" + row["lat"] + "\"");
    } else if (*lat < kMinLat || *lat > kMaxLat) {
      check.fail("lat", "Magyarországon kívül (outside Hungary): " + row["lat"]);
    }
    if (!lon) {
      check.fail("lon", "nem szám (not a number): \"" + row["lon"] + "\"");
    } else if (*lon < kMinLon || *lon > kMaxLon) {
      check.fail("lon", "Magyarországon kívül (outside Hungary): " + row["lon"]);
    }
    if (!check.ok()) continue;
    if (!seen.insert(code).second) {
      check.fail("ksh_code", "ismétlődő KSH-kód (duplicate KSH code)");
      continue;
    }
    auto it = by_code.find(code);
    if (it == by_code.end()) {
      if (!settlements_source.is_rejected(code)) {
        check.fail("ksh_code", "ismeretlen település (unknown settlement)");
      }
      continue;
    }
    if (it->second->name != row["name"]) {
      check.fail("name", "a név eltér a KSH-névtől (name differs from the KSH register): \"" + row["name"] + "\" / \"" +
                             it->second->name + "\"");
      continue;
    }
    it->second->lat = *lat;
    it->second->lon = *lon;
  }
}

}  // namespace ugk::importers
