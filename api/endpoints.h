// The API's endpoint groups. Each group lives in its own file and adds its routes to the table;
// handlers are plain functions of (request) -> response that throw ApiError for bad input.
#pragma once

#include "api/metrics.h"
#include "api/rate_limiter.h"
#include "api/route_table.h"
#include "service/knowledge_service.h"
#include "service/quality_service.h"
#include "service/search_analytics.h"

namespace ugk::api {

void add_system_routes(RouteTable& table, const service::KnowledgeService& service);  // healthz, readyz, openapi
// /v1/search, /v1/suggest; searches with a `surface` are counted in `analytics` when given.
void add_search_routes(RouteTable& table, const service::KnowledgeService& service,
                       service::SearchAnalytics* analytics = nullptr);
void add_routing_routes(RouteTable& table, const service::KnowledgeService& service,
                        const service::QualityService* quality = nullptr);  // /v1/route
void add_record_routes(RouteTable& table, const service::KnowledgeService& service,
                       const service::QualityService* quality = nullptr);            // /v1/{kind}/{id}
void add_guide_routes(RouteTable& table, const service::KnowledgeService& service);  // /v1/guides, answers
void add_hours_routes(RouteTable& table, const service::KnowledgeService& service);  // opening hours, status, overlap
void add_calendar_routes(RouteTable& table, const service::KnowledgeService& service);  // iCalendar feeds, visits
void add_page_routes(RouteTable& table, const service::KnowledgeService& service);      // HTML pages, sitemap.xml
void add_hsds_routes(RouteTable& table, const service::KnowledgeService& service);      // /hsds: Open Referral HSDS 3.0
void add_snapshot_routes(RouteTable& table, const service::KnowledgeService& service);  // /v1/snapshot
void add_static_routes(RouteTable& table);  // the web app and widget: /, /widget.js, /app.js, /sw.js, ...

// Limits of the editing API.
struct WriteOptions {
  std::size_t max_body_bytes = 256 * 1024;  // larger bodies get 413
  RateLimits limits;
  Metrics* metrics = nullptr;  // counts writes and refusals when given
};
// Create/replace/patch/delete, history, verification, staleness, change feed.
void add_write_routes(RouteTable& table, service::KnowledgeService& service, const WriteOptions& options);

// Service quality (issue 13): what the feedback, report, link and metrics routes share.
struct QualityOptions {
  service::QualityService* quality = nullptr;     // none: the routes answer 503
  service::SearchAnalytics* analytics = nullptr;  // none: searches and opened results are not counted
  Metrics* metrics = nullptr;                     // none: /metrics shows only the gauges
  RateLimits feedback_limits{10, std::chrono::seconds(60), std::chrono::seconds(60), 0.1, 5};  // per client
  RateLimits open_limits{10, std::chrono::seconds(60), std::chrono::seconds(60), 1.0, 30};     // per client
  RateLimits auth_limits;  // failed authentications of the report (max_auth_failures, as the editing API)
};
// POST /v1/feedback, POST /v1/analytics/opens, GET /v1/reports/quality, GET /metrics.
void add_quality_routes(RouteTable& table, service::KnowledgeService& service, const QualityOptions& options);
// Lists under "broken_links" every link of an answer whose latest check found it broken, and marks
// each checked link with "<field>_status" (ok, caution, broken) beside its address — everywhere, or
// only inside the top-level member `mark_only_under` (a record's own fields stay as stored, so that
// its document can be sent back in a PUT).
void flag_broken_links(nlohmann::json& answer, const service::QualityService* quality,
                       const char* mark_only_under = nullptr);

// Every route of the API.
RouteTable make_route_table(service::KnowledgeService& service, const WriteOptions& write_options = {},
                            const QualityOptions& quality_options = {});

}  // namespace ugk::api
