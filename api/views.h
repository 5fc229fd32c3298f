// JSON representations of domain results for the API (the record codec lives in kb/json_codec.h).
#pragma once

#include <nlohmann/json.hpp>

#include "kb/catalog.h"
#include "kb/routing.h"
#include "service/knowledge_service.h"

namespace ugk::api {

nlohmann::json settlement_summary(const kb::Catalog& catalog, const kb::Settlement& settlement);
nlohmann::json office_summary(const kb::Office& office);
nlohmann::json procedure_summary(const kb::Procedure& procedure);
// Sets `reason` (the Hungarian sentence of kb/wording_hu.h), `reason_code` and `reason_params` (the ids
// and values the sentence speaks of) on a routed office or visit object.
void add_reason(nlohmann::json& object, const kb::Catalog& catalog, const kb::Reason& reason);
nlohmann::json route_view(const kb::Catalog& catalog, const kb::Route& route);

}  // namespace ugk::api
