#include "api/endpoints.h"
#include "api/openapi_document.h"
#include "api/problem.h"
#include "api/responses.h"

namespace ugk::api {

using nlohmann::json;

void add_system_routes(RouteTable& table, const service::KnowledgeService& service) {
  table.get("/healthz", [](const Request&) { return json_response({{"status", "ok"}}); });

  table.get("/readyz", [&service](const Request&) {
    const service::Readiness r = service.readiness();
    json versions{{"store_version", r.store_version},
                  {"catalog_version", r.catalog_version},
                  {"index_version", r.index_version ? json(*r.index_version) : json(nullptr)}};
    if (!r.ready)
      throw ApiError(Problem{503, "not-ready", "A szolgáltatás nem kész", r.detail, std::nullopt, versions});
    versions["status"] = "ready";
    return json_response(versions);
  });

  table.get("/openapi.json", [](const Request&) {
    Response response;
    response.body = kOpenApiDocument;
    return response;
  });
}

RouteTable make_route_table(service::KnowledgeService& service, const WriteOptions& write_options,
                            const QualityOptions& quality_options) {
  RouteTable table;
  add_system_routes(table, service);
  add_search_routes(table, service, quality_options.analytics);
  add_routing_routes(table, service, quality_options.quality);
  add_guide_routes(table, service);
  add_record_routes(table, service, quality_options.quality);
  add_hours_routes(table, service);
  add_calendar_routes(table, service);
  add_page_routes(table, service);
  add_hsds_routes(table, service);
  add_snapshot_routes(table, service);
  add_static_routes(table);
  add_write_routes(table, service, write_options);
  add_quality_routes(table, service, quality_options);
  return table;
}

}  // namespace ugk::api
