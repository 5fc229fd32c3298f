#include "importers/bundle_reader.h"

#include <algorithm>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <string>

#include "importers/bundle_validator.h"
#include "importers/calendar_reader.h"
#include "importers/json_records.h"
#include "importers/ksh_reader.h"
#include "importers/office_structure.h"
#include "importers/supplement_reader.h"

namespace ugk::importers {
namespace {

constexpr std::string_view kProceduresFile = "procedures.json";
constexpr std::string_view kFormsFile = "forms.json";
constexpr std::string_view kVisitsFile = "visits.json";
constexpr std::string_view kClosuresFile = "calendar/closures.json";
constexpr std::string_view kStructureStep = "office structure";
constexpr std::string_view kValidationStep = "validation";
constexpr std::size_t kSteps = 20;  // 18 files + office structure + validation

std::string_view file_of(kb::RecordKind kind) {
  return kb::info(kind).bundle_file;
}

std::optional<std::string> read_file(const std::filesystem::path& root, std::string_view relative,
                                     std::vector<Problem>& problems) {
  const std::filesystem::path path = root / relative;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    problems.push_back({std::string(relative), "", std::nullopt, "", "hiányzó fájl (missing file)"});
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  if (!in.good() && !in.eof()) {
    problems.push_back({std::string(relative), "", std::nullopt, "", "a fájl nem olvasható (cannot read file)"});
    return std::nullopt;
  }
  return std::move(content).str();
}

template <typename T>
Read<T> read_json(const std::filesystem::path& root, std::string_view relative, std::vector<Problem>& problems) {
  auto text = read_file(root, relative, problems);
  if (!text) {
    Read<T> missing;
    missing.source.file = std::string(relative);
    return missing;
  }
  return decode_records<T>(parse_json_records(*text, std::string(relative), problems), problems);
}

// A file the bundle may leave out (kb::BundlePresence::kOptional): absent, it holds no records and the
// import keeps what is stored; present, it is read like any other.
template <typename T>
Read<T> read_optional_json(const std::filesystem::path& root, kb::RecordKind kind, std::set<kb::RecordKind>& absent,
                           std::vector<Problem>& problems) {
  const std::string_view relative = file_of(kind);
  std::error_code ec;
  if (!std::filesystem::exists(root / relative, ec)) {
    absent.insert(kind);
    Read<T> none;
    none.source.file = std::string(relative);
    none.source.usable = true;
    return none;
  }
  return read_json<T>(root, relative, problems);
}

// An optional file that adds to records of other files (supplement_reader.h): its text, or nullopt
// when the bundle does not have it.
std::optional<std::string> read_optional_file(const std::filesystem::path& root, std::string_view relative,
                                              std::vector<Problem>& problems) {
  std::error_code ec;
  if (!std::filesystem::exists(root / relative, ec)) return std::nullopt;
  return read_file(root, relative, problems);
}

template <typename T, typename ReadFn>
Read<T> read_csv(const std::filesystem::path& root, std::string_view relative, ReadFn read,
                 std::vector<Problem>& problems) {
  auto text = read_file(root, relative, problems);
  if (!text) {
    Read<T> missing;
    missing.source.file = std::string(relative);
    return missing;
  }
  return read(*text, problems);
}

template <typename T, typename Key>
void sort_by(std::vector<T>& records, Key key) {
  std::sort(records.begin(), records.end(), [&](const T& a, const T& b) { return key(a) < key(b); });
}

}  // namespace

ReadResult read_bundle(const std::filesystem::path& root, const Progress& progress) {
  ReadResult result;
  std::vector<Problem>& problems = result.problems;
  std::size_t done = 0;
  auto step = [&](std::string_view name) {
    ++done;
    if (progress) progress(name, done, kSteps);
  };

  auto settlements = read_csv<kb::Settlement>(root, kSettlementsFile, read_settlements, problems);
  step(kSettlementsFile);
  auto districts = read_csv<kb::District>(root, kDistrictsFile, read_districts, problems);
  step(kDistrictsFile);
  auto joint_offices = read_csv<JointOffice>(root, kJointOfficesFile, read_joint_offices, problems);
  step(kJointOfficesFile);
  auto office_codes = read_csv<OfficeCodeCount>(root, kOfficeCodesFile, read_office_codes, problems);
  step(kOfficeCodesFile);
  if (auto coords = read_file(root, kCoordinatesFile, problems); coords && settlements.source.usable) {
    merge_coordinates(*coords, settlements.records, settlements.source, problems);
  }
  step(kCoordinatesFile);
  auto offices = read_json<kb::Office>(root, kOfficesFile, problems);
  step(kOfficesFile);
  auto procedures = read_json<kb::Procedure>(root, kProceduresFile, problems);
  step(kProceduresFile);
  auto forms = read_json<kb::Form>(root, kFormsFile, problems);
  step(kFormsFile);
  auto visits = read_json<kb::Visit>(root, kVisitsFile, problems);
  step(kVisitsFile);
  auto holidays = read_csv<kb::CalendarDay>(root, kHolidaysFile, read_holidays, problems);
  step(kHolidaysFile);
  auto closures = read_json<kb::Closure>(root, kClosuresFile, problems);
  step(kClosuresFile);
  auto local_procedures =
      read_optional_json<kb::Procedure>(root, kb::RecordKind::kLocalProcedure, result.absent, problems);
  step(file_of(kb::RecordKind::kLocalProcedure));
  auto variants = read_optional_json<kb::LocalVariant>(root, kb::RecordKind::kVariant, result.absent, problems);
  step(file_of(kb::RecordKind::kVariant));
  auto guides = read_optional_json<kb::Guide>(root, kb::RecordKind::kGuide, result.absent, problems);
  step(file_of(kb::RecordKind::kGuide));
  auto search_synonyms =
      read_optional_json<kb::SearchSynonym>(root, kb::RecordKind::kSearchSynonym, result.absent, problems);
  step(file_of(kb::RecordKind::kSearchSynonym));
  auto best_bets = read_optional_json<kb::BestBet>(root, kb::RecordKind::kBestBet, result.absent, problems);
  step(file_of(kb::RecordKind::kBestBet));

  kb::Bundle& bundle = result.bundle;
  bundle.settlements = std::move(settlements.records);
  bundle.districts = std::move(districts.records);
  sort_by(bundle.settlements, [](const kb::Settlement& s) -> const std::string& { return s.ksh_code; });
  sort_by(bundle.districts, [](const kb::District& d) -> const std::string& { return d.code; });
  // Deriving from half a register would report every office of the missing half.
  std::vector<kb::Office> derived;
  if (settlements.source.usable && districts.source.usable) {
    derived = derive_offices(bundle.settlements, bundle.districts, problems);
  }
  bundle.offices = merge_office_details(std::move(derived), offices.records);
  step(kStructureStep);
  // Without the register there is no office structure to attach addresses to (its problem is reported).
  if (auto text = read_optional_file(root, kRegisteredAddressesFile, problems);
      text && settlements.source.usable && districts.source.usable) {
    // With a settlement row left out as malformed, some offices were not derived: an address row for
    // one of them is a consequence, not a problem of its own.
    merge_registered_addresses(*text, bundle.offices, settlements.source.rejected.empty(), problems);
  }
  step(kRegisteredAddressesFile);

  bundle.procedures = std::move(procedures.records);
  bundle.local_procedures = std::move(local_procedures.records);
  bundle.variants = std::move(variants.records);
  bundle.forms = std::move(forms.records);
  bundle.visits = std::move(visits.records);
  bundle.calendar_days = std::move(holidays.records);
  bundle.closures = std::move(closures.records);
  bundle.guides = std::move(guides.records);
  bundle.search_synonyms = std::move(search_synonyms.records);
  bundle.best_bets = std::move(best_bets.records);
  auto by_id = [](const auto& record) -> const std::string& { return record.id; };
  sort_by(bundle.procedures, by_id);
  sort_by(bundle.local_procedures, by_id);
  sort_by(bundle.variants, by_id);
  sort_by(bundle.forms, by_id);
  sort_by(bundle.visits, by_id);
  sort_by(bundle.closures, by_id);
  sort_by(bundle.guides, by_id);
  sort_by(bundle.search_synonyms, by_id);
  sort_by(bundle.best_bets, by_id);
  sort_by(bundle.calendar_days, [](const kb::CalendarDay& d) -> const std::string& { return d.date; });
  // Links to procedures that could not be read are not reported a second time.
  if (auto text = read_optional_file(root, kRelatedProceduresFile, problems);
      text && procedures.source.usable && local_procedures.source.usable) {
    std::set<std::string, std::less<>> unreadable = procedures.source.rejected;
    unreadable.insert(local_procedures.source.rejected.begin(), local_procedures.source.rejected.end());
    merge_related_procedures(*text, bundle.procedures, bundle.local_procedures, unreadable, problems);
  }
  step(kRelatedProceduresFile);

  BundleSources sources{std::move(settlements.source),     std::move(districts.source),
                        std::move(joint_offices.source),   std::move(office_codes.source),
                        std::move(offices.source),         std::move(procedures.source),
                        std::move(forms.source),           std::move(visits.source),
                        std::move(closures.source),        std::move(local_procedures.source),
                        std::move(variants.source),        std::move(guides.source),
                        std::move(joint_offices.records),  std::move(office_codes.records),
                        std::move(search_synonyms.source), std::move(best_bets.source)};
  auto cross = validate_bundle(bundle, sources);
  problems.insert(problems.end(), cross.begin(), cross.end());
  step(kValidationStep);
  return result;
}

}  // namespace ugk::importers
