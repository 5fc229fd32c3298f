// The office sheet: an office's hours, contacts and visits as one CSV for a spreadsheet, and the plan
// of what an edited sheet changes. One row per record (`record` = office or visit, `id`, `version`, then
// the fields); an empty cell is null. Export writes what Hungarian-locale spreadsheets open directly
// (UTF-8 with BOM, `;`, CRLF); import also reads `,` files and files without BOM or with LF.
//
// plan_sheet_import validates the whole file before anything is written (all-or-nothing): every
// problem with its line and column; otherwise one merge patch per changed record, with the version the
// file was exported at as its precondition. Thread-safety: pure functions of their arguments.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "kb/api_key_record.h"
#include "kb/catalog.h"
#include "kb/record_kind.h"

namespace ugk::service {

// The sheet's columns, in order.
const std::vector<std::string>& sheet_columns();

// The rows of `offices` and their visits.
std::string export_sheet(const kb::Catalog& catalog, const std::vector<const kb::Office*>& offices);

struct SheetProblem {
  std::size_t line = 0;  // 1-based line of the file
  std::string column;    // empty when the whole row or file is at fault
  std::string message;   // Hungarian
};

struct SheetChange {
  kb::RecordKind kind;
  std::string id;
  std::int64_t version = 0;  // the version the row was exported at
  nlohmann::json merge_patch;
};

struct SheetPlan {
  std::vector<SheetProblem> problems;
  std::vector<SheetChange> changes;  // empty when there are problems
  std::size_t rows = 0;
};

SheetPlan plan_sheet_import(const kb::Catalog& catalog, const kb::ApiKeyRecord& key, std::string_view text);

}  // namespace ugk::service
