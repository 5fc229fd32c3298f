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
nlohmann::json route_view(const kb::Catalog& catalog, const kb::Route& route);

}  // namespace ugk::api
