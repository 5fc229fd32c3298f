// The office structure of data/README.md §3: district, mayor's and joint offices derived from the
// KSH register, then overlaid with the detail records of offices.json. Pure functions; thread-safe.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "importers/problem.h"
#include "kb/model.h"

namespace ugk::importers {

inline constexpr std::string_view kOfficesFile = "offices.json";

// jh-<district> for every district, ph-<ksh> for every office_code 1 settlement (Budapest and its
// districts included), koh-<ksh> for every office_code 2 settlement. Sorted by id. A district
// without a seat settlement is reported (and its office gets no settlement_ksh).
std::vector<kb::Office> derive_offices(const std::vector<kb::Settlement>& settlements,
                                       const std::vector<kb::District>& districts, std::vector<Problem>& problems);

// Overlays the detail records (unique ids): a record with a derived id replaces the derived office
// (derived = false); other ids are added. Returns the offices sorted by id.
std::vector<kb::Office> merge_office_details(std::vector<kb::Office> derived, const std::vector<kb::Office>& details);

// "XIV" for 14; the Budapest district numbers are 1-23.
std::string roman_numeral(int value);

}  // namespace ugk::importers
