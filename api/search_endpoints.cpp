#include "api/endpoints.h"
#include "api/params.h"
#include "api/problem.h"
#include "api/responses.h"

namespace ugk::api {

using nlohmann::json;

void add_search_routes(RouteTable& table, const service::KnowledgeService& service) {
  table.get("/v1/search", [&service](const Request& request) {
    search::SearchRequest query;
    query.text = required_text(request, "q");
    if (auto type = optional_text(request, "type")) {
      auto parsed = search::parse_doc_type(*type);
      if (!parsed) throw bad_parameter("type", "A „type” értéke procedure, form vagy office lehet.");
      query.type = parsed;
    }
    query.limit = bounded_count(request, "limit", 10, 1, 100);
    query.offset = bounded_count(request, "offset", 0, 0, 10000);
    const search::SearchResult result = service.search(query);
    json results = json::array();
    for (const auto& hit : result.hits) {
      results.push_back({{"type", search::to_string(hit.type)},
                         {"id", hit.id},
                         {"title", hit.title},
                         {"snippet", hit.snippet},
                         {"score", hit.score}});
    }
    return json_response({{"total", result.total}, {"results", results}});
  });
}

}  // namespace ugk::api
