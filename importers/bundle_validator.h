// Checks over a fully read bundle (data/README.md, "Validation"): every record against the shared
// record rules of kb/validation.h, plus what only a whole register can tell (settlement counts per
// district, joint-office member lists, office-code counts, procedure-form links in both directions). Each check runs
// only when the files it needs could be read, so one unreadable file does not bury the report under consequential
// errors. Pure; thread-safe.
#pragma once

#include <vector>

#include "importers/ksh_reader.h"
#include "importers/problem.h"
#include "importers/source_info.h"
#include "kb/model.h"
#include "kb/record_kind.h"

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
  SourceInfo local_procedures;  // optional file: usable only when present
  SourceInfo variants;          // optional file: usable only when present
  SourceInfo guides;            // optional file: usable only when present
  std::vector<JointOffice> joint_office_rows;
  std::vector<OfficeCodeCount> office_code_rows;
  SourceInfo search_synonyms;  // optional file: usable only when present
  SourceInfo best_bets;        // optional file: usable only when present

  // The source of a record kind's records; nullptr for kinds without one (calendar days).
  const SourceInfo* of(kb::RecordKind kind) const;
};

std::vector<Problem> validate_bundle(const kb::Bundle& bundle, const BundleSources& sources);

}  // namespace ugk::importers
