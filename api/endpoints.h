// The API's endpoint groups. Each group lives in its own file and adds its routes to the table;
// handlers are plain functions of (request) -> response that throw ApiError for bad input.
#pragma once

#include "api/rate_limiter.h"
#include "api/route_table.h"
#include "service/knowledge_service.h"

namespace ugk::api {

void add_system_routes(RouteTable& table, const service::KnowledgeService& service);   // healthz, readyz, openapi
void add_search_routes(RouteTable& table, const service::KnowledgeService& service);   // /v1/search, /v1/suggest
void add_routing_routes(RouteTable& table, const service::KnowledgeService& service);  // /v1/route
void add_guide_routes(RouteTable& table, const service::KnowledgeService& service);    // /v1/guides, answers
void add_record_routes(RouteTable& table, const service::KnowledgeService& service);   // /v1/{kind}/{id}
void add_hours_routes(RouteTable& table, const service::KnowledgeService& service);    // opening hours, status, overlap
void add_calendar_routes(RouteTable& table, const service::KnowledgeService& service);  // iCalendar feeds, visits
void add_page_routes(RouteTable& table, const service::KnowledgeService& service);      // HTML pages, sitemap.xml
void add_hsds_routes(RouteTable& table, const service::KnowledgeService& service);      // /hsds: Open Referral HSDS 3.0
void add_snapshot_routes(RouteTable& table, const service::KnowledgeService& service);  // /v1/snapshot
void add_static_routes(RouteTable& table);  // the web app and widget: /, /widget.js, /app.js, /sw.js, ...

// Limits of the editing API.
struct WriteOptions {
  std::size_t max_body_bytes = 256 * 1024;  // larger bodies get 413
  RateLimits limits;
};
// Create/replace/patch/delete, history, verification, staleness, change feed.
void add_write_routes(RouteTable& table, service::KnowledgeService& service, const WriteOptions& options);

// Every route of the API.
RouteTable make_route_table(service::KnowledgeService& service, const WriteOptions& write_options = {});

}  // namespace ugk::api
