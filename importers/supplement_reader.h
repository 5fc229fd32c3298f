// Optional bundle files that add to records read from other files (data/README.md):
//   office_addresses_pir2013.csv  seat addresses of the state register, attached to offices with no
//                                 address of their own (an address in offices.json always wins);
//   related_procedures.csv        cases that go together (a death -> the probate), attached to the
//                                 procedure they follow from; domain experts extend this list.
// Every bad row is reported with file, line and column and left out. Pure functions; thread-safe.
#pragma once

#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "importers/problem.h"
#include "kb/model.h"

namespace ugk::importers {

inline constexpr std::string_view kRegisteredAddressesFile = "office_addresses_pir2013.csv";
inline constexpr std::string_view kRelatedProceduresFile = "related_procedures.csv";

// Rows name mayor's (ph-) or joint (koh-) offices of `offices`; offices with an own address keep it.
// Rows naming an unknown office are reported only when `report_unknown_offices` (false when the office
// structure is incomplete because settlement rows were malformed).
void merge_registered_addresses(std::string_view csv, std::vector<kb::Office>& offices, bool report_unknown_offices,
                                std::vector<Problem>& problems);

// Rows name two different procedures of `procedures` or `local_procedures`, each pair once. Rows
// naming an id of `unreadable` (records already reported as malformed) are left out unreported.
void merge_related_procedures(std::string_view csv, std::vector<kb::Procedure>& procedures,
                              std::vector<kb::Procedure>& local_procedures,
                              const std::set<std::string, std::less<>>& unreadable, std::vector<Problem>& problems);

}  // namespace ugk::importers
