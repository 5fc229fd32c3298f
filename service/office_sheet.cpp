#include "service/office_sheet.h"

#include <algorithm>
#include <map>
#include <set>

#include "auth/policy.h"
#include "importers/csv_reader.h"
#include "service/editing_service.h"

namespace ugk::service {
namespace {

using kb::RecordKind;
using nlohmann::json;

constexpr std::string_view kBom = "\xEF\xBB\xBF";
const std::vector<std::string> kOfficeFields{"phone",   "email",         "website",           "postal_code",
                                             "address", "opening_hours", "opening_hours_note"};
const std::vector<std::string> kVisitFields{"place", "schedule", "note"};
const std::vector<std::string> kReadOnly{"name"};  // shown so people know the row; changed only by admins elsewhere

bool contains(const std::vector<std::string>& list, std::string_view item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

std::string cell(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_null()) return {};
  return value.dump();
}

std::string quoted(const std::string& text) {
  const bool needs = text.find_first_of(";,\"\r\n") != std::string::npos ||
                     (!text.empty() && (text.front() == ' ' || text.back() == ' '));
  if (!needs) return text;
  std::string out = "\"";
  for (const char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

void row(std::string& out, const std::vector<std::string>& cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) out += (i ? ";" : "") + quoted(cells[i]);
  out += "\r\n";
}

}  // namespace

const std::vector<std::string>& sheet_columns() {
  static const std::vector<std::string> kColumns = [] {
    std::vector<std::string> c{"record", "id", "version", "name"};
    c.insert(c.end(), kOfficeFields.begin(), kOfficeFields.end());
    c.insert(c.end(), kVisitFields.begin(), kVisitFields.end());
    return c;
  }();
  return kColumns;
}

std::string export_sheet(const kb::Catalog& catalog, const std::vector<const kb::Office*>& offices) {
  std::string out(kBom);
  row(out, sheet_columns());
  for (const kb::Office* office : offices) {
    const json doc = *catalog.document(RecordKind::kOffice, office->id);
    std::vector<std::string> cells{"office", office->id,
                                   std::to_string(catalog.record_version(RecordKind::kOffice, office->id)),
                                   cell(doc.value("name", json()))};
    for (const std::string& f : kOfficeFields) cells.push_back(cell(doc.value(f, json())));
    cells.resize(sheet_columns().size());
    row(out, cells);
    for (const kb::Visit* visit : catalog.visits_by(office->id)) {
      const json v = *catalog.document(RecordKind::kVisit, visit->id);
      std::vector<std::string> vcells{"visit", visit->id,
                                      std::to_string(catalog.record_version(RecordKind::kVisit, visit->id)), ""};
      vcells.resize(4 + kOfficeFields.size());
      for (const std::string& f : kVisitFields) vcells.push_back(cell(v.value(f, json())));
      row(out, vcells);
    }
  }
  return out;
}

SheetPlan plan_sheet_import(const kb::Catalog& catalog, const kb::ApiKeyRecord& key, std::string_view text) {
  SheetPlan plan;
  const auto parsed =
      importers::parse_csv(text, "sheet", {"record", "id", "version"}, importers::detect_separator(text));
  for (const auto& p : parsed.problems) plan.problems.push_back({p.line.value_or(1), p.field, p.message});
  if (!parsed.usable) return plan;
  for (const std::string& column : parsed.table.header) {
    if (!contains(sheet_columns(), column)) plan.problems.push_back({1, column, "ismeretlen oszlop"});
  }
  std::set<std::string> seen;
  for (const importers::CsvRecord& record : parsed.table.records) {
    ++plan.rows;
    const importers::CsvRow r(parsed.table, record);
    auto problem = [&](const std::string& column, const std::string& message) {
      plan.problems.push_back({record.line, column, message});
    };
    const std::string& what = r["record"];
    const RecordKind kind = what == "visit" ? RecordKind::kVisit : RecordKind::kOffice;
    if (what != "office" && what != "visit") {
      problem("record", "a „record” értéke office vagy visit lehet");
      continue;
    }
    const std::string& id = r["id"];
    const auto before = catalog.document(kind, id);
    if (!before) {
      problem("id", "nincs „" + id + "” azonosítójú " + (kind == RecordKind::kVisit ? "látogatás" : "hivatal"));
      continue;
    }
    if (!seen.insert(what + "/" + id).second) {
      problem("id", "a rekord többször szerepel a fájlban");
      continue;
    }
    const std::int64_t current = catalog.record_version(kind, id);
    if (r["version"] != std::to_string(current)) {
      problem("version", "a rekord a letöltés óta megváltozott (jelenlegi változat: " + std::to_string(current) +
                             "); töltse le újra a táblázatot");
      continue;
    }
    const std::vector<std::string>& editable = kind == RecordKind::kVisit ? kVisitFields : kOfficeFields;
    json patch = json::object();
    bool row_ok = true;
    for (std::size_t c = 0; c < parsed.table.header.size(); ++c) {
      const std::string& column = parsed.table.header[c];
      if (column == "record" || column == "id" || column == "version" || !contains(sheet_columns(), column)) continue;
      const std::string& value = record.fields[c];
      const json now = value.empty() ? json(nullptr) : json(value);
      if (contains(editable, column)) {
        if (before->value(column, json()) != now) patch[column] = now;
      } else if (kind == RecordKind::kOffice && contains(kReadOnly, column)) {
        if (before->value(column, json()) != now) {
          problem(column, "ez a mező itt nem módosítható");
          row_ok = false;
        }
      } else if (!value.empty()) {
        problem(column, "ez az oszlop nem tartozik ehhez a rekordfajtához; hagyja üresen");
        row_ok = false;
      }
    }
    if (!row_ok || patch.empty()) continue;
    json after = *before;
    after.merge_patch(patch);
    const Validated validated = validate_document(kind, after, catalog, *before);
    for (const kb::Issue& issue : validated.issues) {
      problem(contains(sheet_columns(), issue.field) ? issue.field : "", issue.message);
    }
    if (!validated.issues.empty()) continue;
    if (!auth::decide(key, kind, *before, after).allowed) {
      problem("id", "ezt a rekordot ezzel a kulccsal nem lehet módosítani");
      continue;
    }
    plan.changes.push_back({kind, id, current, patch});
  }
  if (!plan.problems.empty()) plan.changes.clear();
  return plan;
}

}  // namespace ugk::service
