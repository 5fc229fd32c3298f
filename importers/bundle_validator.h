// Cross-reference checks over a fully read bundle (data/README.md, "Validation"): office ids against
// kinds and KSH office codes, references between offices, settlements, districts, procedures,
// forms, visits and closures. Each check runs only when the files it needs could be read, so one
// unreadable file does not bury the report under consequential errors. Pure; thread-safe.
#pragma once

#include <vector>

#include "importers/ksh_reader.h"
#include "importers/problem.h"
#include "importers/source_info.h"
#include "kb/model.h"

namespace ugk::importers {

// Where the records of `bundle` came from.
struct BundleSources {
  SourceInfo settlements;
  SourceInfo districts;
  SourceInfo joint_offices;
  SourceInfo office_codes;
  SourceInfo offices;  // offices.json; derived offices have no line there
  SourceInfo procedures;
  SourceInfo forms;
  SourceInfo visits;
  SourceInfo closures;
  std::vector<JointOffice> joint_office_rows;
  std::vector<OfficeCodeCount> office_code_rows;
};

std::vector<Problem> validate_bundle(const kb::Bundle& bundle, const BundleSources& sources);

}  // namespace ugk::importers
