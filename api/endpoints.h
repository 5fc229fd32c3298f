// The API's endpoints as plain functions of (request) -> response over the knowledge service.
// Each throws ApiError for bad input; `dispatch` turns that (and anything unexpected) into problem
// details, so errors are handled in exactly one place.
#pragma once

#include <string>
#include <vector>

#include "api/http_types.h"
#include "service/knowledge_service.h"

namespace ugk::api {

class Endpoints {
 public:
  explicit Endpoints(const service::KnowledgeService& service) : service_(service) {}

  Response healthz(const Request& request) const;
  Response readyz(const Request& request) const;
  Response openapi(const Request& request) const;
  Response search(const Request& request) const;
  Response route(const Request& request) const;
  Response procedures(const Request& request) const;
  Response procedure(const Request& request) const;
  Response office(const Request& request) const;
  Response form(const Request& request) const;
  Response district(const Request& request) const;
  Response settlement(const Request& request) const;
  Response settlements(const Request& request) const;

 private:
  const service::KnowledgeService& service_;
};

using Handler = Response (Endpoints::*)(const Request&) const;

struct RouteSpec {
  const char* pattern;  // Pistache syntax: "/v1/offices/:id"
  Handler handler;
};

// Every GET route of the API; the server registers exactly these.
const std::vector<RouteSpec>& route_table();

// Runs a handler with the single error boundary: ApiError -> its problem, anything else -> 500.
Response dispatch(const Endpoints& endpoints, Handler handler, const Request& request);

}  // namespace ugk::api
