#include "importers/supplement_reader.h"

#include <map>
#include <set>
#include <string>
#include <utility>

#include "importers/csv_reader.h"
#include "kb/formats.h"
#include "kb/office_contact.h"

namespace ugk::importers {
namespace {

// Bounds of one row: the codec bounds the record texts, these keep a problem message short.
constexpr std::size_t kMaxAddressBytes = 300;
constexpr std::size_t kMaxNoteBytes = 1000;

template <typename T>
std::map<std::string, T*, std::less<>> by_id(std::vector<T>& records) {
  std::map<std::string, T*, std::less<>> index;
  for (T& record : records) index.emplace(record.id, &record);
  return index;
}

}  // namespace

void merge_registered_addresses(std::string_view csv, std::vector<kb::Office>& offices, bool report_unknown_offices,
                                std::vector<Problem>& problems) {
  const std::string file(kRegisteredAddressesFile);
  CsvParseResult parsed = parse_csv(csv, file, {"office_id", "postal_code", "address", "pir_number", "as_of"});
  problems.insert(problems.end(), parsed.problems.begin(), parsed.problems.end());
  if (!parsed.usable) return;
  auto index = by_id(offices);
  std::set<std::string, std::less<>> seen;
  for (const CsvRecord& record : parsed.table.records) {
    const CsvRow row(parsed.table, record);
    const std::string& id = row["office_id"];
    std::vector<Problem> row_problems;
    const auto fail = [&](std::string_view column, std::string message) {
      row_problems.push_back({file, "office_id=" + id, row.line(), std::string(column), std::move(message)});
    };
    auto it = index.find(id);
    if (it == index.end() && !report_unknown_offices) continue;
    if (it == index.end()) {
      fail("office_id", "ismeretlen hivatal (unknown office): \"" + id + "\"");
    } else if (it->second->kind != kb::OfficeKind::kMayorsOffice && it->second->kind != kb::OfficeKind::kJointOffice) {
      fail("office_id", "csak polgármesteri vagy közös önkormányzati hivatal címe (only mayor's and joint offices)");
    }
    if (!seen.insert(id).second) fail("office_id", "ismétlődő hivatal (duplicate office)");
    if (!kb::is_digits(row["postal_code"], 4)) {
      fail("postal_code", "négyjegyű irányítószám szükséges (expected a 4-digit postal code)");
    }
    const std::string& address = row["address"];
    if (address.empty() || address.size() > kMaxAddressBytes) {
      fail("address", "üres vagy túl hosszú cím, legfeljebb " + std::to_string(kMaxAddressBytes) +
                          " bájt (empty or too long address)");
    } else if (!address.starts_with(row["postal_code"] + " ")) {
      fail("address", "a cím nem az irányítószámmal kezdődik (the address does not start with the postal code)");
    }
    if (!kb::is_valid_date(row["as_of"])) fail("as_of", "érvénytelen dátum, ÉÉÉÉ-HH-NN szükséges (invalid date)");
    if (!row["pir_number"].empty() && !kb::is_digits(row["pir_number"], row["pir_number"].size())) {
      fail("pir_number", "csak számjegyek (digits only)");
    }
    if (!row_problems.empty()) {
      problems.insert(problems.end(), row_problems.begin(), row_problems.end());
      continue;
    }
    kb::Office& office = *it->second;
    if (office.address) continue;  // the office's own address wins
    office.registered_address =
        kb::RegisteredAddress{row["postal_code"], address, std::string(kb::kPirRegister), row["as_of"],
                              row["pir_number"].empty() ? kb::OptString() : kb::OptString(row["pir_number"])};
  }
}

void merge_related_procedures(std::string_view csv, std::vector<kb::Procedure>& procedures,
                              std::vector<kb::Procedure>& local_procedures,
                              const std::set<std::string, std::less<>>& unreadable, std::vector<Problem>& problems) {
  const std::string file(kRelatedProceduresFile);
  CsvParseResult parsed = parse_csv(csv, file, {"procedure_id", "related_procedure_id", "note"});
  problems.insert(problems.end(), parsed.problems.begin(), parsed.problems.end());
  if (!parsed.usable) return;
  auto index = by_id(procedures);
  for (auto& [id, p] : by_id(local_procedures)) index.emplace(id, p);
  std::set<std::pair<std::string, std::string>> seen;
  for (const CsvRecord& record : parsed.table.records) {
    const CsvRow row(parsed.table, record);
    const std::string& from = row["procedure_id"];
    const std::string& to = row["related_procedure_id"];
    const std::string& note = row["note"];
    if (unreadable.contains(from) || unreadable.contains(to)) continue;
    std::vector<Problem> row_problems;
    const auto fail = [&](std::string_view column, std::string message) {
      row_problems.push_back({file, "procedure_id=" + from, row.line(), std::string(column), std::move(message)});
    };
    auto source = index.find(from);
    if (source == index.end()) fail("procedure_id", "ismeretlen ügy (unknown procedure): \"" + from + "\"");
    if (!index.contains(to)) fail("related_procedure_id", "ismeretlen ügy (unknown procedure): \"" + to + "\"");
    if (from == to)
      fail("related_procedure_id", "egy ügy nem kapcsolódhat önmagához (a procedure cannot be related to itself)");
    if (!seen.emplace(from, to).second) fail("related_procedure_id", "ismétlődő sor (duplicate row)");
    if (note.size() > kMaxNoteBytes) {
      fail("note", "túl hosszú, legfeljebb " + std::to_string(kMaxNoteBytes) + " bájt (too long)");
    }
    if (!row_problems.empty()) {
      problems.insert(problems.end(), row_problems.begin(), row_problems.end());
      continue;
    }
    source->second->related.push_back({to, note.empty() ? kb::OptString() : kb::OptString(note)});
  }
}

}  // namespace ugk::importers
