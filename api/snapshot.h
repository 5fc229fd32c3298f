// A compact, self-contained snapshot of the knowledge base for one district: what the field app
// stores for offline use (search and routing in the browser with no network).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "kb/catalog.h"

namespace ugk::api {

// Everything needed to answer "which office, what to bring, when open" for the district's
// settlements: procedures (without long texts), forms, the offices involved, visits, the
// settlements, and the competent offices of each settlement per authority, computed here by
// kb::route_by_authority so that the browser only joins them (the competence rules stay in one
// place), with every text already worded by kb/wording_hu and hours/ (reasons, territory hints,
// central authorities, opening hours).
// Precondition: `district_code` names a district of the catalog.
nlohmann::json district_snapshot(const kb::Catalog& catalog, const std::string& district_code,
                                 const std::string& generated_at);

}  // namespace ugk::api
