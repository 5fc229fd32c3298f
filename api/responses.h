// Small helpers shared by the endpoint groups.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "api/http_types.h"
#include "kb/catalog.h"

namespace ugk::api {

Response json_response(const nlohmann::json& body, int status = 200);

// Adds the record's version as its ETag (the value If-Match must carry to change it).
Response with_etag(Response response, std::int64_t version);

// The ":name" segment of the matched route; empty if absent.
const std::string& path_param(const Request& request, const std::string& name);

nlohmann::json settlement_list(const kb::Catalog& catalog, const std::vector<const kb::Settlement*>& settlements);

// Resolves a settlement parameter to one place, or throws 300 (candidates) / 404 (suggestions).
const kb::Settlement& resolve_settlement_param(const kb::Catalog& catalog, const std::string& field,
                                               const std::string& input);

}  // namespace ugk::api
