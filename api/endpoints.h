// The API's endpoint groups. Each group lives in its own file and adds its routes to the table;
// handlers are plain functions of (request) -> response that throw ApiError for bad input.
#pragma once

#include "api/route_table.h"
#include "service/knowledge_service.h"

namespace ugk::api {

void add_system_routes(RouteTable& table, const service::KnowledgeService& service);   // healthz, readyz, openapi
void add_search_routes(RouteTable& table, const service::KnowledgeService& service);   // /v1/search
void add_routing_routes(RouteTable& table, const service::KnowledgeService& service);  // /v1/route
void add_record_routes(RouteTable& table, const service::KnowledgeService& service);   // /v1/{kind}/{id}

// Every route of the API.
RouteTable make_route_table(const service::KnowledgeService& service);

}  // namespace ugk::api
