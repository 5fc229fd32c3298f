#include "api/responses.h"

#include "api/problem.h"
#include "api/views.h"

namespace ugk::api {

using nlohmann::json;

Response json_response(const json& body, int status) {
  Response response;
  response.status = status;
  response.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
  return response;
}

Response with_etag(Response response, std::int64_t version) {
  response.headers.emplace_back("ETag", "\"" + std::to_string(version) + "\"");
  return response;
}

const std::string& path_param(const Request& request, const std::string& name) {
  static const std::string kEmpty;
  auto it = request.path_params.find(name);
  return it == request.path_params.end() ? kEmpty : it->second;
}

json settlement_list(const kb::Catalog& catalog, const std::vector<const kb::Settlement*>& settlements) {
  json out = json::array();
  for (const kb::Settlement* s : settlements) out.push_back(settlement_summary(catalog, *s));
  return out;
}

const kb::Settlement& resolve_settlement_param(const kb::Catalog& catalog, const std::string& field,
                                               const std::string& input) {
  kb::SettlementLookup lookup = catalog.resolve_settlement(input);
  if (lookup.found()) return *lookup.match;
  if (lookup.ambiguous()) {
    throw ApiError(Problem{300, "ambiguous-settlement", "Több település is megfelel",
                           "A(z) „" + input + "” több településre illik; válasszon a jelöltek közül.", field,
                           json{{"candidates", settlement_list(catalog, lookup.candidates)}}});
  }
  throw ApiError(Problem{404, "unknown-settlement", "Ismeretlen település",
                         "Nincs „" + input + "” nevű, KSH-kódú vagy irányítószámú település.", field,
                         json{{"candidates", settlement_list(catalog, catalog.find_settlements(input, 10))}}});
}

}  // namespace ugk::api
